"""Segmentation: domain words whole in queries, parts findable in the index."""

import pytest

from gongkai.search.segmentation import (
    JOIN,
    index_pairs,
    index_positions,
    index_tokens,
    is_indexed_whole,
    load_domain_words,
    looks_like_number,
    normalize_number,
    query_phrase,
    query_pieces,
    query_tokens,
    word_pieces,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("政务公开", ["政务公开"]),
        ("依申请公开", ["依申请公开"]),
        ("政策解读", ["政策解读"]),
        ("院务公开", ["院务公开"]),
        ("双随机一公开", ["双随机一公开"]),
        ("三公经费", ["三公经费"]),
        ("新农合", ["新农合"]),
        ("推进政务公开工作", ["推进", "政务公开", "工作"]),
        ("医疗机构院务公开", ["医疗机构", "院务公开"]),
        ("“三公”经费", ["三公", "经费"]),
        ("统一公开", ["统一", "公开"]),  # 一公开 is a word, but not inside 统一公开
        ("进一步公开", ["进一步", "公开"]),
    ],
)
def test_query_tokens_keep_domain_words_whole(text, tokens):
    assert query_tokens(text) == tokens


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("医疗机构", "医疗"),
        ("医疗机构", "机构"),
        ("政务公开", "公开"),
        ("政务公开", "政务"),
        ("依申请公开", "申请"),
        ("双随机一公开", "双随机"),
        ("双随机一公开", "公开"),
        ("基层政务公开", "政务公开"),
        ("卫生健康委员会", "卫生健康委"),
    ],
)
def test_index_tokens_include_parts_of_words(text, part):
    tokens = index_tokens(text)
    assert part in tokens
    assert query_tokens(text)[0] in tokens  # and the whole word


def test_index_skips_subwords_that_straddle_pieces():
    # 开工 ("start construction") is a dictionary word across 公开|工作: not a part here.
    assert "开工" not in index_tokens("政务公开工作要点")


def test_parts_share_the_position_of_their_first_piece():
    tokens = {(t.text, t.position) for t in index_positions("基层政务公开工作")}
    assert {("基层", 0), ("政务", 1), ("公开", 2), ("工作", 3)} <= tokens
    assert ("政务公开", 1) in tokens
    assert ("基层政务公开", 0) in tokens
    # A query phrase carries the same offsets, so 政务公开 工作 matches at positions 1 and 3.
    assert query_phrase(["政务公开", "工作"]) == [(0, "政务公开"), (2, "工作")]
    assert query_pieces(["政务公开", "工作"]) == [(0, "政务"), (1, "公开"), (2, "工作")]


def test_word_pieces_are_the_finest_dictionary_words():
    assert word_pieces("双随机一公开") == ("双", "随机", "一", "公开")
    assert word_pieces("依申请公开") == ("依", "申请", "公开")
    assert word_pieces("公开") == ("公开",)
    assert word_pieces("xx-2018-00012") == ("xx", "2018", "00012")


def test_full_width_text_is_normalised_and_latin_lower_cased():
    assert query_tokens("ＰＤＦ　文件２０１８") == query_tokens("pdf 文件2018")
    assert "pdf" in query_tokens("PDF文件")


def test_punctuation_and_spaces_are_not_tokens():
    assert query_tokens("，。 ！“”《》\n\t") == []
    assert index_tokens("（二）公开。") == ["二", "公开"]


@pytest.mark.parametrize(
    ("text", "join", "position"),
    [
        ("“三公”经费", "三公经费", 0),  # quotes dropped between the pieces
        ("推进“三公”经费", "三公经费", 1),
        ("依申请\n公开", "依申请公开", 0),  # a line break inside the word
        ("政务\n公开工作", "政务公开", 0),  # split across two words: 政务 | 公开工作
        ("信息“公开”", "信息公开", 0),
        ("（一）公开", "一公开", 0),  # a domain word, even across a bracket
    ],
)
def test_dictionary_words_written_apart_are_joined_at_their_first_piece(text, join, position):
    joins = [(t.text, t.position) for t in index_positions(text) if t.kind == JOIN]
    assert joins == [(join, position)]


