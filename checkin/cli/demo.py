"""`checkin demo`: the sample event with N synthetic registrants, dated today unless told."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any

from checkin.cli.common import EXIT_OK, UsageError, count, emit, json_flag, progress


def day(text: str) -> date:
    """An argparse type: a calendar day written YYYY-MM-DD."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError(text)
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a day (expected YYYY-MM-DD, such as 2026-12-10)") from None


def add_parser(sub: Any) -> None:
    demo = sub.add_parser(
        "demo", help="load the sample event with synthetic registrants",
        description="Load the sample event with synthetic registrants. The event takes place "
                    "today (in its time zone, Europe/Paris), at the times of its programme, "
                    "so that the desk and the rooms tab can be tried at once; run again on "
                    "another day, it moves there. --date and --keep-date choose otherwise.")
    demo.add_argument("--attendees", type=count, default=300, metavar="N",
                      help="how many synthetic registrants (default 300)")
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help="random seed: the same seed always gives the same people")
    when = demo.add_mutually_exclusive_group()
    when.add_argument("--date", type=day, metavar="YYYY-MM-DD",
                      help="date the event that day instead of today (same times of day)")
    when.add_argument("--keep-date", action="store_true",
                      help="leave the date as it is: the sample file's own on a new store, "
                           "the one already stored otherwise")
    json_flag(demo)
    demo.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.core.clock import system_clock
    from checkin.core.demo import DemoError, load_demo
    from checkin.core.demo_day import sample_today
    from checkin.store import open_store

    on = None if args.keep_date else args.date or sample_today(system_clock())
    engine = open_store(args.db)
    try:
        report = load_demo(engine, args.attendees, args.seed, progress("registrants"), day=on)
    except DemoError as exc:
        raise UsageError(str(exc)) from None
    moved = f", moved from {report.moved_from}" if report.moved_from else ""
    emit(args, report.__dict__,
         f"Sample event loaded: {report.added} registrants added, {report.existing} already "
         f"there, {report.enrollments} enrollments ({report.waitlisted} waitlisted). "
         f"It takes place on {report.day}{moved}.")
    return EXIT_OK
