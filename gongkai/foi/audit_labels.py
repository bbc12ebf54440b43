"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "foi.submit_online": _("网上提交申请"),
    "foi.register": _("登记申请"),
    "foi.import": _("导入历史申请"),
    "foi.import_file": _("导入申请文件"),
    "foi.assign": _("指定承办人"),
    "foi.request_supplement": _("告知补正"),
    "foi.record_supplement": _("收到补正材料"),
    "foi.close_abandoned": _("逾期未补正，视为放弃"),
    "foi.start_consultation": _("征求第三方或其他机关意见"),
    "foi.consultation_receipt": _("记录征求意见书送达"),
    "foi.end_consultation": _("结束征求意见"),
    "foi.delay_reply": _("延迟答复（条例第三十五条）"),
    "foi.extend": _("延长答复期限"),
    "foi.notify_fee": _("发出收费通知"),
    "foi.record_fee_service": _("记录收费通知送达"),
    "foi.record_fee_paid": _("收到信息处理费"),
    "foi.close_unpaid": _("逾期未缴费，视为放弃"),
    "foi.draft_reply": _("起草答复"),
    "foi.return_reply": _("退回答复"),
    "foi.approve_reply": _("审核答复并办结"),
    "foi.split": _("拆分申请"),
    "foi.split_part": _("由拆分生成的申请"),
    "foi.remedy_added": _("登记行政复议或诉讼"),
    "foi.remedy_result": _("记录复议或诉讼结果"),
    "foi.due_recomputed": _("节假日调整后重算答复期限"),
}
