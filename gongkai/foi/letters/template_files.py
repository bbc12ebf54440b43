"""The editable letter texts in gongkai/foi/letter_templates/: reading and filling them.

A template is a plain UTF-8 text file, one paragraph per line (format: letter_templates/README.md).
Placeholders are `{name}`; a line starting with "?" is left out when any of its placeholders is
empty. Filling uses `str.format_map`, but only after every field was checked to be a plain name
the letter provides: no attribute or index access, no format specs, no unknown names. So an
edited template fails loudly instead of printing "{typo}" in a letter to a citizen.
"""

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from gongkai.foi.errors import FoiError

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "letter_templates"

COMMENT = "#"
OPTIONAL = "?"
TITLE = "标题："
ADDRESSEE = "称谓："
SIGNATURE = "落款："


class LetterTemplateError(FoiError):
    """A letter template that cannot be read or filled; names the file and the line."""


@dataclass(frozen=True)
class LetterTemplate:
    """One letter file: the header lines and the body lines, still unfilled."""

    name: str
    title: str
    addressee: str
    signature: tuple[str, ...]
    body: tuple[str, ...]


class _Values(dict):
    """The mapping `format_map` reads: strings only; a missing name is an error, never ''."""

    def __missing__(self, key: str) -> str:
        raise LetterTemplateError(_("文书模板使用了未知的占位符 {%(name)s}。") % {"name": key})


def _lines(name: str) -> list[tuple[int, str]]:
    path = TEMPLATE_DIR / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LetterTemplateError(_("无法读取文书模板 %(file)s。") % {"file": path.name}) from exc
    return [
        (number, line.rstrip())
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith(COMMENT)
    ]


def load_template(name: str) -> LetterTemplate:
    """Read `<name>.txt`; it needs a 标题：, a 称谓： and at least one 落款： line."""
    title = addressee = ""
    signature: list[str] = []
    body: list[str] = []
    for _number, line in _lines(name):
        stripped = line.strip()
        if stripped.startswith(TITLE):
            title = stripped.removeprefix(TITLE).strip()
        elif stripped.startswith(ADDRESSEE):
            addressee = stripped.removeprefix(ADDRESSEE).strip()
        elif stripped.startswith(SIGNATURE):
            signature.append(stripped.removeprefix(SIGNATURE).strip())
        else:
            body.append(stripped)
    if not (title and addressee and signature and body):
        raise LetterTemplateError(
            _("文书模板 %(file)s 须有“标题：”“称谓：”“落款：”各一行和正文。")
            % {"file": f"{name}.txt"}
        )
    return LetterTemplate(name, title, addressee, tuple(signature), tuple(body))


def load_sections(name: str) -> dict[str, tuple[str, ...]]:
    """Read `<name>.txt` made of `[key]` sections, each with one or more paragraph lines."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, line in _lines(name):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = sections.setdefault(stripped[1:-1].strip(), [])
        elif current is None:
            raise LetterTemplateError(
                _("文书模板 %(file)s 第%(line)s行不在任何 [段落名] 之下。")
                % {"file": f"{name}.txt", "line": number}
            )
        else:
            current.append(stripped)
    return {key: tuple(lines) for key, lines in sections.items()}


def fields_of(line: str) -> list[str]:
    """The placeholder names of one line; anything but a plain `{name}` is refused."""
    try:
        parsed = list(string.Formatter().parse(line))
    except ValueError as exc:
        raise LetterTemplateError(
            _("文书模板中的花括号不成对：%(line)s（原样输出花括号请写成 {{ 和 }}）")
            % {"line": line}
        ) from exc
    names = []
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise LetterTemplateError(
                _("文书模板中的占位符只能是 {名称} 的形式：%(line)s") % {"line": line}
            )
        names.append(field)
    return names


def _known_fields(line: str, values: Mapping[str, str]) -> list[str]:
    names = fields_of(line)
    for name in names:
        if name not in values:
            raise LetterTemplateError(
                _("文书模板使用了这份文书没有的占位符 {%(name)s}：%(line)s")
                % {"name": name, "line": line}
            )
    return names


def fill_line(line: str, values: Mapping[str, str]) -> str:
    """One line with its placeholders filled; every name must be in `values`."""
    _known_fields(line, values)
    return line.format_map(_Values(values))


def fill_lines(lines: Iterable[str], values: Mapping[str, str]) -> list[str]:
    """Paragraphs from template lines: optional lines with an empty value are left out, and
    a value with line breaks (a list of items, a reply text) becomes several paragraphs."""
    paragraphs: list[str] = []
    for line in lines:
        optional = line.startswith(OPTIONAL)
        text = line.removeprefix(OPTIONAL).strip() if optional else line
        names = _known_fields(text, values)
        if optional and any(not values[name].strip() for name in names):
            continue
        filled = fill_line(text, values)
        paragraphs.extend(part.strip() for part in filled.split("\n") if part.strip())
    return paragraphs


def template_names() -> list[str]:
    """Every template file's name (without `.txt`), for checks."""
    return sorted(path.stem for path in TEMPLATE_DIR.glob("*.txt"))
