"""The secrecy review's part of a publish form (保密审查, #15 §2), shared by the record and
decision pages: each finding with the reviewer's choice so far, and the posted choices."""

from gongkai.privacy import review_services


def release_rows(obj, posted) -> list[dict]:
    """Each finding of the review with the reviewer's choice so far (kept after an error)."""
    return [
        {
            "finding": finding,
            "chosen": posted.get(f"resolution-{finding.id}", ""),
            "reason": posted.get(f"reason-{finding.id}", ""),
        }
        for finding in review_services.scan_for_release(obj)
    ]


def posted_resolutions(posted) -> dict[str, tuple[str, str]]:
    """Finding id → (resolution, reason) from the publish form's radio buttons."""
    return {
        key.removeprefix("resolution-"): (
            value,
            posted.get(f"reason-{key.removeprefix('resolution-')}", ""),
        )
        for key, value in posted.items()
        if key.startswith("resolution-") and value
    }
