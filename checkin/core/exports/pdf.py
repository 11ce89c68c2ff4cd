"""What checkin's PDF exports share: an A4 document with the DejaVu fonts and page numbers,
their words in French and English, and text cut or wrapped to a column's width. Drawn
with fpdf2 (pure Python, vector text, Unicode TTF fonts). The documents themselves:
sign_in_sheets.py (the per-session "feuilles d'émargement"), stats_pdf.py (the funders'
one-page summary), certificates.py (attendance certificates).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from checkin.core.numbers import format_number
from checkin.resources import resource_path

FONT = "DejaVu"
TEXT = {
    "fr": {"sheet": "Feuille d'émargement", "room": "Salle", "date": "Date", "no": "N°",
           "name": "Nom Prénom", "org": "Structure", "arrival": "Arrivée", "signature": "Signature",
           "signed": "signé électroniquement à {}", "nobody": "Aucun inscrit ni entrée enregistrée.",
           "on_site": "présent·e sur le site depuis {}", "waitlisted": "liste d'attente",
           "walk_in": "inscrit·e sur place",
           "on_site_note": "Aucune entrée scannée à la porte de cette session : sont listées les "
                           "personnes présentes sur le site pendant la session, d'après les "
                           "scans d'entrée, marquées « présent·e sur le site ».",
           "page": "Page {}", "stats": "Statistiques de fréquentation",
           "curve": "Arrivées par quart d'heure", "by_category": "Par catégorie",
           "by_track": "Par parcours", "by_dept": "Principaux départements",
           "made": "Édité le {}"},
    "en": {"sheet": "Sign-in sheet", "room": "Room", "date": "Date", "no": "No.",
           "name": "Name", "org": "Organisation", "arrival": "Arrival", "signature": "Signature",
           "signed": "signed electronically at {}", "nobody": "Nobody booked or entered.",
           "on_site": "on site since {}", "waitlisted": "waitlisted", "walk_in": "walk-in",
           "on_site_note": "No door scans at this session: listed are the people on site during "
                           "it, from the entry scans, marked “on site”.",
           "page": "Page {}", "stats": "Attendance statistics",
           "curve": "Arrivals per quarter hour", "by_category": "By category",
           "by_track": "By track", "by_dept": "Main départements", "made": "Made on {}"},
}


def new_document(lang: str) -> Any:
    from fpdf import FPDF

    class Sheet(FPDF):
        """A page header naming the current section, and page numbers."""

        heading: Callable[[Any], None] | None = None
        encoded: dict[tuple[str, str], str]

        def header(self) -> None:
            if self.heading:
                self.heading(self)

        def fast_row(self, texts: list[tuple[float, float, str]], line_y: float) -> None:
            """A row's texts and its rule in one write to the page (see _placed)."""
            try:
                parts = [self._placed(x, y, text) for x, y, text in texts]
                k, h = self.k, self.h
                parts.append(f"{10 * k:.2f} {(h - line_y) * k:.2f} m {200 * k:.2f} "
                             f"{(h - line_y) * k:.2f} l S")
                self._out(" ".join(parts))
            except AttributeError:
                for x, y, text in texts:
                    self.text(x, y, text)
                self.line(10, line_y, 200, line_y)

        def fast_text(self, x: float, y: float, text: str) -> None:
            """One text at the current font and text colour (see _placed)."""
            try:
                placed = self._placed(x, y, text)
                colour = self.text_color
                if colour is not None and colour != self.fill_color:  # as text() does it
                    placed = f"q {colour.serialize().lower()} {placed} Q"
                self._out(placed)
            except AttributeError:
                self.text(x, y, text)

        def _placed(self, x: float, y: float, text: str) -> str:
            """What text() writes, without its per-call checks and with each string
            encoded once: sheets for 100 000 people repeat the same organisations and times
            thousands of times (measured: a quarter of the sheets' time). The encoding
            belongs to this document's font subset, so the memory is this document's.
            Raises AttributeError if this fpdf2 has other internals (callers fall back)."""
            font = self.current_font
            if font is None:  # no font chosen yet: the callers' public path copes
                raise AttributeError("no current font")
            if not self.current_font_is_set_on_page:
                self._out(self._set_font_for_page(font, self.font_size_pt))
            key = (font.fontkey, text)
            encoded = self.encoded.get(key)
            if encoded is None:
                encoded = self.encoded[key] = font.encode_text(self.normalize_text(text))
            return f"BT {x * self.k:.2f} {(self.h - y) * self.k:.2f} Td {encoded} ET"

        def footer(self) -> None:
            self.set_y(-10)
            self.set_font(FONT, "", 7)
            self.cell(0, 5, TEXT[lang]["page"].format(self.page_no()), align="C")

    pdf = Sheet(orientation="P", unit="mm", format="A4")
    pdf.encoded = {}
    pdf.add_font(FONT, "", str(resource_path("fonts", "DejaVuSans.ttf")))
    pdf.add_font(FONT, "B", str(resource_path("fonts", "DejaVuSans-Bold.ttf")))
    pdf.set_auto_page_break(False)
    pdf.set_title(TEXT[lang]["sheet"])
    pdf.set_creator("checkin")
    return pdf


