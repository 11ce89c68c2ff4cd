"""Scan → committed decision, mid-event: the demo store plus earlier scans (by default two
per registrant: everyone came in and went out once), then entrance scans through
ScanService beside raw sqlite3 doing a lookup + INSERT + COMMIT on the same file with the
same durability settings (WAL, synchronous=FULL)."""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SCANS = 2000


def seed_earlier_scans(path: Path, per_person: int = 2) -> int:
    """Earlier scans and the presence they leave, written straight into the store (setup,
    not measured). Returns how many scans were added."""
    conn = sqlite3.connect(path, isolation_level=None)
    people = conn.execute("SELECT id, event_id, code FROM attendee WHERE status = 'registered' "
                          "ORDER BY id").fetchall()
    start = datetime(2026, 12, 10, 7, 30)
    rows, presence = [], []
    next_id = (conn.execute("SELECT coalesce(max(id), 0) FROM scan").fetchone()[0] or 0) + 1
    for i, (aid, eid, code) in enumerate(people):
        moves = (["entry", "exit"] * per_person)[:per_person]
        for k, kind in enumerate(moves):
            stamp = (start + timedelta(seconds=i // 20 + 60 * k)).strftime("%Y-%m-%d %H:%M:%S.%f")
            rows.append((next_id, str(uuid.uuid4()), eid, code, aid, kind, "bench", "bench", stamp,
                         stamp, "admitted" if kind == "entry" else "exited", "", None))
            last = (aid, 0, eid, kind == "entry", next_id)
            next_id += 1
        if moves:
            presence.append(last)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO scan (id, uuid, event_id, code, attendee_id, kind, desk, operator, desk_time, "
        "recorded_at, result, reason, undoes_scan_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT OR REPLACE INTO presence (attendee_id, place, event_id, inside, scan_id) "
                     "VALUES (?,?,?,?,?)", presence)
    conn.execute("COMMIT")
    conn.execute("PRAGMA optimize")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return len(rows)


def bench_scans(path: Path, earlier: int, scans: int = SCANS) -> dict[str, Any]:
    from checkin.bench.common import percentile
    from checkin.core.admission.scan import ScanService
    from checkin.store import open_store

    engine = open_store(f"sqlite:///{path}")
    with engine.connect() as conn:
        event_id = conn.exec_driver_sql("SELECT min(id) FROM event").scalar_one()
        codes = [r[0] for r in conn.exec_driver_sql(
            "SELECT code FROM attendee WHERE event_id = ? ORDER BY id", (event_id,))]
    scans = min(scans, 2 * len(codes))  # a small store needs fewer to show its shape
    rng = random.Random(7)
    drawn = [rng.choice(codes) for _ in range(scans)]
    desk = ScanService(engine, event_id, desk="bench", operator="bench")
    for code in drawn[:20]:  # warm up: connection, statements, pages
        desk.scan(code, exit=True)
    mine = []
    results: dict[str, int] = {}
    for i, code in enumerate(drawn):
        started = time.perf_counter()
        answer = desk.scan(code, exit=bool(i % 2))
        mine.append((time.perf_counter() - started) * 1000)
        results[answer.result] = results.get(answer.result, 0) + 1
    engine.dispose()
    base = _raw_scans(path, event_id, drawn)
    m50, m99 = percentile(mine, 50), percentile(mine, 99)
    b50, b99 = percentile(base, 50), percentile(base, 99)
    return {
        "name": "scan_decision",
        "what": f"entrance scan → committed decision, {len(codes)} registrants, {earlier} earlier scans",
        "scans": scans, "results": results,
        "p50_ms": round(m50, 3), "p99_ms": round(m99, 3),
        "baseline_p50_ms": round(b50, 3), "baseline_p99_ms": round(b99, 3),
        "baseline": "raw sqlite3: SELECT the attendee by code, INSERT the scan, COMMIT "
                    "(WAL, synchronous=FULL), same file",
        "ratio": round(m99 / b99, 1) if b99 else None,
        "line": (f"scan → committed decision ({earlier} earlier scans): p50 {m50:.2f} ms, "
                 f"p99 {m99:.2f} ms (raw sqlite3 lookup + INSERT + COMMIT: p50 {b50:.2f} ms, "
                 f"p99 {b99:.2f} ms, ×{m99 / b99:.1f})"),
    }


def _raw_scans(path: Path, event_id: int, codes: list[str]) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA cache_size=-32768")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    out = []
    for code in codes[:20] + codes:
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute("SELECT id FROM attendee WHERE event_id = ? AND code = ?",
                           (event_id, code)).fetchone()
        conn.execute(
            "INSERT INTO scan (uuid, event_id, code, attendee_id, kind, desk, operator, desk_time, "
            "recorded_at, result, reason) VALUES (?, ?, ?, ?, 'entry', 'raw', '', ?, ?, 'admitted', '')",
            (str(uuid.uuid4()), event_id, code, row[0] if row else None, stamp, stamp))
        conn.execute("COMMIT")
        out.append((time.perf_counter() - started) * 1000)
    conn.close()
    return out[20:]
