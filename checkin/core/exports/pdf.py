"""PDF exports: per-session sign-in sheets ("feuilles d'émargement") and the funders'
one-page summary, drawn with fpdf2 (pure Python, vector text, Unicode TTF fonts).

Sign-in sheets are one file with one section per session, each starting on a new page:
one file to print or send to a funder, sessions in programme order. Someone whose badge
was scanned at the session's door gets "signé électroniquement à HH:MM" in the
signature column; the others sign by hand. A few blank rows end each session for people
who came without booking and were not scanned.

Rows are drawn with fpdf2's low-level text and line calls (no table layout engine), so
thousands of rows stay within seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from checkin.core.exports.files import Progress, atomic_output
from checkin.core.exports.queries import (
    EventInfo, door_times, session_people, session_people_count, session_titles, session_visits,
)
from checkin.core.exports.stats import Stats
from checkin.core.numbers import format_number
from checkin.resources import resource_path

FONT = "DejaVu"
BLANK_ROWS = 5
ROW_H = 8.5  # mm: room for a handwritten signature
TEXT = {
    "fr": {"sheet": "Feuille d'émargement", "room": "Salle", "date": "Date", "no": "N°",
           "name": "Nom Prénom", "org": "Structure", "arrival": "Arrivée", "signature": "Signature",
           "signed": "signé électroniquement à {}", "nobody": "Aucun inscrit ni entrée enregistrée.",
           "page": "Page {}", "stats": "Statistiques de fréquentation",
           "curve": "Arrivées par quart d'heure", "by_category": "Par catégorie",
           "by_track": "Par parcours", "by_dept": "Principaux départements",
           "made": "Édité le {}"},
    "en": {"sheet": "Sign-in sheet", "room": "Room", "date": "Date", "no": "No.",
           "name": "Name", "org": "Organisation", "arrival": "Arrival", "signature": "Signature",
           "signed": "signed electronically at {}", "nobody": "Nobody booked or entered.",
           "page": "Page {}", "stats": "Attendance statistics",
           "curve": "Arrivals per quarter hour", "by_category": "By category",
           "by_track": "By track", "by_dept": "Main départements", "made": "Made on {}"},
}
# Columns of a sign-in sheet: (text key, x, width) on an A4 portrait page, in mm.
COLUMNS = (("no", 10, 10), ("name", 20, 55), ("org", 75, 50), ("arrival", 125, 15),
           ("signature", 140, 60))


def _pdf(lang: str) -> Any:
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
            try:
                self._out(self._placed(x, y, text))
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


def _fit(pdf: Any, text: str, width: float) -> str:
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


def _cut(pdf: Any, text: str, width: float) -> str:
    if not text or pdf.get_string_width(text) <= width:
        return text
    low, high = 1, len(text) - 1  # the longest prefix that fits with its "…": halving
    while low < high:
        middle = (low + high + 1) // 2
        if pdf.get_string_width(text[:middle] + "…") <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def write_sign_in_sheets(conn: sa.Connection, ev: EventInfo, path: Path, lang: str = "fr",
                         progress: Progress | None = None, session_id: int | None = None) -> int:
    """All sessions in programme order, or the one asked for; returns the number of
    people listed."""
    t = TEXT[lang]
    titles = session_titles(conn, ev.id, session_id)
    visits = session_visits(conn, ev.id)
    total = session_people_count(conn, ev.id, session_id)
    pdf = _pdf(lang)
    state: dict[str, Any] = {}

    def heading(doc: Any) -> None:
        _key, title, room, _track, starts, ends, _seats, _kind = state["session"]
        start, end = ev.local(starts), ev.local(ends)
        blocks = [("B", 14, 7.0, t["sheet"]), ("", 9, 4.5, ev.name), ("B", 11, 5.5, title),
                  ("", 9, 5.0, f"{t['room']} : {room or '—'} · {ev.venue} · {t['date']} : "
                               f"{start:%d/%m/%Y} {start:%H:%M}–{end:%H:%M}")]
        y = 10.0
        for style, size, height, text in blocks:
            doc.set_font(FONT, style, size)
            # Wrapped once per session and drawn with text(): multi_cell on every page
            # took half the time of 3 600 pages of sheets (measured).
            for line in _wrapped(doc, text, 190, (style, size)):
                doc.text(10, y + height * 0.75, line)
                y += height
            y += 1
        y += 6
        doc.set_font(FONT, "B", 8.5)
        for key, x, _w in COLUMNS:
            doc.text(x + 1, y - 2, t[key])
        doc.line(10, y, 200, y)
        state["y"] = y
        state["first_y"] = y

    pdf.heading = heading
    rows = session_people(conn, ev.id, session_id)
    pending = next(rows, None)
    done = 0
    for sid, session in titles.items():
        _flush_small(pdf, state)  # the last page of the previous session
        state["session"] = session
        state["n"] = 0
        _new_page(pdf, state)
        while pending is not None and pending[0] == sid:
            _sid, aid, _code, last, first, org, _cat, _status, arrived = pending
            entered, _left = door_times(visits.get(aid, []), sid)
            signed = t["signed"].format(_hhmm(entered, ev.tz)) if entered else ""
            _row(pdf, state, [f"{(last or '').upper()} {first or ''}".strip(), org or "",
                              _hhmm(arrived, ev.tz) if arrived else "",
                              signed])
            done += 1
            if progress and done % 1000 == 0:
                progress(done, total)
            pending = next(rows, None)
        if state["n"] == 0:
            pdf.set_font(FONT, "", 9)
            pdf.text(12, state["y"] + 6, t["nobody"])
            state["y"] += 8
            pdf.set_font(FONT, "", 8.5)
        for _ in range(BLANK_ROWS):
            _row(pdf, state, ["", "", "", ""])
    _flush_small(pdf, state)
    with atomic_output(path) as tmp:
        pdf.output(str(tmp))
    if progress:
        progress(done, done)
    return done


_WRAPS: dict[tuple, list[str]] = {}


def _wrapped(pdf: Any, text: str, width: float, font: tuple) -> list[str]:
    """Words to lines no wider than `width` (a word too long alone is cut by _fit)."""
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
        _WRAPS[key] = [_fit(pdf, line, width) for line in lines]
    return _WRAPS[key]


def _row(pdf: Any, state: dict[str, Any], cells: list[str]) -> None:
    if state["y"] + ROW_H > 285:
        _new_page(pdf, state)  # the header redraws the session's title and column names
    state["n"] += 1
    y = state["y"]
    base = y + ROW_H / 2 + 1.2
    texts = [(COLUMNS[0][1] + 1, base, str(state["n"]))]
    for (key, x, width), text in zip(COLUMNS[1:], cells):
        if key == "signature" and text:
            state["small"].append((7, x + 1, base, text))
        elif text and key == "name" and _fit(pdf, text, width - 2) != text:
            state["small"].append((6.5, x + 1, base, text, width - 2))  # shrinks, then cut
        elif text:
            texts.append((x + 1, base, _fit(pdf, text, width - 2)))
    y += ROW_H
    pdf.fast_row(texts, y)
    state["y"] = y


def _hhmm(moment: datetime, tz: Any) -> str:
    local = moment.astimezone(tz)
    return f"{local.hour:02d}:{local.minute:02d}"  # strftime: a tenth of the sheets' time


def _new_page(pdf: Any, state: dict[str, Any]) -> None:
    _flush_small(pdf, state)
    pdf.add_page()
    pdf.set_font(FONT, "", 8.5)


def _flush_small(pdf: Any, state: dict[str, Any]) -> None:
    """The page's texts in smaller type, drawn together: one font change per size and
    page instead of two per row."""
    small = state.get("small") or []
    for size in sorted({item[0] for item in small}):
        pdf.set_font(FONT, "", size)
        for item in small:
            if item[0] == size:
                text = _fit(pdf, item[3], item[4]) if len(item) > 4 else item[3]
                pdf.fast_text(item[1], item[2], text)
    if small:
        pdf.set_font(FONT, "", 8.5)
    state["small"] = []


def write_stats_pdf(stats: Stats, ev: EventInfo, path: Path, made_at: datetime) -> None:
    """One page: key figures, the arrival curve as bars, categories, tracks, départements."""
    t = TEXT[stats.lang]
    pdf = _pdf(stats.lang)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.set_xy(10, 10)
    pdf.cell(190, 8, t["stats"])
    pdf.set_font(FONT, "", 10)
    pdf.set_xy(10, 19)
    pdf.multi_cell(190, 5, f"{ev.name}\n{ev.venue} · {ev.local(ev.starts_at):%d/%m/%Y}")
    pdf.set_font(FONT, "", 7)
    pdf.text(10, 36, t["made"].format(made_at.astimezone(ev.tz).strftime("%d/%m/%Y %H:%M")))
    shown = ("registered", "came", "rate", "walk_ins", "absent", "session_entries")
    figures = [(label, stats.figures[k]) for k, (label, _v) in
               zip(stats.figures, stats.tables["summary"]) if k in shown]
    box_w = 190 / len(figures)
    for i, (label, value) in enumerate(figures):
        x = 10 + i * box_w
        pdf.set_draw_color(180, 180, 180)
        pdf.rect(x + 1, 40, box_w - 2, 18)
        pdf.set_font(FONT, "B", 14)
        pdf.set_xy(x + 1, 42)
        pdf.cell(box_w - 2, 7, _shown(value, stats.lang), align="C")
        pdf.set_font(FONT, "", 6.5)
        pdf.set_xy(x + 1, 50)
        pdf.cell(box_w - 2, 5, _fit(pdf, label, box_w - 4), align="C")
    lang = stats.lang
    _bars(pdf, t["curve"], stats.tables["arrivals"], 10, 66, 190, 70, lang)
    _small_table(pdf, t["by_category"], stats.header("category"), stats.tables["category"][:12],
                 10, 150, (42, 14, 12, 26), lang)
    _small_table(pdf, t["by_track"], stats.header("track")[:1] + stats.header("track")[2:],
                 [[r[0], r[2], r[3]] for r in stats.tables["track"]][:12], 106, 150, (50, 20, 24),
                 lang)
    depts = sorted(stats.tables["departement"], key=lambda r: -r[1])[:10]
    _small_table(pdf, t["by_dept"], stats.header("departement"), depts, 10, 222, (45, 15, 15), lang)
    with atomic_output(path) as tmp:
        pdf.output(str(tmp))


def _shown(value: Any, lang: str) -> str:
    """A cell as its reader writes numbers (3,1 and 1 234 in French); text as it is."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, lang)
    return str(value)


