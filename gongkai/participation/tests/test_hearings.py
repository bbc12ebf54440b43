"""Hearings and forums on a consultation: announcement, registration with its cap, both
selection rules (the draw reproducible from what is published), opinions feeding the
consultation's dispositions, minutes through the privacy detector."""

import datetime
import json

import pytest
import time_machine

from gongkai.agencies.models import Role
from gongkai.enforcement import draw as draw_rules
from gongkai.factories import make_agency, make_user
from gongkai.participation import comment_services, consultation_services
from gongkai.participation import hearing_services as services
from gongkai.participation import hearings as rules
from gongkai.participation.errors import ParticipationError, PersonalDataError
from gongkai.participation.models import (
    CommentSource,
    HearingStatus,
    ModerationStatus,
)
from gongkai.participation.tests.consultation_factories import make_consultation

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))
T = lambda *a: datetime.datetime(*a, tzinfo=TZ)  # noqa: E731


def hearing_values(**overrides):
    values = {
        "kind": "hearing",
        "topic": "基层医疗卫生机构管理办法听证会",
        "held_at": T(2026, 11, 25, 9),
        "place": "县卫生健康局三楼会议室",
        "registration_opens_at": T(2026, 11, 16, 9),
        "registration_closes_at": T(2026, 11, 20, 17),
        "seats": 2,
        "selection_rule": "draw",
        "notes": "本县常住居民均可报名。",
    }
    values.update(overrides)
    return values


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def consultation(agency, clerk):
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    return make_consultation(agency=agency, publisher=clerk, reviewer=reviewer)


def announced(consultation, clerk, **overrides):
    hearing = services.create_hearing(
        consultation=consultation, actor=clerk, values=hearing_values(**overrides)
    )
    return services.announce_hearing(hearing=hearing, actor=clerk)


def register(hearing, n):
    return services.register(
        hearing=hearing,
        name=f"报名人{n}",
        contact=f"1381234{n:04d}",
        interest="resident",
        statement="建议延长社区卫生服务中心的门诊时间。",
    )


def test_registration_window_and_first_come_cap(consultation, clerk):
    hearing = announced(consultation, clerk, selection_rule="first_come")
    first, second = register(hearing, 1), register(hearing, 2)
    assert (first.code, second.code) == ("B001", "B002")
    with pytest.raises(ParticipationError, match="名额已满"):
        register(hearing, 3)
    with pytest.raises(ParticipationError, match="报名截止后"):
        services.select_first_come(hearing=hearing, actor=clerk)
    with time_machine.travel(T(2026, 11, 20, 17)):
        with pytest.raises(ParticipationError, match="不在报名时间内"):
            register(hearing, 4)
        assert services.select_first_come(hearing=hearing, actor=clerk) == ["B001", "B002"]
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.SELECTED


def test_the_draw_is_reproducible_from_what_is_published(consultation, clerk):
    hearing = announced(consultation, clerk)
    for n in range(1, 6):
        register(hearing, n)
    with time_machine.travel(T(2026, 11, 21, 9)):
        with pytest.raises(ParticipationError, match="先公布抽取输入"):
            services.run_draw(hearing=hearing, actor=clerk)
        services.commit_draw(hearing=hearing, actor=clerk)
        hearing.refresh_from_db()
        published = services.public_draw(hearing)
        assert published["seed"] is None  # not before the draw
        assert [t["id"] for t in published["inputs"]["targets"]] == [
            "B001",
            "B002",
            "B003",
            "B004",
            "B005",
        ]
        with pytest.raises(ParticipationError, match="不能重新生成"):
            services.commit_draw(hearing=hearing, actor=clerk)
        chosen = services.run_draw(hearing=hearing, actor=clerk)
    hearing.refresh_from_db()
    document = json.loads(json.dumps(services.public_draw(hearing)))
    assert "报名人" not in json.dumps(document, ensure_ascii=False)  # no names published
    report = draw_rules.verify(document["inputs"], document["seed"], document["result"])
    assert report.matches
    assert rules.drawn_codes(draw_rules.run_draw(document["inputs"], document["seed"])) == chosen
    assert len(chosen) == 2
    assert set(hearing.registrations.filter(is_selected=True).values_list("number", flat=True)) == {
        int(code[1:]) for code in chosen
    }


def test_opinions_become_comments_with_dispositions(consultation, clerk):
    hearing = announced(consultation, clerk, selection_rule="first_come")
    registration = register(hearing, 1)
    with time_machine.travel(T(2026, 11, 25, 12)):
        services.select_first_come(hearing=hearing, actor=clerk)
        registration.refresh_from_db()
        with pytest.raises(ParticipationError, match="会议举行后"):
            services.record_opinion(
                hearing=hearing,
                actor=clerk,
                participant=services.add_participant(
                    hearing=hearing, actor=clerk, role="host", name="张主任", show_name=True
                ),
                body="意见",
            )
        speaker = services.add_participant(
            hearing=hearing, actor=clerk, role="participant", registration=registration
        )
        assert speaker.public_label == "B001"
        services.mark_held(hearing=hearing, actor=clerk)
        opinion = services.record_opinion(
            hearing=hearing, actor=clerk, participant=speaker, body="建议社区卫生服务中心晚间开诊。"
        )
    comment = opinion.comment
    assert comment.source == CommentSource.HEARING
    assert comment.commenter_name == "B001"
    assert comment.moderation_status == ModerationStatus.PUBLISHED
    comment_services.dispose_comment(
        comment=comment,
        actor=clerk,
        disposition="partly_adopted",
        reason="周末开诊，晚间另行研究。",
    )
    feedback = consultation_services.get_feedback(consultation)
    assert feedback.counts["partly_adopted"] == 1


def test_minutes_are_refused_with_personal_data(consultation, clerk):
    hearing = announced(consultation, clerk, selection_rule="first_come", seats=1)
    register(hearing, 1)
    with time_machine.travel(T(2026, 11, 25, 12)):
        services.select_first_come(hearing=hearing, actor=clerk)
        services.mark_held(hearing=hearing, actor=clerk)
        with pytest.raises(PersonalDataError):
            services.publish_minutes(
                hearing=hearing, actor=clerk, minutes="报名人电话13812340001，发言支持。"
            )
        services.publish_minutes(
            hearing=hearing, actor=clerk, minutes="会议由张主任主持，B001发言。"
        )
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.MINUTES


def test_announcement_needs_a_published_consultation_and_a_sound_window(agency, clerk):
    draft = make_consultation(agency=agency, publisher=clerk)
    hearing = services.create_hearing(consultation=draft, actor=clerk, values=hearing_values())
    with pytest.raises(ParticipationError, match="征求意见发布后"):
        services.announce_hearing(hearing=hearing, actor=clerk)
    with pytest.raises(ParticipationError, match="会议应在报名截止之后举行"):
        services.create_hearing(
            consultation=draft, actor=clerk, values=hearing_values(held_at=T(2026, 11, 19, 9))
        )
