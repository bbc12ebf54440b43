"""Every audit action code written anywhere in gongkai has a label for people.

The codes are collected from the sources: each `record_event(action=...)` is resolved through
string constants, module constants, conditional expressions, f-strings and the parameters of
the helper functions that pass a code on (`_save(application, actor, "extend", ...)`, also from
other modules that import the helper). A part no source can resolve (`{part}`) is a wildcard
whose expansions are listed below; the root conftest also fails any test whose run writes an
unlabelled code.
"""

import ast
import pathlib
import re

import pytest
from django.utils import translation

from gongkai.audit.labels import action_label, labelled_codes

ROOT = pathlib.Path(__file__).resolve().parents[2]  # the gongkai package

WILDCARD = "\x00"  # a part no source could resolve


def _link_parents(tree):
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node


def _enclosing_function(node):
    while node is not None and not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        node = getattr(node, "parent", None)
    return node


class Module:
    """One source file: its tree, its string constants and what it imports by name."""

    def __init__(self, path: pathlib.Path, base: pathlib.Path):
        self.name = ".".join(path.relative_to(base).with_suffix("").parts)
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        _link_parents(self.tree)
        self.constants = {}
        self.imported = {}  # local name -> (module, name), from `from module import name`
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        self.constants[target.id] = node.value.value
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    local = alias.asname or alias.name
                    self.imported[local] = (node.module, alias.name)


class Collector:
    """Resolves the `action=` of every `record_event` call under `root` to codes."""

    def __init__(self, root: pathlib.Path = ROOT):
        self.modules = []
        for path in sorted(root.rglob("*.py")):
            parts = path.relative_to(root).parts
            if "tests" not in parts and "migrations" not in parts:
                self.modules.append(Module(path, root.parent))

    def calls_of(self, owner, function):
        """Calls of `function` (defined in `owner`) anywhere: by name in its module or where
        imported by name; as `module.function` where its module is imported."""
        for module in self.modules:
            for node in ast.walk(module.tree):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                if isinstance(func, ast.Name) and func.id == function.name:
                    if module is owner or module.imported.get(func.id) == (
                        owner.name,
                        function.name,
                    ):
                        yield module, node
                elif isinstance(func, ast.Attribute) and func.attr == function.name:
                    base = func.value
                    if isinstance(base, ast.Name):
                        source = module.imported.get(base.id)
                        if source and f"{source[0]}.{source[1]}" == owner.name:
                            yield module, node

    def passed(self, owner, function, name, depth):
        args = function.args
        positional = [a.arg for a in args.posonlyargs + args.args]
        index = positional.index(name) if name in positional else None
        values = []
        for module, call in self.calls_of(owner, function):
            expr = next((kw.value for kw in call.keywords if kw.arg == name), None)
            if expr is None and index is not None and index < len(call.args):
                expr = call.args[index]
            if expr is not None:
                values += self.resolve(module, expr, depth + 1)
        return values

    def resolve(self, module, expr, depth=0):
        if depth > 4:
            return [WILDCARD]
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [expr.value]
        if isinstance(expr, ast.IfExp):
            return self.resolve(module, expr.body, depth) + self.resolve(module, expr.orelse, depth)
        if isinstance(expr, ast.Name):
            if expr.id in module.constants:
                return [module.constants[expr.id]]
            function = _enclosing_function(expr)
            if function is not None:
                a = function.args
                if expr.id in [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs]:
                    return self.passed(module, function, expr.id, depth) or [WILDCARD]
            return [WILDCARD]
        if isinstance(expr, ast.JoinedStr):
            results = [""]
            for part in expr.values:
                pieces = (
                    [part.value]
                    if isinstance(part, ast.Constant)
                    else self.resolve(module, part.value, depth)
                )
                results = [r + p for r in results for p in pieces]
            return results
        return [WILDCARD]

    def action_codes(self):
        found = {}
        for module in self.modules:
            for node in ast.walk(module.tree):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name != "record_event":
                    continue
                for kw in node.keywords:
                    if kw.arg == "action":
                        for code in self.resolve(module, kw.value):
                            found.setdefault(code, f"{module.name}:{node.lineno}")
        return found


def _wildcard_expansions() -> dict[str, set[str]]:
    """The values of the parts the collector cannot resolve, from where the code decides them."""
    from gongkai.enforcement.list_services import ROW_MODELS

    return {
        # catalogue/services.py: `_kind(obj)` is "category" or "item".
        "catalogue.standard_\x00_created": {
            "catalogue.standard_category_created",
            "catalogue.standard_item_created",
        },
        "catalogue.standard_\x00_updated": {
            "catalogue.standard_category_updated",
            "catalogue.standard_item_updated",
        },
        # enforcement/list_services.py: `part` is a key of ROW_MODELS.
        "enforcement.list.\x00.added": {f"enforcement.list.{p}.added" for p in ROW_MODELS},
        "enforcement.list.\x00.removed": {f"enforcement.list.{p}.removed" for p in ROW_MODELS},
    }


@pytest.fixture(scope="module")
def written_codes() -> dict[str, str]:
    return Collector(ROOT).action_codes()


def test_collector_finds_the_codes_of_helpers_and_constants(written_codes):
    # Literals, a helper's parameter (foi/services.py `_save`), the helper imported by name in
    # another module (fee_services), an f-string over a parameter (mailbox `_save`), a module
    # constant (workdays) and a conditional expression (audit/admin.py).
    for code in [
        "document.publish",
        "foi.extend",
        "foi.notify_fee",
        "participation.message.forward",
        "workdays.load_year",
        "admin.change",
        "admin.add",
    ]:
        assert code in written_codes
    assert len(written_codes) > 100


def test_every_written_action_code_has_a_label(written_codes):
    expansions = _wildcard_expansions()
    codes = set()
    for code in written_codes:
        if WILDCARD in code:
            assert code in expansions, (
                f"{code!r} ({written_codes[code]}) has a part the test cannot resolve: "
                "list its values in _wildcard_expansions"
            )
            pattern = re.escape(code).replace(re.escape(WILDCARD), "[a-z_]+")
            assert all(re.fullmatch(pattern, c) for c in expansions[code])
            codes |= expansions[code]
        else:
            codes.add(code)
    missing = sorted(codes - labelled_codes())
    assert not missing, f"audit action codes without a label in an audit_labels.py: {missing}"


def test_labels_are_translated_and_unknown_codes_fall_back_to_themselves():
    assert action_label("foi.submit_online") == "网上提交申请"
    assert action_label("foi.extend") == "延长答复期限"
    assert action_label("no.such_code") == "no.such_code"
    with translation.override("en"):
        assert action_label("no.such_code") == "no.such_code"


def test_the_collector_resolves_a_helper_parameter_from_source(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "services.py").write_text(
        "def _save(obj, action):\n"
        "    record_event(action=f'x.{action}', obj=obj)\n"
        "def one(o):\n"
        "    _save(o, 'first')\n",
        encoding="utf-8",
    )
    (package / "other.py").write_text(
        "from pkg.services import _save\n"
        "def two(o, flag):\n"
        "    _save(o, action='second' if flag else 'third')\n",
        encoding="utf-8",
    )
    codes = Collector(package).action_codes()
    assert set(codes) == {"x.first", "x.second", "x.third"}
