"""Labels of this app's audit action codes (collected by gongkai/audit/labels.py)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "supervision.scheme.save": _("保存考核方案"),
    "supervision.task.open": _("交办"),
    "supervision.task.answer": _("反馈整改情况"),
    "supervision.task.accept": _("验收通过"),
    "supervision.task.return": _("退回重新整改"),
    "supervision.task.escalate": _("整改逾期，提级督办"),
    "supervision.circular.record": _("印发通报"),
    "supervision.progress_report.saved": _("保存工作进展报告"),
    "supervision.progress_report.submitted": _("报送工作进展报告"),
    "supervision.progress_report.accepted": _("工作进展报告通过"),
    "supervision.progress_report.returned": _("工作进展报告退回"),
    "supervision.work_task.added": _("新增工作任务"),
    "supervision.work_task.progress": _("记录工作任务进展"),
    "supervision.meeting.recorded": _("记录会议培训"),
}