@pytest.mark.parametrize(
    "text",
    [
        "统一公开",  # 一公开 starts inside the piece 统一
        "政务公开工作",  # 政务公开 is already a sub-word of the one word here: no duplicate
        "卫生和计划生育\n委员会",  # 6 pieces: more than MAX_JOIN_PIECES
        "三公。",
    ],
)
def test_no_join_where_the_pieces_do_not_make_a_word(text):
    assert [t.text for t in index_positions(text) if t.kind == JOIN] == []


def test_each_terms_positions_increase_for_tantivy():
    # Tantivy stores a term's positions as increasing deltas: a join must not come after a
    # later occurrence of its text. It goes right after the tokens of the word it starts in.
    tokens = index_positions("推进政务\n公开。政务公开工作。")
    for term in {t.text for t in tokens}:
        positions = [t.position for t in tokens if t.text == term]
        assert positions == sorted(positions), term
    assert [t.text for t in tokens][:4] == ["推进", "政务", "政务公开", "公开"]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("基层政务公开工作", ["政务公开 工作", "公开 工作", "基层政务公开 工作"], ["基层 工作"]),
        ("政务公开是基础，工作要扎实", ["政务公开 是", "基础 工作"], ["政务公开 工作"]),
        ("“三公”经费支出", ["三公经费 支出", "三公 经费支出"], []),
        ("推进“三公”经费", ["推进 三公经费", "推进 三公"], []),
        # 部署 covers the pieces 部|署 of 研究部署, so 行政处罚 follows it.
        ("研究部署行政处罚工作", ["部署 行政处罚", "行政处罚 工作"], ["研究 行政处罚"]),
        ("xx-2018-00012号", ["xx-2018-00012 号", "00012 号"], []),
    ],
)
def test_pairs_are_tokens_that_follow_each_other(text, present, absent):
    pairs = index_pairs(text)
    assert set(present) <= set(pairs)
    assert not set(absent) & set(pairs)


def test_a_sub_word_ending_inside_a_piece_pairs_with_nothing():
    # 卫生健康委 ends inside the piece 委员: no token starts right after it.
    pairs = index_pairs("卫生健康委员会")
    assert not [pair for pair in pairs if pair.startswith("卫生健康委 ")]


@pytest.mark.parametrize(
    ("token", "whole"),
    [
        ("公开", True),  # one piece
        ("政务公开", True),  # dictionary word, 2 pieces: joined where written apart
        ("双随机一公开", True),  # 4 pieces
        ("卫生和计划生育委员会", False),  # 6 pieces: the query keeps its pieces phrase
        ("医共体", False),  # not in the dictionary
        ("xx-2018-00012", False),  # not Han
    ],
)
def test_which_query_tokens_the_index_holds_whole(token, whole):
    assert is_indexed_whole(token) is whole


def test_domain_dictionary_is_shipped_and_loaded():
    words = load_domain_words()
    assert 60 <= len(words) <= 150
    assert {"政务公开", "依申请公开", "双随机一公开", "三公经费", "新农合"} <= set(words)


@pytest.mark.parametrize(
    "text",
    [
        "津滨卫函〔2018〕489号",
        "津滨卫函[2018]489号",
        "津滨卫函（2018）489号",
        "津滨卫函 (2018) 第489号",
    ],
)
def test_document_numbers_normalise_brackets(text):
    assert looks_like_number(text)
    assert normalize_number(text) == "津滨卫函[2018]489号"


def test_index_numbers_are_recognised():
    assert looks_like_number("000014349/2018-00489")
    assert looks_like_number("MB1570011H/2020-00123")
    assert not looks_like_number("政务公开")
    assert not looks_like_number("2018")
