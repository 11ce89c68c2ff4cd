"""`checkin scan CODE|-` and `checkin walk-in`: scans from the command line, one answer each.

With `-`, codes are read one per line from stdin as a USB scanner types them, and each
answer is printed (and flushed) only after its scan is committed.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys

from checkin.cli import EXIT_OK, EXIT_REFUSED, UsageError
from checkin.cli_event import pick_event


def scan_command(args: argparse.Namespace) -> int:
    from checkin.cli_desk import event_zone, pick_session
    from checkin.store import open_store

    engine = open_store(args.db)
    event = pick_event(engine, args.event)
    session = pick_session(engine, event, args.session) if args.session else None
    if args.override and session is None:
        raise UsageError("--override is for a session door: name the session with --session")
    if args.override and args.exit:
        raise UsageError("--override admits someone; it does not apply to --exit")
    service = _service(engine, event, args)
    tz = event_zone(engine, event)
    if args.undo:
        act = service.undo_last
    else:
        def act(code: str):
            return service.scan(code, exit=args.exit, session_id=session, override=args.override)
    if args.code != "-":
        answer = act(args.code)
        _print(answer, args.json, tz)
        return EXIT_OK if answer.accepted else EXIT_REFUSED
    for line in sys.stdin:
        if not line.strip():
            continue
        _print(act(line), args.json, tz)
    return EXIT_OK


def walk_in_command(args: argparse.Namespace) -> int:
    from checkin.store import open_store

    engine = open_store(args.db)
    service = _service(engine, pick_event(engine, args.event), args)
    try:
        answer = service.walk_in(args.first_name, args.last_name, organisation=args.organisation,
                                 category=args.category, email=args.email)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _print(answer, args.json)
    return EXIT_OK


def _service(engine, event: int, args: argparse.Namespace):
    from checkin.core.admission import ScanService

    return ScanService(engine, event, desk=args.desk or socket.gethostname(), operator="cli")


def _print(answer, as_json: bool, tz=None) -> None:
    if as_json:
        out = json.dumps(answer.to_json(), ensure_ascii=False)
    else:
        who = f"{answer.first_name} {answer.last_name}".strip()
        parts = [answer.result, answer.code]
        if who:
            parts.append(who + (f" — {answer.organisation}" if answer.organisation else ""))
        if answer.session_title:
            seats = "" if answer.seats_left is None else f", {answer.seats_left} seats left"
            parts.append(f"[{answer.session_title} — {answer.room}{seats}]")
        if answer.first_entry_at is not None:
            since = answer.first_entry_at.astimezone(tz) if tz else answer.first_entry_at
            parts.append(f"(in since {since:%H:%M:%S} at {answer.first_entry_desk})")
        if answer.attention_text:
            parts.append(f"ATTENTION: {answer.attention_text}")
        if answer.reason and not answer.first_entry_at and (not answer.accepted or answer.overridden):
            parts.append(f"({answer.reason})")
        out = "  ".join(parts)
    print(out, flush=True)  # only ever after the commit: a printed answer is durable
