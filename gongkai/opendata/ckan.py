"""The CKAN-compatible read API's answers: CKAN's package, resource and organization dicts
built from datasets, and package_search's filters. Pure reads; the views (api/ckan_views.py)
wrap them in CKAN's envelope.

What is CKAN's: the action names, the envelope, the error shape (404 Not Found Error, 409
Validation Error), the field names of packages, resources, tags and organizations, `rows` and
`start`, the `fq` syntax for `organization:` and `tags:` joined by AND, and the sort strings
CKAN's own clients send. What is not: Solr. `q` runs through gongkai's search engine (Chinese
segmentation, every word must match), not Solr's query language; `fq` knows only the two
fields above. See docs/open-data.md.
"""

import datetime
import re
import shlex
import uuid
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.opendata import searching
from gongkai.opendata.dcat import absolute
from gongkai.opendata.models import Dataset, Resource

ROWS_DEFAULT = 10
ROWS_MAX = 100  # CKAN's own cap is 1000; a page of 100 packages is already large
CKAN_VERSION = "2.10.0"  # the API level this subset follows
ORGANIZATION_NAMESPACE = uuid.UUID("6a1f3a43-6c7e-4c3b-9a4b-2f1d0f6b8a11")
SORTS = {
    "metadata_modified desc": ["-modified_at", "-pk"],
    "metadata_modified asc": ["modified_at", "pk"],
    "title_string asc": ["title", "pk"],
    "title_string desc": ["-title", "-pk"],
    "name asc": ["name"],
    "name desc": ["-name"],
}
RELEVANCE = "score desc, metadata_modified desc"  # CKAN's default when there is a q


class ValidationError(Exception):
    """Bad input: CKAN answers 409 with {"__type": "Validation Error", field: [message]}."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class NotFound(Exception):
    pass


def _ckan_time(value: datetime.datetime | None) -> str | None:
    """CKAN writes instants as naive UTC ISO strings."""
    if value is None:
        return None
    return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat()


def organization_name(agency: Agency) -> str:
    return agency.code.lower()


def organization_id(agency: Agency) -> str:
    return str(uuid.uuid5(ORGANIZATION_NAMESPACE, agency.code))


def organization_dict(agency: Agency, package_count: int | None = None) -> dict[str, Any]:
    result = {
        "id": organization_id(agency),
        "name": organization_name(agency),
        "title": agency.name,
        "display_name": agency.name,
        "description": "",
        "image_url": "",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
    }
    if package_count is not None:
        result["package_count"] = package_count
    return result


def resource_dict(dataset: Dataset, resource: Resource) -> dict[str, Any]:
    version = resource.latest_version()
    page = absolute(reverse("portal:dataset-detail", args=[dataset.name]))
    if dataset.is_downloadable:
        url = absolute(
            reverse("portal:dataset-resource-download", args=[dataset.name, resource.pk])
        )
    else:
        url = page
    return {
        "id": str(uuid.uuid5(dataset.uuid, str(resource.pk))),
        "package_id": str(dataset.uuid),
        "name": resource.title,
        "description": "",
        "url": url,
        "format": resource.format,
        "mimetype": resource.media_type,
        "size": version.size if version else None,
        "hash": f"sha256:{version.checksum}" if version else "",
        "created": _ckan_time(resource.created_at),
        "last_modified": _ckan_time(version.created_at) if version else None,
        "position": resource.position,
        "state": "active",
        "url_type": None,
        "resource_type": None,
    }


def package_dict(dataset: Dataset) -> dict[str, Any]:
    """A published dataset as CKAN's package dict (no staff data: no drafter, no reviewer)."""
    tags = [tag.name for tag in dataset.tags.all()]
    resources = [resource_dict(dataset, resource) for resource in dataset.resources.all()]
    extras = {
        "issued": _ckan_time(dataset.published_at),
        "theme": dataset.theme_uri,
        "theme_label": dataset.get_theme_display(),
        "frequency": dataset.frequency_uri,
        "spatial_text": dataset.spatial_text,
        "temporal_start": dataset.temporal_start.isoformat() if dataset.temporal_start else "",
        "temporal_end": dataset.temporal_end.isoformat() if dataset.temporal_end else "",
        "openness": dataset.get_openness_display(),
        "openness_reason": dataset.openness_reason,
        "contact_phone": dataset.contact_phone,
        "catalogue_item": dataset.catalogue_item.name,
        "dcat_uri": absolute(reverse("portal:dataset-detail", args=[dataset.name])) + "#dataset",
    }
    return {
        "id": str(dataset.uuid),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.description,
        "type": "dataset",
        "state": "active",
        "private": False,
        "url": absolute(reverse("portal:dataset-detail", args=[dataset.name])),
        "author": dataset.agency.name,
        "author_email": None,
        "maintainer": dataset.contact_name,
        "maintainer_email": dataset.contact_email or None,
        "license_id": dataset.licence,
        "license_title": dataset.get_licence_display(),
        "license_url": dataset.licence_url,
        "version": None,
        "metadata_created": _ckan_time(dataset.created_at),
        "metadata_modified": _ckan_time(dataset.modified_at),
        "owner_org": organization_id(dataset.agency),
        "organization": organization_dict(dataset.agency),
        "groups": [],
        "tags": [
            {
                "id": f"{dataset.uuid}-{n}",
                "name": t,
                "display_name": t,
                "state": "active",
                "vocabulary_id": None,
            }
            for n, t in enumerate(tags)
        ],
        "num_tags": len(tags),
        "resources": resources,
        "num_resources": len(resources),
        "extras": [{"key": k, "value": v} for k, v in extras.items() if v],
    }


