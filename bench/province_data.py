"""The data of the province benchmark (bench/province.py): a provincial health commission with
its cities, counties and townships, their staff and derived catalogues, records, information
applications and public messages, with the ledger rows the app writes for each of them.

Rows are written with COPY (psycopg's `cursor.copy`, through supervision_data.Inserter), ids
given explicitly so the ledger rows can name their subjects; the sequences are reset and the
tables analysed at the end. One seeded random stream: the same data every run for one scale.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from supervision_data import (
    OBLIGATION_NAMES,
    TZ,
    Inserter,
    office_moment,
    working_days_later,
)

TODAY = datetime.date(2026, 11, 16)
NOW = datetime.datetime(2026, 11, 16, 10, 0, tzinfo=TZ)  # the app's clock while measuring
FIRST_YEAR = 2019  # seven and a bit years of history
FIRST_DAY = datetime.date(FIRST_YEAR, 1, 1)
CHUNK = 50_000
PASSWORD = "province-bench"  # noqa: S105 (a throwaway database's staff)

# The record types by weight (as bench/supervision_data.py: news and notices dominate).
TYPE_WEIGHTS = {
    "news": 30,
    "notice": 20,
    "licensing": 12,
    "penalty": 6,
    "inspection": 4,
    "service_guide": 4,
    "personnel": 4,
    "budget": 2,
    "plan": 2,
    "policy": 5,
    "normative": 2.5,
    "rule": 0.5,
    "interpretation": 3,
    "other": 5,
}
TOPICS = ["health", "medicine", "disease_control", "maternal_child", "openness", "general"]
OUTCOMES = [
    ("granted", 40),
    ("partial", 8),
    *((f"withheld.{n}", 1) for n in range(1, 9)),
    ("unable.1", 15),
    ("unable.2", 3),
    ("unable.3", 2),
    *((f"not_handled.{n}", 2) for n in range(1, 6)),
    ("other.1", 4),
    ("other.2", 1),
    ("other.3", 3),
]
APPLICANT_TYPES = [
    ("natural", 80),
    ("business", 10),
    ("research", 2),
    ("public_interest", 2),
    ("legal_service", 4),
    ("other", 2),
]
CHANNELS = [
    ("online", 70),
    ("signed_mail", 12),
    ("in_person", 10),
    ("ordinary_mail", 5),
    ("fax", 3),
]
OPEN_APPLICATION_STATES = ["registered", "in_progress", "awaiting_supplement", "reply_drafted"]
MESSAGE_CATEGORIES = ["message", "leader", "enquiry", "complaint", "suggestion"]


@dataclass
class Sizes:
    agencies: int = 300
    records: int = 1_000_000
    applications: int = 1_000_000
    messages: int = 100_000

    def scaled(self, scale: float) -> Sizes:
        return Sizes(
            agencies=self.agencies,
            records=max(int(self.records * scale), 1000),
            applications=max(int(self.applications * scale), 1000),
            messages=max(int(self.messages * scale), 100),
        )


@dataclass
class Province:
    """What the measurements need to find again after generation."""

    province_id: int
    city_id: int
    county_id: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _weighted(rng: random.Random, pairs) -> str:
    return rng.choices([v for v, _w in pairs], [w for _v, w in pairs])[0]


# --- agencies, staff, catalogues -------------------------------------------------------------


def hierarchy_shape(total: int) -> tuple[int, int, int]:
    """(cities, counties, townships) below one province for `total` agencies: 300 gives 14
    cities, 110 counties and 175 township health centres (a mid-sized province)."""
    cities = max(1, round(total * 14 / 300))
    counties = max(1, round(total * 110 / 300))
    return cities, counties, max(total - 1 - cities - counties, 0)


def make_agencies(total: int):
    from gongkai.agencies.models import Agency, Level

    cities_n, counties_n, townships_n = hierarchy_shape(total)
    province = Agency.objects.create(
        code="P-HC", name="基准省卫生健康委员会", short_name="省卫健委", level=Level.PROVINCE
    )
    cities = Agency.objects.bulk_create(
        Agency(
            code=f"P-C{n:02d}",
            name=f"基准省第{n}市卫生健康委员会",
            level=Level.CITY,
            parent=province,
            sort_order=n,
        )
        for n in range(1, cities_n + 1)
    )
    counties = Agency.objects.bulk_create(
        Agency(
            code=f"P-C{1 + n % cities_n:02d}-X{n:03d}",
            name=f"基准第{n}县卫生健康局",
            level=Level.COUNTY,
            parent=cities[n % cities_n],
            sort_order=n,
        )
        for n in range(counties_n)
    )
    townships = Agency.objects.bulk_create(
        Agency(
            code=f"P-X{n % counties_n:03d}-T{n:03d}",
            name=f"基准第{n}乡镇卫生院",
            level=Level.TOWNSHIP,
            parent=counties[n % counties_n],
            sort_order=n,
        )
        for n in range(townships_n)
    )
    return province, cities, counties, townships


def make_staff(agencies, province, cities, counties) -> dict[int, list[int]]:
    """A publisher-reviewer and an FOI handler in each agency; supervisors in the province and
    the first city; named accounts the measurements log in as. {agency id: [user ids]}."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from gongkai.agencies.models import Membership, Role

    user_model = get_user_model()
    password = make_password(PASSWORD)
    users, memberships = [], []
    for agency in agencies:
        users.append(user_model(username=f"pub-{agency.code}", password=password))
        users.append(user_model(username=f"foi-{agency.code}", password=password))
    named = {
        "province-supervisor": province,
        "city-supervisor": cities[0],
        "county-clerk": counties[0],
    }
    users += [user_model(username=name, password=password) for name in named]
    user_model.objects.bulk_create(users)
    by_name = {
        u.username: u for u in user_model.objects.filter(username__in=[u.username for u in users])
    }
    staff: dict[int, list[int]] = {}
    for agency in agencies:
        publisher, handler = by_name[f"pub-{agency.code}"], by_name[f"foi-{agency.code}"]
        memberships += [
            Membership(user=publisher, agency=agency, role=Role.PUBLISHER),
            Membership(user=publisher, agency=agency, role=Role.REVIEWER),
            Membership(user=handler, agency=agency, role=Role.FOI_HANDLER),
        ]
        staff[agency.pk] = [publisher.pk, handler.pk]
    for role in (Role.SUPERVISOR, Role.REVIEWER):
        memberships.append(
            Membership(user=by_name["province-supervisor"], agency=province, role=role)
        )
        memberships.append(Membership(user=by_name["city-supervisor"], agency=cities[0], role=role))
    for role in (Role.PUBLISHER, Role.REVIEWER, Role.FOI_HANDLER):
        memberships.append(Membership(user=by_name["county-clerk"], agency=counties[0], role=role))
    Membership.objects.bulk_create(memberships)
    return staff


