"""`checkin event load|export`: the programme from and to files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checkin.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_REFUSED, UsageError, _emit, print_problems

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt", ".tsv")


def pick_event(engine, key: str | None) -> int:
    """The event named by --event, or the only one in the store."""
    import sqlalchemy as sa

    from checkin.store.models import Event

    with engine.connect() as conn:
        events = conn.execute(sa.select(Event.id, Event.key).order_by(Event.id)).all()
    if key:
        for event_id, k in events:
            if k == key:
                return event_id
        raise UsageError(f"no event '{key}' in this store (events: "
                         f"{', '.join(k for _, k in events) or 'none'})")
    if len(events) == 1:
        return events[0][0]
    if not events:
        raise UsageError("this store has no event yet: load an event file (.toml) first")
    raise UsageError(f"this store has several events; say which with --event "
                     f"({', '.join(k for _, k in events)})")


def event_command(args: argparse.Namespace) -> int:
    from checkin.store import open_store

    engine = open_store(args.db)
    if args.event_command == "export":
        return _export(engine, args)
    return _load(engine, args)


def _export(engine, args: argparse.Namespace) -> int:
    from checkin.core.programme_io import export_programme, write_event_file, write_programme_sheet

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
    from checkin.core.programme import ProgrammeError, parse_programme, read_programme
    from checkin.core.programme_io import export_programme, read_programme_sheet
    from checkin.core.programme_load import ProgrammeConflict, load_programme

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
                                actor="cli")
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
    data = {k: v for k, v in report.__dict__.items()}
    summary = _summary(report)
    _emit(args, data, summary)
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
