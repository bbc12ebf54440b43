"""A release package: what staff paste into a platform to carry a published record there —
the title and text cut to the platform's limits, the title image, and the canonical link with
the record's 索引号. Pure rules: the caller gives the record's values and the link.

Lengths are counted as the platform counts them: most count every character as one; 微博
counts a half-width character (Latin letters, digits, ASCII punctuation) as half. The link is
never cut: the text before it is, ending in "…"."""

import math
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.newmedia.models import Platform

ELLIPSIS = "…"


@dataclass(frozen=True)
class Limits:
    title: int | None  # None: the platform has no separate title
    text: int  # the whole post (or the summary field where the platform has one)
    weibo_counting: bool = False  # half-width characters count as half
    source: str = ""


# One table, each number with where it comes from. "本平台假设" marks our own reading of a
# platform's editor, to be corrected when the platform says otherwise.
LIMITS: dict[str, Limits] = {
    Platform.WECHAT: Limits(
        title=64, text=120, source=gettext_lazy("微信公众平台图文编辑器：标题64字，摘要120字")
    ),
    Platform.WEIBO: Limits(
        title=None,
        text=2000,
        weibo_counting=True,
        source=gettext_lazy(
            "微博：正文至多2000字（信息流显示前140字，其余折叠为“全文”），半角字符计半字"
        ),
    ),
    Platform.DOUYIN: Limits(
        title=30, text=1000, source=gettext_lazy("本平台假设：抖音作品标题30字，描述1000字")
    ),
    Platform.TOUTIAO: Limits(
        title=30, text=300, source=gettext_lazy("本平台假设：今日头条标题5至30字，摘要300字")
    ),
    Platform.APP: Limits(
        title=64, text=200, source=gettext_lazy("本平台假设：客户端标题64字，摘要200字")
    ),
    Platform.CHANNELS: Limits(
        title=16, text=1000, source=gettext_lazy("本平台假设：视频号短标题16字，描述1000字")
    ),
    Platform.OTHER: Limits(
        title=64, text=500, source=gettext_lazy("本平台假设：标题64字，正文500字")
    ),
}
WEIBO_DISPLAY = 140  # 微博 shows this much in the timeline before "全文"


def length(text: str, *, weibo_counting: bool = False) -> int:
    """The length the platform counts: characters, or 微博's (half-width counts half, rounded
    up as 微博 does)."""
    if not weibo_counting:
        return len(text)
    halves = sum(1 if _is_half_width(ch) else 2 for ch in text)
    return math.ceil(halves / 2)


def _is_half_width(ch: str) -> bool:
    return ord(ch) < 128 or unicodedata.east_asian_width(ch) in ("H", "Na")


def cut(text: str, limit: int, *, weibo_counting: bool = False) -> str:
    """`text` if it fits `limit`, else its longest head that fits with "…" after it."""
    text = " ".join(text.split())
    if length(text, weibo_counting=weibo_counting) <= limit:
        return text
    if limit <= 0:
        return ""
    room = limit - length(ELLIPSIS, weibo_counting=weibo_counting)
    head = ""
    for ch in text:
        if length(head + ch, weibo_counting=weibo_counting) > room:
            break
        head += ch
    return head.rstrip() + ELLIPSIS


@dataclass(frozen=True)
class Package:
    platform: str
    title: str  # "" when the platform has no title
    text: str  # the post or summary, the link and 索引号 included
    link: str
    image_url: str  # "" when the record has no image attachment
    limits: Limits
    shown_in_timeline: str = ""  # 微博: what the timeline shows before "全文"

    @property
    def text_length(self) -> int:
        return length(self.text, weibo_counting=self.limits.weibo_counting)


def build(
    *,
    platform: str,
    title: str,
    summary: str,
    index_number: str,
    link: str,
    image_url: str = "",
) -> Package:
    """The package for one platform. Without a title field the title leads the text in 【】."""
    limits = LIMITS.get(platform, LIMITS[Platform.OTHER])
    weibo = limits.weibo_counting
    tail = "\n" + _("索引号：%(index)s") % {"index": index_number} + "\n" + link
    body = summary if limits.title is not None else f"【{title}】{summary}"
    room = limits.text - length(tail, weibo_counting=weibo)
    # A link too long for the platform: the link alone, never cut.
    text = link if room < 1 else cut(body, room, weibo_counting=weibo) + tail
    timeline = cut(text, WEIBO_DISPLAY, weibo_counting=True) if weibo else ""
    return Package(
        platform=platform,
        title=cut(title, limits.title) if limits.title is not None else "",
        text=text,
        link=link,
        image_url=image_url,
        limits=limits,
        shown_in_timeline=timeline,
    )
