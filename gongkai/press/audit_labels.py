"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "press.spokesperson.create": _("新增新闻发言人"),
    "press.spokesperson.update": _("修改新闻发言人"),
    "press.spokesperson.end_term": _("结束新闻发言人任期"),
    "press.event.plan": _("计划新闻发布活动"),
    "press.event.update": _("修改新闻发布活动"),
    "press.event.announce": _("预告新闻发布活动"),
    "press.event.close_questions": _("停止征集网民问题"),
    "press.event.hold": _("记录新闻发布活动已举行"),
    "press.event.cancel": _("取消新闻发布活动"),
    "press.event.transcript": _("录入发布会实录"),
    "press.event.publish": _("公开发布会实录"),
    "press.question.submit": _("网民提交访谈问题"),
    "press.question.moderate": _("审核访谈问题"),
    "press.question.answer": _("答复访谈问题"),
}
