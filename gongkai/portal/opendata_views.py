"""开放数据 on the portal: the section's front page, each agency's open catalogue (数据开放目录)
and data-resource list (数据资源清单, also as XLSX and CSV), the dataset page with its preview
and chart, file downloads (current and earlier versions), and the DCAT catalogue."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.agencies.models import Agency
from gongkai.opendata import access, dcat, resource_list
from gongkai.opendata.display import chart_for
from gongkai.opendata.models import Dataset, DatasetStatus, Theme
from gongkai.portal.caching import public_page


def _active_agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), code=code)


def _published():
    return (
        Dataset.objects.published()
        .select_related("agency", "catalogue_item")
        .prefetch_related("tags", "resources__versions")
    )


def _theme(request: HttpRequest) -> str:
    theme = request.GET.get("theme", "")
    return theme if theme in Theme.values else ""


@public_page
def opendata_home(request: HttpRequest) -> HttpResponse:
    """The 开放数据 section: every published dataset (theme filter) and each agency's lists."""
    theme = _theme(request)
    datasets = _published().order_by("-modified_at", "pk")
    if theme:
        datasets = datasets.filter(theme=theme)
    agencies = Agency.objects.active().filter(datasets__status=DatasetStatus.PUBLISHED).distinct()
    return render(
        request,
        "portal/opendata_home.html",
        {
            "datasets": datasets,
            "themes": Theme.choices,
            "theme": theme,
            "agencies": agencies.order_by("sort_order", "code"),
        },
    )


@public_page
def agency_opendata(request: HttpRequest, code: str) -> HttpResponse:
    """The agency's open catalogue (数据开放目录): its published datasets, by theme."""
    agency = _active_agency(code)
    theme = _theme(request)
    datasets = _published().filter(agency=agency).order_by("theme", "title")
    if theme:
        datasets = datasets.filter(theme=theme)
    return render(
        request,
        "portal/agency_opendata.html",
        {
            "agency": agency,
            "column": "opendata",
            "datasets": datasets,
            "themes": Theme.choices,
            "theme": theme,
        },
    )


@public_page
def agency_data_resources(request: HttpRequest, code: str) -> HttpResponse:
    """The data-resource list (数据资源清单): every published dataset whatever its openness."""
    agency = _active_agency(code)
    return render(
        request,
        "portal/agency_data_resources.html",
        {"agency": agency, "column": "opendata", "rows": resource_list.rows(agency)},
    )


@require_safe
def agency_data_resources_file(request: HttpRequest, code: str, extension: str) -> HttpResponse:
    agency = _active_agency(code)
    if extension not in ("xlsx", "csv"):
        raise Http404
    rows = resource_list.rows(agency)
    if extension == "xlsx":
        content, media_type = resource_list.as_xlsx(rows), resource_list.XLSX_TYPE
    else:
        content, media_type = resource_list.as_csv(rows), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(
        True,
        _("%(agency)s数据资源清单.%(extension)s") % {"agency": agency.name, "extension": extension},
    )
    return response


def _dataset(name: str) -> Dataset:
    return get_object_or_404(
        Dataset.objects.select_related("agency", "catalogue_item").prefetch_related(
            "tags", "resources__versions"
        ),
        name=name,
    )


@public_page
def dataset_detail(request: HttpRequest, name: str) -> HttpResponse:
    """The dataset: metadata, resources, a preview and a chart of the first resource with
    numbers (unconditionally open data only), and each resource's versions."""
    dataset = _dataset(name)
    if dataset.status == DatasetStatus.WITHDRAWN and dataset.published_at:
        return render(
            request,
            "portal/dataset_withdrawn.html",
            {"dataset": dataset, "agency": dataset.agency},
            status=410,
        )
    if not access.is_public(dataset):
        raise Http404
    resources = []
    chart = None
    for resource in dataset.resources.all():
        versions = sorted(resource.versions.all(), key=lambda v: -v.number)
        latest = versions[0] if versions else None
        resources.append({"resource": resource, "latest": latest, "versions": versions})
        if chart is None and dataset.is_downloadable:
            chart = chart_for(latest, resource.title)
    preview = next((r for r in resources if r["latest"] and r["latest"].preview), None)
    if preview is not None:
        names = [column.get("title") or column["name"] for column in preview["latest"].columns]
        preview["rows"] = [list(zip(names, row, strict=False)) for row in preview["latest"].preview]
    return render(
        request,
        "portal/dataset_detail.html",
        {
            "dataset": dataset,
            "agency": dataset.agency,
            "resources": resources,
            "preview": preview if dataset.is_downloadable else None,
            "chart": chart,
        },
    )


@require_safe
def resource_download(request: HttpRequest, name: str, pk: int) -> HttpResponse:
    """A resource's file: the latest version, or `?version=N` for an earlier one."""
    dataset = _dataset(name)
    if not (
        dataset.is_downloadable
        or (request.user.is_authenticated and access.can_download(request.user, dataset))
    ):
        raise Http404
    resource = get_object_or_404(dataset.resources, pk=pk)
    versions = resource.versions.all()
    number = request.GET.get("version")
    if number:
        if not number.isdigit():
            raise Http404
        version = get_object_or_404(versions, number=int(number))
    else:
        version = versions.order_by("-number").first()
    if version is None or not default_storage.exists(version.file.name):
        raise Http404
    response = FileResponse(default_storage.open(version.file.name, "rb"))
    response["Content-Type"] = resource.media_type
    response["Content-Disposition"] = content_disposition_header(True, version.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@public_page
def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    document = dcat.catalog_document(_published().order_by("pk"))
    return HttpResponse(dcat.to_jsonld(document), content_type="application/ld+json")


@public_page
def catalog_rdf(request: HttpRequest) -> HttpResponse:
    document = dcat.catalog_document(_published().order_by("pk"))
    return HttpResponse(dcat.to_rdfxml(document), content_type="application/rdf+xml")


def _public_dataset(name: str) -> Dataset:
    dataset = _dataset(name)
    if not access.is_public(dataset):
        raise Http404
    return dataset


@public_page
def dataset_jsonld(request: HttpRequest, name: str) -> HttpResponse:
    document = dcat.dataset_document(_public_dataset(name))
    return HttpResponse(dcat.to_jsonld(document), content_type="application/ld+json")


@public_page
def dataset_rdf(request: HttpRequest, name: str) -> HttpResponse:
    document = dcat.dataset_document(_public_dataset(name))
    return HttpResponse(dcat.to_rdfxml(document), content_type="application/rdf+xml")
