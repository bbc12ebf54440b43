"""Frequently requested information (条例第四十四条; 四平: 依申请公开较为集中的信息): the year's
applications grouped by what they asked for. Pure: takes request texts, returns groups.

The texts are segmented by the search engine's segmenter (dictionary words kept whole), reduced
to content words (no single characters, no words every application uses such as 申请, 公开),
and two requests are similar when the Jaccard similarity of their content words reaches
SIMILARITY_THRESHOLD. Requests are clustered around leaders (the earliest request of each
cluster), so every member is similar to its leader and chains of unrelated requests cannot
form; a group is frequent when MIN_APPLICANTS different applicants are in it — one applicant
asking twice is not a sign that the public wants the information.
"""

import math
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


def _leader_clusters(words: list[frozenset[str]], threshold: float) -> list[list[int]]:
    """Clusters of similar word sets, each around its first member (the leader): a set joins
    the most similar earlier leader reaching `threshold`, or leads a new cluster. Every member
    is similar to its leader, so unrelated requests are never chained together.

    Leaders are found through their rarest words (prefix filtering): two sets of Jaccard
    similarity ≥ t share a word among the first |s| − ⌈t·|s|⌉ + 1 of each, rarest first."""
    frequency: dict[str, int] = defaultdict(int)
    for request_words in words:
        for word in request_words:
            frequency[word] += 1

    def prefix(request_words: frozenset[str]) -> list[str]:
        ordered = sorted(request_words, key=lambda word: (frequency[word], word))
        return ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1]

    leaders_by_word: dict[str, list[int]] = defaultdict(list)
    clusters: dict[int, list[int]] = {}
    for i, request_words in enumerate(words):
        candidates = {leader for word in prefix(request_words) for leader in leaders_by_word[word]}
        scored = [(similarity(words[leader], request_words), -leader) for leader in candidates]
        best = max(scored, default=(0.0, 0))
        if request_words and best[0] >= threshold:
            clusters[-best[1]].append(i)
            continue
        clusters[i] = [i]
        for word in prefix(request_words):
            leaders_by_word[word].append(i)
    return list(clusters.values())


def group_requests(
    requests: Iterable[Request],
    *,
    threshold: float = SIMILARITY_THRESHOLD,
    min_applicants: int = MIN_APPLICANTS,
) -> list[RequestGroup]:
    """The frequent groups, most applicants first (then most requests, then earliest id)."""
    requests = sorted(requests, key=lambda request: request.id)
    words = [content_words(request.text) for request in requests]
    clusters = _leader_clusters(words, threshold)
    groups = []
    for members in clusters:
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
