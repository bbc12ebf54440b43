"""DCAT: the JSON-LD expands with every term defined by its @context, rdflib reads the triples
we mean, and the RDF/XML is the same graph."""

import datetime
import json

import pytest
import rdflib
from django.urls import reverse
from pyld import jsonld
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from gongkai.factories import make_agency
from gongkai.opendata import dcat, services
from gongkai.opendata.tests.factories import make_published_dataset

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(settings):
    settings.SITE_URL = "https://gk.example.org"
    agency = make_agency(code="DCAT-COUNTY", name="演示县卫生健康局", region="演示县")
    return make_published_dataset(
        agency,
        name="beds",
        title="医疗机构床位数",
        tags=("医疗机构", "床位"),
        temporal_start=datetime.date(2025, 1, 1),
        temporal_end=datetime.date(2025, 12, 31),
    )


def _graph(text: str, fmt: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=text, format=fmt)
    return graph


def _no_unknown_terms(document) -> None:
    """Expanding drops (or keeps as relative IRIs) keys the context does not define; so every
    key in the expanded form must be an absolute IRI or a keyword."""

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                assert key.startswith(("@", "http://", "https://")), key
                walk(value)

    expanded = jsonld.expand(document)
    walk(expanded)
    # and nothing was dropped: every property of the compact form is in the expansion
    compact_keys = set()

    def keys(node):
        if isinstance(node, list):
            for item in node:
                keys(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key != "@context":
                    compact_keys.add(key)
                keys(value)

    keys({k: v for k, v in document.items() if k != "@context"})
    assert compact_keys <= set(document["@context"]) | {"@context"}


def test_the_dataset_jsonld_has_dcat_ap_core_properties(dataset):
    document = dcat.dataset_document(dataset)
    _no_unknown_terms(document)
    graph = _graph(json.dumps(document), "json-ld")
    node = URIRef("https://gk.example.org/opendata/datasets/beds/#dataset")
    assert (node, RDF.type, DCAT.Dataset) in graph
    assert graph.value(node, DCT.title) == Literal("医疗机构床位数", lang="zh-Hans")
    assert graph.value(node, DCT.identifier) == Literal("beds")
    assert graph.value(node, DCT.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert graph.value(node, DCT.accrualPeriodicity) == URIRef(
        "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
    )
    assert graph.value(node, DCAT.theme) == URIRef(
        "http://publications.europa.eu/resource/authority/data-theme/HEAL"
    )
    assert set(graph.objects(node, DCAT.keyword)) == {
        Literal("医疗机构", lang="zh-Hans"),
        Literal("床位", lang="zh-Hans"),
    }
    assert graph.value(node, DCT.issued).datatype == rdflib.XSD.dateTime
    publisher = graph.value(node, DCT.publisher)
    assert (publisher, RDF.type, FOAF.Organization) in graph
    assert graph.value(publisher, FOAF.name) == Literal("演示县卫生健康局", lang="zh-Hans")
    contact = graph.value(node, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Kind) in graph
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:data@example.org")
    period = graph.value(node, DCT.temporal)
    assert graph.value(period, DCAT.startDate) == Literal(
        datetime.date(2025, 1, 1), datatype=rdflib.XSD.date
    )
    spatial = graph.value(node, DCT.spatial)
    assert (spatial, RDF.type, DCT.Location) in graph
    distribution = graph.value(node, DCAT.distribution)
    assert (distribution, RDF.type, DCAT.Distribution) in graph
    resource = dataset.resources.get()
    assert graph.value(distribution, DCAT.downloadURL) == URIRef(
        "https://gk.example.org"
        + reverse("portal:dataset-resource-download", args=["beds", resource.pk])
    )
    assert graph.value(distribution, DCAT.mediaType) == URIRef(
        "https://www.iana.org/assignments/media-types/text/csv"
    )
    assert graph.value(distribution, DCT["format"]) == URIRef(
        "http://publications.europa.eu/resource/authority/file-type/CSV"
    )
    assert graph.value(distribution, DCAT.byteSize).toPython() == (resource.latest_version().size)


def test_rdfxml_is_the_same_graph_as_the_jsonld(client, dataset):
    for jsonld_url, rdf_url in (
        (
            reverse("portal:dataset-jsonld", args=["beds"]),
            reverse("portal:dataset-rdf", args=["beds"]),
        ),
        (reverse("portal:opendata-catalog-jsonld"), reverse("portal:opendata-catalog-rdf")),
    ):
        as_jsonld = client.get(jsonld_url)
        as_rdf = client.get(rdf_url)
        assert as_jsonld["Content-Type"] == "application/ld+json"
        assert as_rdf["Content-Type"] == "application/rdf+xml"
        from_jsonld = _graph(as_jsonld.content.decode(), "json-ld")
        from_xml = _graph(as_rdf.content.decode(), "xml")
        assert len(from_jsonld) > 20
        assert isomorphic(from_jsonld, from_xml)


def test_the_catalogue_lists_published_datasets_only(client, dataset):
    agency = dataset.agency
    services.withdraw_dataset(dataset=dataset, actor=dataset.reviewed_by, reason="数据有误")
    other = make_published_dataset(agency, name="other")
    document = json.loads(client.get(reverse("portal:opendata-catalog-jsonld")).content)
    _no_unknown_terms(document)
    assert [d["identifier"] for d in document["dataset"]] == [other.name]
    graph = _graph(json.dumps(document), "json-ld")
    catalog = URIRef("https://gk.example.org/opendata/#catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    assert list(graph.objects(catalog, DCAT.dataset)) == [
        URIRef("https://gk.example.org/opendata/datasets/other/#dataset")
    ]
    assert client.get(reverse("portal:dataset-jsonld", args=["beds"])).status_code == 404


def test_a_conditionally_open_dataset_has_no_download_url(dataset):
    agency = dataset.agency
    closed = make_published_dataset(
        agency, name="cond", openness="conditional", openness_reason="仅向科研机构提供。"
    )
    graph = _graph(json.dumps(dcat.dataset_document(closed)), "json-ld")
    assert not list(graph.triples((None, DCAT.downloadURL, None)))
    assert list(graph.triples((None, DCAT.accessURL, None)))
