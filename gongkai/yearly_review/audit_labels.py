"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "yearly_review.open": _("发起年度自查"),
    "yearly_review.due_changed": _("调整自查完成期限"),
    "yearly_review.items_added": _("自查清单新增事项"),
    "yearly_review.decide": _("作出自查处理决定"),
    "yearly_review.complete": _("完成年度自查"),
    "yearly_review.request_draft": _("依申请集中的信息生成主动公开草稿"),
}
