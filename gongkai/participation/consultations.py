"""Rules of consultations on drafts (征求意见): the period, the clauses, when a consultation
may close, and the feedback on how the comments were used (意见采纳情况反馈).

Pure functions: dates and plain values in, values out; no database, no settings.
"""

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongkai.participation.models.consultations import Disposition

# 第一条、第十二条、第3条 … at the start of a line: the usual way a draft is numbered.
ARTICLE_START = re.compile(r"^\s*(第[一二三四五六七八九十百零〇两\d]+条)\s*(.*)$")
# 一、二、… or 1. / 1、 at the start of a line, for drafts organised by headings.
SECTION_START = re.compile(r"^\s*([一二三四五六七八九十]+、|\d+[.、．])\s*\S")
SHORT_HEADING_CHARS = 20


def period_days(opens_on: datetime.date, closes_on: datetime.date) -> int:
    """Calendar days of the consultation period: the opening day is not counted.

    Periods counted in days start on the day after the event (民法典第二百零一条), like every
    other period on the platform: 1 March to 30 March is 29 days. Comments are nevertheless
    taken on the opening day too (`accepts_comments_on`).
    """
    return (closes_on - opens_on).days


def period_problems(
    *,
    opens_on: datetime.date | None,
    closes_on: datetime.date | None,
    minimum_days: int,
    short_period_reason: str,
) -> dict[str, str]:
    """What is wrong with the period, by form field.

    Drafts are published for at least the agency's minimum (commonly 30 calendar days, as in
    the rules on normative documents); a shorter period is allowed only with a reason, which
    is published beside the draft.
    """
    problems: dict[str, str] = {}
    if opens_on is None:
        problems["opens_on"] = _("请填写征求意见开始日期。")
    if closes_on is None:
        problems["closes_on"] = _("请填写征求意见截止日期。")
    if opens_on is None or closes_on is None:
        return problems
    if closes_on < opens_on:
        problems["closes_on"] = _("截止日期不能早于开始日期。")
    elif period_days(opens_on, closes_on) < minimum_days and not short_period_reason.strip():
        problems["short_period_reason"] = _(
            "征求意见期限为%(days)d日，短于本机关规定的%(minimum)d日，请说明理由（将在页面上公开）。"
        ) % {"days": period_days(opens_on, closes_on), "minimum": minimum_days}
    return problems


def is_short_period(opens_on: datetime.date, closes_on: datetime.date, minimum_days: int) -> bool:
    return period_days(opens_on, closes_on) < minimum_days


def accepts_comments_on(
    day: datetime.date, *, opens_on: datetime.date, closes_on: datetime.date
) -> bool:
    """The web form takes comments from the opening day to the closing day, both included."""
    return opens_on <= day <= closes_on


@dataclass(frozen=True)
class DraftClause:
    heading: str
    text: str


def split_into_clauses(text: str) -> list[DraftClause]:
    """Split a draft's text into the parts the public can comment on one by one.

    Lines starting “第X条” start a new clause (the heading is “第X条”); otherwise lines
    starting “一、” or “1.” start one; otherwise each blank-line separated paragraph is a
    clause. Text before the first article (title, chapter headings) is kept with the first
    clause rather than dropped.
    """
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    if any(ARTICLE_START.match(line) for line in lines):
        return _split_on(lines, lambda line: ARTICLE_START.match(line), article=True)
    if sum(1 for line in lines if SECTION_START.match(line)) >= 2:
        return _split_on(lines, lambda line: SECTION_START.match(line), article=False)
    paragraphs = re.split(r"\n\s*\n", "\n".join(lines).strip())
    return [DraftClause(heading="", text=p.strip()) for p in paragraphs if p.strip()]


def clauses_as_text(clauses: Sequence[DraftClause]) -> str:
    """The clauses as text that `split_into_clauses` cuts back into the same clauses."""
    parts = []
    for clause in clauses:
        if ARTICLE_START.match(clause.heading):
            parts.append(f"{clause.heading} {clause.text}".rstrip())
        elif clause.heading:
            parts.append(f"{clause.heading}\n{clause.text}".rstrip())
        else:
            parts.append(f"{clause.text}\n")
    return "\n".join(parts).strip()


