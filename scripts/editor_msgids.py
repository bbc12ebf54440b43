"""The English strings the record body's editor (django-prose-editor) shows, for djangojs.po.

The package's dialogs pass their strings to window.gettext (Django's JavaScript catalogue,
served at console:jsi18n), but its toolbar buttons' titles and its block-type options are plain
English; gongkai/console/static/console/body-editor.js passes those through gettext itself. This
script reads both kinds from the installed package's source map (its minified bundle renames
gettext) so that the list can be regenerated on an upgrade:

    .venv/bin/python scripts/editor_msgids.py > /tmp/editor.pot     # the template
    .venv/bin/pybabel update -i /tmp/editor.pot -d gongkai/locale -D djangojs -l zh_Hans -w 100
    # translate the new or fuzzy entries, then:
    .venv/bin/python scripts/editor_msgids.py --check gongkai/locale/zh_Hans/LC_MESSAGES/djangojs.po

--check exits 1 and names every string the catalogue does not translate, or only fuzzily (a
console test runs it).
"""

import argparse
import json
import re
import sys
from importlib.util import find_spec
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

LITERAL = r'"((?:[^"\\]|\\.)+)"'
PATTERNS = (
    # gettext("Update"), also split over lines with a trailing comma.
    re.compile(r"\bgettext\(\s*" + LITERAL),
    # Toolbar buttons: buttons.material("format_bold", "bold"), materialMenuButton(…).
    re.compile(r"\b(?:material|text|materialMenuButton)\(\s*\"[^\"]*\"\s*,\s*" + LITERAL),
    # svg(`<svg …>`, "Add column after")
    re.compile(r"\b(?:svg|svgMenuButton)\(\s*`[^`]*`\s*,\s*" + LITERAL),
    # A dropdown's option: crel("p", { textContent: "Paragraph" })
    re.compile(r"option:\s*crel\(\s*\"\w+\"\s*,\s*\{[^}]*?textContent:\s*" + LITERAL),
)
# Titles the package builds from a template. Each must still be in its source (an upgrade that
# changes one fails here); levels 1–6 cover any Heading configuration.
TEMPLATED = {
    "src/menu.js": (
        ("title: `heading ${level}`", [f"heading {n}" for n in range(1, 7)]),
        ("textContent: `Heading ${level}`", [f"Heading {n}" for n in range(1, 7)]),
        ("`format_align_${alignment}`, alignment)", ["left", "center", "right", "justify"]),
    ),
}


def package_sources() -> dict[str, str]:
    """The package's own JavaScript sources (not its bundled node modules), by path."""
    spec = find_spec("django_prose_editor")
    if spec is None or spec.origin is None:
        sys.exit("django-prose-editor is not installed (run ./test once to create .venv)")
    source_map = Path(spec.origin).parent / "static/django_prose_editor/editor.js.map"
    data = json.loads(source_map.read_text(encoding="utf-8"))
    return {
        path: text
        for path, text in zip(data["sources"], data["sourcesContent"], strict=True)
        if path.startswith("src/") and text
    }


def editor_msgids() -> dict[str, set[str]]:
    """Each string the editor shows, with the sources it comes from."""
    found: dict[str, set[str]] = {}
    for path, text in package_sources().items():
        for pattern in PATTERNS:
            for match in pattern.finditer(text):
                msgid = json.loads(f'"{match.group(1)}"')
                found.setdefault(msgid, set()).add(path)
        for template, msgids in TEMPLATED.get(path, ()):
            if template not in text:
                sys.exit(f"{path} no longer contains {template!r}: update TEMPLATED")
            for msgid in msgids:
                found.setdefault(msgid, set()).add(path)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=Path, help="a djangojs.po that must translate them all")
    args = parser.parse_args()
    found = editor_msgids()
    if args.check:
        with args.check.open("rb") as po:
            catalog = read_po(po)
        # A fuzzy entry is left out of the compiled catalogue: as good as missing.
        translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
        missing = sorted(found.keys() - translated)
        for msgid in missing:
            print(f"untranslated: {msgid!r} ({', '.join(sorted(found[msgid]))})")
        return 1 if missing else 0
    template = Catalog(project="gongkai", domain="djangojs")
    for msgid in sorted(found):
        template.add(msgid, locations=[(path, None) for path in sorted(found[msgid])])
    write_po(sys.stdout.buffer, template, omit_header=True, width=100)
    return 0


if __name__ == "__main__":
    sys.exit(main())
