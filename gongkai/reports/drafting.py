"""First drafts of the sections the clerk writes (一 and 六), from the counted figures. Pure.

The drafts state only what the records show; what they cannot know is left as a marked
placeholder (PLACEHOLDER), and a report still holding one is not published.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongkai.reports.computation import ReportData

PLACEHOLDER = "【请填写"
"""The opening of every placeholder; `has_placeholder` looks for it."""


def has_placeholder(text: str) -> bool:
    return PLACEHOLDER in (text or "")


def draft_overview(data: ReportData) -> str:
    """Section 一 总体情况: its five sub-topics (spec §3.1), facts filled in where counted."""
    a, b, c = data.table_a, data.table_b, data.table_c
    proactive = _(
        "%(year)d年，本机关主动公开政府信息%(published)d条。本年制发规章%(rules)d件、"
        "行政规范性文件%(normative)d件；作出行政许可决定%(licensing)d件、行政处罚决定"
        "%(penalty)d件、行政强制决定%(enforcement)d件。"
    ) % {
        "year": data.year,
        "published": data.proactive_published,
        "rules": a["rule"]["issued"],
        "normative": a["normative"]["issued"],
        "licensing": a["licensing"]["decisions"],
        "penalty": a["penalty"]["decisions"],
        "enforcement": a["enforcement"]["decisions"],
    }
    on_request = _(
        "本年新收政府信息公开申请%(new)d件，上年结转%(carried_in)d件；办结%(total)d件，"
        "其中予以公开%(granted)d件、部分公开%(partial)d件；结转下年度继续办理"
        "%(carried_out)d件。因政府信息公开引起行政复议%(reviews)d件、行政诉讼%(suits)d件。"
    ) % {
        "new": b["new"]["total"],
        "carried_in": b["carried_in"]["total"],
        "total": b["total"]["total"],
        "granted": b["granted"]["total"],
        "partial": b["partial"]["total"],
        "carried_out": b["carried_out"]["total"],
        "reviews": c["review"]["total"],
        "suits": c["litigation_direct"]["total"] + c["litigation_after_review"]["total"],
    }
    return "\n".join(
        [
            _("（一）主动公开"),
            proactive,
            _("（二）依申请公开"),
            on_request,
            _("（三）政府信息管理"),
            *_yearly_review(data),
            _("【请填写：政府信息公开审查、发布、更新等制度的执行情况。】"),
            _("（四）政府信息公开平台建设"),
            _("【请填写：政府网站、政务新媒体等公开平台的建设和管理情况。】"),
            _("（五）监督保障"),
            _("【请填写：工作考核、社会评议、责任追究、培训等情况。】"),
        ]
    )


def _yearly_review(data: ReportData) -> list[str]:
    """The sentence on the year's review of withheld information (条例第十八条), when held."""
    if not data.review_items:
        return []
    sentence = _(
        "本年度对不予公开、部分公开的政府信息和答复共%(items)d项开展了全面自查：经审查，继续不予"
        "公开%(kept)d项，予以公开%(released)d项，部分公开%(partly)d项。"
    ) % {
        "items": data.review_items,
        "kept": data.review_kept,
        "released": data.review_released,
        "partly": data.review_released_in_part,
    }
    undecided = (
        data.review_items - data.review_kept - data.review_released - data.review_released_in_part
    )
    if undecided:
        sentence += _("尚有%(count)d项正在审查。") % {"count": undecided}
    return [sentence]


def draft_problems(data: ReportData) -> str:
    """Section 五: a first sentence from the obligations ledger's timeliness figures, and a
    placeholder for the clerk's analysis and improvements."""
    lines = []
    if data.late_publications or data.late_replies:
        lines.append(
            _("本年度有%(records)d条主动公开信息逾期发布，%(replies)d件政府信息公开申请逾期答复。")
            % {"records": data.late_publications, "replies": data.late_replies}
        )
    lines.append(_("【请填写：存在的主要问题、原因分析及改进措施。】"))
    return "\n".join(lines)


def draft_other(data: ReportData) -> str:
    """Section 六: the 信息处理费 actually collected (国办函〔2020〕109号), when there were any
    the applications given a delayed reply date (条例第三十五条), and the year's deputies'
    suggestions and CPPCC proposals with their classes (国办发〔2014〕46号)."""
    if data.fees_collected_yuan > 0:
        fees = _("本年度收取信息处理费共计%(amount)d元。") % {"amount": data.fees_collected_yuan}
    else:
        fees = _("本年度未收取信息处理费。")
    proposals = _proposals(data)
    if not data.art35_delays:
        return "\n".join([fees, *proposals])
    delays = ngettext(
        "本年度有%(count)d件申请因申请数量、频次明显超过合理范围，依照《政府信息公开条例》"
        "第三十五条确定了延迟答复期限并告知申请人。",
        "本年度有%(count)d件申请因申请数量、频次明显超过合理范围，依照《政府信息公开条例》"
        "第三十五条确定了延迟答复期限并告知申请人。",
        data.art35_delays,
    ) % {"count": data.art35_delays}
    return "\n".join([fees, delays, *proposals])


def _proposals(data: ReportData) -> list[str]:
    """One sentence on the suggestions and proposals the agency handled, when it had any."""
    suggestions = data.proposals.get("suggestion")
    proposals = data.proposals.get("proposal")
    if not suggestions and not proposals:
        return []
    empty = {"received": 0, "replied": 0, "A": 0, "B": 0, "C": 0}
    suggestions, proposals = suggestions or empty, proposals or empty
    return [
        _(
            "本年度承办人大代表建议%(suggestions)d件、政协委员提案%(proposals)d件，已答复"
            "%(replied)d件，其中所提问题已解决或采纳的（A类）%(a)d件，正在解决或列入计划的"
            "（B类）%(b)d件，留作参考的（C类）%(c)d件。"
        )
        % {
            "suggestions": suggestions["received"],
            "proposals": proposals["received"],
            "replied": suggestions["replied"] + proposals["replied"],
            "a": suggestions["A"] + proposals["A"],
            "b": suggestions["B"] + proposals["B"],
            "c": suggestions["C"] + proposals["C"],
        }
    ]
