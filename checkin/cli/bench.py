"""`checkin bench`: the app measured on a throwaway store, each figure beside a baseline."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checkin.cli.common import EXIT_OK, UsageError, count, emit, json_flag


def add_parser(sub: Any) -> None:
    bench = sub.add_parser("bench", help="measure the app on a throwaway store")
    bench.add_argument("--attendees", type=count, default=100_000, metavar="N")
    bench.add_argument("--server", metavar="URL",
                       help="a PostgreSQL server (a role that may create databases): adds the "
                            "figures of desks sharing it, made in a database of their own")
    bench.add_argument("--only", choices=("desks",),
                       help="only these figures (desks: needs --server)")
    json_flag(bench)
    bench.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.bench.run import run_bench

    say = lambda msg: print(msg, file=sys.stderr)  # noqa: E731
    if args.only == "desks":
        if not args.server:
            raise UsageError("--only desks measures desks on a server: give it with --server URL")
        from checkin.bench.common import machine
        from checkin.bench.desk_link import bench_desk_link

        say("desks on a shared server: online 2 ms away, offline, a silent link, a replay…")
        results = {"machine": machine(), "results": bench_desk_link(args.server)}
    else:
        results = run_bench(args.attendees, progress=say, server=args.server)
    emit(args, results, "\n".join(r["line"] for r in results["results"]))
    return EXIT_OK
