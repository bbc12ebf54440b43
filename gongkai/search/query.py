"""The one query function, and exact lookup of 文号/索引号.

Semantics (README.md): the text is split into words at spaces and list punctuation; every
word must match (AND). A word that segments into several tokens is a phrase. Each word is
matched in title (×3), numbers, summary, body and attachments. Queries are built from
Tantivy Query objects only; user text never becomes query-language syntax.

Two tokens in a row are looked up as one pair term (`*_pairs` fields), and dictionary words
through their joins (one term wherever their pieces are written in a row): both give the
matches of the plain phrase at a fraction of its cost on common words.
"""

import datetime
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import tantivy
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tantivy import FieldType, Occur, Order, Query

from gongkai.search import highlight
from gongkai.search.errors import InvalidFilterError, PageOutOfRangeError, QueryTooLongError
from gongkai.search.index import open_searcher, pair_field
from gongkai.search.payload import FILTER_FIELDS
from gongkai.search.segmentation import (
    is_indexed_whole,
    looks_like_number,
    normalize,
    normalize_number,
    query_pairs,
    query_phrase,
    query_tokens,
    word_pieces,
)

MAX_PAGE = 50  # no deep paging: past this, narrow the query or the filters
MAX_PAGE_SIZE = 100
MAX_QUERY_CHARS = 200
MAX_WORDS = 12
FIELD_BOOSTS = {"title": 3.0, "numbers": 2.0, "summary": 1.5, "body": 1.0, "attachments": 0.8}
PIECES_WEIGHT = 0.6  # a match of the finest pieces only, for words the index has no joins of
NUMBER_BOOST = 20.0
MAX_SUGGESTIONS = 3
_WORD_SEPARATORS = re.compile(r"[\s,，;；、]+")

Sort = Literal["relevance", "date"]


@dataclass(frozen=True)
class SearchHit:
    key: str
    kind: str
    object_id: str
    title: str
    title_html: SafeString
    url: str
    published_on: datetime.date | None
    agency_name: str
    score: float | None
    snippet: SafeString


@dataclass(frozen=True)
class Suggestion:
    text: str
    total: int
    message: str
    without_filters: bool = False


@dataclass
class SearchResults:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    page_size: int = 20
    sort: Sort = "relevance"
    suggestions: list[Suggestion] = field(default_factory=list)
    truncated: bool = False  # more matches than MAX_PAGE pages can show


@dataclass(frozen=True)
class _Word:
    text: str
    tokens: list[str]

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1


def parse_words(text: str) -> list[_Word]:
    """The query's words with their normal-mode tokens; words without any token are dropped."""
    words = []
    for raw in _WORD_SEPARATORS.split(normalize(text).strip()):
        tokens = query_tokens(raw)
        if tokens:
            words.append(_Word(raw, tokens))
    return words


def _phrase_query(schema: tantivy.Schema, name: str, tokens: list[str]) -> Query:
    """Tokens in a row in one field: a term; a pair term for two; for more, the positioned
    phrase, checked only where every pair term occurs (the pairs narrow it cheaply)."""
    if len(tokens) == 1:
        return Query.term_query(schema, name, tokens[0])
    pairs = [Query.term_query(schema, pair_field(name), pair) for pair in query_pairs(tokens)]
    if len(pairs) == 1:
        return pairs[0]
    phrase = Query.phrase_query(schema, name, query_phrase(tokens))
    narrowing = [(Occur.Must, Query.const_score_query(pair, 0.0)) for pair in pairs]
    return Query.boolean_query([(Occur.Must, phrase), *narrowing])


def _word_query(schema: tantivy.Schema, word: _Word) -> Query:
    """One word in any text field: its tokens in a row, or else its finest pieces in a row.

    The pieces (三公 经费 for “三公”经费) are needed only for tokens the index does not join
    (`is_indexed_whole`): words outside the dictionary or of many pieces.
    """
    pieces = None
    if not all(is_indexed_whole(token) for token in word.tokens):
        pieces = [piece for token in word.tokens for piece in word_pieces(token)]
    per_field: list[tuple[Occur, Query]] = []
    for name, boost in FIELD_BOOSTS.items():
        best = _phrase_query(schema, name, word.tokens)
        if pieces is not None:
            alternative = Query.boost_query(_phrase_query(schema, name, pieces), PIECES_WEIGHT)
            best = Query.disjunction_max_query([best, alternative], tie_breaker=0.1)
        per_field.append((Occur.Should, Query.boost_query(best, boost)))
    if looks_like_number(word.text):
        number = Query.term_query(schema, "number_keys", normalize_number(word.text))
        per_field.append((Occur.Should, Query.boost_query(number, NUMBER_BOOST)))
    return Query.boolean_query(per_field)


