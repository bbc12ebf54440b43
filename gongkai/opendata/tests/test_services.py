"""Datasets through their states, resources and their versions, generated resources."""

import pytest

from gongkai.agencies.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.factories import make_agency, make_user
from gongkai.opendata import services, sources
from gongkai.opendata.errors import DatasetError, ResourceInvalid, TransitionNotAllowed
from gongkai.opendata.models import DatasetStatus, ResourceVersion
from gongkai.opendata.tests.factories import (
    CSV_TEXT,
    dataset_values,
    make_dataset,
    make_published_dataset,
)

pytestmark = pytest.mark.django_db


def _read(version) -> bytes:
    with version.file.open("rb") as stored:
        return stored.read()


def test_a_dataset_is_drafted_submitted_and_published_by_another_person():
    agency = make_agency()
    dataset = make_dataset(agency)
    assert dataset.status == DatasetStatus.DRAFT
    services.submit_dataset(dataset=dataset, actor=dataset.drafted_by)
    with pytest.raises(DatasetError, match="起草人不能审核发布"):
        services.publish_dataset(dataset=dataset, actor=dataset.drafted_by)
    reviewer = make_user(agency=agency, roles=(Role.REVIEWER,))
    published = services.publish_dataset(dataset=dataset, actor=reviewer)
    assert published.status == DatasetStatus.PUBLISHED
    assert published.reviewed_by == reviewer
    assert published.published_at is not None
    actions = list(
        AuditEvent.objects.filter(object_id=str(dataset.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "dataset.create",
        "dataset.resource_add",
        "dataset.submit",
        "privacy.release_review",  # the secrecy review of its texts and files
        "dataset.publish",
    ]


def test_a_dataset_without_resources_cannot_be_submitted_unless_closed():
    agency = make_agency()
    dataset = make_dataset(agency, csv=None)
    with pytest.raises(DatasetError, match="至少一个数据资源"):
        services.submit_dataset(dataset=dataset, actor=dataset.drafted_by)
    closed = make_dataset(
        agency, csv=None, openness="closed", openness_reason="涉及个人隐私，依法不予开放。"
    )
    assert services.submit_dataset(dataset=closed, actor=closed.drafted_by).status == "in_review"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "Bad Name"}, "name"),
        ({"name": "医疗"}, "name"),
        ({"title": ""}, "title"),
        ({"openness": "conditional", "openness_reason": ""}, "openness_reason"),
        ({"contact_email": "", "contact_phone": ""}, "contact_phone"),
        ({"theme": "weather"}, "theme"),
        ({"frequency": "HOURLY"}, "frequency"),
    ],
)
def test_bad_metadata_is_refused_with_the_field(overrides, field):
    agency = make_agency()
    publisher = make_user(agency=agency, roles=(Role.PUBLISHER,))
    with pytest.raises(DatasetError) as caught:
        services.create_dataset(
            agency=agency, actor=publisher, values=dataset_values(agency, **overrides)
        )
    assert field in caught.value.errors


def test_names_are_unique():
    agency = make_agency()
    make_dataset(agency, name="beds")
    with pytest.raises(DatasetError, match="已被其他数据集使用"):
        make_dataset(agency, name="beds")


def test_a_changed_upload_is_a_new_version_and_the_old_is_kept():
    agency = make_agency()
    dataset = make_dataset(agency)
    resource = dataset.resources.get()
    first = resource.latest_version()
    assert (first.number, first.row_count, first.source_encoding) == (1, 3, "UTF-8")
    # The same table in GBK: nothing changed, no version.
    assert (
        services.replace_upload(
            resource=resource, actor=dataset.drafted_by, data=CSV_TEXT.encode("gbk")
        )
        is None
    )
    changed = CSV_TEXT + "县医院,300,2010-05-01\n"
    second = services.replace_upload(
        resource=resource, actor=dataset.drafted_by, data=changed.encode("gbk")
    )
    assert (second.number, second.row_count, second.source_encoding) == (2, 4, "GB18030/GBK")
    assert second.checksum != first.checksum
    assert list(resource.versions.values_list("number", flat=True)) == [2, 1]
    assert _read(first).decode("utf-8-sig").startswith("机构名称,床位数")
    assert _read(second).decode("utf-8-sig").endswith("县医院,300,2010-05-01\r\n")


def test_a_bad_upload_keeps_nothing():
    agency = make_agency()
    dataset = make_dataset(agency, csv=None)
    with pytest.raises(ResourceInvalid):
        services.add_uploaded_resource(
            dataset=dataset, actor=dataset.drafted_by, title="坏", data="名称,名称\n".encode()
        )
    assert not dataset.resources.exists()
    assert not ResourceVersion.objects.exists()


def test_a_replacement_must_keep_the_format():
    agency = make_agency()
    dataset = make_dataset(agency)
    with pytest.raises(DatasetError, match="格式"):
        services.replace_upload(
            resource=dataset.resources.get(), actor=dataset.drafted_by, data=b'[{"a": 1}]'
        )


def test_generated_resources_follow_their_source_and_version_only_on_change():
    agency = make_agency()
    figures = {"rows": [(2024, 10), (2025, 12)]}

    def build(for_agency):
        assert for_agency == agency
        return sources.Table(
            columns=(
                sources.Column("year", "年度", "year"),
                sources.Column("cases", "病例数", "integer", "例"),
            ),
            rows=figures["rows"],
        )

    sources.register(sources.Source("tests.cases", "病例数", build))
    dataset = make_dataset(agency, csv=None)
    resource = services.add_generated_resource(
        dataset=dataset, actor=dataset.drafted_by, title="", source_key="tests.cases", format="JSON"
    )
    assert resource.title == "病例数"
    assert _read(resource.latest_version()).decode().count("cases") == 2
    assert services.refresh_generated(agency, "tests.cases") == []
    figures["rows"] = [(2024, 10), (2025, 12), (2026, 3)]
    [made] = services.refresh_generated(agency, "tests.cases")
    assert (made.number, made.row_count) == (2, 3)


def test_withdrawal_needs_a_reason_and_only_from_published():
    agency = make_agency()
    dataset = make_published_dataset(agency)
    reviewer = dataset.reviewed_by
    with pytest.raises(DatasetError, match="撤回理由"):
        services.withdraw_dataset(dataset=dataset, actor=reviewer, reason=" ")
    withdrawn = services.withdraw_dataset(dataset=dataset, actor=reviewer, reason="数据有误")
    assert withdrawn.status == DatasetStatus.WITHDRAWN
    with pytest.raises(TransitionNotAllowed):
        services.withdraw_dataset(dataset=withdrawn, actor=reviewer, reason="再次")


def test_the_refresh_command_versions_only_what_changed():
    from io import StringIO

    from django.core.management import call_command

    agency = make_agency()
    rows = {"rows": [(2025, 1)]}
    sources.register(
        sources.Source(
            "tests.command",
            "命令",
            lambda a: sources.Table(
                (sources.Column("year", "年度", "year"), sources.Column("n", "数", "integer")),
                rows["rows"],
            ),
        )
    )
    dataset = make_dataset(agency, csv=None)
    services.add_generated_resource(
        dataset=dataset,
        actor=dataset.drafted_by,
        title="数",
        source_key="tests.command",
        format="CSV",
    )
    out = StringIO()
    call_command("refresh_open_data", stdout=out)
    assert out.getvalue().strip() == "0 new resource versions"
    rows["rows"] = [(2025, 2)]
    call_command("refresh_open_data", stdout=out)
    assert out.getvalue().strip().endswith("1 new resource versions")
