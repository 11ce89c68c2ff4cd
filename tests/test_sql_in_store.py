"""All SQL lives in checkin/store (issue 19): statements are named queries there, returning
named rows, and nothing outside reads a row by position.

Read from the source itself (the AST), so a statement cannot hide in a string built
elsewhere: outside the store no string starts like SQL, nothing calls `sa.text`,
`execute`/`exec_driver_sql` or SQLAlchemy's statement builders, and no row is indexed as
`row[0]`. checkin/bench is left out on purpose: each figure there stands beside a raw
baseline — plain sqlite3 doing the same work by hand — which is the point of measuring.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import checkin

PACKAGE = Path(checkin.__file__).parent
OUTSIDE = [p for p in sorted(PACKAGE.rglob("*.py"))
           if p.relative_to(PACKAGE).parts[0] not in ("store", "bench")]
# Statements as this code base writes them (upper-case keywords), not prose that starts
# with "Create" or "with".
SQL = re.compile(r"^\s*(SELECT\s.+\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s"
                 r"|WITH\s+\w+\s+AS\s*\(|CREATE\s+(TABLE|INDEX)\s|DROP\s+(TABLE|INDEX)\s"
                 r"|PRAGMA\s+\w+)", re.S)
BUILDERS = {"text", "select", "insert", "update", "delete", "exec_driver_sql", "execute",
            "executemany", "scalars", "scalar"}
# With no statement outside the store, the only database rows outside it are named
# queries' NamedTuples; what must not come back is reading one the old way, `row[13]`.
# (Other names index lists and tuples built in Python: a table's cells, a list of matches.)
ROWS = {"row"}


def _findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(PACKAGE.parent)
    # `found[0].code` is the first row of a list, read by name: only a subscript that is
    # not itself read by attribute takes a column by its position.
    by_name = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value):
            out.append(f"{where}:{node.lineno}: SQL text {node.value[:40]!r}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in BUILDERS and _is_database(node.func.value):
            out.append(f"{where}:{node.lineno}: .{node.func.attr}(…) outside the store")
        elif isinstance(node, ast.Subscript) and id(node) not in by_name \
                and isinstance(node.value, ast.Name) and node.value.id in ROWS \
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, int):
            out.append(f"{where}:{node.lineno}: {node.value.id}[{node.slice.value}]")
    return out


def _is_database(value: ast.expr) -> bool:
    """`sa.…`, `sqlalchemy.…`, `conn.…`, `connection.…`, `session.…`, `engine.…`."""
    name = value.id if isinstance(value, ast.Name) else (
        value.attr if isinstance(value, ast.Attribute) else "")
    return name in {"sa", "sqlalchemy", "conn", "connection", "session", "engine", "cursor",
                    "cur", "db"}


def test_no_sql_and_no_row_read_by_position_outside_the_store():
    found = [line for path in OUTSIDE for line in _findings(path)]
    assert found == [], "\n".join(found)


def test_the_check_sees_what_it_looks_for(tmp_path):
    """The check itself: each kind of finding is found (a test that cannot fail proves
    nothing)."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sqlalchemy as sa\n"
        "q = 'SELECT id FROM attendee'\n"
        "conn.execute(sa.text(q))\n"
        "first_name = row[1]\n"
        "code = found[0].code  # the first row, by name: fine\n"
        "'Create or update an event (help text)'\n")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path.parent
    try:
        kinds = sorted(line.split(": ", 1)[1].split(" ")[0] for line in _findings(sample))
    finally:
        PACKAGE = saved
    assert kinds == [".execute(…)", ".text(…)", "SQL", "row[1]"]
