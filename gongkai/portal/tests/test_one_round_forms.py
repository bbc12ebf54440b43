"""Every public form finds all its errors in one submit, in plain Chinese naming the field."""

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from gongkai.factories import make_agency
from gongkai.participation.models import ContactRule
from gongkai.portal.account_forms import (
    ChoosePasswordForm,
    PortalPasswordResetForm,
    PortalSetPasswordForm,
    PortalSignInForm,
    SignupForm,
)
from gongkai.portal.consultation_views import CommentForm, ReportForm
from gongkai.portal.foi_forms import OnlineApplicationForm, ProgressForm
from gongkai.portal.mailbox_forms import LookupForm, MessageForm
from gongkai.portal.plain_forms import normalise_phone
from gongkai.ratelimits.form_tokens import issue_token

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
STOCK_REQUIRED = "这个字段是必填项。"
RESIDENT_ID = "11010519491231002X"  # fictional, with a correct check character


@pytest.fixture(autouse=True)
def _chinese_on_a_weekday():
    with (
        time_machine.travel(datetime.datetime(2026, 11, 16, 10, tzinfo=SHANGHAI), tick=False),
        translation.override("zh-hans"),
    ):
        yield


def _comment_form(data):
    consultation = SimpleNamespace(
        name_rule=ContactRule.REQUIRED, contact_rule=ContactRule.REQUIRED
    )
    return CommentForm(data, consultation=consultation, clauses=[])


# (name, builder from data, required fields with the words their required message must say)
PUBLIC_FORMS = [
    (
        "依申请公开申请",
        OnlineApplicationForm,
        {
            "agency": "请选择向哪个机关申请。",
            "applicant_type": "请选择申请人类型。",
            "applicant_name": "请填写姓名或名称。",
            "id_type": "请选择证件类型。",
            "id_number": "请填写证件号码。",
            "phone": "请填写联系电话。",
            "description": "请填写所需政府信息的名称或内容描述。",
            "delivery_form": "请选择获取信息的方式。",
            "confirm": "请勾选确认声明后再提交。",
        },
    ),
    (
        "查询申请进度",
        ProgressForm,
        {"query_code": "请填写查询码。", "secret": "请填写联系电话或证件号码。"},
    ),
    (
        "我要留言",
        MessageForm,
        {
            "agency": "请选择写给哪个机关。",
            "category": "请选择留言类别。",
            "subject": "请填写标题。",
            "body": "请填写留言内容。",
            "sender_name": "请填写姓名。",
            "phone": "请填写联系电话。",
        },
    ),
    ("查询留言", LookupForm, {"query_code": "请填写查询码。"}),
    (
        "征求意见",
        _comment_form,
        {
            "body": "请填写您的意见。",
            "commenter_name": "请填写姓名或单位。",
            "contact": "请填写联系方式。",
        },
    ),
    ("举报意见", ReportForm, {"reason": "请填写举报理由。"}),
    ("注册", SignupForm, {"email": "请填写电子邮箱。"}),
    (
        "设置密码",
        lambda data: ChoosePasswordForm(data, email="a@example.org"),
        {"password1": "请填写密码。", "password2": "请填写再次输入密码。"},
    ),
    (
        "登录",
        lambda data: PortalSignInForm(None, data),
        {"email": "请填写电子邮箱。", "password": "请填写密码。"},
    ),
    ("找回密码", PortalPasswordResetForm, {"email": "请填写电子邮箱。"}),
    (
        "重设密码",
        lambda data: PortalSetPasswordForm(get_user_model()(username="a@example.org"), data),
        {"new_password1": "请填写新密码。", "new_password2": "请填写新密码确认。"},
    ),
]


@pytest.mark.parametrize(
    ("build", "required"), [(b, r) for _n, b, r in PUBLIC_FORMS], ids=[n for n, *_ in PUBLIC_FORMS]
)
def test_an_empty_submit_names_every_required_field_at_once(build, required):
    form = build({})

    assert not form.is_valid()
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    for name, message in required.items():
        assert errors.get(name) == [message], name


@pytest.mark.parametrize(
    "build", [b for _n, b, _r in PUBLIC_FORMS], ids=[n for n, *_ in PUBLIC_FORMS]
)
def test_no_public_form_has_a_stock_message_left(build):
    form = build({})
    for name, field in form.fields.items():
        for key, message in field.error_messages.items():
            assert str(message) != STOCK_REQUIRED, (name, key)
            assert "这个字段" not in str(message), (name, key)


def application_data(agency, **overrides):
    return {
        "agency": agency.pk,
        "applicant_type": "natural",
        "applicant_name": "李四",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13900000000",
        "email": "li@example.org",
        "address": "某市幸福路8号",
        "description": "2025年本县医疗机构校验结果",
        "delivery_form": "email",
        "confirm": "on",
        "form_token": issue_token(),
    } | overrides


def test_a_bad_id_number_is_reported_with_the_other_errors():
    agency = make_agency()
    form = OnlineApplicationForm(
        application_data(
            agency, applicant_name="", phone="abc", id_number="110105194912310021", confirm=""
        )
    )

    assert not form.is_valid()
    assert set(form.errors) == {"applicant_name", "phone", "id_number", "confirm"}
    assert form.errors["id_number"] == ["居民身份证号码校验位不正确，请核对号码是否抄错。"]


