from gongkai.supervision.progress_models import ProgressReport, ReportStatus

__all__ = ["ProgressReport", "ReportStatus"]
