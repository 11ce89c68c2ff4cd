"""`checkin db upgrade|info|recover`: the store's schema, what it holds, and a damaged
one's rescue."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from checkin.cli.common import (
    EXIT_OK, EXIT_REFUSED, UsageError, emit, json_flag, refuse_missing_store,
)


def add_parser(sub: Any) -> None:
    db = sub.add_parser("db", help="store maintenance")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="apply pending schema migrations")
    info = db_sub.add_parser("info", help="where the store is, its schema version and counts")
    json_flag(info)
    recover = db_sub.add_parser(
        "recover", help="copy what can still be read of a damaged store into a new one "
                        "(the damaged file is only read)")
    recover.add_argument("damaged", metavar="DAMAGED", help="the damaged store's file")
    recover.add_argument("new", metavar="NEW", help="the new store's file (must not exist)")
    json_flag(recover)
    db.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.store import describe, upgrade_store

    if args.db_command == "upgrade":
        engine, changed = upgrade_store(args.db)
        where = describe(engine.url.render_as_string(hide_password=False))
        print(f"{where}: {'upgraded to the newest schema' if changed else 'already up to date'}.")
        return EXIT_OK
    if args.db_command == "recover":
        return _recover(args)
    return _info(args)


def _recover(args: argparse.Namespace) -> int:
    from checkin.core.search.index import reindex_event
    from checkin.store import open_store
    from checkin.store.engine import damage
    from checkin.store.queries.cli import EVENT_KEYS
    from checkin.store.recover import recover

    damaged, new = Path(args.damaged).expanduser(), Path(args.new).expanduser()
    if not damaged.is_file():
        raise UsageError(f"there is no store at {damaged}")
    if new.exists():
        raise UsageError(f"{new} already exists: name a new file for the rescued store")
    if damaged.resolve() == new.resolve():
        raise UsageError("the rescued store must be a new file, not the damaged one")
    engine = open_store(f"sqlite:///{new.resolve()}")  # today's schema, empty
    report = recover(damaged, new)
    with engine.begin() as conn:  # the search index, rebuilt from the rescued registrants
        for event in EVENT_KEYS.all(conn):
            reindex_event(conn, event.id)
    engine.dispose()
    lines = [f"{new}: rescued from {damaged} (left as it was)."]
    lines += [f"  {table}: {rows} rows" + (f", {report.gaps[table]} unreadable stretch(es) "
                                           "skipped" if table in report.gaps else "")
              for table, rows in report.tables.items() if rows or table in report.gaps]
    for table, n in report.unlinked.items():
        lines.append(f"  {table}: {n} rows kept without the row they pointed to (lost)")
    for table, n in report.dropped.items():
        lines.append(f"  {table}: {n} rows dropped, the row they belong to was lost")
    if report.unreadable:
        lines.append("  could not be read at all: " + ", ".join(report.unreadable))
    left = damage(f"sqlite:///{new.resolve()}")
    lines.append("The new store is sound." if left is None else f"The new store has problems: {left}")
    emit(args, {"new": str(new), "damaged": str(damaged), **asdict(report),
                "sound": left is None}, "\n".join(lines))
    return EXIT_OK if left is None else EXIT_REFUSED


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
