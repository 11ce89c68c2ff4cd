"""`checkin db recover DAMAGED NEW`: what can still be read of a damaged store, in a new one.

The damaged file is opened read-only and never written. Each table is read in rowid order,
a few hundred rows at a time; where a page cannot be read, the reader looks ahead with a
doubling stride, then narrows back onto the first row it can read again, so a bad page
costs its own rows, not the rest of the table. The rows go into a new store made by the
migrations (today's schema: a column the damaged store lacks takes its default), parents
first, foreign keys checked afterwards: a row whose parent was lost keeps its place with
the link emptied where the column allows it (a scan whose registrant's row was lost keeps
its code), else it goes. The search index is not copied: the caller rebuilds it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

BATCH = 500
_FIRST = -(2**63)
_LAST = 2**63 - 1
# Rebuilt from the registrants (checkin.core.search.index), not copied: derived data.
NOT_COPIED = frozenset({"alembic_version", "search_person", "search_term"})


@dataclass
class Rescued:
    tables: dict[str, int] = field(default_factory=dict)   # rows copied per table
    gaps: dict[str, int] = field(default_factory=dict)     # unreadable stretches skipped
    unlinked: dict[str, int] = field(default_factory=dict)  # rows whose lost parent was unlinked
    dropped: dict[str, int] = field(default_factory=dict)   # rows that could not stay
    unreadable: list[str] = field(default_factory=list)     # tables not even listed


def recover(damaged: Path, new: Path) -> Rescued:
    """Copy what can be read of `damaged` into the new store file `new` (made empty, at
    today's schema, by the caller's open_store)."""
    from checkin.store.models import SQLModel

    report = Rescued()
    src = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
    dst = sqlite3.connect(new, isolation_level=None)
    try:
        present = _tables_of(src, report)
        dst.execute("PRAGMA foreign_keys = OFF")
        dst.execute("BEGIN")
        for table in SQLModel.metadata.sorted_tables:  # parents first
            if table.name in NOT_COPIED:
                continue
            if table.name not in present:
                report.unreadable.append(table.name)
                continue
            columns = [c.name for c in table.columns if c.name in _columns_of(src, table.name)]
            if not columns:
                report.unreadable.append(table.name)
                continue
            shown = ", ".join(f'"{c}"' for c in columns)
            insert = (f'INSERT OR IGNORE INTO "{table.name}" ({shown}) '
                      f'VALUES ({", ".join("?" * len(columns))})')
            rows = _Reader(src, table, columns).rows(report)
            copied = 0
            for chunk in _chunks(rows):
                dst.executemany(insert, chunk)
                copied += len(chunk)
            report.tables[table.name] = copied
        _mend_links(dst, report)
        dst.execute("COMMIT")
    finally:
        src.close()
        dst.close()
    return report


def _tables_of(src: sqlite3.Connection, report: Rescued) -> set[str]:
    try:
        return {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:  # the schema page itself: nothing can be found
        report.unreadable.append(f"the list of tables ({exc})")
        return set()


def _columns_of(src: sqlite3.Connection, table: str) -> set[str]:
    try:
        return {r[1] for r in src.execute(f'PRAGMA table_info("{table}")')}
    except sqlite3.DatabaseError:
        return set()


class _Garbled(Exception):
    """A row a damaged page made up: out of order, past the table's last row, or with
    values of the wrong kind."""


class _Reader:
    """One table of the damaged file, read in rowid order around its unreadable pages."""

    def __init__(self, src: sqlite3.Connection, table: sa.Table, columns: list[str]) -> None:
        self.src, self.name = src, table.name
        self.shown = ", ".join(f'"{c}"' for c in columns)
        self.kinds = [_kind(table.columns[c]) for c in columns]
        try:  # the rightmost pages: a made-up rowid beyond it is garbage
            top = src.execute(f'SELECT max(rowid) FROM "{self.name}"').fetchone()[0]
        except sqlite3.DatabaseError:
            top = None
        self.last = _LAST if not isinstance(top, int) else top

    def rows(self, report: Rescued) -> Iterator[tuple]:
        sql = (f'SELECT rowid, {self.shown} FROM "{self.name}" WHERE rowid > ? '
               f"ORDER BY rowid LIMIT {BATCH}")
        after = _FIRST
        while True:
            got = 0
            try:
                for row in self.src.execute(sql, (after,)):
                    self._check(row, after)
                    after = row[0]
                    got += 1
                    yield row[1:]
            except (sqlite3.DatabaseError, _Garbled):
                report.gaps[self.name] = report.gaps.get(self.name, 0) + 1
                resume = self._next_readable(after)
                if resume is None:
                    return
                after = resume - 1
                continue
            if got < BATCH:
                return

    def _check(self, row: tuple, after: int) -> None:
        rowid = row[0]
        if not isinstance(rowid, int) or rowid <= after or rowid > self.last:
            raise _Garbled
        for value, kind in zip(row[1:], self.kinds, strict=True):
            if value is not None and kind is not None and not isinstance(value, kind):
                raise _Garbled

    def _starts_reading(self, start: int) -> int | None:
        """The first rowid from `start` on, if it and the pages on the way can be read;
        _LAST + 1 when there is no row from there."""
        try:
            found = self.src.execute(
                f'SELECT rowid, {self.shown} FROM "{self.name}" WHERE rowid >= ? '
                "ORDER BY rowid LIMIT 1", (start,)).fetchone()
            if found is None:
                return _LAST + 1
            self._check(found, start - 1)
        except (sqlite3.DatabaseError, _Garbled):
            return None
        return found[0]

    def _next_readable(self, after: int) -> int | None:
        """The first rowid after `after` that can be read again, or None if none can."""
        low, step, high = after + 1, 1, None
        while low + step <= self.last:
            if self._starts_reading(low + step) is not None:
                high = low + step
                break
            step *= 2
        if high is None:
            return None
        bad = low  # the read from `after` failed at low
        while high - bad > 1:  # narrow down onto the first start that reads
            middle = (bad + high) // 2
            if self._starts_reading(middle) is None:
                bad = middle
            else:
                high = middle
        first = self._starts_reading(high)
        return None if first is None or first > _LAST else first


def _kind(column: sa.Column) -> type | None:
    """What a sound row holds in this column, as sqlite3 gives it back (None: anything)."""
    t = column.type
    if isinstance(t, (sa.Integer, sa.Boolean)):
        return int
    if isinstance(t, sa.LargeBinary):
        return bytes
    if isinstance(t, (sa.String, sa.DateTime, sa.JSON, sa.types.TypeDecorator)):
        return str
    return None


def _chunks(rows: Iterator[tuple]) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _mend_links(dst: sqlite3.Connection, report: Rescued) -> None:
    """Rows pointing at a lost parent: the link emptied if the column may be empty, else
    the row dropped; again until none is left (a dropped row may be a parent too)."""
    for _round in range(20):
        broken = dst.execute("PRAGMA foreign_key_check").fetchall()
        if not broken:
            return
        for table, rowid, _parent, fk in broken:
            column, nullable = _link_column(dst, table, fk)
            if nullable:
                dst.execute(f'UPDATE "{table}" SET "{column}" = NULL WHERE rowid = ?', (rowid,))
                report.unlinked[table] = report.unlinked.get(table, 0) + 1
            else:
                dst.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
                report.dropped[table] = report.dropped.get(table, 0) + 1
                report.tables[table] -= 1


def _link_column(dst: sqlite3.Connection, table: str, fk: int) -> tuple[str, bool]:
    column = next(r[3] for r in dst.execute(f'PRAGMA foreign_key_list("{table}")') if r[0] == fk)
    notnull = next(r[3] for r in dst.execute(f'PRAGMA table_info("{table}")') if r[1] == column)
    return column, not notnull

