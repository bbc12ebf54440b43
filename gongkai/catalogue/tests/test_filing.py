"""Filing the catalogue with the supervisor (备案): the workflow through the services."""

import datetime

import pytest
import time_machine

from gongkai.audit.models import AuditEvent
from gongkai.catalogue import services
from gongkai.catalogue.errors import (
    CatalogueLockedError,
    NoSupervisorError,
    ReasonRequiredError,
    TransitionNotAllowedError,
)
from gongkai.catalogue.models import AgencyCatalogue, CatalogueStatus
from gongkai.factories import make_agency

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)


def _status(catalogue):
    return AgencyCatalogue.objects.get(pk=catalogue.pk).status


def test_file_a_draft(catalogue, county_admin):
    with time_machine.travel(NOW, tick=False):
        services.file_catalogue(catalogue=catalogue, actor=county_admin)
    assert _status(catalogue) == CatalogueStatus.FILED
    assert AgencyCatalogue.objects.get(pk=catalogue.pk).filed_at == NOW
    event = AuditEvent.objects.for_object(catalogue).get(action="catalogue.filed")
    assert event.before["status"] == "draft"
    assert event.after["status"] == "filed"
    assert event.actor == county_admin


def test_an_agency_without_a_parent_cannot_file(standard_catalogue, county_admin):
    top = make_agency()
    catalogue = services.derive_catalogue(agency=top, actor=county_admin)
    with pytest.raises(NoSupervisorError):
        services.file_catalogue(catalogue=catalogue, actor=county_admin)
    assert _status(catalogue) == CatalogueStatus.DRAFT


def test_filing_twice_is_refused(catalogue, county_admin):
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    with pytest.raises(TransitionNotAllowedError):
        services.file_catalogue(catalogue=catalogue, actor=county_admin)


def test_a_draft_cannot_be_accepted(catalogue, city_supervisor):
    with pytest.raises(TransitionNotAllowedError):
        services.accept_catalogue(catalogue=catalogue, actor=city_supervisor)
    assert _status(catalogue) == CatalogueStatus.DRAFT


def test_a_draft_cannot_be_returned(catalogue, city_supervisor):
    with pytest.raises(TransitionNotAllowedError):
        services.return_catalogue(catalogue=catalogue, comments="请补充", actor=city_supervisor)
    assert _status(catalogue) == CatalogueStatus.DRAFT


def test_return_needs_comments(catalogue, county_admin, city_supervisor):
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    with pytest.raises(ReasonRequiredError):
        services.return_catalogue(catalogue=catalogue, comments="  ", actor=city_supervisor)
    assert _status(catalogue) == CatalogueStatus.FILED


def test_return_then_correct_then_file_again(catalogue, item, county_admin, city_supervisor):
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    with time_machine.travel(NOW, tick=False):
        services.return_catalogue(
            catalogue=catalogue, comments="0104的主体请写本局全称。", actor=city_supervisor
        )
    stored = AgencyCatalogue.objects.get(pk=catalogue.pk)
    assert stored.status == CatalogueStatus.RETURNED
    assert stored.reviewed_by == city_supervisor
    assert stored.reviewed_at == NOW
    assert stored.review_comments == "0104的主体请写本局全称。"

    services.update_item(item=item, actor=county_admin, subject="测试县卫生健康局")
    assert _status(catalogue) == CatalogueStatus.RETURNED  # comments stay in view
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    assert _status(catalogue) == CatalogueStatus.FILED
    event = AuditEvent.objects.for_object(catalogue).get(action="catalogue.returned")
    assert event.after["review_comments"] == "0104的主体请写本局全称。"
    assert event.actor == city_supervisor


def test_accept(catalogue, county_admin, city_supervisor):
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    services.accept_catalogue(catalogue=catalogue, actor=city_supervisor, comments="同意备案")
    stored = AgencyCatalogue.objects.get(pk=catalogue.pk)
    assert stored.status == CatalogueStatus.ACCEPTED
    assert stored.review_comments == "同意备案"
    assert AuditEvent.objects.for_object(catalogue).filter(action="catalogue.accepted").exists()
    with pytest.raises(TransitionNotAllowedError):
        services.return_catalogue(catalogue=catalogue, comments="再看看", actor=city_supervisor)


@pytest.mark.parametrize(
    "edit",
    [
        lambda item, actor: services.update_item(item=item, actor=actor, basis="改"),
        lambda item, actor: services.mark_not_applicable(item=item, reason="无", actor=actor),
        lambda item, actor: services.update_item(item=item, actor=actor, name=item.name),
        lambda item, actor: services.add_item(
            catalogue=item.catalogue,
            category_code="L1",
            category_name="本地",
            code="L-1",
            name="本地事项",
            actor=actor,
        ),
    ],
    ids=["update", "not-applicable", "no-op-update", "add"],
)
def test_items_of_a_filed_catalogue_cannot_change(catalogue, item, county_admin, edit):
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    with pytest.raises(CatalogueLockedError):
        edit(item, county_admin)
    item.refresh_from_db()
    assert item.basis != "改"
    assert not catalogue.items.filter(code="L-1").exists()


def test_restore_in_a_filed_catalogue_is_refused(catalogue, item, county_admin):
    services.mark_not_applicable(item=item, reason="无权限", actor=county_admin)
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    with pytest.raises(CatalogueLockedError):
        services.restore_item(item=item, actor=county_admin)


def test_editing_an_accepted_catalogue_puts_it_back_to_draft(
    catalogue, item, county_admin, city_supervisor
):
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    services.accept_catalogue(catalogue=catalogue, actor=city_supervisor)
    services.mark_not_applicable(item=item, reason="已划转市级", actor=county_admin)
    assert _status(catalogue) == CatalogueStatus.DRAFT
    reopened = AuditEvent.objects.for_object(catalogue).get(action="catalogue.reopened")
    assert (reopened.before, reopened.after) == ({"status": "accepted"}, {"status": "draft"})
    assert reopened.actor == county_admin
    with pytest.raises(TransitionNotAllowedError):
        services.accept_catalogue(catalogue=catalogue, actor=city_supervisor)
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    assert _status(catalogue) == CatalogueStatus.FILED


def test_a_stale_instance_does_not_bypass_the_lock(catalogue, item, county_admin):
    stale = AgencyCatalogue.objects.get(pk=catalogue.pk)
    services.file_catalogue(catalogue=catalogue, actor=county_admin)
    assert stale.status == CatalogueStatus.DRAFT
    with pytest.raises(TransitionNotAllowedError):
        services.file_catalogue(catalogue=stale, actor=county_admin)
