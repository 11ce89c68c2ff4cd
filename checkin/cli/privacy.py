"""`checkin privacy purge|export`: erase an event's personal data, or give one person theirs.

A purge cannot be undone: without --yes it asks for the event's key to be typed, and
refuses when nobody is there to type it (a script must say --yes).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checkin.cli.common import EXIT_OK, EXIT_REFUSED, UsageError, cli_actor, emit, json_flag, pick_event


def add_parser(sub: Any) -> None:
    privacy = sub.add_parser("privacy", help="personal data: erase an event's, or export one "
                                             "person's (RGPD)")
    pr_sub = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    purge = pr_sub.add_parser("purge", help="erase the personal data of an event; anonymous "
                                            "counts and statistics stay the same (the QPV "
                                            "answers are erased, their counts kept)")
    purge.add_argument("--event", metavar="KEY")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    json_flag(purge)
    person = pr_sub.add_parser("export", help="everything held about one registrant, as JSON")
    person.add_argument("code", help="the registrant's ticket code")
    person.add_argument("--out", metavar="FILE.json", help="default: standard output")
    person.add_argument("--event", metavar="KEY")
    privacy.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.store import open_store

    engine = open_store(args.db)
    event_id = pick_event(engine, args.event)
    if args.privacy_command == "purge":
        return _purge(engine, event_id, args)
    return _person(engine, event_id, args)


def _purge(engine, event_id: int, args: argparse.Namespace) -> int:
    from checkin.core.privacy import purge_event
    from checkin.store.queries.cli import PURGE_SUBJECT

    with engine.connect() as conn:
        subject = PURGE_SUBJECT.one(conn, event=event_id)
    if subject is None:
        raise UsageError(f"no event {event_id} in this store")
    key, name, people = subject.key, subject.name, subject.people
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("a purge cannot be undone: add --yes to confirm it")
        print(f"This erases the names, emails, phones, notes and QPV answers of {people} "
              f"registrants of {name}. It cannot be undone.", file=sys.stderr)
        typed = input(f"Type the event key ({key}) to confirm: ").strip()
        if typed != key:
            print("checkin: not confirmed, nothing was erased.", file=sys.stderr)
            return EXIT_REFUSED
    actor, desk = cli_actor()
    report = purge_event(engine, event_id, actor=actor, desk=desk)
    emit(args, report.to_json(), _purge_text(report, engine.dialect.name))
    return EXIT_OK if report.files_scrubbed else EXIT_REFUSED


def _purge_text(report: Any, backend: str) -> str:
    """What was erased, then every place the erased data may still be read from."""
    lines = [f"{report.event_key}: personal data of {report.attendees} registrants erased; "
             f"{report.scans_recoded} scans re-coded; {report.qpv_answers} QPV answers "
             "erased, their counts kept; counts and statistics unchanged."]
    if report.files_scrubbed and backend == "sqlite":
        lines.append("The store's files were rewritten: none of them holds the erased data.")
    elif report.files_scrubbed:
        lines.append("The event's tables were rewritten on the server (VACUUM FULL, CHECKPOINT).")
    if report.still_held_by:
        lines.append("Still holding the erased data:")
        lines += [f"  - {where}" for where in report.still_held_by]
    if report.desks_pending:
        lines.append(f"{len(report.desks_pending)} desk(s) hold a copy made before the purge; "
                     "each erases it at its next sync:")
        lines += [f"  - {desk}" for desk in report.desks_pending]
    if report.exports:
        lines.append(f"{len(report.exports)} export(s) still hold personal data; delete those "
                     "files wherever they were copied:")
        lines += [f"  - {line}" for line in report.exports]
    return "\n".join(lines)


def _person(engine, event_id: int, args: argparse.Namespace) -> int:
    from checkin.core.exports.files import ExportError
    from checkin.core.privacy import person_data, to_json_text, write_json

    if args.out and not Path(args.out).parent.is_dir():
        raise UsageError(f"cannot write {args.out}: folder {Path(args.out).parent} does not exist")
    actor, desk = cli_actor()
    try:
        data = person_data(engine, event_id, args.code, actor=actor, desk=desk)
    except LookupError as exc:
        raise UsageError(str(exc).strip('"')) from None
    if not args.out:
        sys.stdout.write(to_json_text(data))
        return EXIT_OK
    try:
        write_json(data, Path(args.out))
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    print(f"{args.out}: data held about {args.code.strip()} ({len(data['scans'])} scans, "
          f"{len(data['enrollments'])} enrollments, {len(data['journal'])} journal entries).")
    return EXIT_OK
