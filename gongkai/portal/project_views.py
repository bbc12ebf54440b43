"""重大建设项目: an agency's projects and each project's eight kinds of information as stages
(published with a link to the record, pending, or not applicable with the reason), with its
procurement notices. Only projects with something published are shown."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.portal.caching import public_page
from gongkai.projects.models import Procurement, ProcurementState, Project, StageState
from gongkai.projects.stages import RULES, StageKind


def _active_agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.active(), code=code)


@public_page
def agency_projects(request: HttpRequest, code: str) -> HttpResponse:
    """The 重大建设项目 column: the agency's projects with their public information."""
    agency = _active_agency(code)
    projects = Project.objects.public().filter(agency=agency).order_by("-created_at", "-id")
    return render(
        request,
        "portal/project_list.html",
        {"agency": agency, "column": "projects", "projects": projects},
    )


@public_page
def project_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """One project: its facts, its eight stages in order and its procurement notices."""
    agency = _active_agency(code)
    project = get_object_or_404(Project.objects.public(), agency=agency, pk=pk)
    stages = []
    for stage in project.stages.in_order().select_related("document"):
        published = stage.state == StageState.PUBLISHED
        rows = []
        if published:
            rows = [
                (f.label, stage.details.get(f.name))
                for f in RULES[StageKind(stage.kind)].fields
                if stage.details.get(f.name)
            ]
        stages.append((stage, published, rows))
    procurements = (
        Procurement.objects.filter(project=project, state=ProcurementState.PUBLISHED)
        .select_related("document")
        .order_by("formed_on", "id")
    )
    return render(
        request,
        "portal/project_detail.html",
        {
            "agency": agency,
            "column": "projects",
            "project": project,
            "stages": stages,
            "procurements": procurements,
            "StageState": StageState,
            "tendering": StageKind.TENDERING,
        },
    )
