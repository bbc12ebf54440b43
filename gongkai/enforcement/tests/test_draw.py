"""The draw algorithm gongkai-draw-1: deterministic, verifiable, never breaks 回避."""

import copy
import hashlib
import hmac
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.enforcement import draw

SEED = "00" * 31 + "01"
OTHER_SEED = "00" * 31 + "02"


def make_inputs(*, targets, inspectors, conflicts=(), strata=None, per_target=2, seed=SEED):
    inputs = {
        "algorithm": draw.ALGORITHM,
        "inspectors_per_target": per_target,
        "strata": strata if strata is not None else [{"key": "*", "count": 2}],
        "targets": [{"id": tid, "stratum": stratum} for tid, stratum in targets],
        "inspectors": [{"id": iid} for iid in inspectors],
        "conflicts": [list(c) for c in conflicts],
        "commitment": draw.commitment_of(seed),
    }
    inputs["candidate_hash"] = draw.candidate_hash(inputs)
    return inputs


def simple_inputs(**overrides):
    kwargs = {
        "targets": [(f"T{n}", "*") for n in range(6)],
        "inspectors": [f"I{n}" for n in range(5)],
        "conflicts": [("I0", "T0"), ("I1", "T0")],
    }
    kwargs.update(overrides)
    return make_inputs(**kwargs)


@pytest.mark.parametrize(
    ("size", "ratio", "count", "expected"),
    [
        (10, Decimal("10"), None, 1),
        (11, Decimal("10"), None, 2),  # rounded up: 1.1 → 2
        (0, Decimal("10"), None, 0),
        (5, Decimal("100"), None, 5),
        (5, None, 3, 3),
        (5, None, 9, 5),  # never more than the stratum holds
        (7, Decimal("0.5"), None, 1),
    ],
)
def test_quota(size, ratio, count, expected):
    assert draw.quota(size, ratio_percent=ratio, count=count) == expected


def test_quota_needs_a_ratio_or_a_count():
    with pytest.raises(ValueError, match="ratio or a count"):
        draw.quota(3)


@pytest.mark.parametrize(
    ("attributes", "dimensions", "key"),
    [
        ({"district": "城关镇", "kind": "公共场所", "risk_grade": "高"}, (), "*"),
        (
            {"district": "城关镇", "kind": "公共场所", "risk_grade": "高"},
            ("district",),
            "district=城关镇",
        ),
        (
            {"district": "城关镇", "kind": "公共场所", "risk_grade": "高"},
            ("risk_grade", "district"),
            "district=城关镇|risk_grade=高",
        ),
    ],
)
def test_stratum_key(attributes, dimensions, key):
    assert draw.stratum_key(attributes, dimensions) == key


def test_commitment_is_sha256_of_the_seed_bytes():
    assert draw.commitment_of(SEED) == hashlib.sha256(bytes.fromhex(SEED)).hexdigest()


def test_canonical_json_is_compact_sorted_utf8():
    assert draw.canonical_json({"b": 1, "a": "县"}) == '{"a":"县","b":1}'.encode()


def test_the_documented_ranking_for_a_known_seed():
    """Re-implementing the README's steps by hand gives the same draw."""
    inputs = simple_inputs(conflicts=[])
    seed = bytes.fromhex(SEED)

    def rank(message):
        return hmac.new(seed, message.encode(), hashlib.sha256).hexdigest()

    expected_targets = sorted((f"T{n}" for n in range(6)), key=lambda t: rank(f"target|{t}"))[:2]
    result = draw.run_draw(inputs, SEED)
    drawn = result["strata"][0]["targets"]
    assert [t["id"] for t in drawn] == expected_targets
    for target in drawn:
        order = sorted(
            (f"I{n}" for n in range(5)), key=lambda i, t=target["id"]: rank(f"inspector|{t}|{i}")
        )
        assert target["inspectors"] == order[:2]
        assert target["missing"] == 0
    assert result["algorithm"] == "gongkai-draw-1"