def make_catalogues(agencies) -> dict[int, list[int]]:
    """Each agency's catalogue through the domain function (as an administrator would)."""
    from django.db import transaction

    from gongkai.catalogue.models import AgencyItem
    from gongkai.catalogue.services import derive_catalogue

    for agency in agencies:
        with transaction.atomic():
            derive_catalogue(agency=agency, actor=None)
    items: dict[int, list[int]] = {}
    for item_id, agency_id in AgencyItem.objects.values_list("pk", "catalogue__agency_id"):
        items.setdefault(agency_id, []).append(item_id)
    return items


# --- records ---------------------------------------------------------------------------------


def agency_weights(agencies, rng: random.Random) -> list[float]:
    """How busy each agency is: the province and cities publish most, townships least."""
    level_weight = {"province": 40.0, "city": 12.0, "county": 4.0, "township": 0.6}
    return [level_weight[a.level] * rng.lognormvariate(0, 0.5) for a in agencies]


def generate_records(connection, n, agencies, weights, items, staff, rng, progress) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from gongkai.documents.models import Document, IndexCounter
    from gongkai.documents.rules import format_index_number
    from gongkai.obligations.models import Obligation

    names = [
        "id", "agency_id", "title", "index_number", "index_year", "index_serial",
        "document_number", "document_type", "topic", "catalogue_item_id", "formed_on",
        "summary", "attribute", "status", "drafted_by_id", "reviewed_by_id", "created_at",
        "updated_at", "submitted_at", "published_at", "due_on", "is_late", "withdrawn_at",
        "withdrawal_reason",
    ]  # fmt: skip
    documents = Inserter(connection, Document, names)
    obligations = Inserter(connection, Obligation, OBLIGATION_NAMES)
    content_type = ContentType.objects.get_for_model(Document).pk
    types, type_weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    serials: dict[tuple[int, int], int] = {}
    span = (TODAY - FIRST_DAY).days
    counts = {"records": 0, "records published": 0, "records ledger rows": 0}
    ledger_id = [_next_id(Obligation)]

    def rows() -> Iterator[tuple[dict, dict | None]]:
        for number in range(n):
            pk = number + 1
            agency = rng.choices(agencies, weights)[0]
            kind = rng.choices(types, type_weights)[0]
            # More records in later years (the platform's take-up grows).
            formed = FIRST_DAY + datetime.timedelta(days=int(span * rng.random() ** 0.8))
            draw = rng.random()
            attribute = "proactive" if draw < 0.92 else "on_request" if draw < 0.97 else "withheld"
            status = "published"
            state_draw = rng.random()
            recent = (TODAY - formed).days < 60
            if state_draw < 0.01:
                status = "withdrawn"
            elif recent and state_draw < 0.35:
                status = "draft" if state_draw < 0.25 else "in_review"
            due = None
            if attribute == "proactive":
                due = working_days_later(formed, 7 if kind in ("licensing", "penalty") else 20)
            created = office_moment(rng, formed)
            published = index_number = year = serial = None
            if status in ("published", "withdrawn"):
                day = formed + datetime.timedelta(days=rng.randint(0, 25))
                published = office_moment(rng, min(day, TODAY - datetime.timedelta(days=1)))
                # 索引号 at publication: code/year-serial, serials per agency and year.
                year = published.year
                serial = serials.get((agency.pk, year), 0) + 1
                serials[(agency.pk, year)] = serial
                index_number = format_index_number(agency.code, year, serial)
            withdrawn = None
            if status == "withdrawn":
                withdrawn = published + datetime.timedelta(days=rng.randint(1, 90))
            published_on = published.astimezone(TZ).date() if published else None
            publisher = staff[agency.pk][0]
            values = {
                "id": pk,
                "agency_id": agency.pk,
                "title": f"关于{formed:%Y年%m月}{agency.name}第{pk}号{kind}事项的通知",
                "index_number": index_number,
                "index_year": year,
                "index_serial": serial,
                "document_number": f"基卫发〔{formed.year}〕{pk % 997}号" if kind in (
                    "policy", "normative", "rule") else "",
                "document_type": kind,
                "topic": TOPICS[pk % len(TOPICS)],
                "catalogue_item_id": rng.choice(items[agency.pk]),
                "formed_on": formed,
                "summary": "内容概述：基准数据。",
                "attribute": attribute,
                "status": status,
                "drafted_by_id": publisher,
                "reviewed_by_id": publisher if published else None,
                "created_at": created,
                "updated_at": withdrawn or published or created,
                "submitted_at": None if status == "draft" else created,
                "published_at": published,
                "due_on": due,
                "is_late": bool(due and published_on and published_on > due),
                "withdrawn_at": withdrawn,
                "withdrawal_reason": "信息已更新，撤回旧版。" if withdrawn else "",
            }  # fmt: skip
            counts["records"] += 1
            counts["records published"] += status == "published"
            duty = None
            if due is not None:  # documents.obligations.describe_publication
                duty = {
                    "id": ledger_id[0],
                    "agency_id": agency.pk,
                    "kind": "documents.publication",
                    "content_type_id": content_type,
                    "object_id": pk,
                    "title": values["title"],
                    "due_on": due,
                    "due_at": None,
                    "is_provisional": False,
                    "done_on": published_on,
                    "done_at": None,
                    "is_late": (published_on > due) if published_on else None,
                    "updated_at": published or created,
                }
                ledger_id[0] += 1
            if (number + 1) % 100_000 == 0:
                progress("records", number + 1)
            yield values, duty

    _write_in_chunks(rows(), documents, obligations, counts, "records ledger rows")
    IndexCounter.objects.bulk_create(
        IndexCounter(agency_id=agency_id, year=year, last_serial=last)
        for (agency_id, year), last in serials.items()
    )
    return counts