def _split_on(lines: list[str], starts, *, article: bool) -> list[DraftClause]:
    clauses: list[DraftClause] = []
    preamble: list[str] = []
    heading = ""
    body: list[str] = []
    started = False
    for line in lines:
        match = starts(line)
        if match:
            if started:
                clauses.append(DraftClause(heading=heading, text="\n".join(body).strip()))
            started = True
            if article:
                heading = match.group(1)
                body = [*preamble, match.group(2)] if not clauses and preamble else [match.group(2)]
            else:
                # A short heading line (二、主要任务) names the part; a numbered sentence doesn't.
                heading = line.strip() if len(line.strip()) <= SHORT_HEADING_CHARS else ""
                first = [] if heading else [line.strip()]
                body = [*preamble, *first] if not clauses and preamble else first
            preamble = []
        elif started:
            body.append(line)
        elif line.strip():
            preamble.append(line.strip())
    if started:
        clauses.append(DraftClause(heading=heading, text="\n".join(body).strip()))
    return [c for c in clauses if c.text or c.heading]


# --- closing and feedback ----------------------------------------------------------------


@dataclass(frozen=True)
class CommentFacts:
    """What the closing check and the feedback need to know of one comment."""

    pk: int
    body: str
    clause_number: int | None  # None: on the draft as a whole
    clause_heading: str = ""
    disposition: str = ""
    reason: str = ""
    group_lead_pk: int | None = None
    awaiting_moderation: bool = False
    rejected: bool = False
    source_label: str = ""


def closing_problems(
    comments: Iterable[CommentFacts], *, today: datetime.date, closes_on: datetime.date
) -> list[str]:
    """Why the consultation cannot close yet; empty when it can.

    Every opinion needs a disposition (采纳 / 部分采纳 / 不予采纳), and anything but full
    adoption a reason, before the feedback can be drafted; comments still awaiting
    moderation must be decided first. Rejected (abusive) content is not an opinion.
    """
    problems: list[str] = []
    if today <= closes_on:
        problems.append(
            _("征求意见截止日期（%(day)s）之后才能结束。") % {"day": closes_on.isoformat()}
        )
    pending = [c for c in comments if not c.rejected]
    waiting = sum(1 for c in pending if c.awaiting_moderation)
    if waiting:
        problems.append(_("还有%(n)d条意见待审核。") % {"n": waiting})
    undisposed = sum(1 for c in pending if not c.disposition)
    if undisposed:
        problems.append(_("还有%(n)d条意见未作采纳处理。") % {"n": undisposed})
    unexplained = sum(
        1
        for c in pending
        if c.disposition and c.disposition != Disposition.ADOPTED and not c.reason.strip()
    )
    if unexplained:
        problems.append(_("还有%(n)d条部分采纳或不予采纳的意见未写明理由。") % {"n": unexplained})
    return problems


def hidden_notice(reason: str) -> str:
    """What the public sees in place of a comment that staff hid after a report."""
    return _("该意见因%(reason)s已被隐藏。") % {"reason": reason.strip().rstrip("。")}


def disposition_problem(disposition: str, reason: str) -> str:
    """A disposition other than full adoption must say why."""
    if disposition not in Disposition.values:
        return _("请选择采纳情况。")
    if disposition != Disposition.ADOPTED and not (reason or "").strip():
        return _("部分采纳或不予采纳的，必须写明理由。")
    return ""


@dataclass
class FeedbackItem:
    """One opinion in the feedback: a comment and the identical ones grouped with it."""

    pk: int
    body: str
    disposition: str
    reason: str
    merged_count: int  # the comments grouped into this one
    source_label: str = ""


@dataclass
class FeedbackSection:
    clause_number: int | None
    clause_heading: str
    items: list[FeedbackItem] = field(default_factory=list)


@dataclass
class Feedback:
    total: int  # every opinion received (rejected content excluded)
    counts: dict[str, int]  # by disposition, each comment counted
    distinct: int  # opinions after grouping identical ones
    grouped: int  # comments merged into another
    sections: list[FeedbackSection]  # the draft as a whole first, then by clause number

    @property
    def not_adopted_items(self) -> list[FeedbackItem]:
        return [
            item
            for section in self.sections
            for item in section.items
            if item.disposition in (Disposition.NOT_ADOPTED, Disposition.PARTLY_ADOPTED)
        ]


