"""`checkin demo`: the sample event with N synthetic registrants."""

from __future__ import annotations

import argparse
from typing import Any

from checkin.cli.common import EXIT_OK, UsageError, count, emit, json_flag, progress


def add_parser(sub: Any) -> None:
    demo = sub.add_parser("demo", help="load the sample event with synthetic registrants")
    demo.add_argument("--attendees", type=count, default=300, metavar="N",
                      help="how many synthetic registrants (default 300)")
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help="random seed: the same seed always gives the same people")
    json_flag(demo)
    demo.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.core.demo import DemoError, load_demo
    from checkin.store import open_store

    engine = open_store(args.db)
    try:
        report = load_demo(engine, args.attendees, args.seed, progress("registrants"))
    except DemoError as exc:
        raise UsageError(str(exc)) from None
    emit(args, report.__dict__,
         f"Sample event loaded: {report.added} registrants added, {report.existing} already "
         f"there, {report.enrollments} enrollments ({report.waitlisted} waitlisted).")
    return EXIT_OK
