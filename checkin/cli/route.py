"""`checkin route CODE`: where a person goes, with rooms and seats left."""

from __future__ import annotations

import argparse
from datetime import tzinfo
from typing import Any

from checkin.cli.common import (
    EXIT_OK, EXIT_REFUSED, emit, event_moment, event_zone, hhmm, json_flag, pick_event,
)


def add_parser(sub: Any) -> None:
    rt = sub.add_parser("route", help="where a person goes: their programme for the rest of the "
                                      "day, with rooms and seats left, and free seats to suggest")
    rt.add_argument("code", help="the ticket code")
    rt.add_argument("--at", metavar="HH:MM", help="as if it were this time on the event's day")
    rt.add_argument("--event", metavar="KEY")
    json_flag(rt)
    rt.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.core.admission.routing import route
    from checkin.store import open_store

    engine = open_store(args.db)
    event = pick_event(engine, args.event)
    at = event_moment(engine, event, args.at)
    r = route(engine, event, args.code, at)
    tz = event_zone(engine, event)
    if not r.found:
        emit(args, r.to_json(), f"unknown_code  {r.code}  (no registrant has this code)")
        return EXIT_REFUSED
    head = f"{r.first_name} {r.last_name}".strip() + (f" — {r.organisation}" if r.organisation else "")
    lines = [f"{head} ({r.category})" if r.category else head]
    if r.cancelled:
        lines.append("  This ticket was cancelled.")
        emit(args, r.to_json(), "\n".join(lines))
        return EXIT_REFUSED
    lines.append(f"Programme from {hhmm(at, tz)}:" if r.programme else
                 f"Nothing left on the programme after {hhmm(at, tz)}.")
    for s in r.programme:
        lines.append("  " + _stop_line(s, tz))
    if r.suggestions:
        lines.append("Free seats for a slot with nothing booked:")
        lines.extend("  " + _stop_line(s, tz) for s in r.suggestions)
    emit(args, r.to_json(), "\n".join(lines))
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
    text = f"{hhmm(s.starts_at, tz)}–{hhmm(s.ends_at, tz)}{now}  {s.title}  — {where}{seats}  [{status}]"
    return text + (f"\n      {s.directions}" if s.directions else "")
