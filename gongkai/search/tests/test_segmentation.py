"""Segmentation: domain words whole in queries, parts findable in the index."""

import pytest

from gongkai.search.segmentation import (
    index_positions,
    index_tokens,
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
    assert index_tokens("（一）公开。") == ["一", "公开"]


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
