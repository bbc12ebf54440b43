"""Ids read from query strings and forms: nonsense is "no id", never a server error."""

# The largest value of a BigAutoField, and of SQLite's INTEGER.
MAX_ID = 2**63 - 1


def parse_id(raw: str | None) -> int | None:
    """`raw` as a primary key, or None unless it is ASCII digits within 1..MAX_ID.

    `str.isdigit()` alone is not enough: "²" is a digit that int() refuses, and
    "99999999999999999999999" is a number no database column holds (security review #11).
    """
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None