_WIDEST_EM = 1.5  # DejaVu Sans's widest Latin glyph is 1.17 em (bold; measured), with room
_FITS: dict[tuple, str] = {}


def fit_text(pdf: Any, text: str, width: float) -> str:
    """Cut a text to a column's width, with an ellipsis (never overflow into the next).
    Remembered: organisations and times repeat thousands of times on the sheets."""
    size = pdf.font_size  # mm
    if len(text) * size * _WIDEST_EM <= width:
        return text  # even in the widest letters it fits: no need to measure
    key = (text, width, pdf.font_family, pdf.font_style, size)
    fitted = _FITS.get(key)
    if fitted is None:
        if len(_FITS) > 50_000:
            _FITS.clear()
        fitted = _FITS[key] = _cut(pdf, text, width)
    return fitted


def string_width(pdf: Any, text: str, size_pt: float | None = None) -> float:
    """What get_string_width says (mm) in the current font, at `size_pt` (the current size
    by default), summed from the font's glyph widths: fpdf2's own copies its graphics state
    on every call (measured: a third of the sheets' time for 20 000 names). fpdf2's way
    when this font has no glyph widths to read or text is stretched or spaced."""
    size = pdf.font_size_pt if size_pt is None else size_pt
    try:
        widths = pdf.current_font.cw
        plain = pdf.font_stretching == 100 and not pdf.char_spacing
    except AttributeError:
        plain = False
    if not plain:
        return float(pdf.get_string_width(text)) * size / pdf.font_size_pt
    return sum(widths[ord(c)] for c in text) * size * 0.001 / pdf.k


def _cut(pdf: Any, text: str, width: float) -> str:
    if not text or string_width(pdf, text) <= width:
        return text
    low, high = 1, len(text) - 1  # the longest prefix that fits with its "…": halving
    while low < high:
        middle = (low + high + 1) // 2
        if string_width(pdf, text[:middle] + "…") <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


_WRAPS: dict[tuple, list[str]] = {}


def wrapped(pdf: Any, text: str, width: float, font: tuple) -> list[str]:
    """Words to lines no wider than `width` (a word too long alone is cut by fit_text)."""
    key = (text, width, font)
    if key not in _WRAPS:
        lines: list[str] = []
        current = ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            if current and pdf.get_string_width(candidate) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
        if len(_WRAPS) > 4096:
            _WRAPS.clear()
        _WRAPS[key] = [fit_text(pdf, line, width) for line in lines]
    return _WRAPS[key]


def shown(value: Any, lang: str) -> str:
    """A cell as its reader writes numbers (3,1 and 1 234 in French); text as it is."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, lang)
    return str(value)


def hhmm(moment: datetime, tz: Any) -> str:
    local = moment.astimezone(tz)
    return f"{local.hour:02d}:{local.minute:02d}"  # strftime: a tenth of the sheets' time
