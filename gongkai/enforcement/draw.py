"""The double-random draw (双随机) that anyone can re-run: algorithm `gongkai-draw-1`.

Plain functions over plain data: no Django, no database, no clock. The README
("## Double-random inspections") documents every byte so that the draw can be re-implemented
in another language; change nothing here without a new ALGORITHM name.

1. Before the draw the agency publishes the *inputs*: the plan, each stratum's quota, the
   eligible targets (id = 统一社会信用代码, stratum), the eligible inspectors (id = 执法证号)
   and the declared conflicts (回避, inspector id ↔ target id), the SHA-256 of their canonical
   serialisation (`candidate_hash`), and `commitment` = SHA-256 of the 32 seed bytes.
2. The draw: for each stratum, sort its targets by HMAC-SHA256(seed, "target|" + id) and take
   the first `count`. For each drawn target, sort the inspectors by
   HMAC-SHA256(seed, "inspector|" + target id + "|" + inspector id), skip any in conflict with
   the target, and take the first `inspectors_per_target`. A target that cannot get enough
   eligible inspectors keeps the ones it got and says how many are missing: 回避 is never broken.
3. After the draw the seed and the result are published; `verify` recomputes everything.
"""

import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from typing import Any

ALGORITHM = "gongkai-draw-1"
SEED_BYTES = 32
STRATUM_DIMENSIONS = ("district", "kind", "risk_grade")  # the order a stratum key lists them
ALL_TARGETS = "*"  # the one stratum of a plan that is not stratified


def canonical_json(value: Any) -> bytes:
    """UTF-8 JSON, keys sorted, no spaces, non-ASCII kept as is (what every hash covers)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def commitment_of(seed_hex: str) -> str:
    """SHA-256 of the seed's 32 bytes (not of its hex text), lowercase hex."""
    return sha256_hex(bytes.fromhex(seed_hex))


def stratum_key(attributes: Mapping[str, str], dimensions: Sequence[str]) -> str:
    """`district=城关镇|kind=公共场所` (dimensions in STRATUM_DIMENSIONS order), or `*`."""
    chosen = [d for d in STRATUM_DIMENSIONS if d in dimensions]
    if not chosen:
        return ALL_TARGETS
    return "|".join(f"{d}={attributes[d]}" for d in chosen)


def quota(size: int, *, ratio_percent: Decimal | None = None, count: int | None = None) -> int:
    """How many of a stratum's `size` targets are drawn: a count, or the ratio rounded up."""
    if count is not None:
        return max(0, min(size, count))
    if ratio_percent is None:
        raise ValueError("a stratum needs a ratio or a count")
    drawn = (Decimal(size) * Decimal(ratio_percent) / 100).to_integral_value(ROUND_CEILING)
    return max(0, min(size, int(drawn)))


