from gongkai.supervision.progress_models import ProgressReport, ReportStatus
from gongkai.supervision.work_models import MeetingKind, WorkMeeting, WorkTask

__all__ = ["MeetingKind", "ProgressReport", "ReportStatus", "WorkMeeting", "WorkTask"]
