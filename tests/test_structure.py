"""The house's shape: no import cycle anywhere in the package, and the desk's start-up import
order (core modules before PySide6, which costs a cold start ~0.1 s otherwise).

Imports are read from the source with `ast`, function-level ones included: a cycle hidden
behind an import inside a function is still a cycle for whoever reads or moves the code.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "checkin"


def module_names(root: Path) -> dict[str, Path]:
    """Every module under `root` by its dotted name (a package by its own name)."""
    names = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same tree it imports (at any depth of its code)."""
    modules = module_names(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                # `from a import b` imports the module a.b when there is one, else a.
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
                    break
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE)
    assert "checkin.cli.common" in graph["checkin.cli.scan"]  # the walk really read imports
    assert cycles(graph) == []


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    """The check above can fail: two modules importing each other, one inside a function."""
    pkg = tmp_path / "loop"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from loop.sub.b import helper\n")
    (pkg / "sub" / "b.py").write_text("def helper():\n    from .. import a\n    return a\n")
    (pkg / "c.py").write_text("import loop.a\n")
    assert cycles(import_graph(pkg)) == [["loop.a", "loop.sub.b"]]


# Which of the desk's modules were already loaded when PySide6 was first imported: sys.modules
# keeps insertion order, so the order of its keys is the order of the imports.
_ORDER = textwrap.dedent("""
    import json, sys
    import checkin.app
    names = list(sys.modules)
    first_qt = names.index("PySide6")
    print(json.dumps({"before_qt": names[:first_qt], "after_qt": names[first_qt:]}))
""")

# The non-Qt modules a desk needs at once (app.py's list): loaded before PySide6 they are not
# read again by PySide6's import hook.
DESK_CORE = ("checkin.core.admission.scan", "checkin.core.admission.routing",
             "checkin.core.monitoring.occupancy", "checkin.core.monitoring.arrivals",
             "checkin.core.monitoring.overview", "checkin.core.programme.seating",
             "checkin.core.roles", "checkin.core.search.lookup", "checkin.store")


@pytest.mark.slow
def test_the_desk_imports_its_core_modules_before_qt() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _ORDER], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    order = json.loads(done.stdout.strip().splitlines()[-1])
    late = [m for m in DESK_CORE if m not in order["before_qt"]]
    assert late == [], f"imported after PySide6 (or not at all): {late}"
    assert "checkin.ui.main_window" not in order["before_qt"]  # the probe saw Qt come in