def candidate_lists(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the draw reads except the seed, lists sorted: what the candidate hash covers."""
    return {
        "inspectors_per_target": int(inputs["inspectors_per_target"]),
        "strata": sorted(
            ({"key": s["key"], "count": int(s["count"])} for s in inputs["strata"]),
            key=lambda s: s["key"],
        ),
        "targets": sorted(
            ({"id": t["id"], "stratum": t["stratum"]} for t in inputs["targets"]),
            key=lambda t: t["id"],
        ),
        "inspectors": sorted(i["id"] for i in inputs["inspectors"]),
        "conflicts": sorted([c[0], c[1]] for c in inputs["conflicts"]),
    }


def candidate_hash(inputs: Mapping[str, Any]) -> str:
    return sha256_hex(canonical_json(candidate_lists(inputs)))


def _rank(seed: bytes, message: str) -> str:
    return hmac.new(seed, message.encode("utf-8"), hashlib.sha256).hexdigest()


def run_draw(inputs: Mapping[str, Any], seed_hex: str) -> dict[str, Any]:
    """The result of the draw: drawn targets per stratum with their inspectors.

    `inputs` holds `strata` ([{key, count}]), `targets` ([{id, stratum}]), `inspectors`
    ([{id}]), `conflicts` ([[inspector id, target id]]) and `inspectors_per_target`.
    """
    seed = bytes.fromhex(seed_hex)
    per_target = int(inputs["inspectors_per_target"])
    conflicts = {(c[0], c[1]) for c in inputs["conflicts"]}
    inspectors = sorted({i["id"] for i in inputs["inspectors"]})
    by_stratum: dict[str, list[str]] = {}
    for target in inputs["targets"]:
        by_stratum.setdefault(target["stratum"], []).append(target["id"])
    strata = []
    for stratum in sorted(inputs["strata"], key=lambda s: s["key"]):
        ids = sorted(set(by_stratum.get(stratum["key"], [])))
        ranked = sorted(ids, key=lambda tid: (_rank(seed, f"target|{tid}"), tid))
        drawn = []
        for target_id in ranked[: int(stratum["count"])]:
            order = sorted(
                inspectors, key=lambda iid, t=target_id: (_rank(seed, f"inspector|{t}|{iid}"), iid)
            )
            chosen = [iid for iid in order if (iid, target_id) not in conflicts][:per_target]
            drawn.append(
                {"id": target_id, "inspectors": chosen, "missing": per_target - len(chosen)}
            )
        strata.append({"key": stratum["key"], "size": len(ids), "targets": drawn})
    return {"algorithm": ALGORITHM, "strata": strata}


def result_hash(result: Mapping[str, Any]) -> str:
    return sha256_hex(canonical_json(result))


def drawn_pairs(result: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every (inspector id, target id) the result assigns."""
    return [
        (inspector, target["id"])
        for stratum in result["strata"]
        for target in stratum["targets"]
        for inspector in target["inspectors"]
    ]


@dataclass
class Verification:
    """What a recomputation found; `matches` only when every check passed.

    `checks` are (name, passed) with names "algorithm", "commitment", "candidates", "result";
    `differences` are dicts {"kind", "target", "published", "recomputed"} with kind one of
    "malformed", "bad_seed", "only_published", "only_recomputed", "inspectors", "other".
    The caller words them (this module knows no translation).
    """

    checks: list[tuple[str, bool]] = field(default_factory=list)
    differences: list[dict[str, Any]] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return all(ok for _name, ok in self.checks) and not self.differences


def verify(
    inputs: Mapping[str, Any], seed_hex: str, published_result: Mapping[str, Any]
) -> Verification:
    """Recompute the draw from the published inputs and seed, and compare."""
    report = Verification()
    report.checks.append(("algorithm", inputs.get("algorithm") == ALGORITHM))
    try:
        commitment_ok = commitment_of(seed_hex) == inputs.get("commitment")
        seed_ok = len(bytes.fromhex(seed_hex)) == SEED_BYTES
    except (ValueError, TypeError):
        commitment_ok = seed_ok = False
    report.checks.append(("commitment", commitment_ok))
    try:
        candidates_ok = candidate_hash(inputs) == inputs.get("candidate_hash")
    except (KeyError, TypeError, ValueError, IndexError):
        report.checks += [("candidates", False), ("result", False)]
        report.differences.append(_difference("malformed"))
        return report
    report.checks.append(("candidates", candidates_ok))
    if not seed_ok:
        report.differences.append(_difference("bad_seed"))
        report.checks.append(("result", False))
        return report
    recomputed = run_draw(inputs, seed_hex)
    try:
        same = canonical_json(recomputed) == canonical_json(published_result)
    except (TypeError, ValueError):
        same = False
    report.checks.append(("result", same))
    if not same:
        report.differences.extend(compare_results(published_result, recomputed))
    return report


def _difference(kind: str, target: str = "", published=(), recomputed=()) -> dict[str, Any]:
    return {
        "kind": kind,
        "target": target,
        "published": list(published),
        "recomputed": list(recomputed),
    }


def compare_results(
    published: Mapping[str, Any], recomputed: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Which targets, or which targets' inspectors, differ between two results."""

    def assignments(result: Mapping[str, Any]) -> dict[str, list[str]]:
        try:
            return {
                target["id"]: list(target["inspectors"])
                for stratum in result.get("strata", [])
                for target in stratum.get("targets", [])
            }
        except (AttributeError, KeyError, TypeError):
            return {}

    ours, theirs = assignments(recomputed), assignments(published)
    found = [_difference("only_published", t) for t in sorted(set(theirs) - set(ours))]
    found += [_difference("only_recomputed", t) for t in sorted(set(ours) - set(theirs))]
    found += [
        _difference("inspectors", t, theirs[t], ours[t])
        for t in sorted(set(ours) & set(theirs))
        if ours[t] != theirs[t]
    ]
    return found or [_difference("other")]


def new_seed(token_bytes) -> str:
    """A fresh seed as hex; `token_bytes` is `secrets.token_bytes` (passed in for tests)."""
    return token_bytes(SEED_BYTES).hex()
