"""`checkin bench`: figures measured on a throwaway store, each beside a raw-SQLite
baseline doing the same work in the same run, so a reader can judge the overhead.

Run it on an idle machine; it prints the figures, it asserts nothing.
"""

from __future__ import annotations

import os
import platform
import shutil
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
        say("search: prefixes of last names, ticket codes…")
        results.extend(_bench_search(Path(tmp) / "demo.sqlite3"))
        # The exports get a store of their own, so that theirs are the day's only scans.
        shutil.copy(Path(tmp) / "demo.sqlite3", Path(tmp) / "exports.sqlite3")
        say("scans: entrance decisions with two earlier scans per registrant…")
        from checkin.bench_scan import bench_scans, seed_earlier_scans

        earlier = seed_earlier_scans(Path(tmp) / "demo.sqlite3")
        results.append(bench_scans(Path(tmp) / "demo.sqlite3", earlier))
        say("occupancy: the coordinator's refresh with 60 sessions…")
        from checkin.bench_occupancy import bench_occupancy

        results.append(bench_occupancy(Path(tmp) / "demo.sqlite3"))
        say("start: a fresh process to a ready desk window…")
        from checkin.bench_start import bench_start

        results.append(bench_start(Path(tmp) / "demo.sqlite3", attendees))
        say(f"import: a {attendees}-row Weezevent CSV…")
        from checkin.bench_import import bench_import

        results.append(bench_import(Path(tmp), attendees))
        say(f"exports: every kind, {attendees} registrants with two scans each…")
        from checkin.bench_exports import bench_exports

        results.extend(bench_exports(Path(tmp) / "exports.sqlite3", attendees))
        say("badges: render, a 1 000-badge PDF, a walk-in badge…")
        from checkin.bench_badges import bench_badges

        results.extend(bench_badges(Path(tmp) / "demo.sqlite3", Path(tmp)))
    return {"machine": machine(), "attendees": attendees, "results": results}


def _bench_demo_load(tmp: Path, attendees: int) -> dict[str, Any]:
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
    from datetime import timezone

    from checkin.core.demo import _generate
    from checkin.store.types import utcnow

    sessions: list[dict] = []
    rows, _ = _generate(attendees, 1, {c: 1 for c in ("participant", "partenaire", "organisateur",
                                                       "benevole", "presse")}, sessions, utcnow())
    names = list(rows[0].keys()) + ["event_id", "notes", "walk_in"]
    stamp = lambda d: d.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")  # noqa: E731
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


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _bench_search(path: Path, queries: int = 200) -> list[dict[str, Any]]:
    """Search on the demo store: p50/p95 for 1 to 4 typed letters of real last names
    (first 20 results), and exact ticket codes; beside raw sqlite3 running the same SQL
    statements (search's two queries: the code lookup and the ranked words query) on
    the same file, so the ratio is what checkin adds in Python and SQLAlchemy."""
    import random

    from checkin.core.search import query_words, search
    from checkin.store import open_store

    engine = open_store(f"sqlite:///{path}")
    with engine.connect() as conn:
        event_id = conn.exec_driver_sql("SELECT min(id) FROM event").scalar_one()
        people = conn.exec_driver_sql(
            "SELECT last_name, code FROM attendee WHERE event_id = ? ORDER BY id",
            (event_id,)).all()
    if not people:
        engine.dispose()
        return []
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA cache_size = -32768")  # as checkin's own connections
    raw.execute("PRAGMA temp_store = MEMORY")
    rng = random.Random(1)
    drawn = [rng.choice(people) for _ in range(queries)]
    results = []
    last_names = [words[0] for words in (query_words(p[0]) for p in drawn) if words]
    cases = [(f"{k} letter{'s' * (k > 1)}", k, [w[:k] for w in last_names]) for k in (1, 2, 3, 4)]
    cases.append(("exact code", 0, [p[1] for p in drawn]))
    for label, letters, texts in cases:
        for text in texts[:5]:  # warm up: statements compiled, pages cached
            search(engine, event_id, text)
            _raw_search(raw, event_id, text)
        mine = [_timed(search, engine, event_id, text) for text in texts]
        base = [_timed(_raw_search, raw, event_id, text) for text in texts]
        high = 99 if letters == 0 else 95
        m50, mhi = _percentile(mine, 50), _percentile(mine, high)
        b50, bhi = _percentile(base, 50), _percentile(base, high)
        name = f"search_{letters}_letters" if letters else "search_exact_code"
        what = (f"search, {label} of a last name, first 20 results" if letters
                else "search by an exact ticket code")
        results.append({
            "name": name, "what": what, "queries": len(texts),
            "p50_ms": round(m50, 3), f"p{high}_ms": round(mhi, 3),
            "baseline_p50_ms": round(b50, 3), f"baseline_p{high}_ms": round(bhi, 3),
            "baseline": "raw sqlite3 running the same SQL statements on the same store",
            "ratio": round(mhi / bhi, 1) if bhi else None,
            "line": (f"{what}: p50 {m50:.2f} ms, p{high} {mhi:.2f} ms (raw sqlite3, same SQL: "
                     f"p50 {b50:.2f} ms, p{high} {bhi:.2f} ms, ×{mhi / bhi:.1f})"),
        })
    raw.close()
    engine.dispose()
    return results


def _timed(fn: Callable[..., Any], *args: Any) -> float:
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1000


def _raw_search(conn: sqlite3.Connection, event_id: int, text: str) -> list[tuple]:
    """What search() sends for one typed word, sent by sqlite3 alone."""
    from checkin.core.search import _EXACT_CODE, _after, _words_query, query_words

    code = text.strip()
    rows = _run_compiled(conn, _EXACT_CODE, {"e": event_id, "codes": sorted(
        {code, code.upper(), code.lower()})})
    word = query_words(text)[0]
    if rows and not word.isalpha():
        return rows  # as search(): an exact ticket code ends the search
    rows += _run_compiled(conn, _words_query(1, 0, (False,)),
                          {"e": event_id, "n": 20, "lo0": word, "hi0": _after(word)})
    return rows


def _run_compiled(conn: sqlite3.Connection, statement: Any, params: dict[str, Any]) -> list[tuple]:
    """Run one of search's SQL texts through sqlite3, which takes the same :name style."""
    sql = statement.text
    flat = {k: v for k, v in params.items() if not isinstance(v, list)}
    for k, values in params.items():
        if isinstance(values, list):
            names = [f"{k}_{i}" for i in range(len(values))]
            sql = sql.replace(f"IN :{k}", "IN (" + ", ".join(f":{n}" for n in names) + ")")
            flat.update(zip(names, values))
    return conn.execute(sql, flat).fetchall()


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
