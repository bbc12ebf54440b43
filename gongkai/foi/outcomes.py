"""How an application ends: the 2021 annual-report rows and the articles a reply letter cites.

Pure values, no database. Each `Outcome` is exactly one result row of Table B in the national
annual-report format (国办公开办函〔2021〕30号; spec/regulations.md §3.3): an application is
counted in one row only, and a partially disclosed one only under （二）部分公开.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Article citations, written once. 条例 = 《中华人民共和国政府信息公开条例》（国务院令第711号）.
ART_14 = gettext_lazy("《政府信息公开条例》第十四条")
ART_15 = gettext_lazy("《政府信息公开条例》第十五条")
ART_16_1 = gettext_lazy("《政府信息公开条例》第十六条第一款")
ART_16_2 = gettext_lazy("《政府信息公开条例》第十六条第二款")
ART_30 = gettext_lazy("《政府信息公开条例》第三十条")
ART_32 = gettext_lazy("《政府信息公开条例》第三十二条")
ART_35 = gettext_lazy("《政府信息公开条例》第三十五条")
ART_36_1 = gettext_lazy("《政府信息公开条例》第三十六条第（一）项")
ART_36_2 = gettext_lazy("《政府信息公开条例》第三十六条第（二）项")
ART_36_3 = gettext_lazy("《政府信息公开条例》第三十六条第（三）项")
ART_36_4 = gettext_lazy("《政府信息公开条例》第三十六条第（四）项")
ART_36_5 = gettext_lazy("《政府信息公开条例》第三十六条第（五）项")
ART_36_6 = gettext_lazy("《政府信息公开条例》第三十六条第（六）项")
ART_36_7 = gettext_lazy("《政府信息公开条例》第三十六条第（七）项")
ART_37 = gettext_lazy("《政府信息公开条例》第三十七条")
ART_38 = gettext_lazy("《政府信息公开条例》第三十八条")
ART_39_1 = gettext_lazy("《政府信息公开条例》第三十九条第一款")
ART_39_2 = gettext_lazy("《政府信息公开条例》第三十九条第二款")
FEE_MEASURES = gettext_lazy("《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）")


class OutcomeError(ValueError):
    """An outcome that does not fit the reply; `message` is shown to the clerk, `field` names
    the form field it is about (if any)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ApplicantType(models.TextChoices):
    """The applicant columns of Table B (spec §3.3): 自然人, then five kinds of 法人或其他组织."""

    NATURAL = "natural", gettext_lazy("自然人")
    BUSINESS = "business", gettext_lazy("商业企业")
    RESEARCH = "research", gettext_lazy("科研机构")
    PUBLIC_INTEREST = "public_interest", gettext_lazy("社会公益组织")
    LEGAL_SERVICE = "legal_service", gettext_lazy("法律服务机构")
    OTHER = "other", gettext_lazy("其他（法人或其他组织）")


class NotHeldReason(models.TextChoices):
    """Why the agency does not hold the information (row （四）1): the letter states one."""

    NOT_EXIST = "not_exist", gettext_lazy("该政府信息不存在（条例第三十六条第（四）项）")
    NOT_OURS = "not_ours", gettext_lazy("不属于本机关负责公开（条例第三十六条第（五）项）")


class OutcomeGroup(models.TextChoices):
    """The numbered result blocks （一）–（六） of Table B."""

    GRANTED = "granted", gettext_lazy("予以公开")
    PARTIAL = "partial", gettext_lazy("部分公开")
    WITHHELD = "withheld", gettext_lazy("不予公开")
    UNABLE = "unable", gettext_lazy("无法提供")
    NOT_HANDLED = "not_handled", gettext_lazy("不予处理")
    OTHER = "other", gettext_lazy("其他处理")


