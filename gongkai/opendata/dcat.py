"""The open catalogue as DCAT (DCAT-AP's core properties): JSON-LD with an inline @context,
and the same graph as RDF/XML, serialised by rdflib from the JSON-LD so that the two cannot
say different things.

Classes: dcat:Catalog, dcat:Dataset, dcat:Distribution, foaf:Organization (publisher),
vcard:Kind (contact point), dct:PeriodOfTime (temporal), dct:Location (spatial). Themes are
the EU data-theme vocabulary, frequencies the EU frequency vocabulary, formats the EU
file-type vocabulary and media types IANA's: the authority tables DCAT-AP names.
"""

import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from gongkai.opendata.models import Dataset, Resource

FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"

CONTEXT: dict[str, Any] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "id": "@id",
    "type": "@type",
    "Catalog": "dcat:Catalog",
    "Dataset": "dcat:Dataset",
    "Distribution": "dcat:Distribution",
    "Organization": "foaf:Organization",
    "Kind": "vcard:Kind",
    "PeriodOfTime": "dct:PeriodOfTime",
    "Location": "dct:Location",
    "title": {"@id": "dct:title", "@language": "zh-Hans"},
    "description": {"@id": "dct:description", "@language": "zh-Hans"},
    "name": {"@id": "foaf:name", "@language": "zh-Hans"},
    "homepage": {"@id": "foaf:homepage", "@type": "@id"},
    "publisher": {"@id": "dct:publisher", "@type": "@id"},
    "issued": {"@id": "dct:issued", "@type": "xsd:dateTime"},
    "modified": {"@id": "dct:modified", "@type": "xsd:dateTime"},
    "identifier": "dct:identifier",
    "license": {"@id": "dct:license", "@type": "@id"},
    "spatial": {"@id": "dct:spatial"},
    "prefLabel": {"@id": "skos:prefLabel", "@language": "zh-Hans"},
    "temporal": {"@id": "dct:temporal"},
    "startDate": {"@id": "dcat:startDate", "@type": "xsd:date"},
    "endDate": {"@id": "dcat:endDate", "@type": "xsd:date"},
    "accrualPeriodicity": {"@id": "dct:accrualPeriodicity", "@type": "@id"},
    "theme": {"@id": "dcat:theme", "@type": "@id"},
    "themeTaxonomy": {"@id": "dcat:themeTaxonomy", "@type": "@id"},
    "keyword": {"@id": "dcat:keyword", "@language": "zh-Hans", "@container": "@set"},
    "contactPoint": {"@id": "dcat:contactPoint"},
    "fn": {"@id": "vcard:fn", "@language": "zh-Hans"},
    "hasEmail": {"@id": "vcard:hasEmail", "@type": "@id"},
    "hasTelephone": {"@id": "vcard:hasTelephone", "@type": "@id"},
    "landingPage": {"@id": "dcat:landingPage", "@type": "@id"},
    "dataset": {"@id": "dcat:dataset", "@container": "@set"},
    "distribution": {"@id": "dcat:distribution", "@container": "@set"},
    "accessURL": {"@id": "dcat:accessURL", "@type": "@id"},
    "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"},
    "mediaType": {"@id": "dcat:mediaType", "@type": "@id"},
    "format": {"@id": "dct:format", "@type": "@id"},
    "byteSize": {"@id": "dcat:byteSize", "@type": "xsd:nonNegativeInteger"},
}


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def dataset_iri(dataset: Dataset) -> str:
    return absolute(reverse("portal:dataset-detail", args=[dataset.name])) + "#dataset"


def agency_node(agency) -> dict[str, Any]:
    home = absolute(reverse("portal:agency-home", args=[agency.code]))
    return {"id": home + "#agency", "type": "Organization", "name": agency.name, "homepage": home}


