"""The `checkin` command line. Qt is imported only by the commands that open a window.

Each command is one module of this package with its parser (`add_parser`) and its work
(`run`); this module only assembles them. Exit status (DESIGN.md): 0 done, 1 refused,
2 bad usage or bad input (message on stderr, nothing written), 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from checkin import __version__
from checkin.cli import (
    badges, bench, certificates, db, demo, event, export, gui, importing, occupancy, privacy,
    route, scan, search, walk_in,
)
from checkin.cli.common import EXIT_BAD_INPUT, EXIT_OK, UsageError

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C

# In the order `checkin --help` lists them.
COMMANDS = (gui, demo, event, importing, search, scan, walk_in, route, occupancy, export,
            certificates, privacy, badges, db, bench)


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
    parser.set_defaults(run=gui.run)  # no command: the desk window
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """`checkin ARGV…`. In a terminal as in a pipe: `checkin search … | head` ends when its
    reader does (status 0, nothing on stderr), Ctrl-C ends any command with status 130 and
    one line on stderr. A printed scan answer was committed before it was printed, so an
    interrupted `checkin scan -` keeps every answer it showed."""
    try:
        try:
            return _run(argv)
        finally:
            # Written now, while a broken pipe can still be caught: Python's own flush at
            # exit would print "Exception ignored … BrokenPipeError" instead. (No stdout at
            # all for a desk started without a console, as a windowed bundle is.)
            if sys.stdout is not None:
                sys.stdout.flush()
    except BrokenPipeError:
        return _reader_gone()
    except KeyboardInterrupt:
        print("checkin: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    from checkin.core.exports.unfinished import sweep
    from checkin.store import StoreError, explain, resolve_url

    for part in sweep():  # an export killed earlier: its hidden file held personal data
        print(f"checkin: deleted {part}, left by an export that was stopped", file=sys.stderr)

    try:
        return args.run(args)
    except (StoreError, UsageError) as exc:
        print(f"checkin: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except _store_errors() as exc:
        # The store failed mid-command (locked, disk full, server gone): the transaction
        # was rolled back, so nothing was half-written.
        print(f"checkin: {explain(exc, resolve_url(args.db))}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _store_errors() -> tuple[type[BaseException], ...]:
    """A store's failures as SQLAlchemy wraps them, and as the driver raises them: named
    queries run on the driver's own cursor (checkin.store.query)."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    psycopg = sys.modules.get("psycopg")  # loaded only when the store is PostgreSQL
    return (DBAPIError, sqlite3.Error, *((psycopg.Error,) if psycopg is not None else ()))


def _reader_gone() -> int:
    """Whoever read our output (`| head`) has what it wanted and left: not a failure.

    Output still buffered would fail again when Python flushes stdout at exit, so stdout's
    file descriptor is pointed at the null device first (the Python documentation's recipe,
    "Note on SIGPIPE" in the `signal` module). The commands write their files and talk to
    their store otherwise, so a BrokenPipeError that gets here came from stdout.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout without a file descriptor (captured, in tests)
        pass
    return EXIT_OK
