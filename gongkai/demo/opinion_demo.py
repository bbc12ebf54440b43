"""Demo public-opinion events (舆情) of the demo county, made through the services so that
they obey every rule: a major event answered on time by a press conference and closed, a
general event overdue and still open, and one with verification requests on their own
24-hour clock. Times are set relative to now, so the clocks look alive whenever it runs."""

import datetime

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.participation import opinion_services as services
from gongkai.participation.models import OpinionEvent, ResponseKind, Severity

MARK = "【演示】"
HOUR = datetime.timedelta(hours=1)


def load_opinion_events(agency: Agency, user) -> None:
    """Create the three demo events once (idempotent)."""
    if OpinionEvent.objects.filter(agency=agency, title__startswith=MARK).exists():
        return
    now = timezone.now().replace(second=0, microsecond=0)

    # 1. Major, answered on time: a statement first, the press conference within 24 hours.
    first_seen = now - 5 * 24 * HOUR - 2.5 * HOUR
    major = services.record_opinion_event(
        agency=agency,
        actor=user,
        title=f"{MARK}网传县人民医院发生群体性食物中毒",
        source="social_media",
        source_detail="微博、短视频平台",
        link="https://example.org/demo/weibo/1",
        summary="网传县人民医院职工食堂就餐后多人腹痛送医，相关视频转发量迅速上升。",
        first_seen_at=first_seen,
        severity=Severity.GENERAL,
        responsible_unit="县人民医院（县卫健局医政医管股督办）",
        assessment="涉及多名就医人员，社会关注度高，需县卫健局统一发布信息。",
    )
    services.escalate(
        event=major,
        actor=user,
        to_severity=Severity.MAJOR,
        changed_at=first_seen + 1 * HOUR,
        reason="就医人数增至二十余人，按突发公共卫生事件处置，属重大舆情。",
    )
    services.record_response(
        event=major,
        actor=user,
        kind=ResponseKind.STATEMENT,
        responded_at=first_seen + 3 * HOUR,
        summary="发布情况通报：已组织救治，流行病学调查正在进行。",
    )
    services.record_response(
        event=major,
        actor=user,
        kind=ResponseKind.PRESS_CONFERENCE,
        responded_at=first_seen + 20 * HOUR,
        summary="召开新闻发布会，通报救治情况和初步调查结果，回答记者提问。",
    )
    services.record_response(
        event=major,
        actor=user,
        kind=ResponseKind.FOLLOW_UP,
        responded_at=first_seen + 70 * HOUR,
        summary="发布调查结论和整改措施。",
    )
    services.close_event(event=major, actor=user, closing_note="患者均已康复出院，舆情平息。")

    # 2. General, no response yet, past its 48 hours.
    services.record_opinion_event(
        agency=agency,
        actor=user,
        title=f"{MARK}网民反映乡镇卫生院夜间无人值班",
        source="hotline",
        source_detail="12345热线转办",
        summary="网民称某乡镇卫生院夜间急诊无人应答，延误就医。",
        first_seen_at=now - 60 * HOUR,
        severity=Severity.GENERAL,
        responsible_unit="某乡镇卫生院（县卫健局基层卫生股督办）",
    )

    # 3. General, with verification requests: one answered, one waiting.
    first_seen = now - 6 * HOUR
    checked = services.record_opinion_event(
        agency=agency,
        actor=user,
        title=f"{MARK}网传本县暂停新生儿疫苗接种",
        source="online_media",
        source_detail="本地新闻客户端",
        summary="有帖文称本县各接种点暂停新生儿疫苗接种，引发家长担忧。",
        first_seen_at=first_seen,
        severity=Severity.GENERAL,
        responsible_unit="县疾病预防控制中心",
    )
    answered = services.record_verification_request(
        event=checked,
        actor=user,
        requester="市融媒体中心",
        question="本县是否暂停新生儿疫苗接种？",
        requested_at=first_seen + 1 * HOUR,
    )
    services.answer_verification_request(
        request=answered,
        actor=user,
        answer="不属实。仅一个接种点因设备检修暂停半天，其余接种点正常服务。",
        answered_at=first_seen + 3 * HOUR,
    )
    services.record_verification_request(
        event=checked,
        actor=user,
        requester="市卫生健康委员会",
        question="请报告接种点设备检修情况及影响人数。",
        requested_at=first_seen + 5 * HOUR,
    )
