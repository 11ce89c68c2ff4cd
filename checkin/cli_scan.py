"""`checkin scan CODE|-`: entrance scans from the command line, one answer per code.

With `-`, codes are read one per line from stdin as a USB scanner types them, and each
answer is printed (and flushed) only after its scan is committed.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys

from checkin.cli import EXIT_OK, EXIT_REFUSED
from checkin.cli_event import pick_event

ACCEPTED = ("admitted", "exited", "undone")


def scan_command(args: argparse.Namespace) -> int:
    from checkin.core.admission import ScanService
    from checkin.store import open_store

    engine = open_store(args.db)
    service = ScanService(engine, pick_event(engine, args.event),
                          desk=args.desk or socket.gethostname(), operator="cli")
    act = service.undo_last if args.undo else (lambda code: service.scan(code, exit=args.exit))
    if args.code != "-":
        answer = act(args.code)
        _print(answer, args.json)
        return EXIT_OK if answer.result in ACCEPTED else EXIT_REFUSED
    for line in sys.stdin:
        if not line.strip():
            continue
        _print(act(line), args.json)
    return EXIT_OK


def _print(answer, as_json: bool) -> None:
    if as_json:
        out = json.dumps(answer.to_json(), ensure_ascii=False)
    else:
        who = f"{answer.first_name} {answer.last_name}".strip()
        parts = [answer.result, answer.code]
        if who:
            parts.append(who + (f" — {answer.organisation}" if answer.organisation else ""))
        if answer.first_entry_at is not None:
            parts.append(f"(in since {answer.first_entry_at:%H:%M:%S} UTC at {answer.first_entry_desk})")
        if answer.attention_text:
            parts.append(f"ATTENTION: {answer.attention_text}")
        if answer.result not in ACCEPTED and answer.reason and not answer.first_entry_at:
            parts.append(f"({answer.reason})")
        out = "  ".join(parts)
    print(out, flush=True)  # only ever after the commit: a printed answer is durable
