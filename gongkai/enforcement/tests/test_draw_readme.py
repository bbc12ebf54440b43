"""The README's byte-for-byte description is enough: a verifier written from it alone (hashlib,
hmac and json; nothing from draw.py) agrees with a real published draw."""

import hashlib
import hmac
import json

import pytest

from gongkai.enforcement import inspection_services as services
from gongkai.enforcement.tests.inspection_factories import make_drawn_plan

pytestmark = pytest.mark.django_db


def canonical(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def independent_verify(document: dict) -> bool:
    inputs, seed_hex, published = document["inputs"], document["seed"], document["result"]
    seed = bytes.fromhex(seed_hex)
    if hashlib.sha256(seed).hexdigest() != inputs["commitment"]:
        return False
    hashed = {
        "conflicts": sorted([c[0], c[1]] for c in inputs["conflicts"]),
        "inspectors": sorted(i["id"] for i in inputs["inspectors"]),
        "inspectors_per_target": inputs["inspectors_per_target"],
        "strata": sorted(
            ({"count": s["count"], "key": s["key"]} for s in inputs["strata"]),
            key=lambda s: s["key"],
        ),
        "targets": sorted(
            ({"id": t["id"], "stratum": t["stratum"]} for t in inputs["targets"]),
            key=lambda t: t["id"],
        ),
    }
    if hashlib.sha256(canonical(hashed)).hexdigest() != inputs["candidate_hash"]:
        return False

    def rank(message: str) -> str:
        return hmac.new(seed, message.encode("utf-8"), hashlib.sha256).hexdigest()

    conflicts = {tuple(c) for c in inputs["conflicts"]}
    strata = []
    for stratum in sorted(inputs["strata"], key=lambda s: s["key"]):
        ids = sorted({t["id"] for t in inputs["targets"] if t["stratum"] == stratum["key"]})
        chosen = sorted(ids, key=lambda t: (rank("target|" + t), t))[: stratum["count"]]
        rows = []
        for target in chosen:
            order = sorted(
                hashed["inspectors"], key=lambda i, t=target: (rank(f"inspector|{t}|{i}"), i)
            )
            picked = [i for i in order if (i, target) not in conflicts]
            picked = picked[: inputs["inspectors_per_target"]]
            missing = inputs["inspectors_per_target"] - len(picked)
            rows.append({"id": target, "inspectors": picked, "missing": missing})
        strata.append({"key": stratum["key"], "size": len(ids), "targets": rows})
    return canonical({"algorithm": "gongkai-draw-1", "strata": strata}) == canonical(published)


def test_a_verifier_written_from_the_readme_agrees():
    _plan, draw, _publisher, _reviewer, _pool = make_drawn_plan(
        targets=12, conflicts=[("ZF0000", 1), ("ZF0002", 3)], stratify_by=["district"]
    )
    document = json.loads(json.dumps(services.published_inputs(draw), ensure_ascii=False))
    assert independent_verify(document)
    document["result"]["strata"][0]["targets"].reverse()
    assert not independent_verify(document)
