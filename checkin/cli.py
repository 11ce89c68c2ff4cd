"""The `checkin` command line. Qt is imported only by the commands that open a window.

Exit status (DESIGN.md): 0 done, 1 refused, 2 bad usage or bad input (message on stderr,
nothing written).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Callable, Sequence

from checkin import __version__

EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad input from the user: the message is printed and the exit status is 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="checkin",
        description="Check-in desk for a one-day, multi-track event. "
                    "Without a command, opens the desk window.",
    )
    parser.add_argument("--version", action="version", version=f"checkin {__version__}")
    parser.add_argument("--db", metavar="URL",
                        help="store: an SQLite file path or an SQLAlchemy URL such as "
                             "postgresql://user@host/db (default: $CHECKIN_DB, else a file in "
                             "your user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", help="open the desk window (the default)")

    demo = sub.add_parser("demo", help="load the sample event with synthetic registrants")
    demo.add_argument("--attendees", type=_count, default=300, metavar="N",
                      help="how many synthetic registrants (default 300)")
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help="random seed: the same seed always gives the same people")
    _json_flag(demo)

    event = sub.add_parser("event", help="load or export an event's programme")
    ev_sub = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)
    load = ev_sub.add_parser(
        "load", help="create or update an event from an event file (.toml), or replace its "
                     "sessions from a programme sheet (.xlsx, .csv)")
    load.add_argument("file")
    load.add_argument("--event", metavar="KEY", help="the event a programme sheet belongs to")
    load.add_argument("--force", action="store_true",
                      help="remove sessions that people are enrolled in (they are listed)")
    load.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    _json_flag(load)
    export = ev_sub.add_parser("export", help="write an event file (.toml) or a programme "
                                              "sheet (.xlsx, .csv)")
    export.add_argument("file")
    export.add_argument("--event", metavar="KEY")

    imp = sub.add_parser("import", help="import registrants from a ticketing export or a "
                                        "spreadsheet (CSV, XLSX)")
    imp.add_argument("file")
    imp.add_argument("--preset", metavar="NAME",
                     help="weezevent, helloasso, eventbrite, pretix or generic "
                          "(default: recognised from the header)")
    imp.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     help="say what a column holds, e.g. --map \"Structure=organisation\" "
                          "(repeatable; remembered for files of the same shape)")
    imp.add_argument("--category", action="append", default=[], metavar="VALUE=KEY",
                     help="map a ticket type or rate to a category key, e.g. "
                          "--category \"Tarif presse=presse\"")
    imp.add_argument("--event", metavar="KEY", help="the event to import into")
    imp.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    imp.add_argument("--allow-cancel", action="store_true",
                     help="accept that a platform export cancels more than half of the people "
                          "it imported before (they are no longer in it)")
    _json_flag(imp)

    find = sub.add_parser("search", help="find registrants by name, organisation, email or "
                                         "ticket code (exit 1 when nobody is found)")
    find.add_argument("text", help="a few letters of each word, or a ticket code")
    find.add_argument("--limit", type=_count, default=20, metavar="N",
                      help="at most N registrants (default 20)")
    find.add_argument("--event", metavar="KEY", help="the event to search (default: the only one)")
    _json_flag(find)

    scan = sub.add_parser("scan", help="scan a ticket code at the entrance (exit 0 admitted, "
                                       "1 refused: unknown, already in, cancelled…)")
    scan.add_argument("code", help="the ticket code, or - to read one code per line from stdin")
    scan.add_argument("--desk", metavar="D", help="desk name recorded with the scan "
                                                  "(default: this computer's name)")
    scan.add_argument("--session", metavar="ID",
                      help="scan at this session's door (its key, e.g. atelier-charte, or "
                           "number): full rooms and audience restrictions apply")
    scan.add_argument("--exit", action="store_true", help="a person leaving the venue "
                                                          "(or the session, with --session)")
    scan.add_argument("--override", action="store_true",
                      help="coordinator: admit at the door despite a full room or an audience "
                           "restriction (journaled)")
    scan.add_argument("--undo", action="store_true",
                      help="undo this person's last scan made at this desk")
    scan.add_argument("--event", metavar="KEY")
    _json_flag(scan)

    walk = sub.add_parser("walk-in", help="register someone at the desk and admit them "
                                          "(prints their new ticket code)")
    walk.add_argument("first_name")
    walk.add_argument("last_name")
    walk.add_argument("--organisation", default="", metavar="TEXT")
    walk.add_argument("--category", default="participant", metavar="KEY",
                      help="category key from the event file (default participant)")
    walk.add_argument("--email", default="", metavar="ADDRESS")
    walk.add_argument("--desk", metavar="D")
    walk.add_argument("--event", metavar="KEY")
    _json_flag(walk)

    rt = sub.add_parser("route", help="where a person goes: their programme for the rest of the "
                                      "day, with rooms and seats left, and free seats to suggest")
    rt.add_argument("code", help="the ticket code")
    rt.add_argument("--at", metavar="HH:MM", help="as if it were this time on the event's day")
    rt.add_argument("--event", metavar="KEY")
    _json_flag(rt)

    occ = sub.add_parser("occupancy", help="arrivals, people inside, and seats in every session")
    occ.add_argument("--at", metavar="HH:MM", help="as if it were this time on the event's day")
    occ.add_argument("--watch", action="store_true",
                     help="show the figures again every --interval seconds, until Ctrl-C")
    occ.add_argument("--interval", type=float, default=2.0, metavar="S",
                     help="seconds between two refreshes with --watch (default 2)")
    occ.add_argument("--times", type=_count, default=0, metavar="N",
                     help="with --watch, stop after N refreshes (default: until Ctrl-C)")
    occ.add_argument("--event", metavar="KEY")
    _json_flag(occ)

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
    _json_flag(export)

    privacy = sub.add_parser("privacy", help="personal data: erase an event's, or export one "
                                             "person's (RGPD)")
    pr_sub = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    purge = pr_sub.add_parser("purge", help="erase the personal data of an event; anonymous "
                                            "counts and statistics stay the same")
    purge.add_argument("--event", metavar="KEY")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    _json_flag(purge)
    person = pr_sub.add_parser("export", help="everything held about one registrant, as JSON")
    person.add_argument("code", help="the registrant's ticket code")
    person.add_argument("--out", metavar="FILE.json", help="default: standard output")
    person.add_argument("--event", metavar="KEY")

    badges = sub.add_parser("badges", help="print badges: a PDF of badges laid out on sheets "
                                           "(or one per page for label printers)")
    badges.add_argument("--out", metavar="FILE.pdf", help="the PDF to write")
    badges.add_argument("--layout", default="a6", metavar="L",
                        help="a layout name (default a6) or a layout file (.toml); "
                             "'?' lists the layouts")
    badges.add_argument("--list-layouts", action="store_true", help="list the layouts and exit")
    badges.add_argument("--category", metavar="C", help="only this category (its key)")
    badges.add_argument("--only", nargs="+", default=[], metavar="CODE",
                        help="only these ticket codes")
    badges.add_argument("--not-printed", action="store_true",
                        help="only people who have had no badge printed yet")
    badges.add_argument("--event", metavar="KEY")
    badges.add_argument("--dpi", type=_count, metavar="N",
                        help="draw each badge as an image at N dpi instead of vector text "
                             "(for printers that mishandle vector PDFs)")
    _json_flag(badges)

    db = sub.add_parser("db", help="store maintenance")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="apply pending schema migrations")
    info = db_sub.add_parser("info", help="where the store is, its schema version and counts")
    _json_flag(info)

    bench = sub.add_parser("bench", help="measure the app on a throwaway store")
    bench.add_argument("--attendees", type=_count, default=100_000, metavar="N")
    _json_flag(bench)
    return parser


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _count(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = {
        None: _gui, "gui": _gui, "demo": _demo, "db": _db, "bench": _bench, "event": _event,
        "import": _import, "scan": _scan, "search": _search, "walk-in": _walk_in,
        "route": _route, "occupancy": _occupancy, "export": _export, "privacy": _privacy,
        "badges": _badges,
    }[args.command]
    from sqlalchemy.exc import DBAPIError

    from checkin.store import StoreError, explain, resolve_url

    try:
        return handler(args)
    except (StoreError, UsageError) as exc:
        print(f"checkin: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DBAPIError as exc:
        # The store failed mid-command (locked, disk full, server gone): the transaction
        # was rolled back, so nothing was half-written.
        print(f"checkin: {explain(exc, resolve_url(args.db))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str) if args.json else text)


def print_problems(title: str, lines: list[str]) -> None:
    """A refusal on stderr: one heading, then one line per problem."""
    print(f"checkin: {title}", file=sys.stderr)
    for line in lines:
        print(f"  - {line}", file=sys.stderr)


def _progress(label: str) -> Callable[[int, int], None]:
    tty = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        if tty and total:
            end = "\n" if done >= total else ""
            print(f"\r{label}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return report


def _gui(args: argparse.Namespace) -> int:
    from checkin.app import main as run_app

    return run_app(args.db)


def _demo(args: argparse.Namespace) -> int:
    from checkin.core.demo import DemoError, load_demo
    from checkin.store import open_store

    engine = open_store(args.db)
    try:
        report = load_demo(engine, args.attendees, args.seed, _progress("registrants"))
    except DemoError as exc:
        raise UsageError(str(exc)) from None
    _emit(args, report.__dict__,
          f"Sample event loaded: {report.added} registrants added, {report.existing} already "
          f"there, {report.enrollments} enrollments ({report.waitlisted} waitlisted).")
    return EXIT_OK


def _event(args: argparse.Namespace) -> int:
    from checkin.cli_event import event_command

    return event_command(args)


def _import(args: argparse.Namespace) -> int:
    from checkin.cli_import import import_command

    return import_command(args)


def _search(args: argparse.Namespace) -> int:
    from checkin.cli_search import search_command

    return search_command(args)


def _scan(args: argparse.Namespace) -> int:
    from checkin.cli_scan import scan_command

    return scan_command(args)


def _walk_in(args: argparse.Namespace) -> int:
    from checkin.cli_scan import walk_in_command

    return walk_in_command(args)


def _route(args: argparse.Namespace) -> int:
    from checkin.cli_route import route_command

    return route_command(args)


def _occupancy(args: argparse.Namespace) -> int:
    from checkin.cli_route import occupancy_command

    return occupancy_command(args)


def _export(args: argparse.Namespace) -> int:
    from checkin.cli_export import export_command

    return export_command(args)


def _privacy(args: argparse.Namespace) -> int:
    from checkin.cli_privacy import privacy_command

    return privacy_command(args)


def _badges(args: argparse.Namespace) -> int:
    from checkin.cli_badges import badges_command

    return badges_command(args)


def _db(args: argparse.Namespace) -> int:
    from checkin.store import describe, upgrade_store

    if args.db_command == "upgrade":
        engine, changed = upgrade_store(args.db)
        where = describe(engine.url.render_as_string(hide_password=False))
        print(f"{where}: {'upgraded to the newest schema' if changed else 'already up to date'}.")
        return EXIT_OK
    return _db_info(args)


def _db_info(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from checkin.core.overview import list_events, table_counts
    from checkin.store import open_store, resolve_url, store_info

    url = make_url(resolve_url(args.db))
    database = url.database or ""
    if url.get_backend_name() == "sqlite" and database and not database.startswith("file:") \
            and database != ":memory:" and not Path(database).exists():
        # Looking must not create: a mistyped path would leave an empty store behind.
        raise UsageError(f"there is no store at {database}")
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
    _emit(args, data, "\n".join(lines))
    return EXIT_OK


def _bench(args: argparse.Namespace) -> int:
    from checkin.bench import run_bench

    results = run_bench(args.attendees, progress=lambda msg: print(msg, file=sys.stderr))
    _emit(args, results, "\n".join(r["line"] for r in results["results"]))
    return EXIT_OK