def test_a_valid_id_number_is_normalised():
    form = OnlineApplicationForm(application_data(make_agency(), id_number="11010519491231002x"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["id_number"] == RESIDENT_ID


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 13812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("010-1234 5678", "010-12345678"),
        ("(0755) 8765 4321", "0755-87654321"),
        ("0931-8123456", "0931-8123456"),
    ],
)
def test_phone_numbers_are_accepted_with_spaces_and_normalised(typed, kept):
    assert normalise_phone(typed) == kept


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "带区号的固定电话（如 010-12345678）"),
        ("1381234567", "手机号码应为11位数字，如 13812345678。"),
        ("12812345678", "手机号码应为11位数字，如 13812345678。"),
        ("87654321", "带区号的固定电话"),
        ("010-123", "带区号的固定电话"),
    ],
)
def test_a_phone_that_is_no_phone_number_is_refused_saying_what_is_expected(typed, message):
    with pytest.raises(ValidationError) as refused:
        normalise_phone(typed)

    assert message in refused.value.messages[0]


def test_the_application_form_keeps_the_normalised_phone():
    form = OnlineApplicationForm(application_data(make_agency(), phone="138 1234 5678"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "13812345678"


def test_paper_by_post_without_an_address_asks_for_the_address():
    form = OnlineApplicationForm(
        application_data(make_agency(), delivery_form="paper", address="", applicant_name="")
    )

    assert not form.is_valid()
    assert form.errors["address"] == ["选择纸质文本（邮寄）时，请填写邮寄地址。"]
    assert "applicant_name" in form.errors  # in the same round


def test_a_comment_contact_is_a_phone_or_an_email():
    assert _comment_form({"body": "意见", "commenter_name": "王五", "contact": "abc"}).errors[
        "contact"
    ]
    ok = _comment_form({"body": "意见", "commenter_name": "王五", "contact": "138 1234 5678"})
    ok.is_valid()
    assert ok.cleaned_data["contact"] == "13812345678"
    mail = _comment_form({"body": "意见", "commenter_name": "王五", "contact": "wang@"})
    assert mail.errors["contact"] == ["电子邮箱格式不正确，应如 name@example.com。"]


# --- the pages --------------------------------------------------------------------------------

EMPTY_PAGES = [
    ("portal:foi-apply", ["id_agency", "id_applicant_name", "id_id_number", "id_phone"]),
    ("portal:foi-progress", ["id_query_code", "id_secret"]),
    ("portal:message-new", ["id_agency", "id_subject", "id_body", "id_phone"]),
    ("portal:message-lookup", ["id_query_code"]),
    ("portal:signup", ["id_email"]),
    ("portal:login", ["id_email", "id_password"]),
    ("portal:password-reset", ["id_email"]),
]


@pytest.mark.parametrize(("url_name", "field_ids"), EMPTY_PAGES)
def test_an_empty_submit_shows_the_summary_linking_to_every_field(client, url_name, field_ids):
    make_agency()
    response = client.post(reverse(url_name), {})
    assert response.status_code == 200, response
    content = response.content.decode()

    assert 'class="banner bad error-summary"' in content
    assert "提交未成功，请修改以下" in content
    for field_id in field_ids:
        assert f'href="#{field_id}"' in content, field_id
    assert "这个字段是必填项" not in content
    assert '<span class="visually-hidden">必填</span>' in content


def test_the_address_says_when_it_is_required_and_the_file_input_that_it_is_not_kept(client):
    make_agency()
    content = client.get(reverse("portal:foi-apply")).content.decode()

    assert "（选择邮寄时必填）" in content
    assert 'aria-describedby="id_address_helptext"' in content
    assert "浏览器不会保留已选的文件" in content


def test_what_was_typed_comes_back_after_an_error(client):
    agency = make_agency()
    data = application_data(agency, phone="abc", description="2025年的抽查结果")
    content = client.post(reverse("portal:foi-apply"), data).content.decode()

    assert 'value="李四"' in content
    assert "2025年的抽查结果" in content
    assert 'value="abc"' in content


def test_the_summary_links_a_group_of_options_to_its_first_option():
    """A radio group or a set of check boxes has no one element for its label: the summary's
    link leads to the first option (Django's id_for_label is empty for them)."""
    from django import forms
    from django.template.loader import render_to_string

    class Choices(forms.Form):
        size = forms.ChoiceField(
            label="规格", choices=[("a", "甲"), ("b", "乙")], widget=forms.RadioSelect
        )
        topics = forms.MultipleChoiceField(
            label="主题", choices=[("x", "子"), ("y", "丑")], widget=forms.CheckboxSelectMultiple
        )

    form = Choices(data={})
    summary = render_to_string("portal/_error_summary.html", {"form": form})
    for field in ("size", "topics"):
        assert f'href="#id_{field}_0"' in summary, field
        assert f'id="id_{field}_0"' in str(form[field])
