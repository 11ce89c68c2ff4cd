"""`checkin badges --out F.pdf`: the day-before batch of badges, and the list of layouts.

Everything the user typed is checked (layout, output folder, category, codes) before
the PDF is drawn; the PDF appears whole or not at all, and badge_print is written only
once it has.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path
from typing import Any

from checkin.cli.common import (
    EXIT_OK, EXIT_REFUSED, UsageError, count, emit, json_flag, pick_event, progress,
)

MAX_DPI = 1200


def add_parser(sub: Any) -> None:
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
    badges.add_argument("--dpi", type=count, metavar="N",
                        help="draw each badge as an image at N dpi instead of vector text "
                             "(for printers that mishandle vector PDFs)")
    json_flag(badges)
    badges.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.core.badges.layout import LayoutError, available_layouts, find_layout

    try:
        if args.list_layouts or args.layout == "?":
            return _list(args, available_layouts())
        layout = find_layout(args.layout)
    except LayoutError as exc:
        raise UsageError(str(exc)) from None
    out = _check_out(args.out)
    if args.dpi is not None and not 72 <= args.dpi <= MAX_DPI:
        raise UsageError(f"--dpi must be between 72 and {MAX_DPI}")
    return _print_batch(args, layout, out)


def _check_out(value: str | None) -> Path:
    if not value:
        raise UsageError("say where to write the badges: --out badges.pdf")
    out = Path(value)
    if out.suffix.lower() != ".pdf":
        raise UsageError(f"{out}: the output is a PDF file; name it ….pdf")
    if out.is_dir():
        raise UsageError(f"{out} is a folder")
    if not (out.parent if str(out.parent) else Path(".")).is_dir():
        raise UsageError(f"{out}: there is no folder {out.parent}")
    return out


def _print_batch(args: argparse.Namespace, layout, out: Path) -> int:
    from checkin.core.badges.pdf import BadgeOutputError, write_pdf
    from checkin.core.badges.people import (
        BadgeSelectionError, check_codes, record_prints, select_badges,
    )
    from checkin.store import open_store

    engine = open_store(args.db)
    event_id = pick_event(engine, args.event)
    if args.only:
        unknown = check_codes(engine, event_id, args.only)
        if unknown:
            shown = ", ".join(unknown[:10]) + (f" and {len(unknown) - 10} more"
                                               if len(unknown) > 10 else "")
            raise UsageError(f"no ticket {shown} in this event; nothing printed")
    try:
        selection = select_badges(engine, event_id, category=args.category, only=args.only,
                                  not_printed=args.not_printed)
    except BadgeSelectionError as exc:
        raise UsageError(str(exc)) from None
    if args.only:  # asked for by name: say why there is no badge
        for code in selection.cancelled:
            print(f"warning: {code} is cancelled: no badge", file=sys.stderr)
    badges = selection.badges
    if not badges:
        print("checkin: no badge to print (nobody matches, or all have one already)",
              file=sys.stderr)
        return EXIT_REFUSED
    try:
        pages = write_pdf(badges, layout, out, dpi=args.dpi, progress=progress("badges"))
    except BadgeOutputError as exc:
        raise UsageError(str(exc)) from None
    reprints = record_prints(engine, [b.attendee_id for b in badges if b.attendee_id],
                             layout.key, desk=socket.gethostname(), operator="cli",
                             printer=str(out))
    data = {"out": str(out), "layout": layout.key, "badges": len(badges), "pages": pages,
            "reprints": reprints, "skipped_cancelled": len(selection.cancelled)}
    text = (f"{out}: {len(badges)} badge{'s' * (len(badges) > 1)} on {pages} "
            f"page{'s' * (pages > 1)} ({layout.name})"
            + (f", {reprints} reprint{'s' * (reprints > 1)}" if reprints else "")
            + (f"; {len(selection.cancelled)} cancelled registrants skipped"
               if selection.cancelled else "") + ".")
    emit(args, data, text)
    return EXIT_OK


def _list(args: argparse.Namespace, layouts: list) -> int:
    data = [{"layout": lay.key, "name": lay.name, "stock": lay.stock,
             "badge_mm": [lay.width, lay.height], "per_page": lay.per_page,
             "page_mm": list(lay.page_size)} for lay in layouts]
    width = max((len(lay.key) for lay in layouts), default=6)
    lines = [f"{lay.key:<{width}}  {lay.width:g}×{lay.height:g} mm, "
             + (f"{lay.per_page} per page" if lay.sheet else "one per page")
             + f"  {lay.stock}" for lay in layouts]
    lines.append("Use one with --layout NAME, or copy its file from "
                 f"{layouts[0].path.parent if layouts else 'resources/badges'} and give "
                 "--layout your-copy.toml")
    emit(args, data, "\n".join(lines))
    return EXIT_OK
