"""`checkin export KIND --out FILE`: end-of-day exports from the command line.

The command line is an admin tool, run by staff on a machine that can open the store
(the SQLite file or the PostgreSQL URL and its password): whoever can run it can read the
store directly anyway, so it exports as staff and asks no desk PIN (PINs belong to a
workstation's window settings). Every export is journaled with the system user and host.
"""

from __future__ import annotations

import argparse
import getpass
import socket
from pathlib import Path

from checkin.cli import EXIT_OK, UsageError, _emit, _progress
from checkin.cli_desk import pick_session
from checkin.cli_event import pick_event


def cli_actor() -> tuple[str, str]:
    """(actor, desk) recorded in the journal for a command-line action."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name in some containers
        user = "unknown"
    return f"cli:{user}", socket.gethostname()


def export_command(args: argparse.Namespace) -> int:
    from checkin.core.export_files import ExportError
    from checkin.core.exports import check_request, run_export
    from checkin.core.roles import Role
    from checkin.store import open_store

    path = Path(args.out)
    delimiter = ";" if args.excel_fr else args.delimiter
    try:  # bad input is refused before the store is even opened
        check_request(args.kind, path, args.format, args.lang, Role.STAFF,
                      one_session=bool(args.session))
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    engine = open_store(args.db)
    actor, desk = cli_actor()
    event_id = pick_event(engine, args.event)
    session_id = pick_session(engine, event_id, args.session) if args.session else None
    try:
        report = run_export(engine, event_id, args.kind, path,
                            fmt=args.format, lang=args.lang, delimiter=delimiter, role=Role.STAFF,
                            actor=actor, desk=desk, progress=_progress(args.kind),
                            session_id=session_id)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    unit = "registrants counted" if args.kind == "stats" else "rows"
    _emit(args, report.to_json(), f"{path}: {report.rows} {unit} ({args.kind}, {report.format}) "
                                  f"in {report.seconds:.1f} s.")
    return EXIT_OK
