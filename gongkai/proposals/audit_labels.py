"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "proposal.register": _("登记建议提案"),
    "proposal.set_deadline": _("调整建议提案答复期限"),
    "proposal.reply": _("答复建议提案"),
    "proposal.feedback": _("登记代表委员反馈意见"),
    "proposal.prepare_publication": _("确定建议提案办理结果公开方式"),
    "proposal.publish": _("公开建议提案办理结果"),
}
