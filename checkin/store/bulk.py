"""Fast multi-row inserts for loading thousands of rows (demo, imports, benchmarks).

On SQLite, SQLAlchemy's per-row compile and type processing cost more than SQLite's own
work, so we hand the driver plain tuples, converted by each column's own bind processor
(the same conversion the ORM would do). Other databases go through `insert()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from pydantic_core import PydanticUndefined
from sqlmodel import SQLModel


def model_defaults(model: type[SQLModel]) -> dict[str, Any]:
    """The model's Python-side defaults (SQLModel sets no server defaults)."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            out[name] = info.default_factory  # called once per batch
        elif info.default is not PydanticUndefined and name != "id":
            out[name] = info.default
    return out


def bulk_insert(conn: sa.Connection, model: type[SQLModel], rows: Iterable[dict[str, Any]]) -> int:
    rows = list(rows)
    if not rows:
        return 0
    table: sa.Table = model.__table__  # type: ignore[attr-defined]
    given = list(rows[0].keys())
    defaults = {k: (v() if callable(v) else v) for k, v in model_defaults(model).items()
                if k not in given}
    names = given + list(defaults)
    if conn.dialect.name != "sqlite":
        conn.execute(sa.insert(table), [{**defaults, **r} for r in rows])
        return len(rows)
    processors = [_fast_processor(table.c[n].type) or table.c[n].type.bind_processor(conn.dialect)
                  for n in names]
    convert = [(i, p) for i, p in enumerate(processors) if p is not None]
    tail = [defaults[n] for n in defaults]
    tuples = []
    pick = itemgetter(*given) if len(given) > 1 else (lambda r: (r[given[0]],))
    for row in rows:
        try:
            values = [*pick(row), *tail]
        except KeyError:  # a row without some of the first row's keys
            values = [row.get(n) for n in given] + tail
        for i, proc in convert:
            values[i] = proc(values[i])
        tuples.append(tuple(values))
    columns = ", ".join(f'"{n}"' for n in names)
    sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" * len(names))})'
    conn.exec_driver_sql(sql, tuples)
    return len(rows)


def _fast_processor(column_type: Any):
    """UTCDateTime to SQLite text without the generic machinery (same format SQLAlchemy
    writes, microseconds always present, so that text comparison orders correctly).
    Rows of a load share a handful of moments: each is formatted once."""

    from checkin.store.types import UTCDateTime

    if not isinstance(column_type, UTCDateTime):
        return None
    seen: dict[Any, str] = {}

    def convert(value: Any) -> str | None:
        if value is None:
            return None
        out = seen.get(value)
        if out is None:
            if value.tzinfo is None:
                raise ValueError("naive datetime given to the store; pass an aware one")
            out = value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
            if len(seen) < 100_000:
                seen[value] = out
        return out

    return convert


_LOADED = ("attendee", "enrollment", "search_person", "search_term", "presence", "scan")


def refresh_planner_statistics(engine: Engine) -> None:
    """After a bulk load on PostgreSQL: the planner's statistics of the tables it filled.
    Until autovacuum gets to them (a minute or more), the scan's statements are planned
    as for empty tables — measured 6–7 ms a scan instead of 1.4–2 ms just after a demo
    load (issue 19). SQLite plans from its indexes alone: nothing to do."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE " + ", ".join(_LOADED))
