"""The English UI is complete: every message in the English catalogue has a translation."""

from pathlib import Path

from babel.messages.pofile import read_po

PO_FILE = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_english_message_is_translated():
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        message.id for message in catalog if message.id and (not message.string or message.fuzzy)
    ]
    assert missing == [], f"{len(missing)} untranslated English messages, e.g. {missing[:5]}"


def test_no_placeholder_is_lost_in_translation():
    import re

    pattern = re.compile(r"%\((\w+)\)[sd]|\{\{\s*(\w+)\s*\}\}")
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    broken = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        if sorted(pattern.findall(source)) != sorted(pattern.findall(target)):
            broken.append(source)
    assert broken == [], f"placeholders differ in: {broken[:5]}"
