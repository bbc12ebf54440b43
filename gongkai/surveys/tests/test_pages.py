"""The portal's survey and hearing pages: the form without JavaScript (errors in Chinese with
the answers kept), one response per browser, the results with tables and charts, the links
from the decision and the consultation, and registrations that never show names."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.factories import make_agency, make_user
from gongkai.participation import hearing_services
from gongkai.participation.tests.consultation_factories import make_consultation
from gongkai.surveys import services
from gongkai.surveys.models import Answer, Response
from gongkai.surveys.tests.factories import answers_for, make_survey

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture
def agency():
    return make_agency()


@pytest.fixture
def clerk(agency):
    return make_user(agency=agency, roles=(Role.PUBLISHER,))


@pytest.fixture
def reviewer(agency):
    return make_user(agency=agency, roles=(Role.REVIEWER,))


@pytest.fixture
def consultation(agency, clerk, reviewer):
    return make_consultation(agency=agency, publisher=clerk, reviewer=reviewer)


def token_of(body: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', body).group(1)


def post_data(survey, body, **kw):
    data = {f"q{n}": v for n, v in answers_for(survey, **kw).items()}
    data["form_token"] = token_of(body)
    return data


def test_form_errors_keep_the_answers_then_one_response_per_browser(client, agency, clerk):
    survey = make_survey(agency=agency, clerk=clerk)
    url = reverse("portal:survey-detail", args=[survey.pk])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<fieldset>" in body
    assert "<legend>" in body
    assert "gk_respondent" in response.cookies
    data = post_data(survey, body, scale=0, text="希望增加夜间门诊")
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "提交未成功" in body
    assert "请选择一项。" in body
    assert "希望增加夜间门诊" in body  # what was typed is kept
    assert "checked" in body
    assert not Response.objects.exists()
    data = post_data(survey, body, text="希望增加夜间门诊")
    response = client.post(url, data)
    assert response.status_code == 302
    assert Response.objects.count() == 1
    body = client.get(url).content.decode()
    assert "您已参加过本次调查" in body
    response = client.post(url, post_data(survey, token_of_page(client, survey)))
    assert Response.objects.count() == 1
    # Another browser is another respondent.
    from django.test import Client

    other = Client()
    page = other.get(url).content.decode()
    assert other.post(url, post_data(survey, page)).status_code == 302
    assert Response.objects.count() == 2


def token_of_page(client, survey):
    # The answered page has no form; a fresh token comes from a new browser's page.
    from django.test import Client

    return Client().get(reverse("portal:survey-detail", args=[survey.pk])).content.decode()


def test_closed_survey_takes_no_answers(client, agency, clerk):
    survey = make_survey(agency=agency, clerk=clerk)
    url = reverse("portal:survey-detail", args=[survey.pk])
    body = client.get(url).content.decode()
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=TZ)):
        response = client.post(url, post_data(survey, body))
    assert response.status_code == 200
    assert "不在答卷时间内" in response.content.decode()
    assert not Response.objects.exists()


def test_results_page_and_links(client, agency, clerk, reviewer, consultation):
    survey = make_survey(
        agency=agency, clerk=clerk, consultation=consultation, decision_document=consultation.draft
    )
    for n, text in enumerate(["延长门诊时间", "电话13812345678联系我"]):
        services.submit_response(
            survey=survey,
            token=f"t{n}",
            address=f"192.0.{n}.1",
            sent=answers_for(survey, text=text),
        )
    url = reverse("portal:survey-detail", args=[survey.pk])
    services.close_survey(survey=survey, actor=clerk)
    assert "结果经审核后公布" in client.get(url).content.decode()
    decisions = {
        a.pk: "withheld" if "138" in a.text else "shown" for a in Answer.objects.exclude(text="")
    }
    services.review_text_answers(survey=survey, actor=clerk, decisions=decisions)
    services.publish_results(survey=survey, actor=reviewer, note="结果用于确定服务时间。")
    body = client.get(url).content.decode()
    assert "调查结果" in body
    assert "<svg" in body
    assert "100.0%" in body
    assert "延长门诊时间" in body
    assert "13812345678" not in body
    assert "另有 1 条回答经审核未公开" in body
    detail = client.get(reverse("portal:consultation-detail", args=[consultation.pk]))
    assert survey.title in detail.content.decode()
    assert "民意调查" in client.get(reverse("portal:surveys")).content.decode()


def test_draft_survey_is_not_public(client, agency, clerk):
    survey = make_survey(agency=agency, clerk=clerk, opened=False)
    assert client.get(reverse("portal:survey-detail", args=[survey.pk])).status_code == 404


def test_hearing_registration_shows_numbers_never_names(client, clerk, consultation):
    hearing = hearing_services.create_hearing(
        consultation=consultation,
        actor=clerk,
        values={
            "kind": "forum",
            "topic": "基层医疗卫生机构管理办法座谈会",
            "held_at": datetime.datetime(2026, 11, 25, 9, tzinfo=TZ),
            "place": "县卫生健康局会议室",
            "registration_opens_at": datetime.datetime(2026, 11, 16, 9, tzinfo=TZ),
            "registration_closes_at": datetime.datetime(2026, 11, 20, 17, tzinfo=TZ),
            "seats": 1,
            "selection_rule": "draw",
            "notes": "",
        },
    )
    url = reverse("portal:hearing-detail", args=[consultation.pk, hearing.pk])
    assert client.get(url).status_code == 404  # a draft is not announced
    hearing_services.announce_hearing(hearing=hearing, actor=clerk)
    body = client.get(url).content.decode()
    assert "报名参加" in body
    bad = client.post(url, {"form_token": token_of(body), "name": "李四", "contact": "123"})
    assert bad.status_code == 200
    assert "提交未成功" in bad.content.decode()
    assert 'value="李四"' in bad.content.decode()
    for name, phone in (("李四", "13812340001"), ("王五", "13812340002")):
        page = client.get(url).content.decode()
        response = client.post(
            url,
            {
                "form_token": token_of(page),
                "name": name,
                "contact": phone,
                "interest": "resident",
                "statement": "支持草案。",
            },
        )
        assert response.status_code == 302
    with time_machine.travel(datetime.datetime(2026, 11, 21, 9, tzinfo=TZ)):
        hearing_services.commit_draw(hearing=hearing, actor=clerk)
        hearing_services.run_draw(hearing=hearing, actor=clerk)
        body = client.get(url).content.decode()
        draw = client.get(reverse("portal:hearing-draw", args=[consultation.pk, hearing.pk]))
    assert "与公布的结果一致" in body
    assert "李四" not in body
    assert "王五" not in body
    assert "13812340001" not in body
    assert draw.status_code == 200
    assert "B001" in draw.content.decode()
    assert "李四" not in draw.content.decode()
    detail = client.get(reverse("portal:consultation-detail", args=[consultation.pk]))
    assert "基层医疗卫生机构管理办法座谈会" in detail.content.decode()


def test_code_survey_asks_for_the_code_and_keeps_the_answers(client, agency, clerk):
    survey = make_survey(agency=agency, clerk=clerk, respondent_rule="code", opened=False)
    (code,) = services.issue_codes(survey=survey, actor=clerk, count=1)
    services.open_survey(survey=survey, actor=clerk)
    url = reverse("portal:survey-detail", args=[survey.pk])
    body = client.get(url).content.decode()
    assert "参与码" in body
    response = client.post(url, {**post_data(survey, body, text="好"), "code": "WRONG-CODE1"})
    page = response.content.decode()
    assert "参与码不正确" in page
    assert "好</textarea>" in page
    response = client.post(url, {**post_data(survey, page, text="好"), "code": code})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    response = client.post(url, {**post_data(survey, page), "code": code})
    assert "已经使用过" in response.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1
