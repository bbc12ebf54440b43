"""The eight kinds of information of a major construction project, as stages of one project.

Pure rules: no database, no settings. The kinds, what each contains and the time limit follow
国务院办公厅《关于推进重大建设项目批准和实施领域政府信息公开的意见》(国办发〔2017〕94号)
§二 and the county standard catalogues of the 重大建设项目 field built on it (README.md,
"Sources"): information is published within 20 working days of its formation or change; an
administrative licensing decision (e.g. 施工许可) within 7 working days of the decision.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.workdays.rules import WorkCalendar, add_working_days

TIME_LIMIT_DAYS = 20  # 94号 §三: 自信息形成或变更之日起20个工作日内
LICENSING_TIME_LIMIT_DAYS = 7  # 行政许可决定: 作出决定之日起7个工作日内 (双公示)


class StageKind(models.TextChoices):
    APPROVAL_SERVICE = "approval_service", _("批准服务信息")
    APPROVAL_RESULT = "approval_result", _("批准结果信息")
    TENDERING = "tendering", _("招标投标信息")
    LAND = "land", _("征收土地信息")
    DESIGN_CHANGE = "design_change", _("重大设计变更信息")
    CONSTRUCTION = "construction", _("施工有关信息")
    SUPERVISION = "supervision", _("质量安全监督信息")
    COMPLETION = "completion", _("竣工有关信息")


ORDER = list(StageKind)


@dataclass(frozen=True)
class Field:
    name: str  # key in the stage's details
    label: str
    kind: str = "text"  # text, line, date
    required: bool = False


@dataclass(frozen=True)
class StageRule:
    kind: StageKind
    fields: tuple[Field, ...]
    # Stages that must be settled (recorded or not applicable) before this one is recorded.
    after: tuple[StageKind, ...] = ()


def _f(name, label, kind="line", required=False) -> Field:
    return Field(name, label, kind, required)


RULES: dict[StageKind, StageRule] = {
    rule.kind: rule
    for rule in (
        StageRule(
            StageKind.APPROVAL_SERVICE,
            (
                _f("requirements", _("申报要求"), "text", True),
                _f("materials", _("申报材料清单"), "text", True),
                _f("procedure", _("批准流程"), "text"),
                _f("time_limit", _("办理时限")),
                _f("contact", _("受理机构联系方式")),
                _f("complaints", _("监督举报方式")),
            ),
        ),
        StageRule(
            StageKind.APPROVAL_RESULT,
            (
                _f("approval", _("批准事项"), "line", True),  # 可研批复、初步设计批复、施工许可…
                _f("authority", _("批准机关"), "line", True),
                _f("document_number", _("批准文号"), "line", True),
                _f("approved_on", _("批准日期"), "date", True),
                _f("content", _("批准内容"), "text"),
            ),
            after=(StageKind.APPROVAL_SERVICE,),
        ),
        StageRule(
            StageKind.TENDERING,
            (
                _f("summary", _("招标投标情况"), "text", True),
                _f("platform", _("公告发布平台")),
            ),
            after=(StageKind.APPROVAL_RESULT,),
        ),
        StageRule(
            StageKind.LAND,
            (
                _f("approval", _("征地批准文件"), "line", True),
                _f("area", _("征收面积")),
                _f("compensation", _("征地补偿安置方案"), "text", True),
            ),
            after=(StageKind.APPROVAL_RESULT,),
        ),
        StageRule(
            StageKind.DESIGN_CHANGE,
            (
                _f("reason", _("变更原因"), "text", True),
                _f("content", _("主要变更内容"), "text", True),
                _f("basis", _("变更依据")),
                _f("authority", _("批准单位"), "line", True),
                _f("result", _("变更结果"), "text"),
            ),
            after=(StageKind.APPROVAL_RESULT,),
        ),
        StageRule(
            StageKind.CONSTRUCTION,
            (
                _f("owner_lead", _("项目法人单位及主要负责人"), "line", True),
                _f("designer", _("设计单位及项目负责人"), "line", True),
                _f("builder", _("施工单位及项目负责人"), "line", True),
                _f("supervisor", _("监理单位及项目负责人"), "line", True),
                _f("qualifications", _("资质情况"), "text"),
                _f("environment", _("施工期环境保护措施落实情况"), "text"),
            ),
            after=(StageKind.TENDERING,),
        ),
        StageRule(
            StageKind.SUPERVISION,
            (
                _f("agency", _("质量安全监督机构"), "line", True),
                _f("contact", _("监督机构联系方式"), "line", True),
                _f("penalties", _("质量安全行政处罚情况"), "text"),
            ),
            after=(StageKind.TENDERING,),
        ),
        StageRule(
            StageKind.COMPLETION,
            (
                _f("accepted_on", _("竣工验收日期"), "date", True),
                _f("result", _("工程质量验收结果"), "line", True),
                _f("filing", _("竣工验收备案（时间、编号、部门）"), "line"),
                _f("delivered_on", _("交付使用日期"), "date"),
                _f("audit", _("竣工决算审计单位及结论"), "text"),
            ),
            # Completion closes the project: every other kind is settled first.
            after=tuple(k for k in StageKind if k != StageKind.COMPLETION),
        ),
    )
}


def time_limit_days(is_licensing: bool) -> int:
    """Working days to publish: 7 for a licensing decision, otherwise 20 (94号 §三)."""
    return LICENSING_TIME_LIMIT_DAYS if is_licensing else TIME_LIMIT_DAYS


def due_on(formed_on: datetime.date, is_licensing: bool, calendar: WorkCalendar) -> datetime.date:
    """The last day to publish: the time limit counted in working days after formation."""
    return add_working_days(formed_on, time_limit_days(is_licensing), calendar)


def missing_fields(kind: StageKind, details: dict) -> list[Field]:
    """The required fields of the kind that are empty in `details`."""
    return [
        f for f in RULES[kind].fields if f.required and not str(details.get(f.name) or "").strip()
    ]


def unsettled_before(kind: StageKind, settled: set[str]) -> list[StageKind]:
    """The stages that must be settled before `kind` and are not (in the kinds' order)."""
    return [k for k in RULES[kind].after if k not in settled]


def formed_before_prerequisite(
    kind: StageKind, formed_on: datetime.date, formed: dict[str, datetime.date]
) -> StageKind | None:
    """A prerequisite stage formed after `formed_on` (information cannot precede it), or None."""
    for before in RULES[kind].after:
        day = formed.get(before)
        if day is not None and day > formed_on:
            return before
    return None
