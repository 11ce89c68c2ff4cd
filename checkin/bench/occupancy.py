"""The coordinator's refresh: venue totals and every session's seats, with 60 sessions and
the door scans of a busy afternoon, beside raw sqlite3 running the same statements."""

from __future__ import annotations

import sqlite3
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

SESSIONS = 60
RUNS = 30
BREAKDOWN_RUNS = 5


def add_sessions_and_doors(path: Path, sessions: int = SESSIONS) -> tuple[int, int]:
    """Copies of the sample's parallel sessions up to `sessions` in all, and a door entry
    for each booked person of each afternoon session (setup, not measured)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    have = conn.execute("SELECT count(*) FROM session").fetchone()[0]
    models = conn.execute("SELECT event_id, title, kind, track_id, room_id, starts_at, ends_at, "
                          "capacity, audience_categories, audience_professions, speakers, "
                          "description FROM session WHERE kind IN ('track_session', "
                          "'network_workshop') ORDER BY id").fetchall()
    for i in range(max(0, sessions - have)):
        m = models[i % len(models)]
        conn.execute("INSERT INTO session (event_id, key, title, kind, track_id, room_id, starts_at, "
                     "ends_at, capacity, audience_categories, audience_professions, speakers, "
                     "description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (m[0], f"bench-{i}", f"{m[1]} ({i})", *m[2:]))
    booked = conn.execute(
        "SELECT en.attendee_id, en.session_id, s.event_id FROM enrollment en JOIN session s "
        "ON s.id = en.session_id WHERE en.status = 'booked' AND s.starts_at > '2026-12-10 12:00'"
    ).fetchall()
    stamp = "2026-12-10 13:02:00.000000"
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM scan").fetchone()[0]
    rows, presence = [], []
    for n, (aid, sid, eid) in enumerate(booked):
        if n % 4 == 3:
            continue  # a quarter have not come in yet: their seats are held
        rows.append((next_id, str(uuid.uuid4()), eid, "bench", aid, "session_entry", sid, "porte",
                     "bench", stamp, stamp, "admitted", ""))
        presence.append((aid, sid, eid, True, next_id))
        next_id += 1
    conn.executemany("INSERT INTO scan (id, uuid, event_id, code, attendee_id, kind, session_id, "
                     "desk, operator, desk_time, recorded_at, result, reason) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT OR REPLACE INTO presence (attendee_id, place, event_id, inside, "
                     "scan_id) VALUES (?,?,?,?,?)", presence)
    conn.execute("COMMIT")
    total = conn.execute("SELECT count(*) FROM session").fetchone()[0]
    scans = conn.execute("SELECT count(*) FROM scan").fetchone()[0]
    conn.execute("PRAGMA optimize")
    conn.close()
    return total, scans


def bench_occupancy(path: Path) -> dict[str, Any]:
    from checkin.bench.common import percentile
    from checkin.core.monitoring import occupancy as occ
    from checkin.store.queries import seating as seating_q
    from checkin.store.queries.monitoring import VENUE_TOTALS
    from checkin.store.queries.programme import SESSION_COUNTS
    from checkin.store import open_store

    sessions, scans = add_sessions_and_doors(path)
    engine = open_store(f"sqlite:///{path}")
    at = datetime(2026, 12, 10, 13, 5, tzinfo=UTC)
    for _ in range(3):
        occ.occupancy(engine, 1, at)  # warm up: pages cached, statements compiled
    mine = []
    for _ in range(RUNS):
        started = time.perf_counter()
        occ.occupancy(engine, 1, at)
        mine.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA cache_size=-32768")
    statements = [(VENUE_TOTALS.sql, {"event": 1, "venue": 0}),
                  (SESSION_COUNTS.sql, {"event": 1}),
                  (seating_q.PRESENT_BY_PLACE.sql, {"event": 1, "venue": 0}),
                  (seating_q.BOOKED_WHO_CAME.sql, {"event": 1, "venue": 0}),
                  (seating_q.SESSIONS.sql, {"event": 1})]
    base = []
    for i in range(RUNS + 3):
        started = time.perf_counter()
        for sql, params in statements:
            raw.execute(sql, params).fetchall()
        if i >= 3:
            base.append((time.perf_counter() - started) * 1000)
    raw.close()
    m50, m95 = percentile(mine, 50), percentile(mine, 95)
    b50, b95 = percentile(base, 50), percentile(base, 95)
    return {
        "name": "occupancy_refresh",
        "what": f"coordinator view refresh: venue totals and {sessions} sessions' seats, {scans} scans",
        "p50_ms": round(m50, 3), "p95_ms": round(m95, 3),
        "baseline_p50_ms": round(b50, 3), "baseline_p95_ms": round(b95, 3),
        "baseline": "raw sqlite3 running the same SQL statements on the same store",
        "ratio": round(m95 / b95, 1) if b95 else None,
        "line": (f"occupancy refresh, {sessions} sessions, {scans} scans: p50 {m50:.1f} ms, "
                 f"p95 {m95:.1f} ms (raw sqlite3, same SQL: p50 {b50:.1f} ms, p95 {b95:.1f} ms, "
                 f"×{m95 / b95:.1f})"),
    }


def bench_rooms_breakdowns(path: Path) -> list[dict[str, Any]]:
    """The Rooms tab's slower reads on the same store: the totals per category (every
    CATEGORY_MS) and the day's curve of arrivals and people inside (every SLOW_MS), each
    beside raw sqlite3 running the same SQL."""
    from checkin.bench.common import percentile
    from checkin.core.monitoring import occupancy as occ
    from checkin.core.monitoring.arrivals import arrival_curve
    from checkin.store.queries.monitoring import BY_CATEGORY, FIRST_ARRIVALS, VENUE_MOVES
    from checkin.store import open_store

    engine = open_store(f"sqlite:///{path}")
    at = datetime(2026, 12, 10, 16, 0, tzinfo=UTC)
    with engine.connect() as conn:
        scans = conn.execute(sa.text("SELECT count(*) FROM scan")).scalar_one()
    figures = [("rooms_categories", "totals per category (Rooms tab, every 5 s)",
                lambda: occ.category_totals(engine, 1),
                [(BY_CATEGORY.sql, {"event": 1, "venue": 0})]),
               ("rooms_curve", "arrivals and people inside over the day (Rooms tab, every 30 s)",
                lambda: arrival_curve(engine, 1, at),
                [(sql, {"e": 1, "start": "2026-12-10 06:30:00.000000", "minutes": 5})
                 for sql in (FIRST_ARRIVALS["sqlite"].sql, VENUE_MOVES["sqlite"].sql)])]
    results = []
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA cache_size=-32768")
    for name, what, read, statements in figures:
        read()  # warm up
        mine = []
        for _ in range(BREAKDOWN_RUNS):
            started = time.perf_counter()
            read()
            mine.append((time.perf_counter() - started) * 1000)
        base = []
        for i in range(BREAKDOWN_RUNS + 1):
            started = time.perf_counter()
            for sql, params in statements:
                raw.execute(sql, params).fetchall()
            if i:
                base.append((time.perf_counter() - started) * 1000)
        m50, b50 = percentile(mine, 50), percentile(base, 50)
        results.append({
            "name": name, "what": f"{what}, {scans} scans",
            "p50_ms": round(m50, 1), "baseline_p50_ms": round(b50, 1),
            "baseline": "raw sqlite3 running the same SQL statements on the same store",
            "ratio": round(m50 / b50, 2) if b50 else None,
            "line": f"{what}, {scans} scans: p50 {m50:.0f} ms (raw sqlite3, same SQL: "
                    f"{b50:.0f} ms, ×{m50 / b50:.2f})"})
    raw.close()
    engine.dispose()
    return results
