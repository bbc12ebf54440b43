"""Demo: the annual reports on last year, published in January by every agency but the lagging
county (演示西县), so the ledger and the league table show who reported by 31 January.

Made through the report services; the publication is then dated to January as history would
have it (like the demo's imported records), and the ledger row follows."""

import datetime

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.obligations.services import sync
from gongkai.reports import services
from gongkai.reports.drafting import has_placeholder
from gongkai.reports.errors import ReportError
from gongkai.reports.models import AnnualReport, ReportDuty
from gongkai.reports.obligations import open_report_duties

OVERRIDE = "演示数据：部分数据由演示程序生成。"
# What a clerk writes where the draft leaves 【请填写…】 (drafting.py), in the order they come.
FILLED = [
    "严格执行信息发布审核制度，做到先审后发；按标准目录及时更新栏目内容。",
    "依托政府网站政府信息公开专栏集中发布，政务新媒体同步推送。",
    "将政务公开纳入年度考核，开展业务培训1次。",
]
PROBLEMS = "主动公开的及时性有待提高，个别栏目更新不及时。下一步将完善发布审核流程，按期更新。"


def load_annual_reports(*, skip: set[str], actor_of) -> None:
    """Publish last year's report for every active agency whose code is not in `skip`
    (idempotent); `actor_of(agency)` is who publishes it."""
    today = timezone.localdate()
    year = today.year - 1
    published_at = datetime.datetime(
        today.year, 1, 26, 10, 0, tzinfo=timezone.get_current_timezone()
    )
    for agency in Agency.objects.filter(is_active=True).order_by("code"):
        if agency.code in skip or AnnualReport.objects.filter(agency=agency, year=year).exists():
            continue
        actor = actor_of(agency)
        report = services.refresh_report(agency=agency, year=year, actor=actor)
        services.update_texts(
            report=report,
            actor=actor,
            overview=_filled(report.section_overview),
            problems=PROBLEMS,
            other=report.section_other or "无。",
        )
        try:
            report = services.publish_report(report=report, actor=actor, override_reason=OVERRIDE)
        except ReportError:
            continue  # the demo goes on; the report stays a draft the clerk can open
        AnnualReport.objects.filter(pk=report.pk).update(published_at=published_at)
        if report.published_document_id:
            type(report.published_document).objects.filter(pk=report.published_document_id).update(
                formed_on=published_at.date(),
                created_at=published_at,
                updated_at=published_at,
                published_at=published_at,
                is_late=False,
            )
            sync(report.published_document)
    open_report_duties(today=today)
    for duty in ReportDuty.objects.filter(year=year):
        sync(duty)


def _filled(draft: str) -> str:
    """The drafted overview with each placeholder line replaced by what the clerk wrote."""
    lines, answers = [], iter(FILLED)
    for line in draft.splitlines():
        lines.append(next(answers, "无。") if has_placeholder(line) else line)
    return "\n".join(lines)
