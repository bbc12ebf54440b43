from gongkai.supervision.link_models import ExternalLink, LinkCheck
from gongkai.supervision.progress_models import ProgressReport, ReportStatus
from gongkai.supervision.work_models import MeetingKind, WorkMeeting, WorkTask

__all__ = [
    "ExternalLink",
    "LinkCheck",
    "MeetingKind",
    "ProgressReport",
    "ReportStatus",
    "WorkMeeting",
    "WorkTask",
]
