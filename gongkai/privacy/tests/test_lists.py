"""Listed words: the pure matching, the editable entries and the defaults."""

import pytest

from gongkai.factories import make_agency
from gongkai.privacy.detection import Kind
from gongkai.privacy.listed import WordLists, find_listed
from gongkai.privacy.lists import lists_for
from gongkai.privacy.models import ListEntry, ListKind
from gongkai.privacy.scan import find_all

LISTS = WordLists.of(
    sensitive=["敏感事件"],
    secrecy=["内部资料", "不得外传"],
    corrections={"卫生计生委": "卫生健康委", "国家卫计委": "国家卫生健康委员会"},
)

LISTED = [
    # text, kind, found, masked or the right form
    ("本文件为内部资料，", Kind.SECRECY_MARK, "内部资料", "内部资料"),
    ("不得外传", Kind.SECRECY_MARK, "不得外传", "不得外传"),
    ("关于敏感事件的说明", Kind.SENSITIVE_WORD, "敏感事件", "****"),
    ("市卫生计生委印发", Kind.WRONG_NAME, "卫生计生委", "卫生健康委"),
    ("秘密★", Kind.SECRECY_MARK, "秘密★", "秘密★"),
]


@pytest.mark.parametrize(("text", "kind", "found", "masked"), LISTED)
def test_listed_words_are_found_with_their_kind(text, kind, found, masked):
    [finding] = find_listed(text, LISTS)

    assert (finding.kind, finding.text, finding.masked) == (kind, found, masked)


def test_a_wrong_name_carries_the_right_one():
    [finding] = find_all("国家卫计委发布", lists=LISTS)

    assert finding.replacement == "国家卫生健康委员会"


def test_the_right_form_is_not_reported_when_it_contains_the_wrong_one():
    lists = WordLists.of(corrections={"卫健委": "市卫健委员会"})

    assert find_listed("市卫健委员会", lists) == []
    assert [f.text for f in find_listed("县卫健委", lists)] == ["卫健委"]


def test_without_lists_only_the_standard_secrecy_marks_are_found():
    assert [f.kind for f in find_all("内部资料 机密★")] == [Kind.SECRECY_MARK]


@pytest.mark.django_db
def test_lists_for_an_agency_are_the_global_entries_and_its_own():
    agency, other = make_agency(), make_agency()
    ListEntry.objects.create(kind=ListKind.SENSITIVE, text="本局词", agency=agency)
    ListEntry.objects.create(kind=ListKind.SENSITIVE, text="他局词", agency=other)
    ListEntry.objects.create(kind=ListKind.SENSITIVE, text="停用词", is_active=False)
    ListEntry.objects.create(kind=ListKind.CORRECTION, text="卫计委", replacement="卫健委")

    lists = lists_for(agency)

    assert lists.sensitive == ("本局词",)
    assert lists.corrections == {"卫计委": "卫健委"}
    assert "内部资料" in lists.secrecy  # the defaults of the data migration
    assert "本局词" not in lists_for(None).sensitive


@pytest.mark.django_db
def test_the_default_secrecy_markers_are_global_and_active():
    defaults = ListEntry.objects.filter(kind=ListKind.SECRECY, agency=None, is_active=True)

    assert {"机密★", "内部资料", "不得外传", "内部使用"} <= set(
        defaults.values_list("text", flat=True)
    )


@pytest.mark.django_db
def test_staff_edit_the_lists_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/privacy/listentry/add/",
        {"kind": "correction", "text": "卫计委", "replacement": "卫健委", "is_active": "on"},
    )

    assert response.status_code == 302
    assert ListEntry.objects.get(text="卫计委").replacement == "卫健委"
