"""Query semantics: words ANDed, phrases, filters, sorting, snippets, suggestions, paging."""

import datetime

import pytest

from gongkai.search import query
from gongkai.search.errors import InvalidFilterError, PageOutOfRangeError, QueryTooLongError
from gongkai.search.query import lookup_number, search
from gongkai.search.tests.conftest import index_records

pytestmark = pytest.mark.django_db


def keys(text, **kwargs):
    return [hit.key for hit in search(text, **kwargs).hits]


def record(title="", body="", **fields):
    return {"title": title, "body": body, **fields}


@pytest.fixture
def phrases(db):
    index_records(
        "doc",
        {
            "together": record("通知", "做好信息公开工作。"),
            "apart": record("通知", "公开办事流程，完善信息系统。"),
            "neither": record("通知", "做好卫生监督工作。"),
        },
    )


def test_a_dictionary_word_matches_only_where_it_occurs_whole(phrases):
    assert keys("信息公开") == ["doc:together"]


def test_separate_words_must_each_occur_anywhere(phrases):
    assert sorted(keys("信息 公开")) == ["doc:apart", "doc:together"]
    assert sorted(keys("信息，公开")) == ["doc:apart", "doc:together"]


def test_a_word_that_segments_into_several_tokens_is_a_phrase(feed):
    feed("doc", "1", record(body="推进基层政务公开工作。"))
    feed("doc", "2", record(body="政务公开是基础，工作要扎实。"))
    assert keys("政务公开工作") == ["doc:1"]  # 政务公开 inside 基层政务公开, then 工作


def test_parts_of_long_words_are_found(feed):
    feed("doc", "1", record(body="加强医疗机构管理。"))
    feed("doc", "2", record(body="落实双随机一公开制度。"))
    assert keys("医疗") == ["doc:1"]
    assert keys("双随机") == ["doc:2"]
    assert keys("公开") == ["doc:2"]


def test_title_matches_rank_first(feed):
    feed("doc", "body", record("工作通知", "认真做好政策解读，政策解读要及时。"))
    feed("doc", "title", record("关于加强政策解读的通知", "各单位认真落实。"))
    assert keys("政策解读") == ["doc:title", "doc:body"]


def test_full_width_and_upper_case_queries_match(feed):
    feed("doc", "1", record(body="上传PDF文件，2018年度。"))
    assert keys("ｐｄｆ") == ["doc:1"]
    assert keys("２０１８") == ["doc:1"]


@pytest.fixture
def catalogue(db):
    index_records(
        "doc",
        {
            "a": record(
                "政务公开要点",
                agency="tj",
                category="policy",
                year=2018,
                validity="有效",
                doc_type="通知",
                published_on=datetime.date(2018, 7, 16),
            ),
            "b": record(
                "政务公开方案",
                agency="jc",
                category="plan",
                year=2020,
                validity="已废止",
                doc_type="方案",
                published_on="2020-07-20",
            ),
            "c": record(
                "政务公开意见", agency="jc", category="policy", year=2016, published_on="2016-06-28"
            ),
            "d": record("政务公开工作", agency="sp"),  # no date, no year
        },
    )


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"agency": "jc"}, ["doc:b", "doc:c"]),
        ({"agency": ["tj", "sp"]}, ["doc:a", "doc:d"]),
        ({"category": "policy"}, ["doc:a", "doc:c"]),
        ({"validity": "已废止"}, ["doc:b"]),
        ({"doc_type": "通知"}, ["doc:a"]),
        ({"year": 2018}, ["doc:a"]),
        ({"year": (2016, 2018)}, ["doc:a", "doc:c"]),
        ({"published_from": datetime.date(2018, 1, 1)}, ["doc:a", "doc:b"]),
        ({"published_to": datetime.date(2018, 7, 16)}, ["doc:a", "doc:c"]),
        ({"agency": "jc", "year": 2020}, ["doc:b"]),
        ({"agency": "", "year": None}, ["doc:a", "doc:b", "doc:c", "doc:d"]),
    ],
)
def test_filters(filters, expected):
    assert sorted(keys("政务公开", filters=filters)) == expected


