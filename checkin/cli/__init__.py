"""The `checkin` command line. Qt is imported only by the commands that open a window.

Each command is one module of this package with its parser (`add_parser`) and its work
(`run`); this module only assembles them. Exit status (DESIGN.md): 0 done, 1 refused,
2 bad usage or bad input (message on stderr, nothing written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from checkin import __version__
from checkin.cli import (
    badges, bench, db, demo, event, export, gui, importing, occupancy, privacy, route, scan,
    search, walk_in,
)
from checkin.cli.common import EXIT_BAD_INPUT, UsageError

# In the order `checkin --help` lists them.
COMMANDS = (gui, demo, event, importing, search, scan, walk_in, route, occupancy, export,
            privacy, badges, db, bench)


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
    args = build_parser().parse_args(argv)
    from sqlalchemy.exc import DBAPIError

    from checkin.store import StoreError, explain, resolve_url

    try:
        return args.run(args)
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
