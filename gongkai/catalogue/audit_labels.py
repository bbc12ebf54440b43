"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "catalogue.created": _("建立公开目录"),
    "catalogue.derived": _("按标准目录生成本机关目录"),
    "catalogue.rederived": _("按标准目录新版本更新本机关目录"),
    "catalogue.item_added": _("新增目录事项"),
    "catalogue.item_updated": _("修改目录事项"),
    "catalogue.item_not_applicable": _("目录事项标为不适用"),
    "catalogue.item_restored": _("恢复目录事项"),
    "catalogue.filed": _("报上级备案"),
    "catalogue.accepted": _("备案通过"),
    "catalogue.returned": _("备案退回"),
    "catalogue.reopened": _("重新修订目录"),
    "catalogue.standard_category_created": _("新增标准目录类别"),
    "catalogue.standard_category_updated": _("修改标准目录类别"),
    "catalogue.standard_item_created": _("新增标准目录事项"),
    "catalogue.standard_item_updated": _("修改标准目录事项"),
}