def _instant(value) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def distribution_node(dataset: Dataset, resource: Resource) -> dict[str, Any]:
    version = resource.latest_version()
    page = absolute(reverse("portal:dataset-detail", args=[dataset.name]))
    node: dict[str, Any] = {
        "id": f"{page}#resource-{resource.pk}",
        "type": "Distribution",
        "title": resource.title,
        "accessURL": page,
        "mediaType": IANA + resource.media_type,
        "format": FILE_TYPE + resource.format,
        "license": dataset.licence_url,
    }
    if version is not None:
        node["modified"] = _instant(version.created_at)
        node["byteSize"] = version.size
        if dataset.is_downloadable:
            node["downloadURL"] = absolute(
                reverse("portal:dataset-resource-download", args=[dataset.name, resource.pk])
            )
    return node


def dataset_node(dataset: Dataset) -> dict[str, Any]:
    """One dataset with its distributions, without @context."""
    page = absolute(reverse("portal:dataset-detail", args=[dataset.name]))
    contact: dict[str, Any] = {
        "id": f"{page}#contact",
        "type": "Kind",
        "fn": dataset.contact_name,
    }
    if dataset.contact_email:
        contact["hasEmail"] = f"mailto:{dataset.contact_email}"
    if dataset.contact_phone:
        contact["hasTelephone"] = "tel:" + "".join(
            c for c in dataset.contact_phone if c.isdigit() or c in "+-"
        )
    node: dict[str, Any] = {
        "id": dataset_iri(dataset),
        "type": "Dataset",
        "identifier": dataset.name,
        "title": dataset.title,
        "description": dataset.description,
        "publisher": agency_node(dataset.agency),
        "issued": _instant(dataset.published_at),
        "modified": _instant(dataset.modified_at),
        "landingPage": page,
        "license": dataset.licence_url,
        "theme": dataset.theme_uri,
        "keyword": [tag.name for tag in dataset.tags.all()],
        "accrualPeriodicity": dataset.frequency_uri,
        "spatial": {"id": f"{page}#spatial", "type": "Location", "prefLabel": dataset.spatial_text},
        "contactPoint": contact,
        "distribution": [
            distribution_node(dataset, resource) for resource in dataset.resources.all()
        ],
    }
    if dataset.temporal_start or dataset.temporal_end:
        period: dict[str, Any] = {"id": f"{page}#temporal", "type": "PeriodOfTime"}
        if dataset.temporal_start:
            period["startDate"] = dataset.temporal_start.isoformat()
        if dataset.temporal_end:
            period["endDate"] = dataset.temporal_end.isoformat()
        node["temporal"] = period
    return {key: value for key, value in node.items() if value not in (None, "", [])}


def dataset_document(dataset: Dataset) -> dict[str, Any]:
    return {"@context": CONTEXT, **dataset_node(dataset)}


def catalog_document(datasets: Iterable[Dataset]) -> dict[str, Any]:
    """The catalogue of every published dataset (the caller passes them)."""
    home = absolute(reverse("portal:opendata-home"))
    datasets = list(datasets)
    modified = max((d.modified_at for d in datasets), default=None)
    return {
        "@context": CONTEXT,
        "id": home + "#catalog",
        "type": "Catalog",
        "title": f"{settings.SITE_NAME} 开放数据目录",
        "description": f"{settings.SITE_NAME}各机关开放的数据集。",
        "homepage": home,
        "publisher": {
            "id": absolute("/") + "#platform",
            "type": "Organization",
            "name": settings.SITE_NAME,
        },
        "modified": _instant(modified),
        "themeTaxonomy": "http://publications.europa.eu/resource/authority/data-theme",
        "dataset": [dataset_node(dataset) for dataset in datasets],
    }


def to_jsonld(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1)


def to_rdfxml(document: dict[str, Any]) -> str:
    """The same graph as RDF/XML."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=json.dumps(document), format="json-ld")
    for prefix in ("dcat", "dct", "foaf", "vcard", "skos"):
        graph.bind(prefix, rdflib.Namespace(CONTEXT[prefix]))
    return graph.serialize(format="pretty-xml")