def test_a_rerun_from_the_published_inputs_gives_the_same_result():
    inputs = simple_inputs()
    published = draw.run_draw(inputs, SEED)
    assert draw.run_draw(copy.deepcopy(inputs), SEED) == published
    report = draw.verify(inputs, SEED, published)
    assert report.matches
    assert [name for name, _ok in report.checks] == [
        "algorithm",
        "commitment",
        "candidates",
        "result",
    ]


def test_input_order_does_not_change_the_draw():
    inputs = simple_inputs()
    shuffled = copy.deepcopy(inputs)
    shuffled["targets"].reverse()
    shuffled["inspectors"].reverse()
    assert draw.run_draw(shuffled, SEED) == draw.run_draw(inputs, SEED)
    assert draw.candidate_hash(shuffled) == draw.candidate_hash(inputs)


def test_a_different_seed_gives_a_different_draw():
    inputs = simple_inputs(targets=[(f"T{n}", "*") for n in range(40)])
    assert draw.run_draw(inputs, SEED) != draw.run_draw(inputs, OTHER_SEED)


def _changed(check_name, report):
    return dict(report.checks)[check_name] is False and not report.matches


def test_an_added_target_is_detected():
    inputs = simple_inputs()
    published = draw.run_draw(inputs, SEED)
    inputs["targets"].append({"id": "T99", "stratum": "*"})
    assert _changed("candidates", draw.verify(inputs, SEED, published))


def test_a_removed_target_is_detected():
    inputs = simple_inputs()
    published = draw.run_draw(inputs, SEED)
    inputs["targets"].pop()
    assert _changed("candidates", draw.verify(inputs, SEED, published))


def test_a_removed_conflict_is_detected():
    inputs = simple_inputs()
    published = draw.run_draw(inputs, SEED)
    inputs["conflicts"].pop()
    assert _changed("candidates", draw.verify(inputs, SEED, published))


def test_another_seed_is_detected():
    inputs = simple_inputs()
    published = draw.run_draw(inputs, SEED)
    report = draw.verify(inputs, OTHER_SEED, published)
    assert _changed("commitment", report)


def test_a_seed_that_is_not_hex_is_detected():
    inputs = simple_inputs()
    published = draw.run_draw(inputs, SEED)
    report = draw.verify(inputs, "not a seed", published)
    assert not report.matches
    assert report.differences[0]["kind"] == "bad_seed"


def test_a_changed_result_is_detected_and_described():
    inputs = simple_inputs()
    published = draw.run_draw(inputs, SEED)
    tampered = copy.deepcopy(published)
    drawn = tampered["strata"][0]["targets"]
    undrawn = next(t["id"] for t in inputs["targets"] if t["id"] not in {d["id"] for d in drawn})
    replaced = drawn[0]["id"]
    drawn[0]["id"] = undrawn
    drawn[1]["inspectors"] = list(reversed(drawn[1]["inspectors"]))
    report = draw.verify(inputs, SEED, tampered)
    assert _changed("result", report)
    kinds = {(d["kind"], d["target"]) for d in report.differences}
    assert ("only_published", undrawn) in kinds
    assert ("only_recomputed", replaced) in kinds
    assert ("inspectors", drawn[1]["id"]) in kinds


def test_strata_counts_are_kept():
    targets = [(f"A{n}", "district=甲") for n in range(10)] + [
        (f"B{n}", "district=乙") for n in range(3)
    ]
    strata = [{"key": "district=甲", "count": 4}, {"key": "district=乙", "count": 3}]
    inputs = make_inputs(targets=targets, inspectors=["I1", "I2", "I3"], strata=strata)
    result = draw.run_draw(inputs, SEED)
    counts = {s["key"]: (s["size"], len(s["targets"])) for s in result["strata"]}
    assert counts == {"district=甲": (10, 4), "district=乙": (3, 3)}
    by_key = {s["key"]: s["targets"] for s in result["strata"]}
    assert all(t["id"].startswith("A") for t in by_key["district=甲"])


