"""State changes of datasets and their resources. Each is one function, in one transaction,
writing an audit event; what the public may see is re-indexed in the same transaction."""

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai import limits
from gongkai.agencies.models import Agency
from gongkai.audit.services import record_event, snapshot
from gongkai.catalogue.models import AgencyItem, ItemStatus
from gongkai.opendata import search_feed, sources, tables, workflow
from gongkai.opendata.errors import DatasetError, TransitionNotAllowed
from gongkai.opendata.models import (
    Dataset,
    DatasetStatus,
    DatasetTag,
    Frequency,
    Licence,
    Openness,
    Resource,
    ResourceFormat,
    ResourceOrigin,
    ResourceVersion,
    Theme,
)
from gongkai.privacy import review_services
from gongkai.privacy.detection import Kind
from gongkai.privacy.errors import ReleaseReviewError
from gongkai.privacy.models import Resolution

DATASET_FIELDS = [
    "name",
    "title",
    "description",
    "catalogue_item",
    "theme",
    "licence",
    "frequency",
    "temporal_start",
    "temporal_end",
    "spatial",
    "contact_name",
    "contact_email",
    "contact_phone",
    "openness",
    "openness_reason",
]
AUDITED_FIELDS = [f for f in DATASET_FIELDS if f != "catalogue_item"] + ["status"]
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{1,99}$")
TAG = re.compile(r"^[\w\- .·]{1,50}$")
EXTENSIONS = {ResourceFormat.CSV: "csv", ResourceFormat.XLSX: "xlsx", ResourceFormat.JSON: "json"}


def _require(action: str, dataset: Dataset) -> str:
    if not workflow.is_allowed(action, dataset.status):
        raise TransitionNotAllowed(
            str(workflow.ACTION_LABELS[action]), dataset.get_status_display()
        )
    return workflow.target_status(action, dataset.status)


def _raise(problems: Mapping[str, str]) -> None:
    if problems:
        raise DatasetError(
            next(iter(problems.values())), errors={k: [v] for k, v in problems.items()}
        )


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as given, stripped, without repeats; each one word or phrase of up to 50 chars."""
    cleaned: list[str] = []
    for tag in tags:
        tag = tag.strip()
        if tag and tag not in cleaned:
            if not TAG.match(tag):
                raise DatasetError(
                    _("标签“%(tag)s”过长或含有标点，每个标签最多50字。") % {"tag": tag[:60]},
                    field="tags",
                )
            cleaned.append(tag)
    return cleaned


def dataset_problems(
    agency: Agency, values: Mapping[str, Any], dataset: Dataset | None = None
) -> dict[str, str]:
    """What is wrong with a dataset's values, all fields at once."""
    problems: dict[str, str] = {}
    name = values.get("name") or ""
    if not NAME.match(name):
        problems["name"] = _(
            "数据集标识只能由2至100位小写英文字母、数字、连字符或下划线组成，并以字母或数字开头。"
        )
    elif Dataset.objects.filter(name=name).exclude(pk=getattr(dataset, "pk", None)).exists():
        problems["name"] = _("标识“%(name)s”已被其他数据集使用。") % {"name": name}
    for field, label in (
        ("title", _("请填写数据集名称。")),
        ("description", _("请填写数据集摘要。")),
        ("contact_name", _("请填写联系部门。")),
    ):
        if not str(values.get(field) or "").strip():
            problems[field] = label
    if not values.get("contact_email") and not values.get("contact_phone"):
        problems["contact_phone"] = _("请至少填写联系邮箱或联系电话之一。")
    item: AgencyItem | None = values.get("catalogue_item")
    if item is None:
        problems["catalogue_item"] = _("请选择公开目录事项。")
    elif item.catalogue.agency_id != agency.pk:
        problems["catalogue_item"] = _("所选目录事项不属于本机关的公开目录。")
    elif item.status == ItemStatus.NOT_APPLICABLE:
        problems["catalogue_item"] = _("所选目录事项已标记为不适用。")
    for field, choices, message in (
        ("theme", Theme, _("请选择主题分类。")),
        ("licence", Licence, _("请选择开放许可。")),
        ("frequency", Frequency, _("请选择更新频率。")),
        ("openness", Openness, _("请选择开放属性。")),
    ):
        if values.get(field) not in choices.values:
            problems[field] = message
    start, end = values.get("temporal_start"), values.get("temporal_end")
    if start and end and end < start:
        problems["temporal_end"] = _("数据截止日期不能早于起始日期。")
    if (
        values.get("openness") in (Openness.CONDITIONAL, Openness.CLOSED)
        and not str(values.get("openness_reason") or "").strip()
    ):
        problems["openness_reason"] = _("有条件开放或不予开放的数据集必须说明理由。")
    return problems


