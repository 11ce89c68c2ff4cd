"""A desk on a shared PostgreSQL server, through the relay that fails as venue Wi-Fi fails
(checkin/bench/relay.py): online scans with the server 2 ms away, offline scans on the
desk's replica, the wait from the link going silent to the first answer, and the replay of
a queue of scans once the link is back — each beside a baseline.

Needs a PostgreSQL server (`checkin bench --server URL`, a role that may create databases):
the figures are made in a database of their own, dropped afterwards.
"""

from __future__ import annotations

import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from checkin.bench.common import percentile

ATTENDEES = 2000
SCANS = 1000
AWAY_S = 0.001  # each way: a server 2 ms away (a round trip)


@contextmanager
def _bench_database(server_url: str) -> Iterator[str]:
    from checkin.store import resolve_url

    base = sa.make_url(resolve_url(server_url))
    name = f"checkin_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _codes(engine: sa.Engine, event: int) -> list[str]:
    from checkin.store.queries.scans import Code
    from checkin.store.query import Query

    registered = Query("SELECT code FROM attendee WHERE event_id = :event "
                       "AND status = 'registered' ORDER BY id", Code)
    with engine.connect() as conn:
        return [row.code for row in registered.all(conn, event=event)]


def _ms(values: list[float]) -> tuple[float, float]:
    return percentile(values, 50), percentile(values, 99)


def bench_desk_link(server_url: str, attendees: int = ATTENDEES,
                    scans: int = SCANS) -> list[dict[str, Any]]:
    from checkin.bench.relay import RelayProcess, pg_target, pg_url_through
    from checkin.core.admission.desk_backend import ScanRequest
    from checkin.core.admission.desk_status import LinkState
    from checkin.core.admission.offline_desk import OfflineDesk
    from checkin.core.admission.scan import ScanService
    from checkin.core.demo import load_demo
    from checkin.store import open_store

    with _bench_database(server_url) as url, tempfile.TemporaryDirectory() as tmp:
        engine = open_store(url)
        event = load_demo(engine, attendees).event_id
        codes = _codes(engine, event)
        rng = random.Random(11)
        drawn = [rng.choice(codes) for _ in range(scans)]
        relay = RelayProcess(pg_target(url))  # not in the desk's own process
        relay.delay(AWAY_S)
        through = pg_url_through(url, relay)
        try:
            # Baseline: the same service straight on the server 2 ms away, no desk around it.
            direct = open_store(through)
            service = ScanService(direct, event, desk="baseline", operator="bench")
            base = []
            for i, code in enumerate(drawn[:200]):
                started = time.perf_counter()
                service.scan(code, exit=bool(i % 2))
                base.append((time.perf_counter() - started) * 1000)
            direct.dispose()

            desk = OfflineDesk(through, Path(tmp) / "replica.sqlite3", event, desk="bench").start()
            while desk.status().replica_at is None:
                time.sleep(0.05)
            online = []
            for i, code in enumerate(drawn[:200]):
                started = time.perf_counter()
                desk.decide(ScanRequest(code, "bench", exit=bool(i % 2)))
                online.append((time.perf_counter() - started) * 1000)

            silences = []
            for round_ in range(3):
                relay.blackhole()
                started = time.perf_counter()
                desk.decide(ScanRequest(drawn[round_], "bench"))
                silences.append(time.perf_counter() - started)
                relay.pass_()
                relay.delay(AWAY_S)
                while desk.status().state != LinkState.ONLINE or desk.status().waiting:
                    time.sleep(0.02)
            # In the field the server's disk is not the desk's; here they share one: the
            # server writes its dirty pages out first, so that its checkpoint does not land
            # in the middle of the desk's own local commits.
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("CHECKPOINT")
            relay.blackhole()
            desk.decide(ScanRequest(drawn[0], "bench"))  # the deadline: offline from here
            offline: list[float] = []
            for i, code in enumerate(drawn):
                started = time.perf_counter()
                desk.decide(ScanRequest(code, "bench", exit=bool(i % 2)))
                offline.append((time.perf_counter() - started) * 1000)
            # The replay: the desk started again with the server next door (no relay: its
            # own thread would share this process's time with the desk's), from its start
            # to the last queued scan on the server.
            queued = desk.status().waiting
            desk.close()
            started = time.perf_counter()
            desk = OfflineDesk(url, Path(tmp) / "replica.sqlite3", event, desk="bench").start()
            while desk.status().waiting:
                time.sleep(0.005)
            replay_s = time.perf_counter() - started
            desk.close()

            plain = _local_baseline(Path(tmp), drawn)
        finally:
            relay.close()
            engine.dispose()

    o50, o99 = _ms(online)
    b50, b99 = _ms(base)
    f50, f99 = _ms(offline)
    l50, l99 = _ms(plain)
    silent = max(silences)
    return [
        {"name": "desk_scan_online", "what": "a desk's scan through a server 2 ms away",
         "p50_ms": round(o50, 2), "p99_ms": round(o99, 2),
         "baseline_p50_ms": round(b50, 2), "baseline_p99_ms": round(b99, 2),
         "baseline": "ScanService straight on the same server, no desk around it",
         "line": (f"desk scan, server 2 ms away: p50 {o50:.1f} ms, p99 {o99:.1f} ms "
                  f"(ScanService alone: p50 {b50:.1f} ms, p99 {b99:.1f} ms)")},
        {"name": "desk_scan_offline", "what": "a desk's scan decided on its replica, queued",
         "p50_ms": round(f50, 2), "p99_ms": round(f99, 2),
         "baseline_p50_ms": round(l50, 2), "baseline_p99_ms": round(l99, 2),
         "baseline": "ScanService on a local SQLite store with the same registrants",
         "line": (f"desk scan offline (replica + outbox): p50 {f50:.2f} ms, p99 {f99:.2f} ms "
                  f"(local store alone: p50 {l50:.2f} ms, p99 {l99:.2f} ms)")},
        {"name": "desk_link_silent", "what": "from the link going silent to the first answer",
         "seconds": round(silent, 2), "baseline_seconds": 1.5, "baseline": "the desk's deadline",
         "line": f"link gone silent → first answer: {silent:.2f} s, worst of 3 (deadline 1.5 s)"},
        {"name": "desk_replay", "what": f"replay of {queued} queued scans, server next door",
         "seconds": round(replay_s, 2), "scans": queued,
         "line": (f"replay of {queued} queued scans (in batches of 50 per server "
                  f"transaction): {replay_s:.2f} s")},
    ]


def _local_baseline(tmp: Path, drawn: list[str]) -> list[float]:
    """The same decisions on a local SQLite store (what a desk on its own file costs)."""
    from checkin.core.admission.scan import ScanService
    from checkin.core.demo import load_demo
    from checkin.store import open_store

    engine = open_store(f"sqlite:///{tmp / 'local.sqlite3'}")
    event = load_demo(engine, ATTENDEES).event_id
    service = ScanService(engine, event, desk="baseline", operator="bench")
    out = []
    for i, code in enumerate(drawn):
        started = time.perf_counter()
        service.scan(code, exit=bool(i % 2))
        out.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    return out
