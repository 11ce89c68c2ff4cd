"""`checkin bench`: the app measured on a throwaway store, each figure beside a baseline."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checkin.cli.common import EXIT_OK, count, emit, json_flag


def add_parser(sub: Any) -> None:
    bench = sub.add_parser("bench", help="measure the app on a throwaway store")
    bench.add_argument("--attendees", type=count, default=100_000, metavar="N")
    json_flag(bench)
    bench.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.bench.run import run_bench

    results = run_bench(args.attendees, progress=lambda msg: print(msg, file=sys.stderr))
    emit(args, results, "\n".join(r["line"] for r in results["results"]))
    return EXIT_OK
