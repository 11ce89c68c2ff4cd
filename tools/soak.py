"""Soak: several desk processes scan one store for a long time, then the books must balance.

Why: each fault test proves one failure; a soak proves the ordinary path stays right
when it runs for a whole morning from several desks at once — no answer given without
its row, no row without an answer, and the presence table (what the coordinator's counts
and every decision read) equal to what the append-only scan log says.

    python -m tools.soak URL --scans 50000 --processes 2

Each process is a desk of its own (own engine, own desk name) scanning random codes of a
demo store: entries, exits and undos mixed, and a few unknown codes. Afterwards
`reconcile` recomputes everyone's place from the log and compares.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

# Share of actions a desk makes; the rest are entries. Unknown codes: misreads, other events.
EXIT_SHARE, UNDO_SHARE, UNKNOWN_SHARE = 0.30, 0.05, 0.02
SEED = 1


@dataclass
class SoakReport:
    url: str
    processes: int
    answers: int = 0                 # answers the desks received (each one acknowledged)
    errors: int = 0                  # scans refused by the store (nothing acknowledged)
    seconds: float = 0.0
    results: Counter = field(default_factory=Counter)
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    scan_rows: int = 0               # rows the run added to the scan log
    inside_by_log: int = 0
    inside_by_presence: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def summary(self) -> str:
        rate = self.answers / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.answers} answers from {self.processes} processes in {self.seconds:.1f} s "
            f"({rate:.0f} scans/s; p50 {self.p50_ms:.2f} ms, p99 {self.p99_ms:.2f} ms per scan), "
            f"{self.errors} refused by the store",
            "results: " + ", ".join(f"{k} {v}" for k, v in sorted(self.results.items())),
            f"scan rows added: {self.scan_rows}; inside by the log: {self.inside_by_log}, "
            f"by the presence table: {self.inside_by_presence}",
            "reconciled: OK" if self.ok else "MISMATCHES:\n  " + "\n  ".join(self.mismatches[:20]),
        ]
        return "\n".join(lines)


def soak(url: str, scans: int, processes: int = 2, *, attendees: int | None = None,
         seed: int = SEED) -> SoakReport:
    """Run `scans` scans split over `processes` desk processes, then reconcile."""
    from checkin.core.demo import load_demo
    from checkin.store import open_store

    engine = open_store(url)
    try:
        people = attendees or max(100, min(5000, scans // 10))
        event = load_demo(engine, people, seed=seed).event_id
        with engine.connect() as conn:
            codes = list(conn.execute(sa.text(
                "SELECT code FROM attendee WHERE event_id = :e ORDER BY id"), {"e": event}).scalars())
            start_id = conn.execute(sa.text("SELECT coalesce(max(id), 0) FROM scan")).scalar_one()
        report = SoakReport(url=engine.url.render_as_string(hide_password=True),
                            processes=processes)
        _run_desks(url, event, codes, scans, processes, seed, report)
        reconcile(engine, event, start_id, report)
        return report
    finally:
        engine.dispose()


def _run_desks(url: str, event: int, codes: list[str], scans: int, processes: int,
               seed: int, report: SoakReport) -> None:
    # spawn: each desk starts clean, as a real second desk would (no engine shared by fork).
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    ready = ctx.Barrier(processes + 1)
    shares = [scans // processes + (1 if i < scans % processes else 0) for i in range(processes)]
    desks = [ctx.Process(target=_desk, args=(url, event, codes, n, seed * 1000 + i,
                                             f"soak-{i}", ready, results))
             for i, n in enumerate(shares)]
    for p in desks:
        p.start()
    try:
        ready.wait(timeout=300)  # every desk is connected: the clock starts now, together
    except threading.BrokenBarrierError:
        pass  # a desk failed to start: it says why on the queue
    started = time.perf_counter()
    timings: list[float] = []
    for _ in desks:
        out = results.get(timeout=3600)
        if "crash" in out:
            report.mismatches.append(f"desk process failed: {out['crash']}")
            continue
        report.answers += out["answers"]
        report.errors += out["errors"]
        report.results.update(out["results"])
        timings.extend(out["timings"])
    report.seconds = time.perf_counter() - started
    for p in desks:
        p.join(timeout=60)
    if timings:
        timings.sort()
        report.p50_ms = statistics.median(timings) * 1000
        report.p99_ms = timings[min(len(timings) - 1, int(len(timings) * 0.99))] * 1000


def _desk(url: str, event: int, codes: list[str], scans: int, seed: int, desk: str,
          ready: Any, results: Any) -> None:
    """One desk process: its own engine and ScanService, random actions, every answer counted."""
    try:
        from checkin.core.admission.scan import ScanService
        from checkin.store import StoreError, open_store

        engine = open_store(url)
        service = ScanService(engine, event, desk=desk, operator="soak")
        rng = random.Random(seed)
        counted: Counter = Counter()
        timings: list[float] = []
        errors = 0
        ready.wait(timeout=300)
        for _ in range(scans):
            roll = rng.random()
            code = (f"NOPE{rng.randrange(10**6)}" if roll < UNKNOWN_SHARE
                    else rng.choice(codes))
            began = time.perf_counter()
            try:
                if UNKNOWN_SHARE <= roll < UNKNOWN_SHARE + UNDO_SHARE:
                    answer = service.undo_last(code)
                else:
                    answer = service.scan(code, exit=rng.random() < EXIT_SHARE / (1 - UNDO_SHARE))
            except StoreError:
                errors += 1
                continue
            timings.append(time.perf_counter() - began)
            counted[answer.result] += 1
        engine.dispose()
        results.put({"answers": sum(counted.values()), "errors": errors,
                     "results": dict(counted), "timings": timings})
    except BaseException as exc:  # the parent must hear of it, not wait forever
        ready.abort()
        results.put({"crash": f"{desk}: {type(exc).__name__}: {exc}"})


def reconcile(engine: Engine, event: int, start_id: int, report: SoakReport) -> None:
    """Compare the presence table with what the scan log says, person by person.

    From the log: a person is inside the venue when their last move that counted and was
    not undone — an entry or exit at the entrance, or an admission at a session's door —
    is an entry.
    """
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":  # one snapshot for the log and presence
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        rows = conn.execute(sa.text(
            "SELECT id, attendee_id, kind, result, undoes_scan_id, session_id FROM scan "
            "WHERE event_id = :e ORDER BY id"), {"e": event}).all()
        presence = dict(conn.execute(sa.text(
            "SELECT attendee_id, inside FROM presence WHERE event_id = :e AND place = 0"),
            {"e": event}).all())
        added = conn.execute(sa.text("SELECT count(*) FROM scan WHERE id > :s"),
                             {"s": start_id}).scalar_one()
    undone = {r.undoes_scan_id for r in rows if r.undoes_scan_id is not None}
    last: dict[int, str] = {}
    for r in rows:
        moves = ((r.kind in ("entry", "exit") and r.result in ("admitted", "exited"))
                 or (r.kind == "session_entry" and r.result == "admitted"))
        if moves and r.id not in undone:
            last[r.attendee_id] = r.kind
    by_log = {a: kind in ("entry", "session_entry") for a, kind in last.items()}
    by_presence = {a: bool(inside) for a, inside in presence.items()}
    report.scan_rows = added
    report.inside_by_log = sum(by_log.values())
    report.inside_by_presence = sum(by_presence.values())
    if added != report.answers:
        report.mismatches.append(f"{added} scan rows for {report.answers} answers received")
    for person in sorted(set(by_log) | set(by_presence)):
        if by_log.get(person) != by_presence.get(person):
            report.mismatches.append(f"attendee {person}: log says inside={by_log.get(person)}, "
                                     f"presence says {by_presence.get(person)}")
    from checkin.core.monitoring.occupancy import occupancy
    from checkin.store.types import utcnow

    shown = occupancy(engine, event, utcnow()).venue.inside
    if shown != report.inside_by_log:
        report.mismatches.append(f"occupancy shows {shown} inside, the log says "
                                 f"{report.inside_by_log}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.soak", description=__doc__.split("\n")[0])
    parser.add_argument("url", help="store URL (an SQLite path or postgresql://…); "
                        "use a throwaway store: demo registrants are added")
    parser.add_argument("--scans", type=int, default=50_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--attendees", type=int, default=None)
    args = parser.parse_args(argv)
    report = soak(args.url, args.scans, args.processes, attendees=args.attendees)
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
