"""The layers of ../shared/architecture.md: the product (app/) knows nothing of its screens
(views/) or of the benchmarks (bench/); only the application factory wires views in."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FACTORY = ROOT / "app" / "__init__.py"


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_app_imports_neither_views_nor_bench():
    offending = {
        str(path.relative_to(ROOT)): sorted(m for m in imported_modules(path) if m.split(".")[0] in {"views", "bench"})
        for path in (ROOT / "app").rglob("*.py")
        if path != FACTORY
    }
    assert {p: m for p, m in offending.items() if m} == {}


def test_the_check_sees_an_import_of_views(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from views.base import plain_value\nimport bench.run\n", encoding="utf-8")
    assert {"views.base", "bench.run"} <= imported_modules(sample)