def _clean_values(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: values.get(name) for name in DATASET_FIELDS}
    for name, value in cleaned.items():
        if isinstance(value, str):
            cleaned[name] = value.strip()
        elif value is None and name not in ("catalogue_item", "temporal_start", "temporal_end"):
            cleaned[name] = ""
    if cleaned["openness"] == Openness.UNCONDITIONAL:
        cleaned["openness_reason"] = ""
    return cleaned


def _set_tags(dataset: Dataset, tags: Sequence[str]) -> None:
    dataset.tags.exclude(name__in=tags).delete()
    existing = set(dataset.tags.values_list("name", flat=True))
    DatasetTag.objects.bulk_create(
        DatasetTag(dataset=dataset, name=tag) for tag in tags if tag not in existing
    )


def tag_names(dataset: Dataset) -> list[str]:
    return [tag.name for tag in dataset.tags.all()]


@transaction.atomic
def create_dataset(
    *, agency: Agency, actor, values: Mapping[str, Any], tags: Iterable[str] = ()
) -> Dataset:
    """A new draft dataset of the agency, with no resources yet."""
    cleaned = _clean_values(values)
    limits.check_values(Dataset, cleaned, error=DatasetError)
    tag_list = clean_tags(tags)
    _raise(dataset_problems(agency, cleaned))
    dataset = Dataset.objects.create(agency=agency, drafted_by=actor, **cleaned)
    _set_tags(dataset, tag_list)
    record_event(
        actor=actor,
        action="dataset.create",
        obj=dataset,
        agency=agency,
        after={**snapshot(dataset, AUDITED_FIELDS), "tags": tag_list},
    )
    return dataset


@transaction.atomic
def update_dataset(
    *, dataset: Dataset, actor, values: Mapping[str, Any], tags: Iterable[str] = ()
) -> Dataset:
    """Change a draft's metadata."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    _require(workflow.Action.EDIT, dataset)
    cleaned = _clean_values(values)
    limits.check_values(Dataset, cleaned, error=DatasetError)
    tag_list = clean_tags(tags)
    _raise(dataset_problems(dataset.agency, cleaned, dataset))
    before = {**snapshot(dataset, AUDITED_FIELDS), "tags": tag_names(dataset)}
    for name, value in cleaned.items():
        setattr(dataset, name, value)
    dataset.modified_at = timezone.now()
    dataset.save(update_fields=[*DATASET_FIELDS, "modified_at"])
    _set_tags(dataset, tag_list)
    record_event(
        actor=actor,
        action="dataset.update",
        obj=dataset,
        agency=dataset.agency,
        before=before,
        after={**snapshot(dataset, AUDITED_FIELDS), "tags": tag_list},
    )
    return dataset


# --- workflow ----------------------------------------------------------------------------


def _change_status(dataset: Dataset, action: str, code: str, actor, **fields: Any) -> Dataset:
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    target = _require(action, dataset)
    before = {"status": dataset.status}
    dataset.status = target
    for name, value in fields.items():
        setattr(dataset, name, value)
    dataset.modified_at = timezone.now()
    dataset.save(update_fields=["status", "modified_at", *fields])
    record_event(
        actor=actor,
        action=code,
        obj=dataset,
        agency=dataset.agency,
        before=before,
        after={"status": target, **{k: v for k, v in fields.items() if isinstance(v, str)}},
    )
    search_feed.sync_search(dataset)
    return dataset


@transaction.atomic
def submit_dataset(*, dataset: Dataset, actor) -> Dataset:
    """Hand a draft to review; a dataset to be opened needs at least one resource."""
    if dataset.openness != Openness.CLOSED and not dataset.resources.exists():
        raise DatasetError(_("请先添加至少一个数据资源，再提交审核。"))
    return _change_status(dataset, workflow.Action.SUBMIT, "dataset.submit", actor)


@transaction.atomic
def return_dataset(*, dataset: Dataset, actor, comments: str) -> Dataset:
    """Send a dataset back to its drafter with the reviewer's comments."""
    comments = (comments or "").strip()
    if not comments:
        raise DatasetError(_("退回时请填写审核意见。"), field="comments")
    limits.check_values(Dataset, {"review_comments": comments}, error=DatasetError)
    return _change_status(
        dataset, workflow.Action.RETURN, "dataset.return", actor, review_comments=comments
    )


