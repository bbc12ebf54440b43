"""Console and portal pages of enforcement lists and inspections: content, and every role's
access (handler, reviewer, supervisor reads, another agency's clerk sees nothing)."""

import datetime

import pytest
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.enforcement import inspection_services as services
from gongkai.enforcement import list_services
from gongkai.enforcement.models import (
    Draw,
    EnforcementList,
    InspectionPlan,
    InspectionTarget,
    ListStatus,
    Outcome,
)
from gongkai.enforcement.tests.inspection_factories import (
    credit_code,
    make_drawn_plan,
    make_plan,
    make_published_list,
    make_target,
    make_team,
)
from gongkai.factories import make_agency, make_user

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


# --- portal --------------------------------------------------------------------------------


def test_the_enforcement_column_shows_the_list_in_force_and_history(client):
    agency, publisher, reviewer = make_team()
    first = make_published_list(agency, publisher, reviewer)
    second = list_services.draft_list(
        agency=agency,
        actor=publisher,
        title="二〇二六年七月修订版",
        effective_from=datetime.date(2026, 7, 1),
        copy_from=first,
    )
    list_services.add_row(
        enforcement_list=second,
        part="inspection_items",
        values={
            "item": "公共场所卫生监督抽查",
            "basis": "《公共场所卫生管理条例》",
            "subject": "县卫生健康综合行政执法队",
            "content": "卫生许可证、从业人员健康证明",
            "method": "现场检查",
            "ratio_frequency": "不低于5%，每年1次",
        },
        actor=publisher,
    )
    list_services.submit_list(enforcement_list=second, actor=publisher)
    list_services.publish_list(enforcement_list=second, actor=reviewer)
    page = client.get(reverse("portal:enforcement", args=[agency.code])).content.decode()
    assert "二〇二六年七月修订版" in page
    assert "公共场所卫生监督抽查" in page
    assert "ZF0001" in page  # certificate numbers are public
    assert "2026-06-30" in page  # the first version ended the day before
    old = client.get(reverse("portal:enforcement-list", args=[agency.code, first.pk]))
    assert "历史版本" in old.content.decode()


def test_a_draft_list_is_not_public(client):
    agency, publisher, _reviewer = make_team()
    draft = list_services.draft_list(
        agency=agency, actor=publisher, title="草稿清单", effective_from=datetime.date(2026, 1, 1)
    )
    assert (
        client.get(reverse("portal:enforcement-list", args=[agency.code, draft.pk])).status_code
        == 404
    )
    assert (
        "草稿清单"
        not in client.get(reverse("portal:enforcement", args=[agency.code])).content.decode()
    )


def test_the_plan_page_shows_commitment_before_and_seed_after_the_draw(client):
    agency, publisher, reviewer = make_team()
    make_published_list(agency, publisher, reviewer)
    for n in range(4):
        make_target(agency, n)
    plan = make_plan(agency, publisher)
    assert client.get(reverse("portal:inspection-plan", args=[plan.pk])).status_code == 404
    draw = services.commit_draw(plan=plan, actor=publisher)
    page = client.get(reverse("portal:inspection-plan", args=[plan.pk])).content.decode()
    assert draw.commitment in page
    assert draw.candidate_hash in page
    assert draw.seed not in page
    document = client.get(reverse("portal:inspection-draw-json", args=[draw.pk])).json()
    assert document["seed"] is None
    assert draw.seed not in str(document)
    draw = services.perform_draw(draw=draw, actor=publisher)
    page = client.get(reverse("portal:inspection-plan", args=[plan.pk])).content.decode()
    assert draw.seed in page
    drawn = services.drawn_rows(draw)[0]
    assert drawn.target_name in page
    assert drawn.inspectors[0] in page  # 执法员N（ZF000N）
    assert (
        client.get(reverse("portal:inspection-draw-json", args=[draw.pk])).json()["seed"]
        == draw.seed
    )


def test_the_verify_page_says_it_matches_or_what_differs(client):
    _plan, draw, _publisher, _reviewer, _pool = make_drawn_plan()
    url = reverse("portal:inspection-verify", args=[draw.pk])
    page = client.get(url).content.decode()
    assert "一致：按公布的输入和种子重新计算" in page
    inputs = dict(draw.inputs)
    inputs["targets"] = inputs["targets"][1:]  # a target quietly removed after the commitment
    Draw.objects.filter(pk=draw.pk).update(inputs=inputs)
    page = client.get(url).content.decode()
    assert "不一致" in page
    assert "✗ 不一致：候选名单" in page


def test_only_published_results_are_public(client):
    plan, draw, publisher, _reviewer, pool = make_drawn_plan()
    code = services.drawn_target_ids(draw)[0]
    target = next(t for t in pool if t.credit_code == code)
    services.enter_result(
        draw=draw,
        target=target,
        outcome=Outcome.FAILED,
        result_on=datetime.date(2026, 11, 10),
        actor=publisher,
        note="从业人员无健康证明",
    )
    url = reverse("portal:inspection-plan", args=[plan.pk])
    assert "从业人员无健康证明" not in client.get(url).content.decode()
    services.publish_results(draw=draw, actor=publisher)
    assert "从业人员无健康证明" in client.get(url).content.decode()


# --- console access ------------------------------------------------------------------------


def test_staff_pages_need_a_role(client):
    outsider = make_user()
    login(client, outsider)
    assert client.get(reverse("console:inspections")).status_code == 403
    assert client.get(reverse("console:enforcement-lists")).status_code == 403


