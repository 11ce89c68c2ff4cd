"""`checkin export KIND --out FILE`: end-of-day exports from the command line.

The command line is an admin tool, run by staff on a machine that can open the store
(the SQLite file or the PostgreSQL URL and its password): whoever can run it can read the
store directly anyway, so it exports as staff and asks no desk PIN (PINs belong to a
workstation's window settings). Every export is journaled with the system user and host.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from checkin.cli.common import (
    EXIT_OK, UsageError, cli_actor, emit, json_flag, pick_event, pick_session, progress, user_words,
)


def add_parser(sub: Any) -> None:
    export = sub.add_parser("export", help="end-of-day exports (staff): attendance, sessions, "
                                           "absent, walk-ins, scans, stats, sign-in")
    export.add_argument("kind", metavar="KIND", help="attendance, sessions (per session), absent "
                        "(not arrived), walk-ins, scans (the full log), stats (funders' "
                        "statistics: .xlsx or .pdf) or sign-in (sign-in sheets, .pdf)")
    export.add_argument("--out", required=True, metavar="FILE",
                        help="the file to write (.csv, .xlsx or .pdf); replaced only when complete")
    export.add_argument("--event", metavar="KEY")
    export.add_argument("--session", metavar="KEY|ID",
                        help="sessions, sign-in: this session only (key or number)")
    export.add_argument("--format", choices=("csv", "xlsx", "pdf"),
                        help="default: from the file's suffix")
    export.add_argument("--lang", choices=("fr", "en"), default="fr",
                        help="language of column headers and sheets (default fr)")
    export.add_argument("--delimiter", default=",", metavar="C", help="CSV delimiter (default ,)")
    export.add_argument("--excel-fr", action="store_true",
                        help="CSV for French Excel: ';' as delimiter")
    json_flag(export)
    export.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.core.exports.files import ExportError
    from checkin.core.exports.run import check_request, run_export
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
                            actor=actor, desk=desk, progress=progress(args.kind),
                            session_id=session_id)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        emit(args, report.to_json(), "")
        return EXIT_OK
    words = user_words()
    done = "export.done_stats" if args.kind == "stats" else "export.done"
    emit(args, report.to_json(), words(done, path, args.kind, report.format,
                                       words.number(report.seconds, 1), n=report.rows))
    return EXIT_OK