@transaction.atomic
def publish_dataset(*, dataset: Dataset, actor) -> Dataset:
    """The reviewer publishes: from now on the dataset is on the portal, in the catalogue,
    the DCAT catalogue, the CKAN API and search. The drafter cannot publish their own; the
    secrecy review reads its texts and every cell of its uploaded files first."""
    if dataset.drafted_by_id is not None and dataset.drafted_by_id == getattr(actor, "pk", None):
        raise DatasetError(_("起草人不能审核发布自己起草的数据集，请由其他审核员审核。"))
    release_review(dataset, actor=actor)
    now = timezone.now()
    return _change_status(
        dataset,
        workflow.Action.PUBLISH,
        "dataset.publish",
        actor,
        reviewed_by=actor,
        published_at=dataset.published_at or now,
    )


@transaction.atomic
def withdraw_dataset(*, dataset: Dataset, actor, reason: str) -> Dataset:
    """Take a published dataset off the portal; the reason is kept."""
    reason = (reason or "").strip()
    if not reason:
        raise DatasetError(_("请填写撤回理由。"), field="reason")
    limits.check_values(Dataset, {"withdrawal_reason": reason}, error=DatasetError)
    return _change_status(
        dataset, workflow.Action.WITHDRAW, "dataset.withdraw", actor, withdrawal_reason=reason
    )


@transaction.atomic
def revise_dataset(*, dataset: Dataset, actor) -> Dataset:
    """A withdrawn dataset becomes a draft again, to be corrected and reviewed anew."""
    return _change_status(
        dataset, workflow.Action.REVISE, "dataset.revise", actor, drafted_by=actor
    )


# --- resources ---------------------------------------------------------------------------


