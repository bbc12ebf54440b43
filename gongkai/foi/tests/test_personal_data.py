"""Who sees applicants' personal data, and how it is masked (hardening issue #11, finding 9:
every staff role and the supervisors of parent agencies saw it whole)."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.foi import access
from gongkai.foi.models import Application
from gongkai.foi.personal_data import (
    Visibility,
    applicant_view,
    mask_address,
    mask_email,
    mask_id_number,
    mask_phone,
    mask_postcode,
    mask_snapshot,
    mask_trail,
)
from gongkai.foi.tests.staff_roles import EXPECTED, MASKED, make_staff_and_application
from gongkai.foi.tests.test_services import RESIDENT_ID


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("110105194912310021", "110***********0021"),
        (RESIDENT_ID, "110***********002X"),
        ("91340500MA2N0X0X1Q", "913***********0X1Q"),  # a USCC the same way
        ("E12345678", "E12**5678"),  # a passport
        ("1234567", "*******"),  # too short to show anything
        ("", ""),
    ],
)
def test_id_numbers_keep_the_first_three_and_the_last_four(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("010-65551234", "010*****1234"),
        ("5551234", "*****34"),
        ("", ""),
    ],
)
def test_phones_keep_the_first_three_and_the_last_four(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("zhang@example.com", "z***@example.com"),
        ("z@example.com", "z***@example.com"),
        ("not-an-address", "n*************"),
        ("", ""),
    ],
)
def test_emails_keep_the_first_character_and_the_domain(value, masked):
    assert mask_email(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("北京市东城区和平里九号院", "北京市东城区****"),
        ("北京市东城区市场街3号", "北京市东城区****"),
        ("北京市朝阳区望京花园东区5号楼", "北京市朝阳区****"),
        ("安徽省马鞍山市和县历阳镇幸福路8号", "安徽省马鞍山市和县****"),
        ("内蒙古自治区呼和浩特市赛罕区大学西街", "内蒙古自治区呼和浩特市赛罕区****"),
        ("江苏省苏州市昆山市玉山镇", "江苏省苏州市昆山市****"),
        ("某市某路1号", "某市****"),
        ("和平里九号院", "和平里****"),  # no division: at most half
        ("北京市东城区", "北京市****"),  # divisions only: never the whole
        ("", ""),
    ],
)
def test_addresses_keep_the_administrative_divisions_only(value, masked):
    assert mask_address(value) == masked


def test_postcodes_keep_the_county_digits():
    assert mask_postcode("241000") == "2410**"


@pytest.fixture
def staff(db):
    return make_staff_and_application()


@pytest.mark.parametrize(("role", "visibility"), EXPECTED.items())
def test_who_sees_the_applicant_whole_masked_or_not_at_all(staff, role, visibility):
    users, application = staff
    user = users[role]
    # Fresh from the database, as a view gets it.
    application = Application.objects.select_related("agency").get(pk=application.pk)

    if visibility is None:
        assert not access.can_view(user, application)
        return
    assert access.can_view(user, application)
    assert access.personal_data_visibility(user, application) == visibility
    assert access.can_see_personal_data(user, application) == (visibility == Visibility.FULL)


def test_the_full_view_is_the_record(staff):
    _users, application = staff

    view = applicant_view(application, Visibility.FULL)

    assert view.id_number == RESIDENT_ID
    assert view.phone == application.phone
    assert view.address == application.address
    assert view.id_copy_url == application.id_copy.url


def test_the_masked_view_masks_every_contact_and_offers_no_copy(staff):
    _users, application = staff

    view = applicant_view(application, Visibility.MASKED)

    assert view.name == application.applicant_name
    assert {name: getattr(view, name) for name in MASKED} == MASKED
    assert view.has_id_copy
    assert view.id_copy_url == ""


def test_the_hidden_view_has_the_applicant_type_only(staff):
    _users, application = staff

    view = applicant_view(application, Visibility.HIDDEN)

    assert view.name == "申请人（已隐去）"
    assert view.applicant_type == "自然人"
    assert not view.has_id_copy
    assert {view.id_number, view.phone, view.email, view.address, view.postcode} == {""}
    assert view.id_type == view.contact_person == view.id_copy_url == ""


SNAPSHOT = {
    "applicant_type": "natural",
    "applicant_name": "张三丰",
    "contact_person": "",
    "id_type": "resident_id",
    "id_number": RESIDENT_ID,
    "phone": "13812345678",
    "email": "private-mail@example.org",
    "address": "北京市东城区和平里九号院",
    "postcode": "100010",
    "status": "registered",
}


def test_audit_snapshots_are_masked_or_stripped_of_the_applicant():
    assert mask_snapshot(SNAPSHOT, Visibility.FULL) == SNAPSHOT
    assert mask_snapshot(SNAPSHOT, Visibility.MASKED) == {
        **SNAPSHOT,
        "id_number": "110***********002X",
        "phone": "138****5678",
        "email": "p***@example.org",
        "address": "北京市东城区****",
        "postcode": "1000**",
    }
    assert mask_snapshot(SNAPSHOT, Visibility.HIDDEN) == {
        "applicant_type": "natural",
        "status": "registered",
    }
    assert mask_snapshot(None, Visibility.HIDDEN) is None


def test_masking_a_trail_leaves_the_audit_rows_alone(staff):
    _users, application = staff
    events = list(AuditEvent.objects.for_object(application))

    shown = mask_trail(events, Visibility.HIDDEN)

    assert "id_number" not in shown[0].after
    assert events[0].after["id_number"] == RESIDENT_ID
    assert AuditEvent.objects.for_object(application).get().after["id_number"] == RESIDENT_ID