def test_another_agencys_clerk_cannot_see_a_plan_or_list():
    from django.test import Client

    plan, _draw, _publisher, _reviewer, _pool = make_drawn_plan()
    version = EnforcementList.objects.get(agency=plan.agency)
    stranger = make_user(agency=make_agency(), roles=(Role.PUBLISHER, Role.ADMIN))
    client = login(Client(), stranger)
    assert client.get(reverse("console:inspection-plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("console:enforcement-list", args=[version.pk])).status_code == 404
    response = client.post(reverse("console:inspection-plan-action", args=[plan.pk, "redraw"]))
    assert response.status_code == 404


def test_a_supervisor_reads_but_cannot_act(client):
    plan, _draw, _publisher, _reviewer, _pool = make_drawn_plan()
    parent = make_agency()
    plan.agency.parent = parent
    plan.agency.save(update_fields=["parent"])
    supervisor = make_user(agency=parent, roles=(Role.SUPERVISOR,))
    login(client, supervisor)
    assert client.get(reverse("console:inspection-plan", args=[plan.pk])).status_code == 200
    response = client.post(
        reverse("console:inspection-plan-action", args=[plan.pk, "redraw"]), {"reason": "试"}
    )
    assert response.status_code == 403
    assert plan.draws.count() == 1


def test_a_publisher_drafts_and_a_reviewer_publishes_a_list_in_the_console(client):
    agency, publisher, reviewer = make_team()
    login(client, publisher)
    response = client.post(
        reverse("console:enforcement-lists"),
        {"agency": agency.pk, "title": "执法公示清单", "effective_from": "2026-01-01"},
    )
    version = EnforcementList.objects.get(agency=agency)
    assert response.url == reverse("console:enforcement-list", args=[version.pk])
    url = reverse("console:enforcement-list", args=[version.pk])
    bad = client.post(
        url,
        {
            "part": "subjects",
            "subjects-name": "局",
            "subjects-credit_code": "123",
            "subjects-legal_basis": "依据",
        },
    )
    assert "统一社会信用代码无效" in bad.content.decode()
    client.post(
        url,
        {
            "part": "subjects",
            "subjects-name": "局",
            "subjects-credit_code": credit_code(7),
            "subjects-legal_basis": "依据",
        },
    )
    assert version.subjects.count() == 1
    client.post(reverse("console:enforcement-list-action", args=[version.pk, "submit"]))
    # The drafter cannot publish (no reviewer role; and never their own draft).
    client.post(reverse("console:enforcement-list-action", args=[version.pk, "publish"]))
    version.refresh_from_db()
    assert version.status == ListStatus.SUBMITTED
    login(client, reviewer)
    client.post(reverse("console:enforcement-list-action", args=[version.pk, "publish"]))
    version.refresh_from_db()
    assert version.status == ListStatus.PUBLISHED


def test_the_console_runs_a_plan_from_pool_to_results(client):
    agency, publisher, reviewer = make_team()
    make_published_list(agency, publisher, reviewer)
    login(client, publisher)
    home = reverse("console:inspections") + f"?agency={agency.pk}"
    csv_rows = "名称,统一社会信用代码,类型,所在区域,风险等级,来源\n" + "\n".join(
        f"单位{n},{credit_code(n)},公共场所,城关镇,中," for n in range(6)
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        home,
        {"form": "import", "import-file": SimpleUploadedFile("pool.csv", csv_rows.encode())},
    )
    assert InspectionTarget.objects.filter(agency=agency).count() == 6
    client.post(
        home,
        {
            "form": "conflict",
            "conflict-target": InspectionTarget.objects.first().pk,
            "conflict-inspector_certificate": "ZF0000",
            "conflict-reason": "曾在该单位任职",
        },
    )
    response = client.post(
        home,
        {
            "form": "plan",
            "plan-agency": agency.pk,
            "plan-year": 2026,
            "plan-title": "计划",
            "plan-matter": "公共场所卫生",
            "plan-count": 2,
            "plan-inspectors_per_target": 2,
            "plan-window_start": "2026-11-01",
            "plan-window_end": "2026-12-31",
        },
    )
    plan = InspectionPlan.objects.get(agency=agency)
    assert response.url == reverse("console:inspection-plan", args=[plan.pk])
    client.post(reverse("console:inspection-plan-action", args=[plan.pk, "commit"]))
    client.post(reverse("console:inspection-plan-action", args=[plan.pk, "draw"]))
    draw = plan.draws.get()
    assert draw.is_performed
    page = client.get(reverse("console:inspection-plan", args=[plan.pk])).content.decode()
    assert "核验一致" in page
    target = InspectionTarget.objects.get(credit_code=services.drawn_target_ids(draw)[0])
    client.post(
        reverse("console:inspection-plan", args=[plan.pk]),
        {
            "form": "result",
            "result-target": target.pk,
            "result-outcome": "passed",
            "result-result_on": "2026-11-12",
        },
    )
    client.post(reverse("console:inspection-plan-action", args=[plan.pk, "publish-results"]))
    assert draw.results.published().count() == 1
    # A redraw without a reason is refused; the first draw stays.
    client.post(reverse("console:inspection-plan-action", args=[plan.pk, "redraw"]), {"reason": ""})
    assert plan.draws.count() == 1


def test_a_target_taken_out_of_the_pool_is_not_drawn(client):
    agency, publisher, reviewer = make_team()
    make_published_list(agency, publisher, reviewer)
    kept, removed = make_target(agency, 1), make_target(agency, 2)
    login(client, publisher)
    client.post(
        reverse("console:inspections") + f"?agency={agency.pk}",
        {"form": "pool", "target": removed.pk, "in_pool": "0"},
    )
    removed.refresh_from_db()
    assert not removed.is_active
    draw = services.commit_draw(plan=make_plan(agency, publisher), actor=publisher)
    assert [t["id"] for t in draw.inputs["targets"]] == [kept.credit_code]
