"""`checkin db upgrade|info`: the store's schema and what it holds."""

from __future__ import annotations

import argparse
from typing import Any

from checkin.cli.common import EXIT_OK, emit, json_flag, refuse_missing_store


def add_parser(sub: Any) -> None:
    db = sub.add_parser("db", help="store maintenance")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="apply pending schema migrations")
    info = db_sub.add_parser("info", help="where the store is, its schema version and counts")
    json_flag(info)
    db.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.store import describe, upgrade_store

    if args.db_command == "upgrade":
        engine, changed = upgrade_store(args.db)
        where = describe(engine.url.render_as_string(hide_password=False))
        print(f"{where}: {'upgraded to the newest schema' if changed else 'already up to date'}.")
        return EXIT_OK
    return _info(args)


def _info(args: argparse.Namespace) -> int:
    from checkin.core.monitoring.overview import list_events, table_counts
    from checkin.store import open_store, store_info

    refuse_missing_store(args.db)
    engine = open_store(args.db, migrate=False)
    info = store_info(engine)
    counts = table_counts(engine) if info["schema"] else {}
    events = [e.to_json() for e in list_events(engine)] if info["schema"] else []
    for e in events:
        e.pop("sessions")
    data = {**info, "counts": counts, "events": events}
    lines = [f"Store:   {info['where']} ({info['backend']})",
             f"Schema:  {info['schema'] or 'empty'} (this checkin: {info['head']})"]
    if info.get("size_bytes") is not None:
        lines.append(f"Size:    {info['size_bytes'] / 1e6:.1f} MB")
    lines.append("Counts:  " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    for e in events:
        lines.append(f"Event:   {e['name']} — {e['registrants']} registered, {e['cancelled']} cancelled")
    emit(args, data, "\n".join(lines))
    return EXIT_OK
