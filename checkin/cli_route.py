"""`checkin route CODE` and `checkin occupancy`: where a person goes, and how full rooms are."""

from __future__ import annotations

import argparse
from datetime import datetime, tzinfo

from checkin.cli import EXIT_OK, EXIT_REFUSED, _emit
from checkin.cli_event import pick_event


def route_command(args: argparse.Namespace) -> int:
    from checkin.cli_desk import event_moment, event_zone
    from checkin.core.routing import route
    from checkin.store import open_store

    engine = open_store(args.db)
    event = pick_event(engine, args.event)
    at = event_moment(engine, event, args.at)
    r = route(engine, event, args.code, at)
    tz = event_zone(engine, event)
    if not r.found:
        _emit(args, r.to_json(), f"unknown_code  {r.code}  (no registrant has this code)")
        return EXIT_REFUSED
    head = f"{r.first_name} {r.last_name}".strip() + (f" — {r.organisation}" if r.organisation else "")
    lines = [f"{head} ({r.category})" if r.category else head]
    if r.cancelled:
        lines.append("  This ticket was cancelled.")
        _emit(args, r.to_json(), "\n".join(lines))
        return EXIT_REFUSED
    lines.append(f"Programme from {_hhmm(at, tz)}:" if r.programme else
                 f"Nothing left on the programme after {_hhmm(at, tz)}.")
    for s in r.programme:
        lines.append("  " + _stop_line(s, tz))
    if r.suggestions:
        lines.append("Free seats for a slot with nothing booked:")
        lines.extend("  " + _stop_line(s, tz) for s in r.suggestions)
    _emit(args, r.to_json(), "\n".join(lines))
    return EXIT_OK


def _stop_line(s, tz: tzinfo) -> str:
    status = {"booked": "booked", "open": "open to all", "suggested": "suggested"}.get(s.status, s.status)
    if s.status == "waitlisted":
        status = f"waitlist #{s.waitlist_position}"
        if s.seat_free_now:
            status += ", a seat is free now: go to the door"
    seats = ("" if s.seats_left is None or s.status == "booked"
             else f", {s.seats_left} seats left")  # a booked seat is theirs, full or not
    where = s.room + (f" ({s.floor})" if s.floor else "")
    now = " NOW" if s.now else ""
    text = f"{_hhmm(s.starts_at, tz)}–{_hhmm(s.ends_at, tz)}{now}  {s.title}  — {where}{seats}  [{status}]"
    return text + (f"\n      {s.directions}" if s.directions else "")


def _hhmm(moment: datetime, tz: tzinfo) -> str:
    return f"{moment.astimezone(tz):%H:%M}"


def occupancy_command(args: argparse.Namespace) -> int:
    """Once, or with --watch again every --interval seconds until Ctrl-C."""
    import sys
    import time

    from checkin.cli_desk import event_zone
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


def _occupancy_once(args: argparse.Namespace, engine, event: int, tz: tzinfo) -> int:
    import json

    from checkin.cli_desk import event_moment
    from checkin.core.occupancy import occupancy

    at = event_moment(engine, event, args.at)
    report = occupancy(engine, event, at, with_categories=True)
    over = [s for s in report.sessions if s.ends_at <= at]
    report.sessions = [s for s in report.sessions if s.ends_at > at]  # now and next
    v = report.venue
    lines = [f"At {_hhmm(at, tz)}: {v.inside} inside, {v.arrived} arrived of {v.registered} "
             f"registered ({v.walk_ins} walk-ins), {v.not_arrived} not arrived yet.",
             f"{'time':<11} {'room':<26} {'present':>9} {'booked':>6} {'held':>5} {'wait':>5} "
             f"{'free':>5}  session"]
    for s in report.sessions:
        cap = "—" if s.capacity is None else str(s.capacity)
        free = "—" if s.free is None else str(s.free)
        lines.append(f"{_hhmm(s.starts_at, tz)}–{_hhmm(s.ends_at, tz)} {s.room[:26]:<26} "
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
        _emit(args, report.to_json(), "\n".join(lines))
    return EXIT_OK