@pytest.mark.usefixtures("catalogue")
def test_filters_alone_list_records_newest_first():
    results = search("", filters={"agency": "jc"})
    assert [hit.key for hit in results.hits] == ["doc:b", "doc:c"]
    assert search("").total == 0  # neither words nor filters: nothing


@pytest.mark.usefixtures("catalogue")
def test_unknown_or_invalid_filters_are_refused():
    with pytest.raises(InvalidFilterError):
        search("政务公开", filters={"colour": "red"})
    with pytest.raises(InvalidFilterError):
        search("政务公开", filters={"year": "2018"})
    with pytest.raises(InvalidFilterError):
        search("政务公开", sort="title")


@pytest.mark.usefixtures("catalogue")
def test_date_sort_puts_the_newest_first_and_undated_last():
    results = search("政务公开", sort="date")
    assert [hit.key for hit in results.hits] == ["doc:b", "doc:a", "doc:c", "doc:d"]
    assert results.hits[0].published_on == datetime.date(2020, 7, 20)
    assert results.hits[0].score is None
    assert results.hits[3].published_on is None


def test_hits_carry_what_a_result_list_shows(feed):
    feed(
        "doc",
        "7",
        record(
            "关于新农合报销的通知",
            "新农合报销比例提高。",
            url="/documents/7/",
            agency_name="某县卫生健康局",
            published_on="2021-01-05",
        ),
    )
    hit = search("新农合").hits[0]
    assert (hit.key, hit.kind, hit.object_id) == ("doc:7", "doc", "7")
    assert hit.title == "关于新农合报销的通知"
    assert hit.title_html == "关于<mark>新农合</mark>报销的通知"
    assert hit.url == "/documents/7/"
    assert hit.agency_name == "某县卫生健康局"
    assert hit.published_on == datetime.date(2021, 1, 5)
    assert hit.score > 0


def test_snippets_mark_matches_and_escape_everything_else(feed):
    body = "做好<script>x()</script><b>政务公开</b>工作 & 院务公开。"
    feed("doc", "1", record("<i>标题</i>", body))
    hit = search("政务公开").hits[0]
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "&lt;b&gt;<mark>政务公开</mark>&lt;/b&gt;" in hit.snippet
    assert "&amp;" in hit.snippet
    assert hit.title_html == "&lt;i&gt;标题&lt;/i&gt;"


def test_snippet_is_a_window_around_the_matches(feed):
    body = "无关内容。" * 100 + "这里推进院务公开工作。" + "其他内容。" * 100
    feed("doc", "1", record(body=body))
    snippet = search("院务公开").hits[0].snippet
    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert "<mark>院务公开</mark>" in snippet
    assert len(snippet) < 250


def test_snippet_highlights_a_phrase_across_punctuation(feed):
    feed("doc", "1", record(body="做好“三公”经费公开。"))
    assert "<mark>三公”经费</mark>" in search("三公经费").hits[0].snippet


def test_snippet_falls_back_to_the_summary(feed):
    feed("doc", "1", {"title": "关于双随机抽查的通知", "summary": "年度抽查安排。"})
    assert search("双随机").hits[0].snippet == "年度抽查安排。"


def test_suggestion_drops_the_word_that_matches_nothing(phrases):
    results = search("信息公开 疫苗")
    assert results.total == 0
    first = results.suggestions[0]
    assert first.text == "信息公开"
    assert first.total == 1
    assert "疫苗" in first.message


def test_suggestion_splits_a_phrase_that_does_not_occur(phrases):
    results = search("公开信息")
    assert results.total == 0
    assert results.suggestions[0].text == "公开 信息"
    assert results.suggestions[0].total == 2


