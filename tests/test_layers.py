"""The package reads as its pipeline: a stage imports only stages below it, nothing imports the CLI.

workbook → checks → documents → outputs → batch → review → cli, on top of a
foundation (errors, catalogue, problems, resources). Imports are read with
`ast`, so a test fails as soon as someone adds an import that runs the wrong way.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "shenbaoshu"
FOUNDATION = ("errors", "catalogue", "problems", "resources", "packages")
STAGES = ("workbook", "checks", "documents", "outputs", "batch", "review", "cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(name: str) -> bool:
    return (PACKAGE.parent / name.replace(".", "/") / "__init__.py").is_file()


def resolve(importer: str, node: ast.ImportFrom) -> list[str]:
    """Return the shenbaoshu modules an ``from … import …`` statement loads."""
    if node.level:
        base = importer.split(".") if is_package(importer) else importer.split(".")[:-1]
        base = base[:len(base) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if not target.startswith("shenbaoshu"):
        return []
    found = []
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        found.append(sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).is_file() or is_package(sub)
                     else target)
    return found


def imports() -> dict[str, set[str]]:
    """Return, for every module of the package, the package modules it imports."""
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                found.update(resolve(name, node))
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("shenbaoshu"))
        graph[name] = found - {name}
    return graph


def rank(module: str) -> int:
    """Return the layer of `module`: 0 for the foundation, 1 … for the stages, top for the package root."""
    parts = module.split(".")
    if len(parts) == 1:
        return len(STAGES) + 1
    if parts[1] in FOUNDATION:
        return 0
    return STAGES.index(parts[1]) + 1


GRAPH = imports()
EDGES = sorted((a, b) for a, targets in GRAPH.items() for b in targets if a != "shenbaoshu")


def test_every_module_belongs_to_a_stage():
    for module in GRAPH:
        parts = module.split(".")
        assert len(parts) == 1 or parts[1] in FOUNDATION + STAGES, f"{module} 不属于任何一层"


@pytest.mark.parametrize("importer, imported", EDGES, ids=[f"{a}->{b}" for a, b in EDGES])
def test_imports_run_down_the_pipeline(importer, imported):
    assert rank(imported) <= rank(importer), f"{importer} 导入了更高一层的 {imported}"


def test_nothing_imports_the_cli_or_the_package_root():
    for importer, imported in EDGES:
        if not importer.startswith("shenbaoshu.cli"):
            assert not imported.startswith("shenbaoshu.cli"), importer
        assert imported != "shenbaoshu", f"{importer} 导入了包的 __init__"


def test_no_import_cycles():
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH.get(module, ())):
            if state.get(target) == 1:
                raise AssertionError("循环导入：" + " → ".join(trail + [module, target]))
            if not state.get(target):
                visit(target, trail + [module])
        state[module] = 2

    for module in sorted(GRAPH):
        if not state.get(module):
            visit(module, [])


def test_the_layer_test_sees_a_wrong_way_import():
    fake = ast.parse("from ..batch.build import build_batch").body[0]
    assert isinstance(fake, ast.ImportFrom)
    [target] = resolve("shenbaoshu.checks.rules", fake)
    assert target == "shenbaoshu.batch.build" and rank(target) > rank("shenbaoshu.checks.rules")


def test_declarations_load_no_rendering_code():
    """Reading document types, inspecting documents or importing the package needs neither docxtpl nor Jinja."""
    code = ("import sys, shenbaoshu, shenbaoshu.documents.types, shenbaoshu.review.inspection, "
            "shenbaoshu.checks.validate; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docxtpl', 'jinja2')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