def _bars(pdf: Any, title: str, rows: list[list[Any]], x: float, y: float, w: float,
          h: float, lang: str) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.text(x, y, title)
    top, bottom = y + 6, y + h - 6
    pdf.set_draw_color(120, 120, 120)
    pdf.line(x + 8, bottom, x + w, bottom)
    if not rows:
        return
    peak = max(r[1] for r in rows) or 1
    slot_w = min((w - 10) / len(rows), 8.0)
    pdf.set_font(FONT, "", 6)
    pdf.text(x, top + 2, _shown(peak, lang))
    pdf.set_fill_color(31, 111, 178)
    for i, (label, n, _cumulative) in enumerate(rows):
        bar_h = (bottom - top) * n / peak
        bx = x + 9 + i * slot_w
        if bar_h > 0:
            pdf.rect(bx + slot_w * 0.1, bottom - bar_h, slot_w * 0.8, bar_h, style="F")
        if label.endswith(":00") or len(rows) <= 16:
            pdf.text(bx, bottom + 3.5, label[-5:])


def _small_table(pdf: Any, title: str, header: list[str], rows: list[list[Any]], x: float,
                 y: float, widths: tuple[float, ...], lang: str) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.text(x, y, title)
    y += 5
    pdf.set_font(FONT, "B", 7)
    cx = x
    for name, width in zip(header, widths):
        pdf.text(cx, y, _fit(pdf, str(name), width - 1))
        cx += width
    pdf.line(x, y + 1, x + sum(widths), y + 1)
    pdf.set_font(FONT, "", 7)
    for row in rows:
        y += 4.5
        cx = x
        for value, width in zip(row, widths):
            pdf.text(cx, y, _fit(pdf, _shown(value, lang), width - 1))
            cx += width