def _write_in_chunks(stream, main: Inserter, ledger: Inserter, counts: dict, key: str) -> None:
    while True:
        chunk = [pair for _index, pair in zip(range(CHUNK), stream, strict=False)]
        if not chunk:
            break
        main.write(row for row, _duty in chunk)
        duties = [duty for _row, duty in chunk if duty is not None]
        ledger.write(duties)
        counts[key] = counts.get(key, 0) + len(duties)


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


# --- applications ----------------------------------------------------------------------------


def generate_applications(connection, n, agencies, weights, staff, rng, progress) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from gongkai.foi.models import Application
    from gongkai.obligations.models import Obligation

    names = [
        "id", "agency_id", "query_code", "applicant_type", "applicant_name", "id_type",
        "id_number", "phone", "description", "delivery_form", "channel", "submitted_on",
        "arrived_on", "confirmed_on", "signed_on", "received_on", "status", "handler_id",
        "due_on", "outcome", "already_public", "not_held_reason", "reply_text",
        "replied_on", "closed_on", "created_at", "updated_at",
    ]  # fmt: skip
    applications = Inserter(connection, Application, names)
    obligations = Inserter(connection, Obligation, OBLIGATION_NAMES)
    content_type = ContentType.objects.get_for_model(Application).pk
    span = (TODAY - FIRST_DAY).days
    counts = {"applications": 0, "applications open": 0}
    ledger_id = [_next_id(Obligation)]

    def rows() -> Iterator[tuple[dict, dict]]:
        for number in range(n):
            pk = number + 1
            agency = rng.choices(agencies, weights)[0]
            received = FIRST_DAY + datetime.timedelta(days=int(span * rng.random() ** 0.9))
            channel = _weighted(rng, CHANNELS)
            due = working_days_later(received, 20)
            age = (TODAY - received).days
            is_open = (age < 45 and rng.random() < 0.6) or (age < 120 and rng.random() < 0.02)
            outcome = "" if is_open else _weighted(rng, OUTCOMES)
            replied = None
            if not is_open:
                replied = received + datetime.timedelta(days=rng.randint(1, 40))
                replied = min(replied, TODAY - datetime.timedelta(days=1))
            status = rng.choice(OPEN_APPLICATION_STATES) if is_open else "closed"
            confirmed = channel in ("online", "ordinary_mail", "fax")
            created = office_moment(rng, received)
            values = {
                "id": pk,
                "agency_id": agency.pk,
                "query_code": f"P{pk:011d}",
                "applicant_type": _weighted(rng, APPLICANT_TYPES),
                "applicant_name": f"申请人{pk % 5000}",
                "id_type": "resident_id",
                "id_number": "11010519491231002X",
                "phone": "13800000000",
                "description": f"申请公开{received.year}年{agency.name}第{pk % 700}号文件",
                "delivery_form": "email",
                "channel": channel,
                "submitted_on": received,
                "arrived_on": received if confirmed else None,
                "confirmed_on": received if confirmed else None,
                "signed_on": received if channel == "signed_mail" else None,
                "received_on": received,
                "status": status,
                "handler_id": None if status == "registered" else staff[agency.pk][1],
                "due_on": None if status == "awaiting_supplement" else due,
                "outcome": outcome,
                "already_public": False,
                "not_held_reason": "not_exist" if outcome == "unable.1" else "",
                "reply_text": "" if is_open else "经审查，答复如下。",
                "replied_on": replied,
                "closed_on": replied,
                "created_at": created,
                "updated_at": office_moment(rng, replied) if replied else created,
            }
            counts["applications"] += 1
            counts["applications open"] += is_open
            duty = {  # foi.obligations.describe_reply
                "id": ledger_id[0],
                "agency_id": agency.pk,
                "kind": "foi.reply",
                "content_type_id": content_type,
                "object_id": pk,
                "title": f"依申请公开申请 {pk}（{received:%Y-%m-%d} 收到）",
                "due_on": values["due_on"],
                "due_at": None,
                "is_provisional": False,
                "done_on": replied,
                "done_at": None,
                "is_late": (replied > due) if replied else None,
                "updated_at": values["updated_at"],
            }
            ledger_id[0] += 1
            if (number + 1) % 100_000 == 0:
                progress("applications", number + 1)
            yield values, duty

    _write_in_chunks(rows(), applications, obligations, counts, "applications ledger rows")
    return counts