def test_suggestion_offers_the_part_of_a_word_that_occurs(feed):
    feed("doc", "1", record(body="新农合报销政策。"))
    results = search("新农合医保")
    assert [s.text for s in results.suggestions] == ["新农合"]
    assert "新农合" in results.suggestions[0].message


def test_suggestion_without_filters(catalogue):
    results = search("政务公开", filters={"agency": "nowhere"})
    assert results.total == 0
    assert results.suggestions[0].without_filters
    assert results.suggestions[0].total == 4


def test_no_suggestions_when_something_matches(phrases):
    assert search("信息公开").suggestions == []


def test_paging(db):
    index_records("doc", {f"{n:02}": record(f"通知{n}", "政务公开。") for n in range(25)})
    first = search("政务公开", page=1, page_size=10)
    assert (first.total, first.pages, len(first.hits)) == (25, 3, 10)
    third = search("政务公开", page=3, page_size=10)
    assert len(third.hits) == 5
    seen = {
        hit.key for page in (1, 2, 3) for hit in search("政务公开", page=page, page_size=10).hits
    }
    assert len(seen) == 25
    assert search("政务公开", page=4, page_size=10).hits == []


def test_paging_is_bounded(db, monkeypatch):
    monkeypatch.setattr(query, "MAX_PAGE", 3)
    index_records("doc", {str(n): record("通知", "政务公开。") for n in range(5)})
    results = search("政务公开", page_size=1)
    assert (results.total, results.pages, results.truncated) == (5, 3, True)
    with pytest.raises(PageOutOfRangeError) as raised:
        search("政务公开", page=4, page_size=1)
    assert "3" in str(raised.value.message)
    with pytest.raises(PageOutOfRangeError):
        search("政务公开", page=0)
    with pytest.raises(PageOutOfRangeError):
        search("政务公开", page_size=query.MAX_PAGE_SIZE + 1)


def test_overlong_queries_are_refused(phrases):
    with pytest.raises(QueryTooLongError):
        search("公开" * 101)


def test_query_syntax_is_just_text(phrases):
    # Characters of Tantivy's query language mean nothing here.
    for text in ["信息公开 OR 卫生", "title:信息公开", '"信息公开"', "信息公开^10", "*", "(", ")"]:
        search(text)
    assert keys('"信息公开"') == ["doc:together"]


@pytest.fixture
def numbered(db):
    index_records(
        "doc",
        {
            "tj": record("通知", numbers=["津滨卫函〔2018〕489号", "000014349/2018-00489"]),
            "other": record("通知", numbers=["津滨卫函〔2018〕490号"]),
            "dup1": record("通知", numbers=["某卫发〔2019〕1号"]),
            "dup2": record("通知", numbers=["某卫发〔2019〕1号"]),
        },
    )


@pytest.mark.usefixtures("numbered")
@pytest.mark.parametrize(
    "text",
    [
        "津滨卫函〔2018〕489号",
        "津滨卫函[2018]489号",
        "津滨卫函（2018）489号",
        "津滨卫函(2018)第489号",
        " 津滨卫函 〔2018〕 489号 ",
        "000014349/2018-00489",
    ],
)
def test_exact_number_lookup(text):
    assert lookup_number(text) == "doc:tj"


@pytest.mark.usefixtures("numbered")
def test_number_lookup_needs_exactly_one_record():
    assert lookup_number("津滨卫函〔2018〕491号") is None  # none
    assert lookup_number("某卫发〔2019〕1号") is None  # two records share it
    assert lookup_number("津滨卫函") is None  # not a number
    assert lookup_number("津滨卫函〔2018〕489号", kinds=["decision"]) is None


@pytest.mark.usefixtures("numbered")
def test_a_typed_number_finds_its_record_first():
    assert keys("津滨卫函[2018]489号")[0] == "doc:tj"
    assert sorted(keys("津滨卫函")) == ["doc:other", "doc:tj"]
