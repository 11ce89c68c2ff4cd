"""What goes where on one badge, in millimetres: the decisions (sizes, line breaks,
abbreviations, QR modules) are taken once here, then drawn by the image renderer and
by the PDF writer alike, so the window's print and the batch PDF show the same badge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from checkin.core.badges.fit import Fitted, fit, metrics, width_mm
from checkin.core.badges.layout import PT_MM, Box, Layout, TextField

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


@dataclass(frozen=True)
class BadgeData:
    """One person as a badge shows them (no contact details: a badge is public)."""

    code: str
    first_name: str
    last_name: str
    organisation: str = ""
    category_key: str = ""
    category_label: str = ""
    colour: str = "#777777"
    track: str = ""
    event_name: str = ""
    attendee_id: int | None = None


@dataclass(frozen=True)
class Rect:
    box: Box
    fill: str


@dataclass(frozen=True)
class TextLine:
    text: str
    x: float          # left edge of the line, mm
    baseline: float   # mm
    size: float       # points
    bold: bool
    colour: str
    box: Box          # the ink's advance box (line width × line height): inside the field


@dataclass(frozen=True)
class QR:
    box: Box          # the whole symbol, quiet zone included
    module: float     # mm
    matrix: tuple[tuple[bool, ...], ...]


@dataclass(frozen=True)
class Logo:
    box: Box


@dataclass(frozen=True)
class BadgePlan:
    width: float
    height: float
    rects: tuple[Rect, ...]
    lines: tuple[TextLine, ...]
    qr: QR
    logo: Logo | None
    fitted: dict[str, Fitted]


@lru_cache(maxsize=4096)  # a reprint or a preview asks for the same code again
def qr_matrix(code: str) -> tuple[tuple[bool, ...], ...]:
    """A regular QR code (never Micro QR), error correction M, with its quiet zone."""
    q = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    q.add_data(code.encode("utf-8"))
    q.make(fit=True)
    return tuple(tuple(bool(v) for v in row) for row in q.get_matrix())


def contrast(colour: str) -> str:
    """Black or white text, whichever reads better on the band's colour."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 150 else "#FFFFFF"


def plan_badge(data: BadgeData, layout: Layout) -> BadgePlan:
    colour = layout.colours.get(data.category_key, data.colour or "#777777")
    values = {"event_name": data.event_name, "first_name": data.first_name,
              "last_name": data.last_name, "organisation": data.organisation,
              "track": data.track, "band": data.category_label}
    rects: list[Rect] = []
    lines: list[TextLine] = []
    fitted: dict[str, Fitted] = {}
    for key, spec in layout.texts.items():
        text_colour = spec.colour
        if key == "band":
            rects.append(Rect(spec.box, colour))
            text_colour = contrast(colour)
        fitted[key] = f = fit(values[key], spec)
        lines.extend(_place(f, spec, text_colour))
    matrix = qr_matrix(data.code)
    side = min(layout.qr.w, layout.qr.h)
    module = side / len(matrix)
    qr_box = Box(layout.qr.x + (layout.qr.w - side) / 2, layout.qr.y + (layout.qr.h - side) / 2,
                 side, side)
    logo = Logo(layout.logo) if layout.logo is not None else None
    return BadgePlan(layout.width, layout.height, tuple(rects), tuple(lines),
                     QR(qr_box, module, matrix), logo, fitted)


def _place(f: Fitted, spec: TextField, colour: str) -> list[TextLine]:
    """Lines centred vertically in the box, aligned as the field says."""
    ascent, _ = metrics(spec.bold)
    total = f.line_height * len(f.lines)
    top = spec.box.y + (spec.box.h - total) / 2
    out = []
    for i, text in enumerate(f.lines):
        w = width_mm(text, spec.bold, f.size)
        if spec.align == "left":
            x = spec.box.x
        elif spec.align == "right":
            x = spec.box.x + spec.box.w - w
        else:
            x = spec.box.x + (spec.box.w - w) / 2
        y = top + i * f.line_height
        out.append(TextLine(text, x, y + ascent * f.size * PT_MM, f.size, spec.bold, colour,
                            Box(x, y, w, f.line_height)))
    return out
