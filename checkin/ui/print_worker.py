"""The desk's badge printer, in a process of its own: `python -m checkin.ui.print_worker URL`.

Why a process and not a thread: Qt keeps Python's lock (the GIL) while it paints and
compresses a badge for the printer, and a busy printing thread makes the window's thread
wait for that lock each time it calls into Python — measured through a CUPS PDF queue,
stalls of 60 to 280 ms on the window while badges printed at check-in, where 50 ms is
the most a volunteer should ever feel. A process has its own lock.

Protocol, one JSON object per line: the desk writes {"id", "attendee_id", "fields"} (the
PrintOrder's fields) on stdin; the worker prints that person's badge once (see
`print_once`) and writes {"id", "printer"} (the printer's name, "" when it had been
printed already, "no_printer") or {"id", "error"} on stdout. It stops at the end of stdin.
"""

from __future__ import annotations

import json
import os
import sys

from sqlalchemy.engine import Engine

from checkin.core.badges.print_queue import NO_PRINTER

ALREADY_PRINTED = ""  # what print_once returns for a badge printed before


def print_once(engine: Engine, attendee_id: int, fields: dict[str, str]) -> str:
    """The check, the badge, the page and its log, in one go, so that a badge printed by
    another desk meanwhile is not printed twice. Returns the printer's name,
    ALREADY_PRINTED or NO_PRINTER; raises when the printer refused."""
    from checkin.core.badges.people import printed_before
    from checkin.ui import badge_printing as bp

    if printed_before(engine, attendee_id):
        return ALREADY_PRINTED
    order = bp.PrintOrder(**fields)
    badge = bp.prepare_badge(engine, attendee_id, order)
    if badge.printer is None:
        return NO_PRINTER
    bp.print_prepared(engine, badge, order)
    return badge.printer_name


def main(argv: list[str]) -> int:
    from PySide6.QtGui import QGuiApplication

    from checkin.store.engine import create_store_engine

    if hasattr(os, "nice"):
        os.nice(10)  # the window wins the processor when both want it (two cores, a print)
    _app = QGuiApplication(argv[:1])  # QPrinter needs one; no window is ever shown
    engine = create_store_engine(argv[1])  # the desk opened (and migrated) it already
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        try:
            reply = {"id": job["id"],
                     "printer": print_once(engine, int(job["attendee_id"]), job["fields"])}
        except Exception as exc:  # the desk shows it and tries again; the worker goes on
            reply = {"id": job["id"], "error": str(exc) or type(exc).__name__}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
