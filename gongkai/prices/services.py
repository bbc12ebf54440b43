"""State changes of the price lists: each one function, atomic, audited. Publication is in
publication.py, import in importing.py."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency, Level
from gongkai.audit.services import record_event
from gongkai.prices import rules
from gongkai.prices.errors import PriceError
from gongkai.prices.models import PriceItem, PriceList, PriceVersion, VersionStatus

EDITABLE = frozenset({VersionStatus.DRAFT})
# status → statuses it may move to (publication.py publishes and withdraws)
TRANSITIONS = {
    "submit": ({VersionStatus.DRAFT}, VersionStatus.IN_REVIEW),
    "return": ({VersionStatus.IN_REVIEW}, VersionStatus.DRAFT),
    "publish": ({VersionStatus.IN_REVIEW}, VersionStatus.PUBLISHED),
    "withdraw": ({VersionStatus.PUBLISHED}, VersionStatus.WITHDRAWN),
}


def require(action: str, version: PriceVersion) -> str:
    allowed, target = TRANSITIONS[action]
    if version.status not in allowed:
        raise PriceError(
            _("价格清单当前状态为“%(status)s”，不能执行此操作。")
            % {"status": version.get_status_display()}
        )
    return target


def institutions_of(agency: Agency):
    """The institutions whose prices `agency` may publish: itself if it is one, else its
    subordinate 医疗卫生机构."""
    if agency.level == Level.INSTITUTION:
        return Agency.objects.filter(pk=agency.pk)
    return Agency.objects.filter(parent=agency, level=Level.INSTITUTION, is_active=True)


@transaction.atomic
def create_list(*, agency: Agency, institution: Agency, kind: str, actor) -> PriceList:
    if not institutions_of(agency).filter(pk=institution.pk).exists():
        raise PriceError(_("只能为本机关或所属医疗卫生机构建立价格清单。"), field="institution")
    if PriceList.objects.filter(institution=institution, kind=kind).exists():
        raise PriceError(_("该机构已有这一类价格清单。"), field="kind")
    price_list = PriceList.objects.create(agency=agency, institution=institution, kind=kind)
    record_event(
        actor=actor,
        action="prices.list_create",
        obj=price_list,
        agency=agency,
        after={"institution": institution.code, "kind": kind},
    )
    return price_list


def draft_of(price_list: PriceList, actor) -> PriceVersion:
    """The list's open draft, or a new version numbered after the last one."""
    draft = price_list.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        return draft
    if price_list.versions.filter(status=VersionStatus.IN_REVIEW).exists():
        raise PriceError(_("已有版本在审核中，请待其发布或退回后再导入。"))
    last = price_list.versions.order_by("-number").first()
    return PriceVersion.objects.create(
        price_list=price_list, number=(last.number + 1) if last else 1, drafted_by=actor
    )


def values_of(version: PriceVersion) -> dict[str, rules.ItemValues]:
    return {
        item.code: rules.ItemValues(
            item.code,
            item.name,
            item.specification,
            item.unit,
            item.price,
            item.effective_on,
            item.note,
        )
        for item in version.items.all()
    }


@transaction.atomic
def replace_items(
    *, price_list: PriceList, actor, rows: Sequence[rules.ItemValues]
) -> PriceVersion:
    """The draft version's rows become `rows` (checked by the caller: importing.py)."""
    version = draft_of(price_list, actor)
    version.items.all().delete()
    PriceItem.objects.bulk_create(
        PriceItem(
            version=version,
            code=row.code,
            name=row.name,
            specification=row.specification,
            unit=row.unit,
            price=row.price,
            effective_on=row.effective_on,
            note=row.note,
        )
        for row in rows
    )
    version.drafted_by = actor
    version.save(update_fields=["drafted_by", "updated_at"])
    record_event(
        actor=actor,
        action="prices.import",
        obj=version,
        agency=price_list.agency,
        after={"version": version.number, "items": len(rows)},
    )
    return version


@transaction.atomic
def save_item(*, version: PriceVersion, actor, values: rules.ItemValues, item=None) -> PriceItem:
    """Add a row to the draft, or change one (the form's checks are the import's)."""
    if version.status not in EDITABLE:
        raise PriceError(_("只有草稿可以修改。"))
    clash = version.items.filter(code=values.code)
    if item is not None:
        clash = clash.exclude(pk=item.pk)
    if clash.exists():
        raise PriceError(_("项目编码“%(code)s”已存在。") % {"code": values.code}, field="code")
    item = item or PriceItem(version=version)
    for name in ("code", "name", "specification", "unit", "price", "effective_on", "note"):
        setattr(item, name, getattr(values, name))
    item.save()
    version.save(update_fields=["updated_at"])
    record_event(
        actor=actor,
        action="prices.item_save",
        obj=version,
        agency=version.price_list.agency,
        after={"code": values.code, "price": str(values.price)},
    )
    return item


@transaction.atomic
def delete_item(*, item: PriceItem, actor) -> None:
    version = item.version
    if version.status not in EDITABLE:
        raise PriceError(_("只有草稿可以修改。"))
    record_event(
        actor=actor,
        action="prices.item_delete",
        obj=version,
        agency=version.price_list.agency,
        before={"code": item.code, "price": str(item.price)},
    )
    item.delete()


@transaction.atomic
def submit_version(*, version: PriceVersion, actor) -> PriceVersion:
    target = require("submit", version)
    if not version.items.exists():
        raise PriceError(_("价格清单没有任何项目，不能提交审核。"))
    version.status = target
    version.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="prices.submit",
        obj=version,
        agency=version.price_list.agency,
        before={"status": VersionStatus.DRAFT},
        after={"status": target},
    )
    return version


@transaction.atomic
def return_version(*, version: PriceVersion, actor, reason: str) -> PriceVersion:
    target = require("return", version)
    version.status = target
    version.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="prices.return",
        obj=version,
        agency=version.price_list.agency,
        before={"status": VersionStatus.IN_REVIEW},
        after={"status": target},
        note=reason,
    )
    return version


# --- reading ------------------------------------------------------------------------------


def current_version(price_list: PriceList) -> PriceVersion | None:
    return price_list.versions.published().first()


def previous_public(version: PriceVersion) -> PriceVersion | None:
    return (
        version.price_list.versions.public_history()
        .filter(number__lt=version.number)
        .order_by("-number")
        .first()
    )


def changes_of(version: PriceVersion) -> list[rules.ItemChange]:
    """What this version changes against the last public one before it."""
    before = previous_public(version)
    return rules.diff(values_of(before) if before else {}, values_of(version))


def history_of(price_list: PriceList, code: str) -> list[rules.HistoryEntry]:
    """One item's changes through the list's public versions (two queries)."""
    from django.utils import timezone

    versions = list(price_list.versions.public_history())
    rows = {
        item.version_id: item for item in PriceItem.objects.filter(version__in=versions, code=code)
    }
    snapshots = []
    for version in versions:
        item = rows.get(version.pk)
        values = (
            rules.ItemValues(
                item.code, item.name, item.specification, item.unit, item.price, item.effective_on
            )
            if item
            else None
        )
        published_on = timezone.localdate(version.published_at) if version.published_at else None
        snapshots.append((version.number, published_on, values))
    return rules.item_history(snapshots)
