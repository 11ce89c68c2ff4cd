"""Loading the sample event with N registrants, beside sqlite3 inserting the same rows."""

from __future__ import annotations

import time
from datetime import UTC
from pathlib import Path
from typing import Any

from checkin.bench.common import raw_attendee_store


def bench_demo_load(tmp: Path, attendees: int) -> dict[str, Any]:
    from checkin.core.demo import load_demo
    from checkin.store import open_store, store_size

    path = tmp / "demo.sqlite3"
    engine = open_store(f"sqlite:///{path}")
    started = time.perf_counter()
    report = load_demo(engine, attendees, seed=1)
    seconds = time.perf_counter() - started
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    size = store_size(path)
    baseline = _raw_insert_baseline(tmp / "raw.sqlite3", attendees)
    return {
        "name": "demo_load",
        "what": f"checkin demo --attendees {attendees} (programme, registrants, search index, enrollments)",
        "seconds": round(seconds, 3), "store_bytes": size, "added": report.added,
        "baseline_seconds": round(baseline, 3),
        "baseline": "raw sqlite3 executemany of the same registrant rows into the same table, WAL, synchronous=FULL",
        "ratio": round(seconds / baseline, 1) if baseline else None,
        "line": (f"demo load, {attendees} registrants: {seconds:.2f} s, store {size / 1e6:.1f} MB "
                 f"(raw sqlite3 insert of the same rows: {baseline:.2f} s, ×{seconds / baseline:.1f})"),
    }


def _raw_insert_baseline(path: Path, attendees: int) -> float:
    """The same attendee rows and table (same indexes), inserted by sqlite3 alone."""

    from checkin.core.demo import _generate
    from checkin.store.types import utcnow

    sessions: list[dict] = []
    rows, _ = _generate(attendees, 1, {c: 1 for c in ("participant", "partenaire", "organisateur",
                                                       "benevole", "presse")}, sessions, utcnow())
    names = list(rows[0].keys()) + ["event_id", "notes", "walk_in"]
    stamp = lambda d: d.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # noqa: E731
    tuples = [tuple(stamp(v) if k in ("created_at", "updated_at") else v
                    for k, v in r.items()) + (1, "", False) for r in rows]
    conn = raw_attendee_store(path)
    sql = f"INSERT INTO attendee ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(sql, tuples)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed
