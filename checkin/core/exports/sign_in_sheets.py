"""Per-session sign-in sheets ("feuilles d'émargement"), the funders' proof of attendance.

One file with one section per session, each starting on a new page: one file to print or
send to a funder, sessions in programme order. A session lists whoever booked it or was
admitted at its door. Someone whose badge was scanned at the door gets "signé
électroniquement à HH:MM" in the signature column; the others sign by hand. A few blank
rows end each session for people who came without booking and were not scanned.

A session open to all (plenary, contest: nobody books them) whose door was not scanned
would list nobody although the hall was full: its sheet says so under the title and lists
the people on site during it, from the scans that count (queries.venue_stays), marked
"présent·e sur le site depuis HH:MM" in grey — never mistaken for a door scan.

A name that does not fit shrinks a little, then goes on two lines (last name, then first
name in smaller type), and only then is the last name cut: the first name is never lost,
so that three members of one family stay three readable rows. Waitlisted people and
walk-ins carry a grey mark after their name.

Rows are drawn with fpdf2's low-level text and line calls (no table layout engine), so
thousands of rows stay within seconds: texts in the body type go with the row, the others
(smaller or grey) are drawn once per page and size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from checkin.core.exports.files import Progress, atomic_output
from checkin.core.exports.pdf import (
    FONT, TEXT, fit_text, hhmm, new_document, string_width, wrapped,
)
from checkin.core.exports.queries import (
    EventInfo, Stay, Visit, door_times, on_site_during, open_to_all_sessions, people_who_came,
    session_people, session_people_count, session_titles, session_visits, venue_stays, walk_in_ids,
)
from checkin.store.queries.exports import SessionPerson, SessionTitle

BLANK_ROWS = 5
ROW_H = 8.5  # mm: room for a handwritten signature
TALL_ROW_H = 10.5  # a name on two lines, or a name and its mark: still room to sign
BOTTOM = 285.0
# Type sizes (pt): the rows' body; a name shrunk before it wraps; a second line; the least.
BODY_PT, SHRUNK_PT, SMALL_PT, SMALLEST_PT = 8.5, 7.5, 7.0, 6.0
GREY = 105  # on-site presence and marks: plainly readable, plainly not a door scan
# Columns of a sign-in sheet: (text key, x, width) on an A4 portrait page, in mm.
COLUMNS = (("no", 10, 10), ("name", 20, 55), ("org", 75, 50), ("arrival", 125, 15),
           ("signature", 140, 60))
NAME_X, NAME_W = COLUMNS[1][1] + 1, COLUMNS[1][2] - 2

# A piece of text in a row: (size pt, grey, x offset mm, line 0 or 1, text).
Piece = tuple[float, bool, float, int, str]


def write_sign_in_sheets(conn: sa.Connection, ev: EventInfo, path: Path, lang: str = "fr",
                         progress: Progress | None = None, session_id: int | None = None,
                         now: datetime | None = None) -> int:
    """All sessions in programme order, or the one asked for; returns the number of
    people listed. `now`: the moment of the export — nobody is "on site" for a session
    that has not started yet, or for the part of one that is still to come."""
    t = TEXT[lang]
    titles = session_titles(conn, ev.id, session_id)
    visits = session_visits(conn, ev.id)
    on_site = on_site_when_no_door_scans(conn, ev.id, titles, visits, now)
    walk_ins = walk_in_ids(conn, ev.id)
    # A plenary's bookings (rare) are counted twice here: only the progress bar reads it.
    total = session_people_count(conn, ev.id, session_id) + sum(map(len, on_site.values()))
    pdf = new_document(lang)
    state: dict[str, Any] = {}

    def heading(doc: Any) -> None:
        session: SessionTitle = state["session"]
        start, end = ev.local(session.starts_at), ev.local(session.ends_at)
        blocks = [("B", 14, 7.0, t["sheet"]), ("", 9, 4.5, ev.name), ("B", 11, 5.5, session.title),
                  ("", 9, 5.0, f"{t['room']} : {session.room or '—'} · {ev.venue} · {t['date']} : "
                               f"{start:%d/%m/%Y} {start:%H:%M}–{end:%H:%M}")]
        if state["on_site"]:
            blocks.append(("", 8, 4.0, t["on_site_note"]))
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

    pdf.heading = heading
    groups = groupby(session_people(conn, ev.id, session_id), key=attrgetter("session_id"))
    group = next(groups, None)
    done = 0
    for sid, session in titles.items():
        _flush_small(pdf, state)  # the last page of the previous session
        since = on_site.get(sid)
        state.update(session=session, n=0, on_site=since is not None)
        _new_page(pdf, state)
        booked: Iterable[SessionPerson] = ()
        if group is not None and group[0] == sid:
            booked = group[1]
        people = (booked if since is None
                  else with_people_on_site(conn, ev.id, sid, booked, since))
        for p in people:
            aid = p.attendee_id
            signature: tuple[str, bool] | None = None
            if since is not None and aid in since:
                signature = (t["on_site"].format(hhmm(since[aid], ev.tz)), True)
            else:
                entered, _left = door_times(visits.get(aid, []), sid)
                if entered:
                    signature = (t["signed"].format(hhmm(entered, ev.tz)), False)
            marks = [t["waitlisted"]] if p.booking == "waitlisted" else []
            if aid in walk_ins:
                marks.append(t["walk_in"])
            _row(pdf, state, name_pieces(pdf, p.last_name or "", p.first_name or "", " · ".join(marks)),
                 p.organisation or "", hhmm(p.arrived_at, ev.tz) if p.arrived_at else "", signature)
            done += 1
            if progress and done % 1000 == 0:
                progress(done, total)
        if group is not None and group[0] == sid:
            group = next(groups, None)  # after its rows were read: groupby shares one iterator
        if state["n"] == 0:
            pdf.set_font(FONT, "", 9)
            pdf.text(12, state["y"] + 6, t["nobody"])
            state["y"] += 8
            pdf.set_font(FONT, "", BODY_PT)
        for _ in range(BLANK_ROWS):
            _row(pdf, state, [], "", "", None)
    _flush_small(pdf, state)
    with atomic_output(path) as tmp:
        pdf.output(str(tmp))
    if progress:
        progress(done, done)
    return done


def on_site_when_no_door_scans(conn: sa.Connection, event_id: int,
                               titles: dict[int, SessionTitle], visits: dict[int, list[Visit]],
                               now: datetime | None = None) -> dict[int, dict[int, datetime]]:
    """For each session open to all that nobody was scanned into: registrant id -> since
    when they were on site (the start of their stay that overlaps the session, up to
    `now` when given)."""
    scanned = {visit.session_id for mine in visits.values() for visit in mine}
    wanted = [sid for sid in open_to_all_sessions(conn, event_id) & titles.keys()
              if sid not in scanned and (now is None or titles[sid].starts_at < now)]
    if not wanted:
        return {}
    stays = venue_stays(conn, event_id)
    found: dict[int, dict[int, datetime]] = {}
    for sid in wanted:
        starts, ends = titles[sid].starts_at, titles[sid].ends_at
        if now is not None:
            ends = min(ends, now)
        found[sid] = {aid: stay.came for aid, mine in stays.items()
                      for stay in _first_overlapping(mine, starts, ends)}
    return found


def _first_overlapping(stays: list[Stay], starts: datetime, ends: datetime) -> list[Stay]:
    for stay in stays:
        if on_site_during([stay], starts, ends):
            return [stay]
    return []


def with_people_on_site(conn: sa.Connection, event_id: int, session_id: int,
                        booked: Iterable[SessionPerson],
                        since: dict[int, datetime]) -> Iterator[SessionPerson]:
    """Session `session_id`'s own rows and the people on site during it, in name order, as
    session_people's rows (their booking, if they have one, from the session's rows)."""
    mine = {p.attendee_id: p for p in booked}
    listed = [SessionPerson(session_id, p.id, p.code, p.last_name, p.first_name, p.organisation,
                            p.category, mine[p.id].booking if p.id in mine else None, p.arrived_at)
              for p in people_who_came(conn, event_id) if p.id in since]
    shown = {p.attendee_id for p in listed}
    away = [p for aid, p in mine.items() if aid not in shown]
    if away:  # booked but not on site: among the others, sorted as the queries sort
        listed = sorted(listed + away, key=lambda p: ((p.last_name or "").lower(),
                                                      (p.first_name or "").lower(), p.attendee_id))
    yield from listed


def name_pieces(pdf: Any, last: str, first: str, mark: str = "") -> list[Piece]:
    """A name in the name column: "LAST First" on one line when it fits (a little smaller
    if need be); else the last name on the first line and the first name on the second in
    smaller type, the last name's words shared over both lines or, failing that, the last
    name cut with "…". The first name is never left out; a mark (waitlist, walk-in) ends
    the second line in grey. Measured in the current (body) font, scaled to other sizes."""
    last = last.upper()
    full = f"{last} {first}".strip()
    if not full:
        return []

    def width(text: str, size: float) -> float:
        return string_width(pdf, text, size)

    # Short enough even in the widest letters: the common case costs no measuring.
    if len(full) * pdf.font_size * 1.5 <= NAME_W or width(full, BODY_PT) <= NAME_W:
        line, second = (BODY_PT, full), ""
    elif width(full, SHRUNK_PT) <= NAME_W:
        line, second = (SHRUNK_PT, full), ""
    elif not first:
        line, second = (SMALL_PT, _cut(width, full, NAME_W, SMALL_PT)), ""
    else:
        line, second = _two_lines(width, last, first, mark)
    pieces: list[Piece] = [(line[0], False, 0.0, 0, line[1])]
    if second or mark:
        pieces += _second_line(width, second, mark)
    return pieces


def _two_lines(width: Any, last: str, first: str, mark: str) -> tuple[tuple[float, str], str]:
    """(size, first line) and the second line's name part."""
    for size in (BODY_PT, SHRUNK_PT, SMALL_PT):
        if width(last, size) <= NAME_W:
            return (size, last), first
    tail_room = f" {first} ({mark})" if mark else f" {first}"
    # Where the last name may break: between words and after a hyphen, the longest head first.
    breaks = sorted({m.end() for m in re.finditer(r"\s+|-", last) if 0 < m.end() < len(last)},
                    reverse=True)
    for at in breaks:
        head, tail = last[:at].rstrip(), last[at:].lstrip()
        if width(head, SMALL_PT) <= NAME_W and width(tail + tail_room, SMALLEST_PT) <= NAME_W:
            return (SMALL_PT, head), f"{tail} {first}"
    return (SMALL_PT, _cut(width, last, NAME_W, SMALL_PT)), first


