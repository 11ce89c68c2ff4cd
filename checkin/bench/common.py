"""What the figures share: the machine's description, percentiles, timing one call, and
the bare sqlite3 store the insert baselines write into."""

from __future__ import annotations

import os
import platform
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "system": platform.platform(),
            "cpus": os.cpu_count(), "sqlite": sqlite3.sqlite_version}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def timed(fn: Callable[..., Any], *args: Any) -> float:
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1000


def raw_attendee_store(path: Path) -> sqlite3.Connection:
    """A bare sqlite3 file with checkin's attendee table and indexes and the same
    durability settings: what the baselines insert into."""
    from sqlalchemy.dialects import sqlite as sqlite_dialect
    from sqlalchemy.schema import CreateIndex, CreateTable

    from checkin.store.models import Attendee

    table = Attendee.__table__
    dialect = sqlite_dialect.dialect()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA cache_size=-32768")  # the page cache checkin's own connections use
    # Foreign keys stay in the DDL: sqlite3 leaves them unchecked unless asked to.
    conn.execute(str(CreateTable(table).compile(dialect=dialect)))
    for index in table.indexes:
        conn.execute(str(CreateIndex(index).compile(dialect=dialect)))
    return conn