def _filter_value_query(schema: tantivy.Schema, name: str, value: Any) -> Query:
    values = [value] if isinstance(value, str) else list(value)
    if not values or not all(isinstance(item, str) for item in values):
        raise InvalidFilterError(_("筛选条件“%(name)s”的值无效。") % {"name": name})
    if len(values) == 1:
        return Query.term_query(schema, name, values[0])
    return Query.term_set_query(schema, name, values)


def _year_query(schema: tantivy.Schema, value: Any) -> Query:
    if isinstance(value, int) and not isinstance(value, bool):
        low = high = value
    elif isinstance(value, tuple | list) and len(value) == 2:
        low, high = value
    else:
        raise InvalidFilterError(_("年份筛选条件无效。"))
    return Query.range_query(schema, "year", FieldType.Integer, low, high)


def _date_query(schema: tantivy.Schema, low: Any, high: Any) -> Query:
    def ordinal(value: Any) -> int | None:
        if value is None:
            return None
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            raise InvalidFilterError(_("发布日期筛选条件无效。"))
        return value.toordinal()

    return Query.range_query(
        schema, "published", FieldType.Integer, ordinal(low) or 1, ordinal(high)
    )


def _filter_queries(
    schema: tantivy.Schema, filters: Mapping[str, Any] | None, kinds: Iterable[str] | None
) -> list[Query]:
    """Filter clauses: terms on the filter fields, ranges on year and publication date."""
    queries = []
    filters = {name: value for name, value in (filters or {}).items() if value not in (None, "")}
    for name, value in filters.items():
        if name in FILTER_FIELDS:
            queries.append(_filter_value_query(schema, name, value))
        elif name == "year":
            queries.append(_year_query(schema, value))
        elif name not in ("published_from", "published_to"):
            raise InvalidFilterError(_("未知的筛选条件“%(name)s”。") % {"name": name})
    if "published_from" in filters or "published_to" in filters:
        queries.append(
            _date_query(schema, filters.get("published_from"), filters.get("published_to"))
        )
    if kinds:
        queries.append(_filter_value_query(schema, "kind", list(kinds)))
    return queries


def _combine(words: list[Query], filters: list[Query]) -> Query:
    clauses = [(Occur.Must, query) for query in words]
    # Filters decide membership only; they add nothing to the score.
    clauses += [(Occur.Must, Query.const_score_query(query, 0.0)) for query in filters]
    if not words:
        clauses.append((Occur.Must, Query.all_query()))
    return Query.boolean_query(clauses)


def _count(searcher: tantivy.Searcher, query: Query) -> int:
    # limit=0 panics inside Tantivy (a PanicException, not an Exception); ask for one hit.
    return searcher.search(query, 1, count=True).count


def _check_paging(page: int, page_size: int) -> None:
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise PageOutOfRangeError(_("每页条数应在 1 到 %(max)d 之间。") % {"max": MAX_PAGE_SIZE})
    if page < 1:
        raise PageOutOfRangeError(_("页码应从 1 开始。"))
    if page > MAX_PAGE:
        raise PageOutOfRangeError(
            _("最多只能查看前 %(max)d 页结果，请增加检索词或筛选条件缩小范围。") % {"max": MAX_PAGE}
        )


def search(
    text: str,
    *,
    filters: Mapping[str, Any] | None = None,
    sort: Sort = "relevance",
    page: int = 1,
    page_size: int = 20,
    kinds: Iterable[str] | None = None,
) -> SearchResults:
    """Search this server's index: every word must match; filters narrow; bounded paging."""
    _check_paging(page, page_size)
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLongError(_("检索词不能超过 %(max)d 个字。") % {"max": MAX_QUERY_CHARS})
    if sort not in ("relevance", "date"):
        raise InvalidFilterError(_("排序方式无效。"))
    words = parse_words(text)[:MAX_WORDS]
    results = SearchResults(query=text, page=page, page_size=page_size, sort=sort)
    opened = open_searcher()
    if opened is None or (not words and not filters and not kinds):
        return results
    searcher, schema = opened
    word_queries = [_word_query(schema, word) for word in words]
    filter_queries = _filter_queries(schema, filters, kinds)
    query = _combine(word_queries, filter_queries)
    by_date = sort == "date" or not words
    found = searcher.search(
        query,
        page_size,
        count=True,
        offset=(page - 1) * page_size,
        order_by_field="published" if by_date else None,
        order=Order.Desc,
    )
    results.total = found.count
    full_pages = math.ceil(results.total / page_size)
    results.pages = min(full_pages, MAX_PAGE)
    results.truncated = full_pages > MAX_PAGE
    patterns = [highlight.word_pattern(_pieces(word)) for word in words]
    results.hits = [
        _hit(searcher.doc(address), None if by_date else float(score), patterns)
        for score, address in found.hits
    ]
    if results.total == 0 and words:
        results.suggestions = _suggestions(searcher, schema, words, filter_queries)
    return results


