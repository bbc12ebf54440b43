"""Frequent requests: the year's applications grouped by what they asked for (条例第四十四条)."""

import pytest

from gongkai.yearly_review.frequent import (
    MIN_APPLICANTS,
    Request,
    content_words,
    group_requests,
    similarity,
)

# (id, applicant, request text)
TABLE = [
    (1, "甲", "申请公开2025年本县医疗机构名单"),
    (2, "乙", "请提供本县2025年医疗机构名单及地址"),
    (3, "丙", "本县医疗机构名单（2025年）"),
    (4, "丁", "申请公开县人民医院2025年财务预算"),
    (5, "戊", "县人民医院的2025年财务预算信息"),
    (6, "己", "申请公开本县犬只狂犬病疫苗接种点"),
    (7, "庚", "本县餐饮服务单位食品安全检查结果"),
]


def requests(table=TABLE):
    return [Request(id=i, applicant=who, text=text) for i, who, text in table]


def test_similar_requests_from_different_applicants_group_most_applicants_first():
    groups = group_requests(requests())
    assert [g.ids for g in groups] == [[1, 2, 3], [4, 5]]
    assert [g.applicants for g in groups] == [3, 2]
    assert set(groups[0].words) >= {"医疗机构", "名单", "本县"}


def test_different_requests_do_not_group():
    groups = group_requests(requests())
    grouped = {i for g in groups for i in g.ids}
    assert 6 not in grouped
    assert 7 not in grouped


def test_the_same_applicant_asking_twice_is_not_frequent():
    table = [
        (1, "甲", "申请公开2025年本县医疗机构名单"),
        (2, "甲", "请提供本县2025年医疗机构名单及地址"),
        (3, "乙", "申请公开本县犬只狂犬病疫苗接种点"),
    ]
    assert MIN_APPLICANTS == 2
    assert group_requests(requests(table)) == []


def test_a_repeat_by_one_applicant_stays_in_the_group_but_counts_once():
    table = [*TABLE, (8, "甲", "本县2025年医疗机构名单")]
    first = group_requests(requests(table))[0]
    assert first.ids == [1, 2, 3, 8]
    assert first.applicants == 3


def test_requests_similar_to_a_neighbour_only_are_not_chained():
    # A~B (0.6) and B~C (0.6), but A and C share only two words of six (0.33).
    table = [
        (1, "甲", "医疗机构 名单 地址 电话"),
        (2, "乙", "名单 地址 电话 床位"),
        (3, "丙", "地址 电话 床位 科室"),
        (4, "丁", "地址 电话 床位 科室"),
    ]
    assert [g.ids for g in group_requests(requests(table))] == [[1, 2], [3, 4]]


def test_form_words_do_not_make_requests_similar():
    # Only 申请, 公开, 信息 in common: not the same information.
    assert content_words("申请公开相关信息") == frozenset()
    assert similarity(content_words("申请公开本县预算信息"), content_words("申请公开医院信息")) == 0


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (frozenset({"a", "b"}), frozenset({"a", "b"}), 1.0),
        (frozenset({"a", "b"}), frozenset({"b", "c"}), 1 / 3),
        (frozenset(), frozenset({"a"}), 0.0),
    ],
)
def test_similarity_is_jaccard(first, second, expected):
    assert similarity(first, second) == pytest.approx(expected)
