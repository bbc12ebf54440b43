"""The published project list and stages as open-data tables (gongkai/opendata/sources.py).
Only what the portal shows: projects with something published, and published stages."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.opendata.sources import Column, Source, Table
from gongkai.projects.models import Project, ProjectStage, StageState

LIST_COLUMNS = (
    Column("code", _("项目代码")),
    Column("name", _("项目名称")),
    Column("location", _("建设地点")),
    Column("investment", _("总投资"), "number", _("万元")),
    Column("owner_unit", _("项目法人单位")),
    Column("starts_on", _("计划开工日期"), "date"),
    Column("finishes_on", _("计划竣工日期"), "date"),
    Column("status", _("项目状态")),
)

STAGE_COLUMNS = (
    Column("project_code", _("项目代码")),
    Column("project_name", _("项目名称")),
    Column("kind", _("信息类别")),
    Column("formed_on", _("信息形成日期"), "date"),
    Column("published_on", _("发布日期"), "date"),
    Column("index_number", _("索引号")),
)


def project_list(agency) -> Table:
    rows = [
        (
            p.code,
            p.name,
            p.location,
            float(p.investment),
            p.owner_unit,
            p.starts_on,
            p.finishes_on,
            str(p.get_status_display()),
        )
        for p in Project.objects.public().filter(agency=agency).order_by("code")
    ]
    return Table(LIST_COLUMNS, rows)


def published_stages(agency) -> Table:
    stages = (
        ProjectStage.objects.filter(project__agency=agency, state=StageState.PUBLISHED)
        .select_related("project", "document")
        .order_by("project__code", "position")
    )
    rows = [
        (
            s.project.code,
            s.project.name,
            str(s.get_kind_display()),
            s.formed_on,
            timezone.localdate(s.published_at) if s.published_at else None,
            s.document.index_number if s.document else "",
        )
        for s in stages
    ]
    return Table(STAGE_COLUMNS, rows)


SOURCES = (
    Source("projects.list", _("重大建设项目清单"), project_list),
    Source("projects.stages", _("重大建设项目信息公开情况"), published_stages),
)
