"""`checkin search TEXT`: find registrants as a desk would, from the command line.

Desks use it in public: it shows what the desk window shows (code, name, organisation,
category, cancelled), never an email or a phone number, in text as in --json.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from checkin.cli.common import (
    EXIT_OK, EXIT_REFUSED, UsageError, count, json_flag, pick_event, refuse_missing_store,
)

MAX_LIMIT = 500


def add_parser(sub: Any) -> None:
    find = sub.add_parser("search", help="find registrants by name, organisation, email or "
                                         "ticket code (exit 1 when nobody is found)")
    find.add_argument("text", help="a few letters of each word, or a ticket code")
    find.add_argument("--limit", type=count, default=20, metavar="N",
                      help="at most N registrants (default 20)")
    find.add_argument("--event", metavar="KEY", help="the event to search (default: the only one)")
    json_flag(find)
    find.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.core.search.lookup import search
    from checkin.store import open_store

    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"--limit must be between 1 and {MAX_LIMIT}")
    refuse_missing_store(args.db)
    engine = open_store(args.db)
    hits = search(engine, pick_event(engine, args.event), args.text, args.limit)
    if args.json:
        print(json.dumps([_shown(h) for h in hits], ensure_ascii=False, indent=2))
    else:
        for line in _lines(hits):
            print(line)
        if not hits:
            print(f"checkin: nobody found for {args.text!r}", file=sys.stderr)
        elif hits[0].fuzzy:
            print("checkin: no exact match; these are close spellings", file=sys.stderr)
    return EXIT_OK if hits else EXIT_REFUSED


def _shown(hit) -> dict:
    return {"code": hit.code, "first_name": hit.first_name, "last_name": hit.last_name,
            "organisation": hit.organisation, "category": hit.category,
            "cancelled": hit.cancelled}


def _lines(hits) -> list[str]:
    """Aligned columns: code, name, organisation, category, CANCELLED."""
    from checkin.core.programme.event_file import full_name

    rows = [(h.code, full_name(h.first_name, h.last_name), h.organisation, h.category,
             "CANCELLED" if h.cancelled else "") for h in hits]
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(4)]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r[:4], widths)).rstrip()
            + (f"  {r[4]}" if r[4] else "") for r in rows]
