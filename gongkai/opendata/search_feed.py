"""Feeding the search index: published datasets are found with the records; a withdrawn one
leaves the index. The text is the metadata and the column names, not the rows."""

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone

from gongkai.opendata.models import Dataset
from gongkai.search.models import Operation
from gongkai.search.services import enqueue_change

KIND = "dataset"


def dataset_payload(dataset: Dataset) -> dict[str, Any]:
    columns = [
        column["name"]
        for resource in dataset.resources.all()
        for version in resource.versions.all()[:1]
        for column in version.columns
    ]
    published = dataset.published_at
    return {
        "title": dataset.title,
        "numbers": [dataset.name],
        "summary": dataset.description,
        "body": " ".join([*(tag.name for tag in dataset.tags.all()), *columns]),
        "agency": dataset.agency.code,
        "agency_name": dataset.agency.name,
        "category": dataset.theme,
        "doc_type": KIND,
        "year": timezone.localdate(published).year if published else None,
        "published_on": timezone.localdate(published) if published else None,
        "url": reverse("portal:dataset-detail", args=[dataset.name]),
    }


def sync_search(dataset: Dataset) -> None:
    """Index the dataset if it is published, otherwise remove it from the index."""
    if dataset.is_public:
        enqueue_change(
            kind=KIND,
            object_id=dataset.pk,
            operation=Operation.UPSERT,
            payload=dataset_payload(dataset),
        )
    else:
        enqueue_change(kind=KIND, object_id=dataset.pk, operation=Operation.DELETE)


def _public():
    return (
        Dataset.objects.published()
        .select_related("agency")
        .prefetch_related("tags", "resources__versions")
        .order_by("pk")
    )


def public_payloads() -> Iterator[tuple[str, dict[str, Any]]]:
    for dataset in _public():
        yield str(dataset.pk), dataset_payload(dataset)


def public_count() -> int:
    return Dataset.objects.published().count()