def _store_version(
    resource: Resource, table: tables.ParsedTable, content: bytes, actor
) -> ResourceVersion | None:
    """A new version of the resource's file, or None when the table did not change."""
    latest = resource.versions.order_by("-number").first()
    if latest is not None and latest.content_digest == table.digest:
        return None
    number = (latest.number + 1) if latest else 1
    filename = f"{resource.dataset.name}-{resource.pk}-v{number}.{EXTENSIONS[resource.format]}"
    version = ResourceVersion(
        resource=resource,
        number=number,
        filename=filename,
        checksum=hashlib.sha256(content).hexdigest(),
        content_digest=table.digest,
        size=len(content),
        row_count=len(table.rows),
        columns=table.columns,
        preview=table.rows[: limits.DATASET_PREVIEW_ROWS],
        source_encoding=table.encoding,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    version.file.save(filename, ContentFile(content), save=False)
    version.save()
    dataset = resource.dataset
    dataset.modified_at = timezone.now()
    dataset.save(update_fields=["modified_at"])
    record_event(
        actor=actor,
        action="dataset.resource_version" if number > 1 else "dataset.resource_add",
        obj=dataset,
        agency=dataset.agency,
        after={
            "resource": resource.title,
            "version": number,
            "checksum": version.checksum,
            "rows": version.row_count,
        },
    )
    search_feed.sync_search(dataset)
    return version


def _normalised(table: tables.ParsedTable, data: bytes) -> bytes:
    """An upload as kept: text files re-written as UTF-8; a workbook as it came."""
    if table.format == ResourceFormat.XLSX:
        return data
    return tables.write(table, table.format)


def _clean_schema(schema: Sequence[Mapping[str, str]] | None) -> list[dict[str, str]]:
    cleaned = []
    for column in schema or ():
        if column.get("type") not in tables.TYPES:
            raise DatasetError(_("列类型只能是整数、数值、日期或文本。"), field="schema")
        cleaned.append({"name": str(column["name"]).strip(), "type": column["type"]})
    return cleaned


@transaction.atomic
def add_uploaded_resource(
    *, dataset: Dataset, actor, title: str, data: bytes, schema=None
) -> Resource:
    """A resource from an uploaded file, checked whole first; its format is what the file is."""
    title = (title or "").strip()
    if not title:
        raise DatasetError(_("请填写资源名称。"), field="title")
    schema = _clean_schema(schema)
    table = tables.parse_upload(data, schema)
    resource = Resource.objects.create(
        dataset=dataset,
        title=title,
        format=table.format,
        origin=ResourceOrigin.UPLOAD,
        schema=schema,
        position=dataset.resources.count(),
    )
    _store_version(resource, table, _normalised(table, data), actor)
    return resource


# What a dataset publishes on purpose: the addresses and office telephones of institutions
# (a list of hospitals is a list of their addresses). Kept with this reason on the review's
# record; an ID number, a mobile number, a person's name or anything else still stops it.
PUBLIC_FACTS = frozenset({Kind.ADDRESS, Kind.LANDLINE})


def release_review(dataset: Dataset, *, actor) -> None:
    """The secrecy review of what publishing `dataset` (or a new file of a published one)
    makes public; DatasetError naming the first findings when it is not clean."""
    with translation.override("zh-hans"):
        reason = _("数据集公开的医疗卫生机构地址和办公电话（机构公开信息）")
    kept = {
        finding.id: (Resolution.KEEP, reason)
        for finding in review_services.scan_for_release(dataset)
        if finding.kind in PUBLIC_FACTS
    }
    try:
        review_services.ensure_release_review(dataset, actor=actor, resolutions=kept or None)
    except ReleaseReviewError as exc:
        raise DatasetError(
            _("保密审查发现数据集中可能涉及个人信息或敏感信息（%(shown)s），请修改后再发布。")
            % {"shown": review_services.findings_summary(exc.findings) or exc.message},
            field="file",
        ) from exc


@transaction.atomic
def replace_upload(*, resource: Resource, actor, data: bytes) -> ResourceVersion | None:
    """A new version of an uploaded resource's file; None when its table is unchanged. The
    new file must be of the resource's format and meet its declared schema."""
    table = tables.parse_upload(data, resource.schema)
    if table.format != resource.format:
        raise DatasetError(
            _("新文件是 %(new)s 格式，而该资源是 %(old)s 格式。")
            % {"new": table.format, "old": resource.format},
            field="file",
        )
    version = _store_version(resource, table, _normalised(table, data), actor)
    if version is not None and resource.dataset.status == DatasetStatus.PUBLISHED:
        # Public the moment it is stored: reviewed first (an error rolls the upload back).
        release_review(resource.dataset, actor=actor)
    return version


@transaction.atomic
def add_generated_resource(
    *, dataset: Dataset, actor, title: str, source_key: str, format: str
) -> Resource:
    """A resource written from a registered source's published rows (sources.py)."""
    try:
        source = sources.get(source_key)
    except KeyError as exc:
        raise DatasetError(_("请选择数据来源。"), field="source_key") from exc
    if format not in ResourceFormat.values:
        raise DatasetError(_("请选择格式。"), field="format")
    resource = Resource.objects.create(
        dataset=dataset,
        title=(title or "").strip() or str(source.title),
        format=format,
        origin=ResourceOrigin.GENERATED,
        source_key=source_key,
        position=dataset.resources.count(),
    )
    _refresh(resource, actor)
    return resource


def _refresh(resource: Resource, actor) -> ResourceVersion | None:
    table = tables.table_from_source(
        sources.get(resource.source_key).build(resource.dataset.agency)
    )
    return _store_version(resource, table, tables.write(table, resource.format), actor)


@transaction.atomic
def refresh_datasets(agency: Agency, source_keys, *, actor=None) -> list[ResourceVersion]:
    """After figures were published or withdrawn: every dataset resource of the agency
    generated from these sources follows, in the same transaction (a new version where the
    published rows changed)."""
    return [version for key in source_keys for version in refresh_generated(agency, key, actor)]


@transaction.atomic
def refresh_generated(agency: Agency, source_key: str, actor=None) -> list[ResourceVersion]:
    """Re-write every resource of the agency generated from `source_key`; a new version only
    where the rows changed. The owning apps call this after they publish figures."""
    resources = Resource.objects.filter(
        dataset__agency=agency, origin=ResourceOrigin.GENERATED, source_key=source_key
    ).exclude(dataset__status=DatasetStatus.WITHDRAWN)
    made = [_refresh(resource, actor) for resource in resources.select_related("dataset")]
    return [version for version in made if version is not None]
