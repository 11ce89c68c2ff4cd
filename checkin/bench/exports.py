"""`checkin bench`: end-of-day exports on the demo store with two scans per registrant.

Scans are bulk-inserted (an entrance scan, then the opening plenary's door), not made
through the scan service: the figure measured is the export, not the scanning. The exports
are made an hour after the event's end, as staff make them. Each
export kind is timed beside one baseline: raw sqlite3 writing the joined scan log with
csv.writer, the least any export of that many rows can cost.
"""

from __future__ import annotations

import csv
import sqlite3
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

CASES = (("attendance", "csv"), ("attendance", "xlsx"), ("sessions", "csv"), ("absent", "csv"),
         ("walk-ins", "csv"), ("scans", "csv"), ("scans", "xlsx"), ("stats", "xlsx"),
         ("stats", "pdf"), ("sign-in", "pdf"))


def add_scans(engine: Any, event_id: int) -> int:
    """An entrance scan per registrant over the 45-minute rush, and a door scan into the
    first plenary a few minutes later: two scans per registrant."""
    import sqlalchemy as sa

    from checkin.store.bulk import bulk_insert
    from checkin.store.models import Scan
    from checkin.store.types import UTCDateTime

    with engine.begin() as conn:
        starts, plenary = conn.execute(sa.text(
            "SELECT e.starts_at, (SELECT id FROM session s WHERE s.event_id = e.id AND "
            "s.kind = 'plenary' ORDER BY s.starts_at LIMIT 1) FROM event e WHERE e.id = :e")
            .columns(starts_at=UTCDateTime),
            {"e": event_id}).one()
        people = conn.execute(sa.text("SELECT id, code FROM attendee WHERE event_id = :e "
                                      "ORDER BY id"), {"e": event_id}).all()
        rows = []
        for n, (aid, code) in enumerate(people):
            at = starts + timedelta(seconds=(n * 7919) % 2700)
            inside = at + timedelta(minutes=10)
            for kind, session, when in (("entry", None, at), ("session_entry", plenary, inside)):
                rows.append(dict(uuid=str(uuid.uuid4()), event_id=event_id, code=code,
                                 attendee_id=aid, kind=kind, session_id=session, desk="bench",
                                 operator="bench", desk_time=when, recorded_at=when,
                                 result="admitted", reason="", undoes_scan_id=None))
            if len(rows) >= 20_000:
                bulk_insert(conn, Scan, rows)
                rows = []
        bulk_insert(conn, Scan, rows)
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("ANALYZE")
    return 2 * len(people)


def _baseline(path: Path, out: Path) -> float:
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerows(conn.execute(
            "SELECT s.id, s.recorded_at, s.desk, s.kind, s.result, s.code, a.last_name, "
            "a.first_name FROM scan s LEFT JOIN attendee a ON a.id = s.attendee_id ORDER BY s.id"))
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def bench_exports(path: Path, attendees: int) -> list[dict[str, Any]]:
    """Time every export kind on the demo store at `path` (scans are added to it)."""
    import sqlalchemy as sa

    from checkin.core.clock import fixed_clock
    from checkin.core.exports.run import run_export
    from checkin.store import open_store
    from checkin.store.types import UTCDateTime

    engine = open_store(f"sqlite:///{path}")
    with engine.connect() as conn:
        event_id = conn.exec_driver_sql("SELECT min(id) FROM event").scalar_one()
    scans = add_scans(engine, event_id)
    # Made at the end of the day, as staff make them: the sign-in sheets then list who was
    # on site during the sessions nobody was scanned into (the contest, the closing plenary).
    with engine.connect() as conn:
        ends = conn.execute(sa.text("SELECT ends_at FROM event WHERE id = :e")
                            .columns(ends_at=UTCDateTime), {"e": event_id}).scalar_one()
    evening = fixed_clock(ends + timedelta(hours=1))
    folder = path.parent / "exports"
    folder.mkdir(exist_ok=True)
    baseline = _baseline(path, folder / "baseline.csv")
    results = []
    for kind, fmt in CASES:
        started = time.perf_counter()
        report = run_export(engine, event_id, kind, folder / f"{kind}.{fmt}", actor="bench",
                            clock=evening)
        seconds = time.perf_counter() - started
        results.append({
            "name": f"export_{kind}_{fmt}".replace("-", "_"),
            "what": f"checkin export {kind} --out {kind}.{fmt} ({attendees} registrants, {scans} scans)",
            "seconds": round(seconds, 3), "rows": report.rows,
            "baseline_seconds": round(baseline, 3),
            "baseline": "raw sqlite3 + csv.writer of the scan log joined to names, same store",
            "ratio": round(seconds / baseline, 1) if baseline else 0.0,
            "line": (f"export {kind} ({fmt}), {attendees} registrants / {scans} scans: "
                     f"{seconds:.2f} s, {report.rows} rows (raw sqlite3 + csv of the scan log: "
                     f"{baseline:.2f} s, ×{seconds / baseline if baseline else 0:.1f})"),
        })
    engine.dispose()
    return results