class Outcome(models.TextChoices):
    """One result row of Table B; the value is the row key of the annual report's JSON."""

    GRANTED = "granted", gettext_lazy("予以公开")
    PARTIAL = "partial", gettext_lazy("部分公开")
    WITHHELD_STATE_SECRET = "withheld.1", gettext_lazy("不予公开：属于国家秘密")
    WITHHELD_PROHIBITED = "withheld.2", gettext_lazy("不予公开：其他法律行政法规禁止公开")
    WITHHELD_SECURITY = "withheld.3", gettext_lazy("不予公开：危及“三安全一稳定”")
    WITHHELD_THIRD_PARTY = "withheld.4", gettext_lazy("不予公开：保护第三方合法权益")
    WITHHELD_INTERNAL = "withheld.5", gettext_lazy("不予公开：属于三类内部事务信息")
    WITHHELD_PROCESS = "withheld.6", gettext_lazy("不予公开：属于四类过程性信息")
    WITHHELD_ENFORCEMENT = "withheld.7", gettext_lazy("不予公开：属于行政执法案卷")
    WITHHELD_QUERY = "withheld.8", gettext_lazy("不予公开：属于行政查询事项")
    UNABLE_NOT_HELD = "unable.1", gettext_lazy("无法提供：本机关不掌握相关政府信息")
    UNABLE_NEEDS_MAKING = "unable.2", gettext_lazy("无法提供：没有现成信息需要另行制作")
    UNABLE_STILL_UNCLEAR = "unable.3", gettext_lazy("无法提供：补正后申请内容仍不明确")
    NOT_HANDLED_COMPLAINT = "not_handled.1", gettext_lazy("不予处理：信访举报投诉类申请")
    NOT_HANDLED_REPEAT = "not_handled.2", gettext_lazy("不予处理：重复申请")
    NOT_HANDLED_PUBLICATION = "not_handled.3", gettext_lazy("不予处理：要求提供公开出版物")
    NOT_HANDLED_EXCESSIVE = "not_handled.4", gettext_lazy("不予处理：无正当理由大量反复申请")
    NOT_HANDLED_CONFIRMATION = (
        "not_handled.5",
        gettext_lazy("不予处理：要求行政机关确认或重新出具已获取信息"),
    )
    OTHER_NO_SUPPLEMENT = "other.1", gettext_lazy("其他处理：逾期不补正，不再处理")
    OTHER_FEE_UNPAID = "other.2", gettext_lazy("其他处理：逾期未缴费，不再处理")
    OTHER = "other.3", gettext_lazy("其他处理：其他")


@dataclass(frozen=True)
class OutcomeInfo:
    """What the annual report and the reply letter need to know about one outcome.

    `legal_basis` lists the articles the reply letter cites; `basis_confirmed` is False where
    the spec marks the article → row mapping [U] (recollection only). `is_on_merits` is True
    when the reply decides on the information itself (实体答复) rather than declining to handle
    the application.
    """

    outcome: Outcome
    group: OutcomeGroup
    heading: str  # The row's number in Table B, e.g. "（三）4".
    row_label: Promise
    legal_basis: tuple[Promise, ...]
    basis_confirmed: bool
    is_on_merits: bool


_ROW_LABELS = {
    Outcome.GRANTED: gettext_lazy("予以公开"),
    Outcome.PARTIAL: gettext_lazy("部分公开（区分处理的，只计这一情形，不计其他情形）"),
    Outcome.WITHHELD_STATE_SECRET: gettext_lazy("属于国家秘密"),
    Outcome.WITHHELD_PROHIBITED: gettext_lazy("其他法律行政法规禁止公开"),
    Outcome.WITHHELD_SECURITY: gettext_lazy("危及“三安全一稳定”"),
    Outcome.WITHHELD_THIRD_PARTY: gettext_lazy("保护第三方合法权益"),
    Outcome.WITHHELD_INTERNAL: gettext_lazy("属于三类内部事务信息"),
    Outcome.WITHHELD_PROCESS: gettext_lazy("属于四类过程性信息"),
    Outcome.WITHHELD_ENFORCEMENT: gettext_lazy("属于行政执法案卷"),
    Outcome.WITHHELD_QUERY: gettext_lazy("属于行政查询事项"),
    Outcome.UNABLE_NOT_HELD: gettext_lazy("本机关不掌握相关政府信息"),
    Outcome.UNABLE_NEEDS_MAKING: gettext_lazy("没有现成信息需要另行制作"),
    Outcome.UNABLE_STILL_UNCLEAR: gettext_lazy("补正后申请内容仍不明确"),
    Outcome.NOT_HANDLED_COMPLAINT: gettext_lazy("信访举报投诉类申请"),
    Outcome.NOT_HANDLED_REPEAT: gettext_lazy("重复申请"),
    Outcome.NOT_HANDLED_PUBLICATION: gettext_lazy("要求提供公开出版物"),
    Outcome.NOT_HANDLED_EXCESSIVE: gettext_lazy("无正当理由大量反复申请"),
    Outcome.NOT_HANDLED_CONFIRMATION: gettext_lazy("要求行政机关确认或重新出具已获取信息"),
    Outcome.OTHER_NO_SUPPLEMENT: gettext_lazy(
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    ),
    Outcome.OTHER_FEE_UNPAID: gettext_lazy(
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    ),
    Outcome.OTHER: gettext_lazy("其他"),
}

# The spec's "Article → row mapping" (§3.3). [U] rows are recollection only: basis_confirmed
# is False for them. Columns: outcome, Table B heading, articles cited, on the merits.
_ROWS = (
    # 条例第三十六条第（一）（二）项: already public (tell where) or provided; see reply_basis.
    (Outcome.GRANTED, "（一）", (ART_36_1, ART_36_2), True),
    (Outcome.PARTIAL, "（二）", (ART_37,), True),
    (Outcome.WITHHELD_STATE_SECRET, "（三）1", (ART_14, ART_36_3), True),
    (Outcome.WITHHELD_PROHIBITED, "（三）2", (ART_14, ART_36_3), True),
    (Outcome.WITHHELD_SECURITY, "（三）3", (ART_14, ART_36_3), True),
    (Outcome.WITHHELD_THIRD_PARTY, "（三）4", (ART_15, ART_32, ART_36_3), True),
    (Outcome.WITHHELD_INTERNAL, "（三）5", (ART_16_1, ART_36_3), True),
    (Outcome.WITHHELD_PROCESS, "（三）6", (ART_16_2, ART_36_3), True),
    (Outcome.WITHHELD_ENFORCEMENT, "（三）7", (ART_16_2, ART_36_3), True),
    (Outcome.WITHHELD_QUERY, "（三）8", (ART_36_7,), True),  # [U] 36(7) → 行政查询事项
    (Outcome.UNABLE_NOT_HELD, "（四）1", (ART_36_4, ART_36_5), True),  # [U] 36(4), 36(5) → here
    (Outcome.UNABLE_NEEDS_MAKING, "（四）2", (ART_38,), True),
    # Still unclear after the supplement: no information was identified to decide on.
    (Outcome.UNABLE_STILL_UNCLEAR, "（四）3", (ART_30,), False),
    (Outcome.NOT_HANDLED_COMPLAINT, "（五）1", (ART_39_1,), False),
    (Outcome.NOT_HANDLED_REPEAT, "（五）2", (ART_36_6,), False),
    (Outcome.NOT_HANDLED_PUBLICATION, "（五）3", (ART_39_2,), False),
    (Outcome.NOT_HANDLED_EXCESSIVE, "（五）4", (ART_35,), False),
    (Outcome.NOT_HANDLED_CONFIRMATION, "（五）5", (), False),  # [U] no article; state the reason
    (Outcome.OTHER_NO_SUPPLEMENT, "（六）1", (ART_30,), False),
    (Outcome.OTHER_FEE_UNPAID, "（六）2", (FEE_MEASURES,), False),
    (Outcome.OTHER, "（六）3", (), False),  # [U] withdrawals and anything else
)
_UNCONFIRMED = {
    Outcome.WITHHELD_QUERY,
    Outcome.UNABLE_NOT_HELD,
    Outcome.NOT_HANDLED_CONFIRMATION,
    Outcome.OTHER,
}

_OUTCOMES: dict[Outcome, OutcomeInfo] = {
    outcome: OutcomeInfo(
        outcome=outcome,
        group=OutcomeGroup(outcome.value.split(".")[0]),
        heading=heading,
        row_label=_ROW_LABELS[outcome],
        legal_basis=basis,
        basis_confirmed=outcome not in _UNCONFIRMED,
        is_on_merits=merits,
    )
    for outcome, heading, basis, merits in _ROWS
}

ALREADY_PUBLIC = gettext_lazy("已主动公开")
"""Label of the reply's boolean flag: a （一）予以公开 reply under 条例第三十六条第（一）项, telling
the applicant where the proactively disclosed information is. It is no report row of its own."""

REPORT_ROWS: list[str] = ["new", "carried_in", *Outcome.values, "total", "carried_out"]
"""Table B's numeric rows in printed order, as keys of the annual report's JSON (25 rows)."""

REPORT_ROW_LABELS: dict[str, Promise] = {
    "new": gettext_lazy("一、本年新收政府信息公开申请数量"),
    "carried_in": gettext_lazy("二、上年结转政府信息公开申请数量"),
    **{info.outcome.value: info.row_label for info in _OUTCOMES.values()},
    "total": gettext_lazy("（七）总计"),
    "carried_out": gettext_lazy("四、结转下年度继续办理"),
}

REPORT_COLUMNS: list[str] = [*ApplicantType.values, "total"]
"""Table B's seven numeric columns: the six applicant types, then 总计."""


def outcome_info(outcome: Outcome | str) -> OutcomeInfo:
    """The report row, group and cited articles of an outcome (spec §3.3)."""
    return _OUTCOMES[Outcome(outcome)]


def reply_basis(
    outcome: Outcome | str,
    *,
    already_public: bool = False,
    where_published: str = "",
    not_held_reason: str = "",
) -> tuple[Promise, ...]:
    """The articles the reply letter cites; `already_public` is the Art.36(1) sub-kind.

    条例第三十六条第（一）项: information already proactively disclosed is granted by telling
    the applicant where and how to get it, so the reply must say where (`where_published`). It
    still counts in the （一）予以公开 row. Any other granted reply cites 第三十六条第（二）项.
    本机关不掌握 cites the one of 第三十六条第（四）项 and 第（五）项 that `not_held_reason`
    names (both only for replies recorded before the choice existed).
    """
    info = outcome_info(outcome)
    if already_public and info.outcome != Outcome.GRANTED:
        raise OutcomeError(_("“已主动公开”只适用于予以公开的答复。"))
    if already_public and not where_published.strip():
        raise OutcomeError(
            _("已主动公开的信息应告知申请人获取的方式和途径（条例第三十六条第（一）项）。")
        )
    if info.outcome == Outcome.GRANTED:
        return (ART_36_1,) if already_public else (ART_36_2,)
    if info.outcome == Outcome.UNABLE_NOT_HELD and not_held_reason:
        return (ART_36_4,) if not_held_reason == NotHeldReason.NOT_EXIST else (ART_36_5,)
    return info.legal_basis


def check_not_held(
    outcome: Outcome | str,
    *,
    reason: str,
    responsible_agency: str,
    responsible_agency_contact: str,
    responsible_agency_unknown: bool,
) -> None:
    """A 本机关不掌握 reply states exactly one answer (条例第三十六条).

    第（四）项: after a search the information does not exist. 第（五）项: it is not this
    agency's to disclose; the reply explains why and, where the responsible agency can be
    determined, gives its name and contact, so the clerk gives both or says it cannot be
    determined. Other outcomes carry none of this.
    """
    if Outcome(outcome) != Outcome.UNABLE_NOT_HELD:
        if reason or responsible_agency.strip() or responsible_agency_contact.strip():
            raise OutcomeError(
                _("“不掌握的情形”和负责公开的机关只适用于“本机关不掌握相关政府信息”的答复。"),
                field="not_held_reason",
            )
        return
    if reason not in NotHeldReason.values:
        raise OutcomeError(
            _(
                "请选择不掌握的情形：该政府信息不存在（第三十六条第（四）项），"
                "或者不属于本机关负责公开（第三十六条第（五）项）。答复只能告知其中一种。"
            ),
            field="not_held_reason",
        )
    named = responsible_agency.strip()
    if reason == NotHeldReason.NOT_EXIST:
        if named or responsible_agency_contact.strip() or responsible_agency_unknown:
            raise OutcomeError(
                _("信息不存在的答复不告知负责公开的机关；如属其他机关负责公开，请选择第（五）项。"),
                field="responsible_agency",
            )
        return
    if named and responsible_agency_unknown:
        raise OutcomeError(
            _("已填写负责公开的机关，就不能同时选择“无法确定负责公开的机关”。"),
            field="responsible_agency",
        )
    if not named and not responsible_agency_unknown:
        raise OutcomeError(
            _(
                "请填写负责公开该信息的机关名称（条例第三十六条第（五）项）；"
                "确实无法确定的，请勾选“无法确定负责公开的机关”。"
            ),
            field="responsible_agency",
        )
    if named and not responsible_agency_contact.strip():
        raise OutcomeError(
            _("请填写负责公开该信息的机关的联系方式（条例第三十六条第（五）项）。"),
            field="responsible_agency_contact",
        )


class RemedyRoute(models.TextChoices):
    """What the reply letter tells the applicant about 行政复议 and 行政诉讼."""

    REVIEW_FIRST = "review_first", gettext_lazy("应当先申请行政复议，对复议决定不服再起诉")
    REVIEW_FIRST_FOR_WITHHELD_PART = (
        "review_first_part",
        gettext_lazy("不予公开的部分应当先申请行政复议，其他内容可以复议或者起诉"),
    )
    REVIEW_OR_SUIT = "review_or_suit", gettext_lazy("可以申请行政复议，也可以直接起诉")


def remedy_route(outcome: Outcome | str) -> RemedyRoute:
    """Which remedies the reply letter states (README "Remedies in reply letters").

    行政复议法（2023年修订）第二十三条第一款第（四）项: "申请政府信息公开，行政机关不予公开"
    must go to administrative review before a lawsuit, and 第二款 obliges the agency to say so.
    Read as covering every 不予公开 row (the agency itself reports them as 不予公开) and the
    withheld part of a 部分公开 reply. 无法提供、不予处理 and 其他处理 decide nothing about
    disclosing existing information, so the applicant chooses review (六十日, 行政复议法第二十条)
    or a direct suit (六个月, 行政诉讼法第四十六条).
    """
    group = outcome_info(outcome).group
    if group == OutcomeGroup.WITHHELD:
        return RemedyRoute.REVIEW_FIRST
    if group == OutcomeGroup.PARTIAL:
        return RemedyRoute.REVIEW_FIRST_FOR_WITHHELD_PART
    return RemedyRoute.REVIEW_OR_SUIT
