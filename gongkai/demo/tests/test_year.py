"""The demo shows a working commission: a year of applications in every state and reply type
with their letters, records spread over the year under most catalogue items with real
attachments, and last year's annual report published (演示西县's still missing)."""

import datetime
import io

import docx
import openpyxl
import pymupdf
import pytest
from django.utils import timezone

from gongkai.catalogue.models import AgencyItem
from gongkai.demo.foi_demo import CLOSED_PLOTS
from gongkai.demo.history import on_day
from gongkai.demo.loading import load_demo
from gongkai.demo.records_demo import ENTRIES, Entry, attachment_for
from gongkai.documents.models import Attachment, Document, DocumentType, Status, Validity
from gongkai.foi.letters.texts import LetterKind, available_letters, letter_text
from gongkai.foi.models import Application, LogKind
from gongkai.foi.models import Status as ApplicationStatus
from gongkai.foi.outcomes import Outcome
from gongkai.foi.receipt import Channel
from gongkai.proposals.models import Proposal
from gongkai.proposals.tests.demo_checks import check_demo_proposals
from gongkai.reports.models import AnnualReport

COUNTY = "DEMO-COUNTY"


def test_on_day_runs_the_block_on_that_day_and_leaves_today_alone():
    today = timezone.localdate()
    with on_day(datetime.date(2026, 3, 2), hour=15):
        assert timezone.localdate() == datetime.date(2026, 3, 2)
        assert timezone.localtime().hour == 15
    assert timezone.localdate() == today
    with on_day(today + datetime.timedelta(days=3)):  # never into the future
        assert timezone.localdate() == today


def test_the_stories_reach_every_reply_type():
    drafted = {outcome.split("-")[0] for _plot, outcome in CLOSED_PLOTS if outcome}
    by_closing = {"other.1": "abandoned", "other.2": "fee-unpaid"}
    plots = {plot for plot, _outcome in CLOSED_PLOTS}
    reached = drafted | {outcome for outcome, plot in by_closing.items() if plot in plots}
    assert reached == set(Outcome.values)


@pytest.mark.parametrize("kind", ["pdf", "docx", "xlsx"])
def test_attachments_are_real_files_with_the_title_inside(kind):
    entry = Entry("G0801", "演示县公共场所卫生监督检查结果", attachment=kind)
    name, data = attachment_for(entry)
    assert name.endswith(f".{kind}")
    if kind == "pdf":
        text = pymupdf.open(stream=data, filetype="pdf")[0].get_text()
    elif kind == "docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        text = str(sheet["A1"].value)
    assert entry.title in text


def _check_applications(today: datetime.date) -> None:
    county = Application.objects.filter(agency__code=COUNTY)
    assert 60 <= county.count() <= 120
    assert set(county.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert set(county.values_list("outcome", flat=True)) - {""} == set(Outcome.values)
    # Online, by letter and in person.
    channels = set(county.values_list("channel", flat=True))
    assert {Channel.ONLINE, Channel.IN_PERSON, Channel.SIGNED_MAIL} <= channels
    # Spread over the year, not all received today.
    months = {(d.year, d.month) for d in county.values_list("received_on", flat=True)}
    assert len(months) >= 12
    assert county.filter(received_on__lt=today - datetime.timedelta(days=330)).exists()
    open_ = county.open().exclude(due_on=None)
    assert open_.filter(due_on__lt=today).count() >= 2, "a few overdue"
    soon = open_.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7))
    assert soon.count() >= 2, "a few due within the week"
    # Every clock step told on its own day: the extension and the reply are not today.
    extended = county.filter(events__kind=LogKind.EXTENDED, status=ApplicationStatus.CLOSED)
    assert extended.exists()
    for application in extended:
        days = list(application.events.order_by("pk").values_list("on", flat=True))
        assert days == sorted(days)
        assert application.replied_on < today
    # Letters where the state has them, and they render.
    letters = set()
    for application in county:
        letters.update(available_letters(application))
    assert {
        LetterKind.SUPPLEMENT,
        LetterKind.CONSULTATION,
        LetterKind.AGENCY_CONSULTATION,
        LetterKind.EXTENSION,
        LetterKind.FEE,
        LetterKind.REPLY,
    } <= letters
    replied = county.filter(outcome=Outcome.PARTIAL, status=ApplicationStatus.CLOSED).first()
    assert letter_text(replied, LetterKind.REPLY)
    # A few at the other agencies.
    assert Application.objects.exclude(agency__code=COUNTY).filter(agency__code="JC-WJW").exists()


def _check_records(today: datetime.date, client) -> None:
    items = AgencyItem.objects.filter(catalogue__agency__code=COUNTY).applicable()
    published = Document.objects.filter(agency__code=COUNTY, status=Status.PUBLISHED)
    covered = items.filter(documents__in=published).distinct().count()
    assert covered >= 0.8 * items.count(), f"{covered} of {items.count()} items have a record"
    days = published.exclude(published_at=None).values_list("published_at", flat=True)
    months = {(timezone.localtime(d).year, timezone.localtime(d).month) for d in days}
    assert len(months) >= 11, "published over the year, not all today"
    assert published.filter(is_late=True).exists()
    assert published.filter(is_late=False).count() > published.filter(is_late=True).count()
    assert published.filter(document_type=DocumentType.NOTICE).count() >= 10
    assert published.filter(document_type=DocumentType.INTERPRETATION).count() >= 2
    assert published.filter(validity=Validity.EXPIRED).exists()
    assert Document.objects.filter(agency__code=COUNTY, status=Status.WITHDRAWN).count() >= 2
    # The five real samples keep their place.
    assert Document.objects.filter(title__startswith="关于印发").exists()
    assert Document.objects.filter(agency__code="DEMO-CITY").exists()
    # Real attachments, downloadable from the record page.
    attachments = Attachment.objects.filter(document__in=published)
    assert {a.extension for a in attachments} >= {"pdf", "docx", "xlsx"}
    for attachment in attachments:
        page = client.get(f"/records/{attachment.document_id}/")
        assert attachment.file.url in page.content.decode()
        response = client.get(attachment.file.url)
        assert response.status_code == 200
        # Reading a streamed file to its end closes it (the test client's own wrapper); a
        # response.close() here would close the database connection on PostgreSQL.
        body = b"".join(response.streaming_content) if response.streaming else response.content
        with attachment.file.open("rb") as stored:
            assert body == stored.read()


def _check_annual_report(year: int) -> None:
    report = AnnualReport.objects.get(agency__code=COUNTY, year=year)
    assert report.published_at is not None
    received = Application.objects.filter(agency__code=COUNTY, received_on__year=year).count()
    assert received > 0
    assert report.data["table_b"]["new"]["total"] == received
    assert not AnnualReport.objects.filter(
        agency__code="DEMO-WEST", year=year, published_at__isnull=False
    ).exists()


@pytest.mark.django_db
def test_the_demo_shows_a_working_year(client, restore_demo):
    restore_demo()
    today = timezone.localdate()
    _check_applications(today)
    _check_records(today, client)
    _check_annual_report(today.year - 1)
    check_demo_proposals(client)
    assert len(ENTRIES) + 10 <= Document.objects.filter(agency__code=COUNTY).count()
    counts = (
        Application.objects.count(),
        Document.objects.count(),
        Attachment.objects.count(),
        Proposal.objects.count(),
    )
    load_demo()
    assert (
        Application.objects.count(),
        Document.objects.count(),
        Attachment.objects.count(),
        Proposal.objects.count(),
    ) == counts
