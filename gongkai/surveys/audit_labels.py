"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "survey.create": _("新建民意调查"),
    "survey.update": _("修改民意调查"),
    "survey.questions": _("修改民意调查题目"),
    "survey.open": _("发布民意调查"),
    "survey.close": _("结束民意调查"),
    "survey.respond": _("提交民意调查答卷"),
    "survey.review_text": _("审核民意调查文字回答"),
    "survey.publish_results": _("公布民意调查结果"),
    "survey.issue_codes": _("生成民意调查参与码"),
}