# --- messages --------------------------------------------------------------------------------


def generate_messages(connection, n, agencies, weights, staff, rng) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from gongkai.obligations.models import Obligation
    from gongkai.participation.models import PublicMessage

    names = [
        "id", "agency_id", "query_code", "category", "subject", "body", "sender_name", "phone",
        "wants_public", "received_at", "due_on", "status", "reply", "answered_at",
        "is_published", "published_at", "updated_at",
    ]  # fmt: skip
    messages = Inserter(connection, PublicMessage, names)
    obligations = Inserter(connection, Obligation, OBLIGATION_NAMES)
    content_type = ContentType.objects.get_for_model(PublicMessage).pk
    span = (TODAY - FIRST_DAY).days
    counts = {"messages": 0, "messages open": 0, "messages public": 0}
    ledger_id = [_next_id(Obligation)]

    def rows() -> Iterator[tuple[dict, dict]]:
        for number in range(n):
            pk = number + 1
            agency = rng.choices(agencies, weights)[0]
            day = FIRST_DAY + datetime.timedelta(days=int(span * rng.random() ** 0.9))
            received = office_moment(rng, day)
            due = working_days_later(day, 5)
            is_open = (TODAY - day).days < 20 and rng.random() < 0.7
            answered = None
            if not is_open:
                answered = office_moment(
                    rng, min(day + datetime.timedelta(days=rng.randint(0, 9)), TODAY)
                )
            public = answered is not None and rng.random() < 0.4
            values = {
                "id": pk,
                "agency_id": agency.pk,
                "query_code": f"PM{pk:010d}",
                "category": MESSAGE_CATEGORIES[pk % len(MESSAGE_CATEGORIES)],
                "subject": f"关于{agency.name}就医报销的咨询（{pk}）",
                "body": "请问异地就医如何备案？",
                "sender_name": "留言人",
                "phone": "13900000000",
                "wants_public": public,
                "received_at": received,
                "due_on": due,
                "status": "received" if is_open else "answered",
                "reply": "" if is_open else "您好，答复如下。",
                "answered_at": answered,
                "is_published": public,
                "published_at": answered if public else None,
                "updated_at": answered or received,
            }
            counts["messages"] += 1
            counts["messages open"] += is_open
            counts["messages public"] += public
            done_on = answered.astimezone(TZ).date() if answered else None
            duty = {  # participation.obligations (message reply)
                "id": ledger_id[0],
                "agency_id": agency.pk,
                "kind": "participation.message_reply",
                "content_type_id": content_type,
                "object_id": pk,
                "title": values["subject"],
                "due_on": due,
                "due_at": None,
                "is_provisional": False,
                "done_on": done_on,
                "done_at": answered,
                "is_late": (done_on > due) if done_on else None,
                "updated_at": values["updated_at"],
            }
            ledger_id[0] += 1
            yield values, duty

    _write_in_chunks(rows(), messages, obligations, counts, "messages ledger rows")
    return counts


