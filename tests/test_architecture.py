"""The folders show the flow, and the imports keep to it.

    document model  <-  readers  <-  card logic  <-  tables  <-  run machinery and outputs
    parsers.model       parsers.*     extract.cards   extract.tables   extract.run, extract.outputs, cli, api

Every import of every module (lazy ones inside functions included) is read
from the source and checked against that order, so a shortcut that points
the wrong way fails here, not in a newcomer's head.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tools.paths import ROOT

# (prefix, layer): the longest matching prefix decides a module's layer
LAYERS = [
    ("parsers.errors", 0),
    ("parsers.model", 0),
    ("parsers.numbers", 0),
    ("parsers.symbols", 0),
    ("parsers.sniff", 0),
    ("parsers.ordinals", 0),
    ("parsers.inflate", 0),
    ("parsers", 1),
    ("extract.vocabulary", 2),  # the card's words as data: read by the card logic and the report
    ("extract.cards", 2),
    ("extract.tables", 3),
    ("extract", 4),
]
# reader families that may use another: a PDF page without text is read as a scan; PDF and
# scans assemble their pages alike; nothing else crosses between families
FAMILIES = ("parsers.hangul", "parsers.pdf", "parsers.pages", "parsers.scan", "parsers.tsv")
ALLOWED_ACROSS = {("parsers.pdf", "parsers.scan"), ("parsers.pdf", "parsers.pages"), ("parsers.scan", "parsers.pages")}


def _layer(module: str) -> int:
    for prefix, layer in sorted(LAYERS, key=lambda item: -len(item[0])):
        if module == prefix or module.startswith(prefix + "."):
            return layer
    raise AssertionError(f"{module} belongs to no layer")


def _family(module: str) -> str | None:
    return next((f for f in FAMILIES if module == f or module.startswith(f + ".")), None)


def _modules() -> dict[str, Path]:
    found = {}
    for package in ("parsers", "extract"):
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names)
    modules = _modules()
    return {name for name in out if name in modules}


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_flow(module):
    mine = _layer(module)
    for target in _imports(module, MODULES[module]):
        if target.startswith(module + ".") or module.startswith(target + "."):
            continue  # a package and its own modules
        assert _layer(target) <= mine, f"{module} (layer {mine}) imports {target} (layer {_layer(target)})"
        a, b = _family(module), _family(target)
        if a and b and a != b:
            assert (a, b) in ALLOWED_ACROSS, f"reader family {a} imports {b}"


def test_the_output_schema_needs_no_card_logic():
    """Loading the schema (as every output and every worker's validation does) pulls in no card parser."""
    seen, todo = set(), ["extract.tables.schema"]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(_imports(module, MODULES[module]))
    assert not [m for m in seen if m.startswith(("extract.cards", "parsers."))], sorted(seen)


def test_outputs_read_tables_never_cards():
    for module, path in MODULES.items():
        if module.startswith("extract.outputs"):
            bad = [t for t in _imports(module, path) if t.startswith(("extract.cards", "extract.tables.rows"))]
            assert not bad, f"{module} imports {bad}"


def test_no_import_cycles():
    graph = {
        m: {t for t in _imports(m, p) if t != m and not t.startswith(m + ".") and not m.startswith(t + ".")}
        for m, p in MODULES.items()
    }
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail[trail.index(nxt) :], nxt]))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
