"""`checkin occupancy`: arrivals, people inside and seats in every session, once or watched."""

from __future__ import annotations

import argparse
from datetime import tzinfo
from typing import Any

from checkin.cli.common import (
    EXIT_OK, count, emit, event_moment, event_zone, hhmm, json_flag, pick_event,
)


def add_parser(sub: Any) -> None:
    occ = sub.add_parser("occupancy", help="arrivals, people inside, and seats in every session")
    occ.add_argument("--at", metavar="HH:MM", help="as if it were this time on the event's day")
    occ.add_argument("--watch", action="store_true",
                     help="show the figures again every --interval seconds, until Ctrl-C")
    occ.add_argument("--interval", type=float, default=2.0, metavar="S",
                     help="seconds between two refreshes with --watch (default 2)")
    occ.add_argument("--times", type=count, default=0, metavar="N",
                     help="with --watch, stop after N refreshes (default: until Ctrl-C)")
    occ.add_argument("--event", metavar="KEY")
    json_flag(occ)
    occ.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Once, or with --watch again every --interval seconds until Ctrl-C."""
    import sys
    import time

    from checkin.store import open_store

    engine = open_store(args.db)
    event = pick_event(engine, args.event)
    tz = event_zone(engine, event)
    if not args.watch:
        return _occupancy_once(args, engine, event, tz)
    clear = sys.stdout.isatty() and not args.json
    try:
        for _ in range(args.times) if args.times else iter(int, 1):
            if clear:
                print("\033[H\033[2J", end="")
            _occupancy_once(args, engine, event, tz)
            sys.stdout.flush()
            time.sleep(args.interval)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def _occupancy_once(args: argparse.Namespace, engine: Any, event: int, tz: tzinfo) -> int:
    import json

    from checkin.core.monitoring.occupancy import occupancy

    at = event_moment(engine, event, args.at)
    report = occupancy(engine, event, at, with_categories=True)
    over = [s for s in report.sessions if s.ends_at <= at]
    report.sessions = [s for s in report.sessions if s.ends_at > at]  # now and next
    v = report.venue
    lines = [f"At {hhmm(at, tz)}: {v.inside} inside, {v.arrived} arrived of {v.registered} "
             f"registered ({v.walk_ins} walk-ins), {v.not_arrived} not arrived yet.",
             f"{'time':<11} {'room':<26} {'present':>9} {'booked':>6} {'held':>5} {'wait':>5} "
             f"{'free':>5}  session"]
    for s in report.sessions:
        cap = "—" if s.capacity is None else str(s.capacity)
        free = "—" if s.free is None else str(s.free)
        lines.append(f"{hhmm(s.starts_at, tz)}–{hhmm(s.ends_at, tz)} {s.room[:26]:<26} "
                     f"{f'{s.present}/{cap}':>9} {s.booked:>6} {s.held:>5} {s.waitlisted:>5} "
                     f"{free:>5}  {s.title}")
    if over:
        lines.append(f"({len(over)} sessions already over are not shown.)")
    if v.by_category:
        lines.append("By category (arrived/registered): " + ", ".join(
            f"{name} {a}/{r}" for name, (r, a, _i) in v.by_category.items()))
    if args.watch and args.json:  # one object per line, for a script to follow
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        emit(args, report.to_json(), "\n".join(lines))
    return EXIT_OK
