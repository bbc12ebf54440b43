"""Frequently requested information (条例第四十四条; 四平: 依申请公开较为集中的信息): the year's
applications grouped by what they asked for. Pure: takes request texts, returns groups.

The texts are segmented by the search engine's segmenter (dictionary words kept whole), reduced
to content words (no single characters, no words every application uses such as 申请, 公开),
and two requests are similar when the Jaccard similarity of their content words reaches
SIMILARITY_THRESHOLD. Similar requests are joined transitively (single linkage); a group is
frequent when MIN_APPLICANTS different applicants are in it — one applicant asking twice is
not a sign that the public wants the information.
"""

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.search.segmentation import is_word, query_tokens

SIMILARITY_THRESHOLD = 0.5
MIN_APPLICANTS = 2
# Words of the application form itself, not of the information asked for.
STOP_WORDS = frozenset(
    {
        "申请",
        "公开",
        "提供",
        "获取",
        "查询",
        "查阅",
        "复制",
        "要求",
        "请求",
        "希望",
        "本人",
        "我们",
        "政府",
        "信息",
        "政府信息",
        "相关",
        "有关",
        "关于",
        "内容",
        "情况",
        "材料",
        "资料",
        "具体",
        "以及",
        "及其",
        "包括",
        "是否",
        "哪些",
        "贵局",
        "贵单位",
    }
)


@dataclass(frozen=True)
class Request:
    """One application as the grouping sees it."""

    id: int
    applicant: str  # a key equal for the same applicant (e.g. their ID number)
    text: str


@dataclass(frozen=True)
class RequestGroup:
    requests: tuple[Request, ...]
    applicants: int
    words: tuple[str, ...]  # the content words most of the requests share, most shared first

    @property
    def ids(self) -> list[int]:
        return [request.id for request in self.requests]


def content_words(text: str) -> frozenset[str]:
    """The words of a request that say what it asks for."""
    return frozenset(
        token
        for token in query_tokens(text)
        if is_word(token) and len(token) > 1 and token not in STOP_WORDS
    )


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """Jaccard similarity of two word sets (0 when either is empty)."""
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def group_requests(
    requests: Iterable[Request],
    *,
    threshold: float = SIMILARITY_THRESHOLD,
    min_applicants: int = MIN_APPLICANTS,
) -> list[RequestGroup]:
    """The frequent groups, most applicants first (then most requests, then earliest id)."""
    requests = list(requests)
    words = [content_words(request.text) for request in requests]
    parent = list(range(len(requests)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only requests sharing a word can be similar: compare within each word's postings.
    postings: dict[str, list[int]] = defaultdict(list)
    for i, request_words in enumerate(words):
        for word in request_words:
            postings[word].append(i)
    compared: set[tuple[int, int]] = set()
    for members in postings.values():
        for i, j in itertools.combinations(members, 2):
            if (i, j) in compared:
                continue
            compared.add((i, j))
            if similarity(words[i], words[j]) >= threshold:
                parent[root(j)] = root(i)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(requests)):
        clusters[root(i)].append(i)
    groups = []
    for members in clusters.values():
        applicants = len({requests[i].applicant for i in members})
        if applicants < min_applicants:
            continue
        counts: dict[str, int] = defaultdict(int)
        for i in members:
            for word in words[i]:
                counts[word] += 1
        shared = sorted(
            (word for word, n in counts.items() if n * 2 >= len(members)),
            key=lambda word: (-counts[word], word),
        )
        groups.append(
            RequestGroup(
                requests=tuple(sorted((requests[i] for i in members), key=lambda r: r.id)),
                applicants=applicants,
                words=tuple(shared),
            )
        )
    groups.sort(key=lambda g: (-g.applicants, -len(g.requests), g.requests[0].id))
    return groups
