"""`checkin walk-in`: register someone at the desk and admit them in one step."""

from __future__ import annotations

import argparse
from typing import Any

from checkin.cli.common import EXIT_OK, UsageError, event_zone, json_flag, pick_event, user_words
from checkin.cli.scan import desk_service, print_answer


def add_parser(sub: Any) -> None:
    walk = sub.add_parser("walk-in", help="register someone at the desk and admit them "
                                          "(prints their new ticket code)")
    walk.add_argument("first_name")
    walk.add_argument("last_name")
    walk.add_argument("--organisation", default="", metavar="TEXT")
    walk.add_argument("--category", default="participant", metavar="KEY",
                      help="category key from the event file (default participant)")
    walk.add_argument("--email", default="", metavar="ADDRESS")
    walk.add_argument("--desk", metavar="D")
    walk.add_argument("--event", metavar="KEY")
    json_flag(walk)
    walk.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.store import open_store

    engine = open_store(args.db)
    service = desk_service(engine, pick_event(engine, args.event), args)
    try:
        answer = service.walk_in(args.first_name, args.last_name, organisation=args.organisation,
                                 category=args.category, email=args.email)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print_answer(answer, args.json, event_zone(engine, service.event_id),
                 None if args.json else user_words())
    return EXIT_OK
