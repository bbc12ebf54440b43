"""The tallies of public records (models.PublicTallyByItem, PublicTallyByType): kept by the
database's triggers through every kind of change, read by the portal's counts, checked and
rebuilt by a command."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import BigIntegerField, Case, Value, When

from gongkai.agencies.models import Role
from gongkai.documents import services, tally
from gongkai.documents.models import (
    Attribute,
    Document,
    DocumentType,
    PublicTallyByItem,
    PublicTallyByType,
    Status,
)
from gongkai.documents.tests.factories import (
    make_agency_item,
    make_document,
    make_published_document,
)
from gongkai.factories import make_agency, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_march_2026")]

PUBLIC = {"status": Status.PUBLISHED, "attribute": Attribute.PROACTIVE}


def tallied(agency_id: int, item_id: int, kind: str) -> tuple[int, int]:
    """(the agency's records under the item, the agency's records of the type)."""
    by_item = PublicTallyByItem.objects.filter(agency_id=agency_id, catalogue_item_key=item_id)
    by_type = PublicTallyByType.objects.filter(agency_id=agency_id, document_type=kind)
    return (
        by_item.first().records if by_item.exists() else 0,
        by_type.first().records if by_type.exists() else 0,
    )


def test_a_public_record_counts_once_and_a_draft_or_withheld_one_not_at_all(agency):
    item = make_agency_item(agency)
    make_document(agency=agency, catalogue_item=item, **PUBLIC)
    make_document(agency=agency, catalogue_item=item, **PUBLIC)
    make_document(agency=agency, catalogue_item=item)  # a draft
    make_document(
        agency=agency, catalogue_item=item, status=Status.PUBLISHED, attribute=Attribute.WITHHELD
    )
    make_document(
        agency=agency, catalogue_item=item, status=Status.PUBLISHED, attribute=Attribute.ON_REQUEST
    )
    assert tallied(agency.pk, item.pk, DocumentType.NOTICE) == (2, 2)
    assert tally.public_count(agency_id=agency.pk) == 2
    assert tally.drift() == {}


# Each change of a public record, made the way the code base makes it: (what, change, what
# the record's old keys hold after it: (agency x under item a, agency x of type notice), all
# public records after it). The record starts public, a notice under item `a` of agency `x`.
def _withdraw(document):
    Document.objects.filter(pk=document.pk).update(status=Status.WITHDRAWN)


def _retitle(document):
    Document.objects.filter(pk=document.pk).update(title="新标题")


CHANGES = [
    ("withdrawn", lambda d, o: _withdraw(d), (0, 0), 0),
    ("made on-request", lambda d, o: _save(d, attribute=Attribute.ON_REQUEST), (0, 0), 0),
    ("moved to another item", lambda d, o: _save(d, catalogue_item=o["b"]), (0, 1), 1),
    ("retyped", lambda d, o: _save(d, document_type=DocumentType.POLICY), (1, 0), 1),
    ("moved to another agency", lambda d, o: _save(d, agency=o["y"]), (0, 0), 1),
    ("deleted", lambda d, o: d.delete(), (0, 0), 0),
    ("saved unchanged", lambda d, o: d.save(), (1, 1), 1),
    ("title edited", lambda d, o: _retitle(d), (1, 1), 1),
]  # fmt: skip


def _save(document, **values):
    for name, value in values.items():
        setattr(document, name, value)
    document.save()


@pytest.mark.parametrize(("what", "change", "old_keys_after", "public_after"), CHANGES)
def test_every_change_of_a_public_record_moves_its_count(
    what, change, old_keys_after, public_after
):
    x, y = make_agency(name="甲县卫生健康局"), make_agency(name="乙县卫生健康局")
    objects = {"a": make_agency_item(x), "b": make_agency_item(x), "x": x, "y": y}
    document = make_document(agency=x, catalogue_item=objects["a"], **PUBLIC)
    assert tallied(x.pk, objects["a"].pk, DocumentType.NOTICE) == (1, 1)

    change(document, objects)

    assert tallied(x.pk, objects["a"].pk, DocumentType.NOTICE) == old_keys_after, what
    assert tally.public_count() == public_after, what
    assert tally.drift() == {}, what


def test_a_record_published_and_withdrawn_through_the_services_counts_while_public(agency):
    item = make_agency_item(agency)
    document = make_published_document(agency=agency, catalogue_item=item)
    assert tally.public_count_by_item(agency.pk) == {item.pk: 1}
    services.withdraw(
        document=document,
        actor=make_user(agency=agency, roles=(Role.PUBLISHER,)),
        reason="内容已过时。",
    )
    assert tally.public_count_by_item(agency.pk) == {}
    assert tally.drift() == {}


def test_bulk_writes_and_raw_sql_are_counted_too(agency):
    """What no Django signal would see: bulk_create, queryset updates, a bulk SQL insert."""
    item = make_agency_item(agency)
    template = make_document(agency=agency, catalogue_item=item, **PUBLIC)
    Document.objects.bulk_create(
        [
            Document(
                agency=agency,
                catalogue_item=item,
                title=f"批量记录{n}",
                document_type=DocumentType.NOTICE,
                topic=template.topic,
                formed_on=template.formed_on,
                **PUBLIC,
            )
            for n in range(5)
        ]
    )
    Document.objects.filter(title="批量记录0").update(status=Status.WITHDRAWN)
    with connection.cursor() as cursor:
        columns = [f.column for f in Document._meta.concrete_fields if f.column != "id"]
        cursor.execute(
            f"INSERT INTO documents_document ({', '.join(columns)}) "  # noqa: S608 - model's own
            f"SELECT {', '.join(columns)} FROM documents_document WHERE id = %s",
            [template.pk],
        )
    assert tally.public_count_by_item(agency.pk) == {item.pk: 1 + 4 + 1}
    Document.objects.filter(agency=agency).delete()
    assert tally.public_count() == 0
    assert tally.drift() == {}


def test_one_statement_moving_records_both_ways_counts_each_key_by_its_sum(agency):
    """On PostgreSQL the tallies change once per statement (migration 0011): records leaving a
    key and records entering it in the same UPDATE must net out, a key whose sum is zero is left
    alone, and an update of columns nobody counts changes nothing."""
    first, second = make_agency_item(agency), make_agency_item(agency)
    public = [make_document(agency=agency, catalogue_item=first, **PUBLIC) for _ in range(3)]
    draft = make_document(agency=agency, catalogue_item=second)  # not counted
    moved, withdrawn, _kept = public
    Document.objects.filter(agency=agency).update(
        catalogue_item_id=Case(
            When(pk=moved.pk, then=Value(second.pk)),
            default="catalogue_item_id",
            output_field=BigIntegerField(),
        ),
        status=Case(
            When(pk=withdrawn.pk, then=Value(Status.WITHDRAWN)),
            When(pk=draft.pk, then=Value(Status.PUBLISHED)),
            default="status",
        ),
        attribute=Value(Attribute.PROACTIVE),
    )
    # first: kept; second: moved and the draft now published.
    assert tally.public_count_by_item(agency.pk) == {first.pk: 1, second.pk: 2}
    assert tally.public_count(agency_id=agency.pk) == 3
    Document.objects.filter(agency=agency).update(title="改了标题")
    assert tally.public_count_by_item(agency.pk) == {first.pk: 1, second.pk: 2}
    assert tally.drift() == {}


def test_counts_by_agency_item_and_type_combine():
    x, y = make_agency(name="甲县卫生健康局"), make_agency(name="乙县卫生健康局")
    a, b = make_agency_item(x), make_agency_item(x)
    make_document(agency=x, catalogue_item=a, **PUBLIC)
    make_document(agency=x, catalogue_item=a, document_type=DocumentType.POLICY, **PUBLIC)
    make_document(agency=x, catalogue_item=b, document_type=DocumentType.POLICY, **PUBLIC)
    make_document(agency=y, document_type=DocumentType.POLICY, **PUBLIC)

    assert tally.public_count_by_agency() == {x.pk: 3, y.pk: 1}
    assert tally.public_count_by_item(x.pk) == {a.pk: 2, b.pk: 1}
    assert tally.public_count(document_types=[DocumentType.POLICY]) == 3
    assert tally.public_count(agency_id=x.pk, document_types=[DocumentType.POLICY]) == 2
    assert tally.public_count(document_types=[]) == 0


def test_the_command_finds_a_damaged_tally_and_recount_repairs_it(agency, capsys):
    item = make_agency_item(agency)
    make_document(agency=agency, catalogue_item=item, **PUBLIC)
    call_command("documents_tally")
    assert "一致" in capsys.readouterr().out

    PublicTallyByItem.objects.update(records=7)
    PublicTallyByType.objects.create(agency=agency, document_type=DocumentType.NEWS, records=2)
    with pytest.raises(CommandError, match="不一致（2 处）"):
        call_command("documents_tally")
    assert tally.drift() == {
        ("item", (agency.pk, item.pk)): (7, 1),
        ("type", (agency.pk, DocumentType.NEWS)): (2, 0),
    }

    call_command("documents_tally", "--recount")
    assert tally.drift() == {}
    assert tally.public_count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="table files: PostgreSQL only")
def test_a_recount_writes_the_tallies_into_new_files(agency):
    """Many changes inside one transaction leave dead versions of the tally rows behind; a
    recount starts the tables afresh rather than leaving those pages to every later scan."""
    record = make_document(agency=agency, **PUBLIC)
    for _ in range(150):
        Document.objects.filter(pk=record.pk).update(status=Status.WITHDRAWN)
        Document.objects.filter(pk=record.pk).update(status=Status.PUBLISHED)

    def pages() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_relation_size('documents_publictallybytype') / 8192")
            return cursor.fetchone()[0]

    assert pages() > 1
    call_command("documents_tally", "--recount")
    assert pages() == 1
    assert tally.public_count(agency_id=agency.pk) == 1
    assert tally.drift() == {}