def _second_line(width: Any, name: str, mark: str) -> list[Piece]:
    """The second line: `name` in black (whole if it fits even in the smallest type), then
    the mark in grey, in parentheses after a name, cut if there is no room left."""
    shown_mark = f"({mark})" if name and mark else mark
    text = f"{name} {shown_mark}".strip()
    size = next((s for s in (SMALL_PT, SMALLEST_PT) if width(text, s) <= NAME_W), None)
    if size is None:
        size = SMALL_PT if width(name, SMALL_PT) <= NAME_W else SMALLEST_PT
    name = _cut(width, name, NAME_W, size)
    pieces: list[Piece] = [(size, False, 0.0, 1, name)] if name else []
    if mark:
        dx = width(name + " ", size) if name else 0.0
        rest = _cut(width, shown_mark, NAME_W - dx, size)
        if rest and rest != "…":
            pieces.append((size, True, dx, 1, rest))
    return pieces


def _cut(width: Any, text: str, room: float, size: float) -> str:
    """The longest start of `text` that fits with its "…" (the whole text if it fits)."""
    if width(text, size) <= room:
        return text
    low, high = 0, len(text) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if width(text[:middle] + "…", size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…" if low else ""


def _row(pdf: Any, state: dict[str, Any], name: list[Piece], org: str, arrival: str,
         signature: tuple[str, bool] | None) -> None:
    height = TALL_ROW_H if any(piece[3] for piece in name) else ROW_H
    if state["y"] + height > BOTTOM:
        _new_page(pdf, state)  # the header redraws the session's title and column names
    state["n"] += 1
    y = state["y"]
    base = y + height / 2 + 1.2
    lines = (base,) if height == ROW_H else (y + 4.2, y + 8.0)
    texts: list[tuple[float, float, str]] = [(COLUMNS[0][1] + 1, base, str(state["n"]))]
    for size, grey, dx, line, text in name:
        if size == BODY_PT and not grey:
            texts.append((NAME_X + dx, lines[line], text))
        else:
            state["small"].append((size, grey, NAME_X + dx, lines[line], text))
    for (_key, x, width), text in zip(COLUMNS[2:4], (org, arrival)):
        if text:
            texts.append((x + 1, base, fit_text(pdf, text, width - 2)))
    if signature:
        state["small"].append((SMALL_PT, signature[1], COLUMNS[4][1] + 1, base, signature[0]))
    y += height
    pdf.fast_row(texts, y)
    state["y"] = y


def _new_page(pdf: Any, state: dict[str, Any]) -> None:
    _flush_small(pdf, state)
    pdf.add_page()
    pdf.set_font(FONT, "", BODY_PT)


def _flush_small(pdf: Any, state: dict[str, Any]) -> None:
    """The page's texts in smaller type or in grey, drawn together: one font and colour
    change per kind and page instead of two per row."""
    small = state.get("small") or []
    for size, grey in sorted({(item[0], item[1]) for item in small}):
        pdf.set_font(FONT, "", size)
        pdf.set_text_color(GREY if grey else 0)
        for item in small:
            if item[0] == size and item[1] == grey:
                pdf.fast_text(item[2], item[3], item[4])
    if small:
        pdf.set_font(FONT, "", BODY_PT)
        pdf.set_text_color(0)
    state["small"] = []
