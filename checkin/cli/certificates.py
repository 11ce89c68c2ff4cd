"""`checkin certificates --out DIR | --one-file FILE.pdf [--code CODE]`: attendance
certificates ("attestations de présence") for everyone who came, or for one person.

Run by staff on the machine that holds the store, as `checkin export` is (see
checkin/cli/export.py): the command line has no PINs, so it makes them as staff and the
journal names the system user (`cli:<user>`) and host.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checkin.cli.common import (
    EXIT_OK, EXIT_REFUSED, UsageError, cli_actor, emit, json_flag, pick_event, progress,
)


def add_parser(sub: Any) -> None:
    cmd = sub.add_parser(
        "certificates", help="attendance certificates (staff): one PDF per person who came, "
                             "or all in one PDF",
        description="Attendance certificates (attestations de présence) for the people "
                    "scanned in at the entrance or at a session's door: the event, the "
                    "times on site, the sessions attended, the organiser and the signature.")
    where = cmd.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="DIR",
                       help="a folder: one file per person (attestation-NOM-Prenom-CODE.pdf); "
                            "made if missing")
    where.add_argument("--one-file", metavar="FILE.pdf", help="all certificates in one PDF")
    cmd.add_argument("--code", metavar="CODE", help="only this person's certificate")
    cmd.add_argument("--lang", choices=("fr", "en"), default="fr",
                     help="language of the certificates (default fr)")
    cmd.add_argument("--event", metavar="KEY")
    json_flag(cmd)
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.core.exports.certificates import (
        NotScanned, UnknownCode, check_request, write_certificates,
    )
    from checkin.core.exports.files import ExportError
    from checkin.core.roles import Role
    from checkin.store import open_store

    folder = Path(args.out) if args.out else None
    single = Path(args.one_file) if args.one_file else None
    try:  # bad input is refused before the store is even opened
        check_request(folder, single, args.lang, Role.STAFF)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    engine = open_store(args.db)
    actor, desk = cli_actor()
    event_id = pick_event(engine, args.event)
    try:
        report = write_certificates(engine, event_id, out_dir=folder, one_file=single,
                                    code=args.code, lang=args.lang, role=Role.STAFF,
                                    actor=actor, desk=desk, progress=progress("certificates"))
    except (UnknownCode, NotScanned) as exc:
        if args.json:
            emit(args, {"refused": "unknown_code" if isinstance(exc, UnknownCode)
                        else "not_scanned", "code": args.code, "message": str(exc)}, "")
        print(f"checkin: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    where = single if single is not None else folder
    noun = "certificate" if report.count == 1 else "certificates"
    emit(args, report.to_json(),
         f"{report.count} {noun} written to {where} in {report.seconds:.1f} s.")
    return EXIT_OK
