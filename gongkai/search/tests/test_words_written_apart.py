"""A word is found however the text splits it (quotes, line breaks, other segmentations), and
a word of several tokens only where they follow each other: joins and pair terms at work."""

import pytest

from gongkai.search.query import search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body", "query", "found"),
    [
        # Dictionary words written apart: one join term in the index.
        ("严格控制“三公”经费支出。", "三公经费", True),
        ("严格控制“三公”经费支出。", "三公经费支出", True),
        ("依申请\n公开的办理。", "依申请公开", True),
        ("推进政务\n公开工作。", "政务公开", True),
        ("推进政务\n公开工作。", "政务公开工作", True),
        ("做好信息“公开”。", "信息公开", True),
        # A word inside a longer word, and before another word.
        ("推进政务公开工作要点的落实。", "政务公开", True),
        ("推进政务公开工作要点的落实。", "政务公开工作", True),
        ("推进基层政务公开工作。", "政务公开工作", True),
        # Three tokens: the positioned phrase, narrowed by the pair terms.
        ("全面推进政务公开工作。", "推进政务公开工作", True),
        ("推进基层政务公开工作。", "推进政务公开工作", False),
        # Words outside the joins keep the phrase of their pieces.
        ("原卫生和计划生育\n委员会印发。", "卫生和计划生育委员会", True),
        ("推进医共体建设。", "医共体", True),
        # Not where the tokens are apart.
        ("政务公开是基础，工作要扎实。", "政务公开工作", False),
        ("公开办事流程，完善信息系统。", "信息公开", False),
        # Punctuation is dropped without a gap, for joins as for phrases: even a full stop.
        ("三公。经费另行安排。", "三公经费", True),
        ("三公，另行安排经费。", "三公经费", False),
        # 部署 covers 部|署 of 研究部署: 行政处罚 follows it.
        ("研究部署行政处罚工作。", "部署行政处罚", True),
    ],
)
def test_word_found_where_written(feed, body, query, found):
    feed("doc", "1", {"title": "通知", "body": body})
    assert (search(query).total == 1) is found


def test_a_word_written_whole_and_apart_ranks_by_the_title(feed):
    feed("doc", "apart", {"title": "关于“三公”经费的说明", "body": "见附件。"})
    feed("doc", "whole", {"title": "通知", "body": "三公经费支出情况。"})
    assert [hit.object_id for hit in search("三公经费").hits] == ["apart", "whole"]
