"""All the figures in order, on one throwaway store (and a copy of it for the exports)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checkin.bench.common import machine

Report = Callable[[str], None]


def run_bench(attendees: int = 100_000, progress: Report | None = None,
              server: str | None = None) -> dict[str, Any]:
    say = progress or (lambda _m: None)
    from checkin.bench.demo_load import bench_demo_load
    from checkin.bench.search import bench_search

    results = []
    with tempfile.TemporaryDirectory(prefix="checkin-bench-") as tmp:
        say(f"demo load: {attendees} registrants…")
        results.append(bench_demo_load(Path(tmp), attendees))
        say("search: prefixes of last names, ticket codes…")
        results.extend(bench_search(Path(tmp) / "demo.sqlite3"))
        # The exports get a store of their own, so that theirs are the day's only scans.
        shutil.copy(Path(tmp) / "demo.sqlite3", Path(tmp) / "exports.sqlite3")
        say("scans: entrance decisions with two earlier scans per registrant…")
        from checkin.bench.scan import bench_scans, seed_earlier_scans

        earlier = seed_earlier_scans(Path(tmp) / "demo.sqlite3")
        results.append(bench_scans(Path(tmp) / "demo.sqlite3", earlier))
        say("occupancy: the coordinator's refresh with 60 sessions…")
        from checkin.bench.occupancy import bench_occupancy

        results.append(bench_occupancy(Path(tmp) / "demo.sqlite3"))
        say("occupancy: the Rooms tab's categories and curve of the day…")
        from checkin.bench.occupancy import bench_rooms_breakdowns

        results.extend(bench_rooms_breakdowns(Path(tmp) / "demo.sqlite3"))
        say("desk: keys typed in the window, scanner bursts to the answer painted…")
        from checkin.bench.desk_keys import bench_desk_keys

        results.extend(bench_desk_keys(Path(tmp) / "demo.sqlite3"))
        say("desk: 300 scans printing their badges at check-in, the UI thread's longest stall…")
        from checkin.bench.desk_print import bench_print_stall

        results.extend(bench_print_stall(Path(tmp) / "demo.sqlite3"))
        say("start: a fresh process to a ready desk window…")
        from checkin.bench.start import bench_start

        results.append(bench_start(Path(tmp) / "demo.sqlite3", attendees))
        say(f"import: a {attendees}-row Weezevent CSV…")
        from checkin.bench.importing import bench_import

        results.append(bench_import(Path(tmp), attendees))
        say(f"exports: every kind, {attendees} registrants with two scans each…")
        from checkin.bench.exports import bench_exports

        results.extend(bench_exports(Path(tmp) / "exports.sqlite3", attendees))
        say("badges: render, a 1 000-badge PDF, a walk-in badge…")
        from checkin.bench.badges import bench_badges

        results.extend(bench_badges(Path(tmp) / "demo.sqlite3", Path(tmp)))
    if server:
        say("desks on a shared server: online 2 ms away, offline, a silent link, a replay…")
        from checkin.bench.desk_link import bench_desk_link

        results.extend(bench_desk_link(server))
    return {"machine": machine(), "attendees": attendees, "results": results}


