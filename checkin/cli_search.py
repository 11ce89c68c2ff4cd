"""`checkin search TEXT`: find registrants as a desk would, from the command line.

Desks use it in public: it shows what the desk window shows (code, name, organisation,
category, cancelled), never an email or a phone number, in text as in --json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checkin.cli import EXIT_OK, EXIT_REFUSED, UsageError

MAX_LIMIT = 500


def search_command(args: argparse.Namespace) -> int:
    from checkin.cli_event import pick_event
    from checkin.core.search import search
    from checkin.store import open_store

    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"--limit must be between 1 and {MAX_LIMIT}")
    _refuse_missing_store(args.db)
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
    from checkin.core.programme import full_name

    rows = [(h.code, full_name(h.first_name, h.last_name), h.organisation, h.category,
             "CANCELLED" if h.cancelled else "") for h in hits]
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(4)]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r[:4], widths)).rstrip()
            + (f"  {r[4]}" if r[4] else "") for r in rows]


def _refuse_missing_store(db: str | None) -> None:
    """Looking must not create: a mistyped path would leave an empty store behind."""
    from sqlalchemy.engine import make_url

    from checkin.store import resolve_url

    url = make_url(resolve_url(db))
    database = url.database or ""
    if url.get_backend_name() == "sqlite" and database and not database.startswith("file:") \
            and database != ":memory:" and not Path(database).exists():
        raise UsageError(f"there is no store at {database}")
