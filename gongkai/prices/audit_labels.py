"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "prices.list_create": _("新建价格清单"),
    "prices.import": _("导入价格清单"),
    "prices.item_save": _("修改价格项目"),
    "prices.item_delete": _("删除价格项目"),
    "prices.submit": _("提交价格清单审核"),
    "prices.return": _("退回价格清单"),
    "prices.publish": _("发布价格清单"),
    "prices.supersede": _("价格清单被新版本替代"),
    "prices.withdraw": _("撤回价格清单"),
}
