"""`checkin event load|export`: the programme from and to files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checkin.cli.common import (
    EXIT_BAD_INPUT, EXIT_OK, EXIT_REFUSED, UsageError, emit, json_flag, pick_event, print_problems,
)

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".tsv")


def add_parser(sub: Any) -> None:
    event = sub.add_parser("event", help="load or export an event's programme")
    ev_sub = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)
    load = ev_sub.add_parser(
        "load", help="create or update an event from an event file (.toml), or replace its "
                     "sessions from a programme sheet (.xlsx, .csv)")
    load.add_argument("file")
    load.add_argument("--event", metavar="KEY", help="the event a programme sheet belongs to")
    load.add_argument("--force", action="store_true",
                      help="remove sessions that people are enrolled in (they are listed)")
    load.add_argument("--overflow", choices=("keep", "waitlist"),
                      help="when a change seats fewer people than are booked (they are listed): "
                           "keep them all booked, or move the last to book to the head of the "
                           "waitlist, in booking order")
    load.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    json_flag(load)
    export = ev_sub.add_parser("export", help="write an event file (.toml) or a programme "
                                              "sheet (.xlsx, .csv)")
    export.add_argument("file")
    export.add_argument("--event", metavar="KEY")
    event.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.store import open_store

    engine = open_store(args.db)
    if args.event_command == "export":
        return _export(engine, args)
    return _load(engine, args)


def _export(engine, args: argparse.Namespace) -> int:
    from checkin.core.programme.files import export_programme, write_event_file, write_programme_sheet

    data = export_programme(engine, pick_event(engine, args.event))
    path = Path(args.file)
    try:
        if path.suffix.lower() in SHEET_SUFFIXES:
            write_programme_sheet(data, path)
        else:
            write_event_file(data, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"{path}: {len(data['sessions'])} sessions, {len(data['rooms'])} rooms, "
          f"{len(data['tracks'])} tracks written.")
    return EXIT_OK


def _load(engine, args: argparse.Namespace) -> int:
    from checkin.core.programme.event_file import ProgrammeError, parse_programme, read_programme
    from checkin.core.programme.files import export_programme, read_programme_sheet
    from checkin.core.programme.load import CapacityBelowBookings, ProgrammeConflict, load_programme
    from checkin.core.programme.overflow import settled

    path = Path(args.file)
    try:
        if path.suffix.lower() in SHEET_SUFFIXES:
            current = export_programme(engine, pick_event(engine, args.event))
            programme = parse_programme(read_programme_sheet(path, current))
        else:
            programme = read_programme(path)
            if args.event and args.event != programme.event["key"]:
                # Loading it anyway would update (or create) another event than the one named.
                raise UsageError(f"{path} describes event '{programme.event['key']}', "
                                 f"not '{args.event}'")
        report = load_programme(engine, programme, force=args.force, dry_run=args.dry_run,
                                actor="cli", overflow=args.overflow)
    except CapacityBelowBookings as exc:
        print_problems(f"{path}: not loaded, it seats fewer people than are booked:", exc.problems)
        print_problems("They would lose their seat:", exc.people)
        print("Load again with --overflow keep (all stay booked) or --overflow waitlist "
              "(the last to book go to the head of the waitlist).", file=sys.stderr)
        return EXIT_REFUSED
    except ProgrammeConflict as exc:
        print_problems(f"{path}: not loaded, it would remove data:", exc.problems)
        if exc.people:
            print_problems("People concerned:", exc.people)
        return EXIT_REFUSED
    except ProgrammeError as exc:
        print_problems(f"{path}: not loaded, nothing was written:", exc.problems)
        return EXIT_BAD_INPUT
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for done in report.overflow:
        print(f"warning: {settled(done, args.overflow)}", file=sys.stderr)
    data = {k: v for k, v in report.__dict__.items()}
    summary = _summary(report)
    emit(args, data, summary)
    return EXIT_OK


def _summary(report) -> str:
    plural = {"category": "categories", "person": "people"}

    def part(counts: dict[str, int]) -> str:
        return ", ".join(f"{n} {plural.get(k, k + 's') if n > 1 else k}"
                         for k, n in counts.items()) or "nothing"

    head = "Dry run, nothing written. Would have" if report.dry_run else "Loaded."
    lines = [f"{head} created: {part(report.created)}; updated: {part(report.updated)}; "
             f"removed: {part(report.removed)}."]
    lines += [f"  {c}" for c in report.changes[:50]]
    if len(report.changes) > 50:
        lines.append(f"  … and {len(report.changes) - 50} more changes")
    if report.affected:
        lines.append("Enrollments removed with their sessions:")
        lines += [f"  {a}" for a in report.affected]
    return "\n".join(lines)
