"""Badges laid out on sheets in a PDF (fpdf2): vector text in the bundled font and the QR
as filled rectangles, so the printer prints them at its own resolution and a thousand
badges take a couple of seconds, not the minute that full-page images would.

With `dpi`, each badge is drawn as an image instead (exactly what the desk window
prints): for a printer whose driver mishandles vector PDFs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from PIL import Image

from checkin import __version__
from checkin.core.badges.fit import font_path
from checkin.core.badges.layout import Layout
from checkin.core.badges.plan import BadgeData, BadgePlan, plan_badge
from checkin.core.badges.raster import draw_plan

Progress = Callable[[int, int], None]
FAMILY = "badge"
MARK_MM = 6.0       # length of a cut mark
MARK_GAP_MM = 1.0   # space left between a mark and the badge it points at


class BadgeOutputError(OSError):
    """The PDF could not be written where asked; nothing was left behind."""


def write_pdf(badges: Sequence[BadgeData], layout: Layout, out: Path, *, dpi: int | None = None,
              progress: Progress | None = None) -> int:
    """Writes all badges to `out` (atomically: a failure leaves no partial file) and
    returns the number of pages."""
    out = Path(out)
    pdf = new_document(layout)
    slots = layout.slots()
    total = len(badges)
    for i, data in enumerate(badges):
        slot = i % len(slots)
        if slot == 0:
            pdf.add_page()
            if layout.sheet is not None and layout.sheet.cut_marks:
                _cut_marks(pdf, layout)
        x, y = slots[slot]
        draw_on_pdf(pdf, plan_badge(data, layout), layout, x, y, dpi)
        if progress and (i % 50 == 49 or i + 1 == total):
            progress(i + 1, total)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".badges-", suffix=".pdf", dir=out.parent or Path("."))
    except OSError as exc:
        raise BadgeOutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pdf.output())
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BadgeOutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    return pdf.pages_count


def new_document(layout: Layout) -> FPDF:
    w, h = layout.page_size
    pdf = FPDF(orientation="L" if w > h else "P", unit="mm", format=(min(w, h), max(w, h)))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_creator(f"checkin {__version__}")
    pdf.set_title(f"Badges — {layout.name}")
    pdf.add_font(FAMILY, "", str(font_path(False)))
    pdf.add_font(FAMILY, "B", str(font_path(True)))
    return pdf


def draw_on_pdf(pdf: FPDF, plan: BadgePlan, layout: Layout, ox: float, oy: float,
                dpi: int | None = None) -> None:
    if dpi:
        pdf.image(draw_plan(plan, layout, dpi), ox, oy, plan.width, plan.height)
        return
    for rect in plan.rects:
        pdf.set_fill_color(*_rgb(rect.fill))
        b = rect.box
        pdf.rect(ox + b.x, oy + b.y, b.w, b.h, style="F")
    for line in plan.lines:
        size = line.size
        pdf.set_font(FAMILY, "B" if line.bold else "", size)
        while pdf.get_string_width(line.text) > line.box.w + 1e-3 and size > 1:
            size *= 0.98  # never wider than planned, whatever the metrics say
            pdf.set_font_size(size)
        pdf.set_text_color(*_rgb(line.colour))
        pdf.text(ox + line.x, oy + line.baseline, line.text)
    _qr(pdf, plan, ox, oy)
    if plan.logo is not None and layout.logo_file is not None:
        b = plan.logo.box
        iw, ih = _image_size(layout.logo_file)
        scale = min(b.w / iw, b.h / ih)
        w, h = iw * scale, ih * scale
        pdf.image(str(layout.logo_file), ox + b.x + (b.w - w) / 2, oy + b.y + (b.h - h) / 2, w, h)


def _qr(pdf: FPDF, plan: BadgePlan, ox: float, oy: float) -> None:
    """One filled path: a rectangle per horizontal run of dark modules, each overlapping
    the next row by a hair so that no white seam shows between rows at any zoom.

    Written as raw `re` operators in one go (fpdf2's rect() writes the same operator one
    call at a time, which was two thirds of the time of a 1 000-badge PDF)."""
    qr = plan.qr
    k, page_h = pdf.k, pdf.h
    m = qr.module * k
    x0, top = (ox + qr.box.x) * k, (page_h - oy - qr.box.y) * k
    ops = []
    for r, row in enumerate(qr.matrix):
        c, n = 0, len(row)
        y = top - r * m
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            ops.append(f"{x0 + start * m:.3f} {y:.3f} {(c - start) * m:.3f} {-m * 1.02:.3f} re")
    pdf.set_fill_color(0, 0, 0)
    pdf._out(" ".join(ops) + " f")


def _cut_marks(pdf: FPDF, layout: Layout) -> None:
    """Short lines along every cut, outside the badges: in the page margin when there is
    room, else over the badges' own margin on the cut line itself (cut away with it)."""
    sheet = layout.sheet
    assert sheet is not None
    slots = layout.slots()
    xs = sorted({round(v, 3) for x, _ in slots for v in (x, x + layout.width)})
    ys = sorted({round(v, 3) for _, y in slots for v in (y, y + layout.height)})
    top, bottom = ys[0], ys[-1]
    left, right = xs[0], xs[-1]
    pdf.set_draw_color(90, 90, 90)
    pdf.set_line_width(0.2)
    inner = min(MARK_MM, layout.margin - 1)
    for x in xs:
        for edge, span in ((top, -1), (bottom, 1)):
            room = edge if span < 0 else sheet.page_h - edge
            if room >= MARK_MM / 2 + MARK_GAP_MM:
                a = edge + span * MARK_GAP_MM
                pdf.line(x, a, x, a + span * min(MARK_MM, room - MARK_GAP_MM))
            elif inner > 0:
                pdf.line(x, edge, x, edge - span * inner)
    for y in ys:
        for edge, span in ((left, -1), (right, 1)):
            room = edge if span < 0 else sheet.page_w - edge
            if room >= MARK_MM / 2 + MARK_GAP_MM:
                a = edge + span * MARK_GAP_MM
                pdf.line(a, y, a + span * min(MARK_MM, room - MARK_GAP_MM), y)
            elif inner > 0:
                pdf.line(edge, y, edge - span * inner, y)


@lru_cache(maxsize=64)
def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@lru_cache(maxsize=8)
def _image_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as img:
        return img.size
