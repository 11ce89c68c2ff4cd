"""`checkin` or `checkin gui`: the desk window."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    sub.add_parser("gui", help="open the desk window (the default)").set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.app import main as run_app

    return run_app(args.db)
