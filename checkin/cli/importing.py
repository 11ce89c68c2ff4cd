"""`checkin import FILE`: registrants from an export, with a summary naming the rows."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checkin.cli.common import (
    EXIT_BAD_INPUT, EXIT_OK, UsageError, emit, json_flag, pick_event, print_problems, progress,
)


def add_parser(sub: Any) -> None:
    imp = sub.add_parser("import", help="import registrants from a ticketing export or a "
                                        "spreadsheet (CSV, XLSX)")
    imp.add_argument("file")
    imp.add_argument("--preset", metavar="NAME",
                     help="weezevent, helloasso, eventbrite, pretix or generic "
                          "(default: recognised from the header)")
    imp.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     help="say what a column holds, e.g. --map \"Structure=organisation\" "
                          "or --map \"Habitez-vous un QPV ?=qpv\" (repeatable; remembered "
                          "for files of the same shape)")
    imp.add_argument("--category", action="append", default=[], metavar="VALUE=KEY",
                     help="map a ticket type or rate to a category key, e.g. "
                          "--category \"Tarif presse=presse\"")
    imp.add_argument("--event", metavar="KEY", help="the event to import into")
    imp.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    imp.add_argument("--allow-cancel", action="store_true",
                     help="accept that a platform export cancels more than half of the people "
                          "it imported before (they are no longer in it)")
    json_flag(imp)
    imp.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.core.registrants.import_context import ImportRefused
    from checkin.core.registrants.importer import import_registrants, inspect_file, parse_map_option
    from checkin.core.registrants.qpv import examples as qpv_examples
    from checkin.store import open_store

    try:
        mapping = parse_map_option(args.map)
        categories = {}
        for item in args.category:
            value, sep, key = item.partition("=")
            if not sep or not value.strip() or not key.strip():
                raise UsageError(f"--category {item!r}: write \"Ticket type=category-key\"")
            categories[value.strip()] = key.strip()
        inspection = inspect_file(args.file, args.preset, mapping)
        engine = open_store(args.db)
        event_id = pick_event(engine, args.event)
        report = import_registrants(engine, event_id, inspection, category_map=categories,
                                    dry_run=args.dry_run, allow_cancel=args.allow_cancel,
                                    progress=progress("rows"), actor="cli")
    except ImportRefused as exc:
        print_problems(f"{args.file}: not imported, nothing was written:", exc.problems)
        return EXIT_BAD_INPUT
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    data = dict(report.__dict__, skipped=[{"row": r, "reason": why} for r, why in report.skipped])
    head = "Dry run, nothing written. Would have" if report.dry_run else "Imported:"
    lines = [f"{head} {report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
             f"{report.cancelled} cancelled, {len(report.skipped)} skipped "
             f"({report.rows} rows, preset {report.preset}); {report.enrollments} enrollments "
             f"({report.waitlisted} waitlisted)."]
    unclear = sum(report.qpv_unclear.values())
    if unclear:  # left unknown, never guessed: the funders' QPV share is only what people said
        lines.append(f"  {unclear} QPV answer(s) not understood, left unknown: "
                     f"{qpv_examples(report.qpv_unclear, 'en')}")
    lines += [f"  row {row}: skipped, {why}" for row, why in report.skipped[:100]]
    if report.cancelled_names:
        lines.append("  cancelled (no longer in the export; their scans stay): "
                     + ", ".join(report.cancelled_names[:50])
                     + (f" … and {len(report.cancelled_names) - 50} more" if len(report.cancelled_names) > 50 else ""))
    if len(report.skipped) > 100:
        lines.append(f"  … and {len(report.skipped) - 100} more skipped rows")
    emit(args, data, "\n".join(lines))
    return EXIT_OK
