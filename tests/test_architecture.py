"""Layering rules from DESIGN.md: core is pure Python; WeasyPrint stays off the GUI start-up path."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "planner"
FORBIDDEN_IN_CORE = ("PySide6", "shiboken6", "weasyprint", "planner.ui", "planner.report")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_core_imports_neither_qt_nor_weasyprint() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted((PACKAGE / "core").rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN_IN_CORE or name.startswith(FORBIDDEN_IN_CORE)
    ]
    assert offenders == []


def test_report_never_imports_qt() -> None:
    for path in (PACKAGE / "report").rglob("*.py"):
        assert not any(n.startswith("PySide6") for n in _imports(path)), path


def test_self_test_module_imports_neither_qt_nor_weasyprint() -> None:
    # `planner --self-test` starts the app's own commands as children; the module itself must stay cheap, and the
    # part that opens a window lives in planner/ui.
    top_level = [
        node.names[0].name if isinstance(node, ast.Import) else node.module or ""
        for node in ast.parse((PACKAGE / "selftest.py").read_text("utf-8")).body
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]
    assert not [name for name in top_level if name.startswith(("PySide6", "weasyprint", "planner.ui", "pypdf"))]


def test_only_the_word_copy_imports_its_writers() -> None:
    """python-docx, lxml and resvg write the Word copy (planner/report/word.py) and nothing else: the GUI imports
    that module only when a Word copy is asked for, so they never slow the app's start-up."""
    importers = {
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[0] in ("docx", "lxml", "resvg_py")
    }
    assert importers == {"report/word.py"}
    lazy = [
        node
        for path in sorted((PACKAGE / "ui").rglob("*.py"))
        for node in ast.parse(path.read_text("utf-8")).body
        if isinstance(node, ast.ImportFrom) and node.module == "planner.report.word"
    ]
    assert lazy == [], "planner/ui imports the Word copy at module level"
