"""`checkin bench`: figures measured on a throwaway store, each beside a raw-SQLite
baseline doing the same work in the same run, so a reader can judge the overhead.

Run it on an idle machine; it prints the figures, it asserts nothing.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

Report = Callable[[str], None]


def machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "system": platform.platform(),
            "cpus": os.cpu_count(), "sqlite": sqlite3.sqlite_version}


def run_bench(attendees: int = 100_000, progress: Report | None = None) -> dict[str, Any]:
    say = progress or (lambda _m: None)
    results = []
    with tempfile.TemporaryDirectory(prefix="checkin-bench-") as tmp:
        say(f"demo load: {attendees} registrants…")
        results.append(_bench_demo_load(Path(tmp), attendees))
    return {"machine": machine(), "attendees": attendees, "results": results}


def _store_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def _bench_demo_load(tmp: Path, attendees: int) -> dict[str, Any]:
    from checkin.core.demo import load_demo
    from checkin.store import open_store

    path = tmp / "demo.sqlite3"
    engine = open_store(f"sqlite:///{path}")
    started = time.perf_counter()
    report = load_demo(engine, attendees, seed=1)
    seconds = time.perf_counter() - started
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    size = _store_size(path)
    baseline = _raw_insert_baseline(tmp / "raw.sqlite3", attendees)
    return {
        "name": "demo_load",
        "what": f"checkin demo --attendees {attendees} (programme, registrants, enrollments)",
        "seconds": round(seconds, 3), "store_bytes": size, "added": report.added,
        "baseline_seconds": round(baseline, 3),
        "baseline": "raw sqlite3 executemany of the same registrant rows into the same table, WAL, synchronous=FULL",
        "ratio": round(seconds / baseline, 1) if baseline else None,
        "line": (f"demo load, {attendees} registrants: {seconds:.2f} s, store {size / 1e6:.1f} MB "
                 f"(raw sqlite3 insert of the same rows: {baseline:.2f} s, ×{seconds / baseline:.1f})"),
    }


def _raw_insert_baseline(path: Path, attendees: int) -> float:
    """The same attendee rows and table (same indexes), inserted by sqlite3 alone."""
    from datetime import timezone

    from sqlalchemy.dialects import sqlite as sqlite_dialect
    from sqlalchemy.schema import CreateIndex, CreateTable

    from checkin.core.demo import _generate
    from checkin.store.models import Attendee
    from checkin.store.types import utcnow

    table = Attendee.__table__
    dialect = sqlite_dialect.dialect()
    sessions: list[dict] = []
    rows, _ = _generate(attendees, 1, {c: 1 for c in ("participant", "partenaire", "organisateur",
                                                       "benevole", "presse")}, sessions, utcnow())
    names = list(rows[0].keys()) + ["event_id", "notes", "walk_in"]
    stamp = lambda d: d.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")  # noqa: E731
    tuples = [tuple(stamp(v) if k in ("created_at", "updated_at") else v
                    for k, v in r.items()) + (1, "", False) for r in rows]
    ddl = [str(CreateTable(table).compile(dialect=dialect)).replace(
        "FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE CASCADE,", "").replace(
        "FOREIGN KEY(category_id) REFERENCES category (id) ON DELETE SET NULL,", "")]
    ddl += [str(CreateIndex(ix).compile(dialect=dialect)) for ix in table.indexes]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA cache_size=-32768")  # the page cache checkin's own connections use
    for statement in ddl:
        conn.execute(statement)
    sql = f"INSERT INTO attendee ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(sql, tuples)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed
