"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "newmedia.procedure.request": _("申请开设、变更或注销政务新媒体"),
    "newmedia.procedure.approve": _("批准开设、变更或注销政务新媒体"),
    "newmedia.procedure.refuse": _("不批准开设、变更或注销政务新媒体"),
    "newmedia.procedure.file": _("政务新媒体开设、变更或注销报上级备案"),
    "newmedia.activity.entered": _("录入政务新媒体最近更新日期"),
    "newmedia.activity.feed": _("读取政务新媒体订阅源"),
    "newmedia.release.record": _("记录政务信息在新媒体发布"),
    "newmedia.release.takedown": _("记录新媒体已删除撤回的信息"),
}