def compute_feedback(comments: Sequence[CommentFacts]) -> Feedback:
    """Counts by disposition and the opinions grouped by clause, for 意见采纳情况反馈."""
    considered = [c for c in comments if not c.rejected]
    counts = Counter(dict.fromkeys(Disposition.values, 0))
    for comment in considered:
        if comment.disposition:
            counts[comment.disposition] += 1
    merged = Counter(c.group_lead_pk for c in considered if c.group_lead_pk is not None)
    by_clause: dict[int | None, FeedbackSection] = {}
    for comment in considered:
        if comment.group_lead_pk is not None:
            continue
        section = by_clause.setdefault(
            comment.clause_number,
            FeedbackSection(
                clause_number=comment.clause_number, clause_heading=comment.clause_heading
            ),
        )
        section.items.append(
            FeedbackItem(
                pk=comment.pk,
                body=comment.body,
                disposition=comment.disposition,
                reason=comment.reason,
                merged_count=merged.get(comment.pk, 0),
                source_label=comment.source_label,
            )
        )
    ordered = sorted(
        by_clause.values(), key=lambda s: (s.clause_number is not None, s.clause_number or 0)
    )
    grouped = sum(merged.values())
    return Feedback(
        total=len(considered),
        counts=dict(counts),
        distinct=len(considered) - grouped,
        grouped=grouped,
        sections=ordered,
    )


def feedback_title(draft_title: str) -> str:
    """The feedback record's title, e.g. 关于《…（征求意见稿）》征求意见采纳情况的反馈."""
    name = draft_title.strip()
    if not (name.startswith("《") and name.endswith("》")):
        name = f"《{name}》"
    return _("关于%(name)s征求意见采纳情况的反馈") % {"name": name}


def feedback_text(
    feedback: Feedback,
    *,
    draft_title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    dispositions: dict[str, str],
) -> str:
    """The body of the feedback record: period, counts, and each opinion with its handling.

    `dispositions` maps disposition values to their labels in the language of the record.
    """
    lines = [
        _(
            "%(opens)s至%(closes)s，本机关就%(title)s公开征求社会公众意见，"
            "共收到意见%(total)d条（相同意见合并后%(distinct)d条）。"
        )
        % {
            "opens": f"{opens_on.year}年{opens_on.month}月{opens_on.day}日",
            "closes": f"{closes_on.year}年{closes_on.month}月{closes_on.day}日",
            "title": draft_title if draft_title.startswith("《") else f"《{draft_title}》",
            "total": feedback.total,
            "distinct": feedback.distinct,
        },
        _("其中采纳%(adopted)d条，部分采纳%(partly)d条，不予采纳%(not_adopted)d条。")
        % {
            "adopted": feedback.counts.get(Disposition.ADOPTED, 0),
            "partly": feedback.counts.get(Disposition.PARTLY_ADOPTED, 0),
            "not_adopted": feedback.counts.get(Disposition.NOT_ADOPTED, 0),
        },
    ]
    if not feedback.total:
        lines.append(_("征求意见期间未收到意见。"))
    for section in feedback.sections:
        lines.append("")
        if section.clause_number is None:
            lines.append(_("关于征求意见稿整体的意见"))
        else:
            label = section.clause_heading or _("第%(n)d部分") % {"n": section.clause_number}
            lines.append(_("关于%(clause)s的意见") % {"clause": label})
        for number, item in enumerate(section.items, start=1):
            merged = (
                _("（另有%(n)d条相同意见合并处理）") % {"n": item.merged_count}
                if item.merged_count
                else ""
            )
            lines.append(f"{number}. {item.body.strip()}{merged}")
            handling = dispositions.get(item.disposition, item.disposition)
            if item.reason.strip():
                lines.append(
                    _("处理情况：%(disposition)s。理由：%(reason)s")
                    % {"disposition": handling, "reason": item.reason.strip()}
                )
            else:
                lines.append(_("处理情况：%(disposition)s。") % {"disposition": handling})
    lines.append("")
    lines.append(_("感谢社会各界对本项工作的关心和支持。"))
    return "\n".join(lines)
