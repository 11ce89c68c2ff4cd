"""Per-session sign-in sheets ("feuilles d'émargement"), the funders' proof of attendance.

One file with one section per session, each starting on a new page: one file to print or
send to a funder, sessions in programme order. Someone whose badge was scanned at the
session's door gets "signé électroniquement à HH:MM" in the signature column; the others
sign by hand. A few blank rows end each session for people who came without booking and
were not scanned.

Rows are drawn with fpdf2's low-level text and line calls (no table layout engine), so
thousands of rows stay within seconds.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from checkin.core.exports.files import Progress, atomic_output
from checkin.core.exports.pdf import FONT, TEXT, fit_text, hhmm, new_document, wrapped
from checkin.core.exports.queries import (
    EventInfo, door_times, session_people, session_people_count, session_titles, session_visits,
)
from pathlib import Path

BLANK_ROWS = 5
ROW_H = 8.5  # mm: room for a handwritten signature
# Columns of a sign-in sheet: (text key, x, width) on an A4 portrait page, in mm.
COLUMNS = (("no", 10, 10), ("name", 20, 55), ("org", 75, 50), ("arrival", 125, 15),
           ("signature", 140, 60))



def write_sign_in_sheets(conn: sa.Connection, ev: EventInfo, path: Path, lang: str = "fr",
                         progress: Progress | None = None, session_id: int | None = None) -> int:
    """All sessions in programme order, or the one asked for; returns the number of
    people listed."""
    t = TEXT[lang]
    titles = session_titles(conn, ev.id, session_id)
    visits = session_visits(conn, ev.id)
    total = session_people_count(conn, ev.id, session_id)
    pdf = new_document(lang)
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
            for line in wrapped(doc, text, 190, (style, size)):
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
            signed = t["signed"].format(hhmm(entered, ev.tz)) if entered else ""
            _row(pdf, state, [f"{(last or '').upper()} {first or ''}".strip(), org or "",
                              hhmm(arrived, ev.tz) if arrived else "",
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
        elif text and key == "name" and fit_text(pdf, text, width - 2) != text:
            state["small"].append((6.5, x + 1, base, text, width - 2))  # shrinks, then cut
        elif text:
            texts.append((x + 1, base, fit_text(pdf, text, width - 2)))
    y += ROW_H
    pdf.fast_row(texts, y)
    state["y"] = y


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
                text = fit_text(pdf, item[3], item[4]) if len(item) > 4 else item[3]
                pdf.fast_text(item[1], item[2], text)
    if small:
        pdf.set_font(FONT, "", 8.5)
    state["small"] = []
