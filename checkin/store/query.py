"""Named queries: an SQL statement written once, with its name, its parameters and the
row it returns, in the store layer (checkin/store/queries/), for every caller to run.

One style, and why:
- **Plain SQL text with `:name` parameters**, as the database reads it: a statement is
  checked by reading it, the same text runs on SQLite and PostgreSQL, and nothing builds
  it at run time (no ORM, no expression language on the hot path).
- **Run on the connection's own driver cursor**, inside SQLAlchemy's transaction: a scan's
  statements through `sa.text` spent about a third of the scan's time in SQLAlchemy's
  compile and result set-up (measured in issue 9); the driver takes `:name` on sqlite3
  and `%(name)s` on psycopg, so the text is rewritten once per dialect and kept.
- **Named rows** (a NamedTuple per query): callers read `person.first_name`, never
  `person[1]`; a column added to a statement cannot shift another's meaning.
- **Moments**: a datetime parameter is bound as the UTCDateTime column stores it, and a
  row's time columns are read back as aware UTC datetimes (`times=`), on both backends.
- A list or tuple parameter expands to `(:p_0, :p_1, …)` for `IN`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, Generic, NamedTuple, TypeVar

import sqlalchemy as sa

from checkin.store.rows import aware, time_binder

R = TypeVar("R", bound=tuple)
_CURSORS = itertools.count(1)  # server-side cursors' names, unique in the process
_NAME = re.compile(r"(?<![:\w]):(\w+)")


class Query(Generic[R]):
    """One statement. `row`: the NamedTuple its rows become (None: it returns none);
    `times`: the row's fields that hold moments."""

    def __init__(self, sql: str, row: type[R] | None = None, times: Sequence[str] = ()) -> None:
        self.sql = " ".join(sql.split())
        self.row = row
        fields = getattr(row, "_fields", ())
        unknown = set(times) - set(fields)
        if unknown:
            raise ValueError(f"{sorted(unknown)} are not fields of {row}")
        self._times = [fields.index(name) for name in times]
        self._texts: dict[bool, str] = {}

    def one(self, conn: sa.Connection, **params: Any) -> R | None:
        """The first row, or None."""
        cursor = self._execute(conn, params)
        try:
            found = cursor.fetchone()
        finally:
            cursor.close()
        return None if found is None else self._make(found)

    def all(self, conn: sa.Connection, **params: Any) -> list[R]:
        cursor = self._execute(conn, params)
        try:
            return [self._make(found) for found in cursor.fetchall()]
        finally:
            cursor.close()

    def each(self, conn: sa.Connection, batch: int = 1000, **params: Any) -> Iterator[R]:
        """The rows one batch at a time, never all in memory (an export of 200 000 scans).
        On PostgreSQL through a server-side (named) cursor, which needs the caller's
        transaction to stay open while the rows are read; on SQLite the driver's own
        cursor already reads the file step by step."""
        if conn.dialect.name == "postgresql":
            cursor = self._execute(conn, params, named=f"checkin_each_{next(_CURSORS)}")
            cursor.itersize = batch
        else:
            cursor = self._execute(conn, params)
        try:
            while found := cursor.fetchmany(batch):
                for row in found:
                    yield self._make(row)
        finally:
            cursor.close()

    def run(self, conn: sa.Connection, **params: Any) -> int:
        """A statement that returns no row; how many rows it changed."""
        cursor = self._execute(conn, params)
        try:
            return cursor.rowcount
        finally:
            cursor.close()

    def many(self, conn: sa.Connection, rows: Sequence[dict[str, Any]]) -> None:
        """The statement once per parameter set, in one round of the driver (bulk writes)."""
        if not rows:
            return
        text = self._text(conn)
        stamp = time_binder(conn.engine)
        bound = [{k: stamp(v) if isinstance(v, datetime) else v for k, v in row.items()}
                 for row in rows]
        if not conn.in_transaction():
            conn.begin()
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(text, bound)
        finally:
            cursor.close()

    def _text(self, conn: sa.Connection) -> str:
        pg = conn.dialect.name == "postgresql"
        text = self._texts.get(pg)
        if text is None:
            text = self._texts[pg] = _NAME.sub(r"%(\1)s", self.sql) if pg else self.sql
        return text

    def _make(self, found: Sequence[Any]) -> R:
        assert self.row is not None, f"{self.sql[:40]}… returns no row"
        values = list(found)
        for i in self._times:
            values[i] = aware(values[i])
        return self.row._make(values)  # type: ignore[attr-defined]

    def _execute(self, conn: sa.Connection, params: dict[str, Any], named: str = "") -> Any:
        pg = conn.dialect.name == "postgresql"
        text = self._text(conn)
        if any(isinstance(v, datetime) for v in params.values()):
            stamp = time_binder(conn.engine)
            params = {k: stamp(v) if isinstance(v, datetime) else v for k, v in params.items()}
        if any(isinstance(v, (list, tuple)) for v in params.values()):
            text, params = _expanded(text, params, pg)
        if not conn.in_transaction():
            # As SQLAlchemy's own first statement would: the store's BEGIN (and the write
            # lock when the engine asks for it) before the driver sees anything, so that
            # a caller's reads and writes are one transaction.
            conn.begin()
        driver = conn.connection.dbapi_connection
        assert driver is not None
        cursor = driver.cursor(named) if named else driver.cursor()
        try:
            cursor.execute(text, params)
        except BaseException:
            cursor.close()
            raise
        return cursor


def _expanded(text: str, params: dict[str, Any], pg: bool) -> tuple[str, dict[str, Any]]:
    """`IN :codes` with codes=[a, b] → `IN (:codes_0, :codes_1)` (an empty list matches
    nothing: `IN (NULL)`)."""
    out = dict(params)
    for name, value in params.items():
        if not isinstance(value, (list, tuple)):
            continue
        del out[name]
        names = [f"{name}_{i}" for i in range(len(value))]
        out.update(zip(names, value))
        marks = ", ".join(f"%({n})s" if pg else f":{n}" for n in names) or "NULL"
        mark = re.escape(f"%({name})s") if pg else rf":{name}\b"
        text = re.sub(mark, f"({marks})", text)
    return text, out


# Rows that many statements return.
class Id(NamedTuple):
    id: int


class Count(NamedTuple):
    n: int