def test_a_target_without_enough_eligible_inspectors_says_so():
    inputs = make_inputs(
        targets=[("T1", "*")],
        inspectors=["I1", "I2", "I3"],
        conflicts=[("I1", "T1"), ("I2", "T1")],
        strata=[{"key": "*", "count": 1}],
    )
    target = draw.run_draw(inputs, SEED)["strata"][0]["targets"][0]
    assert target == {"id": "T1", "inspectors": ["I3"], "missing": 1}


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    n_targets=st.integers(min_value=0, max_value=12),
    n_inspectors=st.integers(min_value=0, max_value=8),
    n_strata=st.integers(min_value=1, max_value=3),
    per_target=st.integers(min_value=1, max_value=4),
    count=st.integers(min_value=0, max_value=14),
    conflict_bits=st.lists(st.booleans(), min_size=96, max_size=96),
    seed=st.binary(min_size=32, max_size=32),
)
def test_avoidance_is_never_broken(
    n_targets, n_inspectors, n_strata, per_target, count, conflict_bits, seed
):
    targets = [f"T{n}" for n in range(n_targets)]
    inspectors = [f"I{n}" for n in range(n_inspectors)]
    conflicts = [
        (i, t)
        for ni, i in enumerate(inspectors)
        for nt, t in enumerate(targets)
        if conflict_bits[ni * 12 + nt]
    ]
    stratum_of = {t: f"s{n % n_strata}" for n, t in enumerate(targets)}
    inputs = make_inputs(
        targets=list(stratum_of.items()),
        inspectors=inspectors,
        conflicts=conflicts,
        strata=[{"key": f"s{k}", "count": count} for k in range(n_strata)],
        per_target=per_target,
        seed=seed.hex(),
    )
    result = draw.run_draw(inputs, seed.hex())
    assert not set(draw.drawn_pairs(result)) & set(conflicts)
    for stratum in result["strata"]:
        size = sum(1 for s in stratum_of.values() if s == stratum["key"])
        assert stratum["size"] == size
        assert len(stratum["targets"]) == min(count, size)
        assert all(stratum_of[t["id"]] == stratum["key"] for t in stratum["targets"])
    for target in (t for s in result["strata"] for t in s["targets"]):
        assert len(set(target["inspectors"])) == len(target["inspectors"])  # no one twice
        eligible = [i for i in inspectors if (i, target["id"]) not in conflicts]
        assert len(target["inspectors"]) == min(per_target, len(eligible))
        assert target["missing"] == per_target - len(target["inspectors"])
    assert draw.verify(inputs, seed.hex(), result).matches


def test_a_changed_quota_or_inspector_count_is_detected():
    inputs = simple_inputs()
    published = draw.run_draw(inputs, SEED)
    more = copy.deepcopy(inputs)
    more["strata"][0]["count"] = 3
    assert _changed("candidates", draw.verify(more, SEED, draw.run_draw(more, SEED)))
    fewer = copy.deepcopy(inputs)
    fewer["inspectors_per_target"] = 1
    assert _changed("candidates", draw.verify(fewer, SEED, published))


@pytest.mark.parametrize(
    "breakage",
    [
        lambda i: i.pop("targets"),
        lambda i: i["targets"].append({"name": "no id"}),
        lambda i: i.__setitem__("strata", [{"key": "*", "count": "many"}]),
    ],
)
def test_malformed_inputs_are_reported_not_raised(breakage):
    inputs = simple_inputs()
    published = draw.run_draw(inputs, SEED)
    breakage(inputs)
    report = draw.verify(inputs, SEED, published)
    assert not report.matches
    assert report.differences[0]["kind"] == "malformed"


def test_a_published_result_of_the_wrong_shape_does_not_match():
    inputs = simple_inputs()
    report = draw.verify(inputs, SEED, {"strata": "nonsense"})
    assert not report.matches
