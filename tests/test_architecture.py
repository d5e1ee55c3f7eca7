"""Layering rules (docs/architecture.md, "Layers"): core is pure Python; WeasyPrint stays off the GUI start-up path."""

from __future__ import annotations

import ast
import re
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


def _names_from_planner(path: Path) -> list[str]:
    """`from planner import commands` names the module only in the alias."""
    return [
        f"planner.{alias.name}"
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "planner"
        for alias in node.names
    ]


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports run when the module loads (or seen by the type checker): the body, `if TYPE_CHECKING:` and `try:`."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If):
            pending.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)
    return found


def _import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    paths = {_module_name(path, root): path for path in root.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _module_level_imports(ast.parse(path.read_text("utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from package import module` imports the module; `from module import name` the module itself.
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in paths else base for alias in node.names]
            graph[name].update(target for target in targets if target in paths and target != name)
    return graph


def _find_cycle(graph: dict[str, set[str]], ignored: set[tuple[str, str]]) -> list[str]:
    """One cycle as a list of modules (first == last), or [] when the graph has none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if (node, target) in ignored:
                continue
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return []


def test_no_import_cycles_among_planner_modules() -> None:
    cycle = _find_cycle(_import_graph(), set())
    assert cycle == [], "import cycle: " + " -> ".join(cycle)


def test_cycle_finder_reports_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _find_cycle(graph, set()) == ["a", "b", "c", "a"]
    assert _find_cycle(graph, {("c", "a")}) == []


def test_the_graph_counts_type_checking_and_relative_imports(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import B\n")
    (root / "b.py").write_text("from . import c\n\ndef later() -> None:\n    import pkg.a\n")
    (root / "c.py").write_text("from .a import A\n")
    graph = _import_graph(root)
    assert graph["pkg.a"] == {"pkg.b"}
    assert graph["pkg.b"] == {"pkg.c"}  # the import inside a function runs late and makes no cycle
    assert _find_cycle(graph, set()) == ["pkg.a", "pkg.b", "pkg.c", "pkg.a"]


def test_ui_never_imports_the_commands() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted((PACKAGE / "ui").rglob("*.py"))
        for name in _imports(path) + _names_from_planner(path)
        if name in ("planner.commands", "planner.cli") or name.startswith(("planner.commands.", "planner.cli."))
    ]
    assert offenders == []


def test_ui_colours_live_in_the_theme() -> None:
    """Colours are named by role in planner.ui.theme, so a dark theme changes one module."""
    colour = re.compile(r"#[0-9a-fA-F]{6}\b")
    offenders = [
        f"{path.relative_to(PACKAGE)}: {match}"
        for path in sorted((PACKAGE / "ui").rglob("*.py"))
        if "generated" not in path.parts and path.name != "theme.py"
        for match in colour.findall(path.read_text("utf-8"))
    ]
    assert offenders == []


# Size limits (issue 20): no module over 600 lines, no function over 80, outside generated code and data.
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
NOT_MEASURED = ("ui/generated/", "core/storage/demo.py")  # generated by pyside6-uic; demo.py is becoming data


def _measured_modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not path.relative_to(PACKAGE).as_posix().startswith(NOT_MEASURED)
    ]


def test_no_module_is_over_600_lines() -> None:
    long = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path in _measured_modules()
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_80_lines() -> None:
    long = {
        f"{path.relative_to(PACKAGE).as_posix()}:{node.lineno} {node.name}": lines
        for path in _measured_modules()
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (lines := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES
    }
    assert long == {}