def _pieces(word: _Word) -> list[str]:
    return [piece for token in word.tokens for piece in word_pieces(token)]


def _hit(
    document: tantivy.Document, score: float | None, patterns: list[re.Pattern[str]]
) -> SearchHit:
    key = document.get_first("key")
    kind, _sep, object_id = key.partition(":")
    display = json.loads(document.get_first("display").decode("utf-8"))
    published_on = display.get("published_on")
    excerpt = None
    if patterns:
        for name in ("body", "summary", "attachments"):
            excerpt = highlight.snippet(display.get(name) or "", patterns)
            if excerpt is not None:
                break
    if excerpt is None:
        excerpt = highlight.plain_snippet(display.get("summary") or display.get("body") or "")
    return SearchHit(
        key=key,
        kind=kind,
        object_id=object_id,
        title=display.get("title", ""),
        title_html=highlight.highlight_all(display.get("title", ""), patterns),
        url=display.get("url", ""),
        published_on=datetime.date.fromisoformat(published_on) if published_on else None,
        agency_name=display.get("agency_name", ""),
        score=score,
        snippet=excerpt,
    )


def _suggestions(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    words: list[_Word],
    filter_queries: list[Query],
) -> list[Suggestion]:
    """Queries that would find something when this one found nothing."""
    suggestions: list[Suggestion] = []

    def count(candidate: list[_Word], with_filters: bool = True) -> int:
        queries = [_word_query(schema, word) for word in candidate]
        return _count(searcher, _combine(queries, filter_queries if with_filters else []))

    def add(
        candidate: list[_Word], total: int, message: str, without_filters: bool = False
    ) -> None:
        text = " ".join(word.text for word in candidate)
        if total and all(
            s.text != text or s.without_filters != without_filters for s in suggestions
        ):
            suggestions.append(Suggestion(text, total, message, without_filters))

    if filter_queries:
        total = count(words, with_filters=False)
        add(
            words,
            total,
            ngettext(
                "不限筛选条件，可找到 %(count)d 条结果。",
                "不限筛选条件，可找到 %(count)d 条结果。",
                total,
            )
            % {"count": total},
            without_filters=True,
        )
    if len(words) > 1:
        # Drop the word that matches fewest records (often none at all).
        frequencies = [(count([word]), index) for index, word in enumerate(words)]
        _frequency, rarest = min(frequencies)
        rest = [word for index, word in enumerate(words) if index != rarest]
        total = count(rest)
        add(
            rest,
            total,
            ngettext(
                "去掉“%(word)s”，可找到 %(count)d 条结果。",
                "去掉“%(word)s”，可找到 %(count)d 条结果。",
                total,
            )
            % {"word": words[rarest].text, "count": total},
        )
    for index, word in enumerate(words):
        if not word.is_phrase:
            continue
        # The phrase did not occur: its parts as separate words, anywhere in the record.
        split = [
            *words[:index],
            *(_Word(token, [token]) for token in word.tokens),
            *words[index + 1 :],
        ]
        total = count(split)
        add(
            split,
            total,
            ngettext(
                "“%(word)s”作为整体没有找到；分开检索可找到 %(count)d 条结果。",
                "“%(word)s”作为整体没有找到；分开检索可找到 %(count)d 条结果。",
                total,
            )
            % {"word": word.text, "count": total},
        )
    if not suggestions:
        # Shorter parts of the words that do occur somewhere (新农合医保 → 新农合).
        parts: dict[str, int] = {}
        for word in words:
            for token in [*word.tokens, *_pieces(word)]:
                if token not in parts and len(token) > 1:
                    parts[token] = count([_Word(token, [token])])
        offered: list[str] = []
        for token, total in sorted(parts.items(), key=lambda item: (-len(item[0]), -item[1])):
            if not total or any(token in longer for longer in offered):
                continue  # 新农 adds nothing once 新农合 is offered
            offered.append(token)
            add(
                [_Word(token, [token])],
                total,
                ngettext(
                    "试试“%(word)s”，可找到 %(count)d 条结果。",
                    "试试“%(word)s”，可找到 %(count)d 条结果。",
                    total,
                )
                % {"word": token, "count": total},
            )
    return suggestions[:MAX_SUGGESTIONS]


def lookup_number(text: str, *, kinds: Iterable[str] | None = None) -> str | None:
    """The key of the one record whose 文号 or 索引号 is exactly this text, if the text looks like
    one; brackets 〔〕, [], () and 第 are ignored."""
    if len(text) > MAX_QUERY_CHARS or not looks_like_number(text):
        return None
    opened = open_searcher()
    if opened is None:
        return None
    searcher, schema = opened
    number = Query.term_query(schema, "number_keys", normalize_number(text))
    found = searcher.search(_combine([number], _filter_queries(schema, None, kinds)), 2)
    if found.count != 1:
        return None
    return searcher.doc(found.hits[0][1]).get_first("key")
