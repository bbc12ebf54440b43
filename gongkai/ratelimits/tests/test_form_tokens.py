"""One-time form tokens: signed, expiring, and filing at most one record each."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from gongkai.ratelimits import form_tokens
from gongkai.ratelimits.form_tokens import (
    TOKEN_MAX_AGE,
    issue_token,
    purge_expired,
    read_token,
    submit_once,
)
from gongkai.ratelimits.models import UsedFormToken

pytestmark = pytest.mark.django_db


class Filer:
    """Stands in for a service that files a record and returns its receipt."""

    def __init__(self):
        self.filed: list[str] = []

    def __call__(self) -> str:
        self.filed.append(f"CODE{len(self.filed) + 1}")
        return self.filed[-1]


def test_a_token_reads_back_until_it_is_too_old():
    signed = issue_token()

    token = read_token(signed)

    assert token
    assert token in signed
    with time_machine.travel(timezone.now() + TOKEN_MAX_AGE + datetime.timedelta(seconds=1)):
        assert read_token(signed) is None


@pytest.mark.parametrize("signed", ["", "abc", "abc:def:ghi"])
def test_a_forged_or_malformed_token_reads_as_none(signed):
    assert read_token(signed) is None


def test_tokens_are_fresh_each_time():
    assert read_token(issue_token()) != read_token(issue_token())


def test_one_token_files_once_and_then_answers_with_the_first_receipt():
    filer, token = Filer(), read_token(issue_token())

    first = submit_once(token, "test", filer)
    second = submit_once(token, "test", filer)

    assert first == ("CODE1", True)
    assert second == ("CODE1", False)
    assert filer.filed == ["CODE1"]


def test_a_failed_filing_leaves_the_token_usable():
    filer, token = Filer(), read_token(issue_token())

    def refuse() -> str:
        raise ValueError("invalid")

    with pytest.raises(ValueError, match="invalid"):
        submit_once(token, "test", refuse)

    assert not UsedFormToken.objects.exists()
    assert submit_once(token, "test", filer) == ("CODE1", True)


def test_the_loser_of_a_race_gets_the_winners_receipt(monkeypatch):
    # Both requests looked before either stored the token; the first stored it and filed.
    filer, token = Filer(), read_token(issue_token())
    submit_once(token, "test", filer)
    monkeypatch.setattr(form_tokens, "_used", lambda token: None)

    assert submit_once(token, "test", filer) == ("CODE1", False)
    assert filer.filed == ["CODE1"]


def test_the_table_holds_one_row_per_token():
    expires_at = timezone.now() + TOKEN_MAX_AGE
    UsedFormToken.objects.create(token="t", purpose="a", expires_at=expires_at)

    with pytest.raises(IntegrityError):
        UsedFormToken.objects.create(token="t", purpose="b", expires_at=expires_at)


def test_used_tokens_are_purged_once_they_could_not_be_sent_again():
    submit_once(read_token(issue_token()), "test", Filer())

    assert purge_expired(timezone.now()) == 0
    assert purge_expired(timezone.now() + TOKEN_MAX_AGE) == 1
