"""Lists, pools, plans, draws and results through the services: versions, 回避, redraws,
results on the obligations ledger, and the verify command."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.audit.models import AuditEvent
from gongkai.enforcement import draw as draw_rules
from gongkai.enforcement import inspection_pool as pool
from gongkai.enforcement import inspection_services as services
from gongkai.enforcement import list_services
from gongkai.enforcement.inspection_errors import InspectionError
from gongkai.enforcement.models import (
    Draw,
    EnforcementList,
    InspectionTarget,
    ListStatus,
    Outcome,
    PlanStatus,
)
from gongkai.enforcement.tests.inspection_factories import (
    credit_code,
    make_drawn_plan,
    make_plan,
    make_published_list,
    make_target,
    make_team,
)
from gongkai.obligations.models import Obligation

pytestmark = pytest.mark.django_db


# --- list versions ---------------------------------------------------------------------------


def test_the_reviewer_cannot_be_the_drafter():
    agency, publisher, _reviewer = make_team()
    draft = list_services.draft_list(
        agency=agency, actor=publisher, title="清单", effective_from=datetime.date(2026, 1, 1)
    )
    list_services.submit_list(enforcement_list=draft, actor=publisher)
    with pytest.raises(InspectionError, match="起草人"):
        list_services.publish_list(enforcement_list=draft, actor=publisher)
    draft.refresh_from_db()
    assert draft.status == ListStatus.SUBMITTED


def test_a_new_version_supersedes_the_old_from_its_date_and_keeps_it_as_history():
    agency, publisher, reviewer = make_team()
    first = make_published_list(agency, publisher, reviewer)
    second = list_services.draft_list(
        agency=agency,
        actor=publisher,
        title="清单（2026年7月修订）",
        effective_from=datetime.date(2026, 7, 1),
        copy_from=first,
    )
    assert second.inspectors.count() == first.inspectors.count()
    list_services.submit_list(enforcement_list=second, actor=publisher)
    list_services.publish_list(enforcement_list=second, actor=reviewer)
    first.refresh_from_db()
    assert first.effective_to == datetime.date(2026, 6, 30)
    assert list_services.current_list(agency, on=datetime.date(2026, 6, 30)) == first
    assert list_services.current_list(agency, on=datetime.date(2026, 7, 1)) == second
    assert EnforcementList.objects.published().filter(agency=agency).count() == 2
    assert AuditEvent.objects.filter(action="enforcement.list.superseded").count() == 1


def test_a_new_version_cannot_start_before_the_one_in_force():
    agency, publisher, reviewer = make_team()
    make_published_list(agency, publisher, reviewer, effective_from=datetime.date(2026, 3, 1))
    earlier = list_services.draft_list(
        agency=agency, actor=publisher, title="清单", effective_from=datetime.date(2026, 2, 1)
    )
    list_services.submit_list(enforcement_list=earlier, actor=publisher)
    with pytest.raises(InspectionError, match="生效日期"):
        list_services.publish_list(enforcement_list=earlier, actor=reviewer)


def test_a_published_version_is_not_edited():
    agency, publisher, reviewer = make_team()
    published = make_published_list(agency, publisher, reviewer)
    with pytest.raises(InspectionError, match="新版本"):
        list_services.add_row(
            enforcement_list=published,
            part="powers",
            values={"item": "x", "kind": "penalty", "basis": "y", "responsible_office": "z"},
            actor=publisher,
        )


def test_a_subject_with_a_bad_credit_code_is_refused_by_field():
    agency, publisher, _reviewer = make_team()
    draft = list_services.draft_list(
        agency=agency, actor=publisher, title="清单", effective_from=datetime.date(2026, 1, 1)
    )
    with pytest.raises(InspectionError) as caught:
        list_services.add_row(
            enforcement_list=draft,
            part="subjects",
            values={"name": "局", "credit_code": "91140500MA0K000010", "legal_basis": "依据"},
            actor=publisher,
        )
    assert caught.value.field == "credit_code"
    assert "校验码" in str(caught.value.message)


# --- the pool ----------------------------------------------------------------------------------


def test_a_target_is_added_with_a_checked_credit_code():
    agency, publisher, _reviewer = make_team()
    target = pool.add_target(
        agency=agency,
        actor=publisher,
        name="某宾馆",
        credit_code=credit_code(1).lower(),
        kind="公共场所",
        district="城关镇",
        risk_grade="high",
    )
    assert target.credit_code == credit_code(1)
    with pytest.raises(InspectionError) as caught:
        pool.add_target(
            agency=agency,
            actor=publisher,
            name="另一宾馆",
            credit_code=credit_code(1),
            kind="公共场所",
            district="城关镇",
            risk_grade="high",
        )
    assert caught.value.field == "credit_code"


def _csv(rows):
    lines = ["名称,统一社会信用代码,类型,所在区域,风险等级,来源", *rows]
    return "\n".join(lines).encode("utf-8")


def test_csv_import_takes_all_rows_or_none_and_names_the_row():
    agency, publisher, _reviewer = make_team()
    good = [f"单位{n},{credit_code(n)},公共场所,城关镇,低风险," for n in range(5)]
    bad = "坏单位,91140500MA0K000010,公共场所,城关镇,高,"
    with pytest.raises(pool.ImportFailed) as caught:
        pool.import_targets_csv(agency=agency, actor=publisher, data=_csv([*good, bad]))
    assert caught.value.errors[0][0] == 7
    assert "统一社会信用代码" in caught.value.errors[0][1]
    assert not InspectionTarget.objects.filter(agency=agency).exists()
    assert pool.import_targets_csv(agency=agency, actor=publisher, data=_csv(good)) == 5
    assert InspectionTarget.objects.filter(agency=agency, risk_grade="low").count() == 5


def test_csv_import_refuses_a_duplicate_code():
    agency, publisher, _reviewer = make_team()
    rows = [
        f"单位,{credit_code(1)},公共场所,城关镇,中,",
        f"单位,{credit_code(1)},公共场所,城关镇,中,",
    ]
    with pytest.raises(pool.ImportFailed) as caught:
        pool.import_targets_csv(agency=agency, actor=publisher, data=_csv(rows))
    assert caught.value.errors == [(3, "与第 2 行的统一社会信用代码重复。")]


def test_a_conflict_names_a_listed_inspector():
    agency, publisher, reviewer = make_team()
    make_published_list(agency, publisher, reviewer)
    target = make_target(agency, 1)
    with pytest.raises(InspectionError) as caught:
        pool.declare_conflict(
            target=target, inspector_certificate="NOPE", reason="亲属", actor=publisher
        )
    assert caught.value.field == "inspector_certificate"


# --- plans and draws ---------------------------------------------------------------------------


def test_a_plan_needs_a_ratio_or_a_count():
    agency, publisher, _reviewer = make_team()
    with pytest.raises(InspectionError) as caught:
        make_plan(agency, publisher, count=None)
    assert caught.value.field == "ratio_percent"


def test_the_draw_publishes_inputs_then_seed_and_result_and_verifies():
    plan, draw, _publisher, _reviewer, _pool = make_drawn_plan(
        conflicts=[("ZF0000", 0), ("ZF0001", 0)]
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAWN
    assert draw.commitment == draw_rules.commitment_of(draw.seed)
    assert ["ZF0000", "TARGET"] not in draw.inputs["conflicts"]
    assert len(draw.inputs["conflicts"]) == 2
    assert services.verify_draw(draw).matches
    document = json.loads(json.dumps(services.published_inputs(draw)))
    assert services.verify_published(document).matches
    pairs = set(draw_rules.drawn_pairs(draw.result))
    assert ("ZF0000", credit_code(0)) not in pairs
    assert ("ZF0001", credit_code(0)) not in pairs


def test_the_seed_is_not_public_before_the_draw():
    agency, publisher, reviewer = make_team()
    make_published_list(agency, publisher, reviewer)
    for n in range(4):
        make_target(agency, n)
    draw = services.commit_draw(plan=make_plan(agency, publisher), actor=publisher)
    assert draw.public_seed == ""
    assert services.published_inputs(draw)["seed"] is None
    assert services.verify_draw(draw) is None


def test_strata_quotas_come_from_the_plan_and_its_overrides():
    agency, publisher, reviewer = make_team()
    make_published_list(agency, publisher, reviewer)
    for n in range(10):
        make_target(agency, n)  # 5 in 城关镇, 5 in 北留镇
    plan = make_plan(agency, publisher, count=None, ratio_percent=20, stratify_by=["district"])
    services.set_stratum_quota(plan=plan, key="district=城关镇", count=4, actor=publisher)
    draw = services.perform_draw(
        draw=services.commit_draw(plan=plan, actor=publisher), actor=publisher
    )
    counts = {s["key"]: len(s["targets"]) for s in draw.result["strata"]}
    assert counts == {"district=北留镇": 1, "district=城关镇": 4}


def test_a_draw_is_performed_once_and_a_redraw_needs_a_reason_and_keeps_the_first():
    plan, first, publisher, _reviewer, _pool = make_drawn_plan()
    with pytest.raises(InspectionError, match="不可更改"):
        services.perform_draw(draw=first, actor=publisher)
    with pytest.raises(InspectionError) as caught:
        services.commit_draw(plan=plan, actor=publisher)
    assert caught.value.field == "reason"
    second = services.commit_draw(plan=plan, actor=publisher, reason="名录库漏录两家单位")
    second = services.perform_draw(draw=second, actor=publisher)
    first_again = Draw.objects.get(pk=first.pk)
    assert first_again.result == first.result
    assert first_again.seed == first.seed
    assert second.sequence == 2
    assert second.inputs["reason"] == "名录库漏录两家单位"
    assert second.commitment != first.commitment
    assert plan.current_draw() == second


def test_a_second_commitment_waits_for_the_first_draw():
    agency, publisher, reviewer = make_team()
    make_published_list(agency, publisher, reviewer)
    make_target(agency, 1)
    plan = make_plan(agency, publisher)
    services.commit_draw(plan=plan, actor=publisher)
    with pytest.raises(InspectionError, match="尚未抽取"):
        services.commit_draw(plan=plan, actor=publisher, reason="再来")


def test_without_inspectors_nothing_is_committed():
    agency, publisher, _reviewer = make_team()
    make_target(agency, 1)
    with pytest.raises(InspectionError, match="执法人员"):
        services.commit_draw(plan=make_plan(agency, publisher), actor=publisher)
    assert not Draw.objects.exists()


# --- results -----------------------------------------------------------------------------------


def test_a_result_is_due_in_20_working_days_on_the_ledger_until_published():
    plan, draw, publisher, _reviewer, pool = make_drawn_plan()
    drawn = services.drawn_target_ids(draw)[0]
    target = next(t for t in pool if t.credit_code == drawn)
    result = services.enter_result(
        draw=draw,
        target=target,
        outcome=Outcome.RECTIFY,
        result_on=datetime.date(2026, 9, 25),  # a Friday before the National Day holiday
        actor=publisher,
        follow_up_reference="演卫罚〔2026〕1号",
    )
    # 20 working days after 9-25: the holiday 10-01..10-07 is skipped, Saturday 10-10 counts.
    assert result.due_on == datetime.date(2026, 10, 29)
    obligation = Obligation.objects.get(kind="enforcement.inspection_result")
    assert obligation.due_on == result.due_on
    assert obligation.done_at is None
    assert services.publish_results(draw=draw, actor=publisher) == 1
    obligation.refresh_from_db()
    assert obligation.done_at is not None
    summary = services.plan_summary(plan)
    assert (summary.drawn, summary.inspected, summary.problems, summary.penalties) == (2, 1, 1, 1)
    with pytest.raises(InspectionError, match="已经公示"):
        services.enter_result(
            draw=draw,
            target=target,
            outcome=Outcome.PASSED,
            result_on=datetime.date(2026, 9, 25),
            actor=publisher,
        )


def test_a_result_only_for_a_drawn_target():
    _plan, draw, publisher, _reviewer, pool = make_drawn_plan()
    undrawn = next(t for t in pool if t.credit_code not in services.drawn_target_ids(draw))
    with pytest.raises(InspectionError) as caught:
        services.enter_result(
            draw=draw,
            target=undrawn,
            outcome=Outcome.PASSED,
            result_on=datetime.date(2026, 11, 2),
            actor=publisher,
        )
    assert caught.value.field == "target"


# --- the verify command ------------------------------------------------------------------------


def test_the_verify_command_says_it_matches():
    plan, _draw, _publisher, _reviewer, _pool = make_drawn_plan()
    out = io.StringIO()
    call_command("inspection", "verify", str(plan.pk), stdout=out)
    assert "一致" in out.getvalue()
    assert "不一致" not in out.getvalue()


def test_the_verify_command_says_what_differs_after_tampering():
    plan, draw, _publisher, _reviewer, _pool = make_drawn_plan()
    tampered = dict(draw.result)
    tampered["strata"] = [dict(s) for s in draw.result["strata"]]
    tampered["strata"][0]["targets"] = tampered["strata"][0]["targets"][:1]
    Draw.objects.filter(pk=draw.pk).update(result=tampered)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("inspection", "verify", str(plan.pk), stdout=out)
    assert "不一致" in out.getvalue()
    assert "重新计算抽到了" in out.getvalue()


def test_the_verify_command_reads_a_downloaded_file(tmp_path):
    _plan, draw, _publisher, _reviewer, _pool = make_drawn_plan()
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(services.published_inputs(draw), ensure_ascii=False))
    out = io.StringIO()
    call_command("inspection", "verify", "--file", str(path), stdout=out)
    assert "一致" in out.getvalue()


def test_a_result_on_the_ledger_opens_its_plan():
    from django.urls import reverse

    from gongkai.console.obligation_links import attach_links

    plan, draw, publisher, _reviewer, pool = make_drawn_plan()
    target = next(t for t in pool if t.credit_code == services.drawn_target_ids(draw)[0])
    services.enter_result(
        draw=draw,
        target=target,
        outcome=Outcome.PASSED,
        result_on=datetime.date(2026, 11, 10),
        actor=publisher,
    )
    [row] = attach_links(Obligation.objects.filter(kind="enforcement.inspection_result"))
    assert row.link == reverse("console:inspection-plan", args=[plan.pk])


def test_a_calendar_change_moves_an_unpublished_results_due_date(
    django_capture_on_commit_callbacks,
):
    from gongkai.workdays import services as calendar_services

    _plan, draw, publisher, _reviewer, pool = make_drawn_plan()
    target = next(t for t in pool if t.credit_code == services.drawn_target_ids(draw)[0])
    result = services.enter_result(
        draw=draw,
        target=target,
        outcome=Outcome.PASSED,
        result_on=datetime.date(2026, 11, 10),
        actor=publisher,
    )
    before = result.due_on
    with django_capture_on_commit_callbacks(execute=True):
        calendar_services.set_special_day(
            year=2026,
            day=datetime.date(2026, 11, 20),
            kind="holiday",
            name="临时放假",
            actor=publisher,
        )
    result.refresh_from_db()
    assert result.due_on > before
    assert AuditEvent.objects.filter(action="enforcement.inspection_result.due_recomputed").exists()


def test_the_verify_command_refuses_a_file_that_is_not_a_draw(tmp_path):
    path = tmp_path / "draw.json"
    path.write_text("[1, 2]")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("inspection", "verify", "--file", str(path), stdout=io.StringIO())