# --- all of it -------------------------------------------------------------------------------


def generate(connection, sizes: Sizes, seed: int, log: Callable[[str], None]) -> Province:
    from django.contrib.auth import get_user_model
    from django.core.management.color import no_style
    from django.db import transaction

    from gongkai.agencies.models import Agency, Membership
    from gongkai.catalogue.models import AgencyCatalogue, AgencyItem
    from gongkai.documents.models import Document, IndexCounter
    from gongkai.foi.models import Application
    from gongkai.obligations.models import Obligation
    from gongkai.participation.models import PublicMessage

    rng = random.Random(seed)
    started = time.perf_counter()
    step = started
    seconds: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal step
        now = time.perf_counter()
        seconds[name] = now - step
        log(f"  {name}: {now - step:.1f} s")
        step = now

    def progress(what: str, done: int) -> None:
        log(f"    {done:>9,} {what} ({done / (time.perf_counter() - step):,.0f}/s)")

    with transaction.atomic():
        province, cities, counties, townships = make_agencies(sizes.agencies)
        agencies = [province, *cities, *counties, *townships]
        staff = make_staff(agencies, province, cities, counties)
    lap("agencies and staff")
    items = make_catalogues(agencies)
    lap("catalogues (derive_catalogue per agency)")
    weights = agency_weights(agencies, rng)
    counts: dict[str, int] = {
        "agencies": len(agencies),
        "catalogue items": sum(map(len, items.values())),
    }
    with transaction.atomic():
        counts.update(
            generate_records(
                connection, sizes.records, agencies, weights, items, staff, rng, progress
            )
        )
    lap("records and their ledger rows (COPY)")
    with transaction.atomic():
        counts.update(
            generate_applications(
                connection, sizes.applications, agencies, weights, staff, rng, progress
            )
        )
    lap("applications and their ledger rows (COPY)")
    with transaction.atomic():
        counts.update(generate_messages(connection, sizes.messages, agencies, weights, staff, rng))
    lap("messages and their ledger rows (COPY)")
    models = [
        Agency, Membership, get_user_model(), AgencyCatalogue, AgencyItem, Document,
        IndexCounter, Application, PublicMessage, Obligation,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
        cursor.execute("VACUUM (ANALYZE)")  # what autovacuum does after a bulk load
    lap("sequences and VACUUM (ANALYZE)")
    seconds["total"] = time.perf_counter() - started
    return Province(
        province_id=province.pk,
        city_id=cities[0].pk,
        county_id=counties[0].pk,
        counts=counts,
        seconds=seconds,
    )