def published():
    return (
        Dataset.objects.published()
        .select_related("agency", "catalogue_item")
        .prefetch_related("tags", "resources__versions")
    )


def find_package(identifier: str) -> Dataset:
    """By name or by id (UUID), published only."""
    datasets = published()
    found = datasets.filter(name=identifier).first()
    if found is None:
        try:
            found = datasets.filter(uuid=uuid.UUID(identifier)).first()
        except ValueError:
            found = None
    if found is None:
        raise NotFound
    return found


def package_list(limit: int | None = None, offset: int = 0) -> list[str]:
    names = Dataset.objects.published().order_by("name").values_list("name", flat=True)
    return list(names[offset : offset + limit] if limit is not None else names[offset:])


def _agencies_with_datasets():
    return (
        Agency.objects.active()
        .annotate(package_count=Count("datasets", filter=Q(datasets__status="published")))
        .filter(package_count__gt=0)
        .order_by("code")
    )


def organization_list(*, all_fields: bool) -> list[Any]:
    agencies = _agencies_with_datasets()
    if all_fields:
        return [organization_dict(a, a.package_count) for a in agencies]
    return [organization_name(agency) for agency in agencies]


def find_organization(identifier: str) -> Agency:
    for agency in _agencies_with_datasets():
        if identifier in (organization_name(agency), organization_id(agency), agency.code):
            return agency
    raise NotFound


_FQ_TERM = re.compile(r"^\+?(?P<field>[a-z_]+):(?P<value>.+)$")


def parse_fq(fq: str) -> list[tuple[str, str]]:
    """`organization:x tags:y` (optionally with AND and quoted values) as (field, value)s."""
    try:
        tokens = shlex.split(fq or "")
    except ValueError as exc:
        raise ValidationError("fq", _("fq 的引号不配对。")) from exc
    terms = []
    for token in tokens:
        if token.upper() == "AND":
            continue
        match = _FQ_TERM.match(token)
        if not match or match["field"] not in ("organization", "tags"):
            raise ValidationError(
                "fq", _("fq 只支持 organization:名称 和 tags:标签（可用 AND 连接）。")
            )
        terms.append((match["field"], match["value"].strip('"')))
    return terms


def _number(raw: str | None, field: str, default: int) -> int:
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError) as exc:
        raise ValidationError(field, _("应为整数。")) from exc
    if value < 0:
        raise ValidationError(field, _("不能小于0。"))
    return value


def package_search(params) -> dict[str, Any]:
    """CKAN's package_search over published datasets: q, fq, rows, start, sort."""
    q = (params.get("q") or "").strip()
    rows = min(_number(params.get("rows"), "rows", ROWS_DEFAULT), ROWS_MAX)
    start = _number(params.get("start"), "start", 0)
    sort = (params.get("sort") or "").strip() or (RELEVANCE if q else "metadata_modified desc")
    if sort not in SORTS and sort != RELEVANCE:
        raise ValidationError("sort", _("不支持的排序方式。"))
    datasets = published()
    for field, value in parse_fq(params.get("fq") or ""):
        if field == "organization":
            datasets = datasets.filter(agency__code__iexact=value)
        else:
            datasets = datasets.filter(tags__name=value)
    ranked: list[int] | None = None
    if q and q != "*:*":
        ranked = searching.matching_ids(q)
        datasets = datasets.filter(pk__in=ranked)
    if sort == RELEVANCE and ranked is not None:
        order = {pk: n for n, pk in enumerate(ranked)}
        found = sorted(datasets.distinct(), key=lambda d: order[d.pk])
        count = len(found)
        page = found[start : start + rows]
    else:
        ordered = datasets.distinct().order_by(*SORTS.get(sort, SORTS["metadata_modified desc"]))
        count = ordered.count()
        page = list(ordered[start : start + rows])
    return {
        "count": count,
        "sort": sort,
        "facets": {},
        "search_facets": {},
        "results": [package_dict(dataset) for dataset in page],
    }


def status() -> dict[str, Any]:
    return {
        "site_title": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "site_description": "",
        "ckan_version": CKAN_VERSION,
        "locale_default": "zh_Hans_CN",
        "extensions": [],
    }
