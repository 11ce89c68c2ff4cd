"""The event file written back out, and the programme sheet (one row per session) read in.

Both go through the same dictionaries as the TOML file, so the sheet gets exactly the
same validation (`parse_programme`) and the export can be loaded again unchanged.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from checkin.core.clock import parse_hhmm, zone
from checkin.core.exports.files import FORMULA_START, inert_text
from checkin.core.programme.event_file import PEOPLE_SOURCE, ProgrammeError
from checkin.core.registrants.tabular import TableError, read_table
from checkin.core.text import fold
from checkin.store.queries import event_file as q
from checkin.store.vocabulary import AttendeeStatus, SessionKind


def export_programme(engine: Engine, event_id: int) -> dict[str, Any]:
    """The event as the dictionaries of an event file (see README, "Event file")."""
    with engine.connect() as conn:
        ev = q.EVENT.one(conn, event=event_id)
        if ev is None:
            raise LookupError(f"no event {event_id} in this store")
        categories = q.CATEGORIES.rows(conn, event_id)
        rooms = q.ROOMS.rows(conn, event_id)
        tracks = q.TRACKS.rows(conn, event_id)
        # A cancelled person is one taken out of the file: writing them back would bring
        # them back to life on the next load.
        people = [p for p in q.FILE_PEOPLE.all(conn, event=event_id, source=PEOPLE_SOURCE)
                  if p.status != AttendeeStatus.CANCELLED]
        sessions = q.SESSIONS.rows(conn, event_id)
        professions = {p.key: p.name for p in q.PROFESSIONS.rows(conn, event_id)}
    tz = zone(ev.timezone)
    start, end = ev.starts_at.astimezone(tz), ev.ends_at.astimezone(tz)
    cat_key = {c.id: c.key for c in categories}
    room_key = {r.id: r.key for r in rooms}
    track_key = {t.id: t.key for t in tracks}

    out: dict[str, Any] = {"event": _clean({
        "key": ev.key, "name": ev.name, "venue": ev.venue, "address": ev.address,
        "date": start.date(), "starts": f"{start:%H:%M}", "ends": f"{end:%H:%M}",
        "timezone": ev.timezone, "seat_hold_minutes": ev.seat_hold_minutes,
        # The image itself: write_event_file puts it beside the file and names it there;
        # a programme edited in the window and loaded again gives it back unchanged.
        "organiser": ev.organiser, "signature": ev.signature})}
    out["categories"] = [_clean({k: getattr(c, k) for k in ("key", "name", "colour", "badge_label")})
                         for c in categories]
    out["rooms"] = [_clean({k: getattr(r, k) for k in ("key", "name", "capacity", "floor", "directions")})
                    for r in rooms]
    out["tracks"] = [_clean({k: getattr(t, k) for k in ("key", "name", "colour", "description")})
                     for t in tracks]
    if professions:
        out["professions"] = professions
    out["sessions"] = [_clean({
        "key": s.key, "title": s.title, "kind": s.kind,
        "track": track_key.get(s.track_id, ""), "room": room_key.get(s.room_id, ""),
        "start": f"{s.starts_at.astimezone(tz):%H:%M}",
        "end": f"{s.ends_at.astimezone(tz):%H:%M}", "capacity": s.capacity,
        "audience_categories": s.audience_categories,
        "audience_professions": s.audience_professions,
        "speakers": s.speakers, "description": s.description}) for s in sessions]
    out["people"] = [_clean({
        "key": p.source_id, "code": p.code, "first_name": p.first_name,
        "last_name": p.last_name, "organisation": p.organisation,
        "job_title": p.job_title, "email": p.email,
        "category": cat_key.get(p.category_id, ""), "profession": p.profession})
        for p in people]
    return out


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: the file stays short and TOML has no null."""
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def write_event_file(data: dict[str, Any], path: str | Path) -> None:
    """The TOML file; a signature image goes beside it (`<file>-signature.png`), named
    by the file relative to itself, as a coordinator writes it."""
    import tomli_w

    path = Path(path)
    image = data.get("event", {}).get("signature")
    if isinstance(image, bytes):
        beside = path.with_name(f"{path.stem}-signature{_image_suffix(image)}")
        beside.write_bytes(image)
        data = dict(data, event=dict(data["event"], signature=beside.name))
    header = ("# checkin event file — see README.md, \"Event file\". Every `key` is a stable id:\n"
              "# edit freely, then `checkin event load` this file to update the event in place.\n\n")
    path.write_text(header + tomli_w.dumps(data, multiline_strings=False), encoding="utf-8")


def _image_suffix(image: bytes) -> str:
    return ".jpg" if image.startswith(b"\xff\xd8") else ".png"  # JPEG's SOI marker


# ---- programme sheet ------------------------------------------------------------------

# Header aliases (folded): what programmes in French or English spreadsheets call columns.
SHEET_COLUMNS = {
    "key": ("key", "id", "cle", "identifiant", "code"),
    "title": ("title", "titre", "intitule", "session", "nom"),
    "kind": ("kind", "type", "format"),
    "track": ("track", "parcours", "thematique"),
    "room": ("room", "salle", "lieu"),
    "start": ("start", "debut", "heure de debut", "horaire debut", "de"),
    "end": ("end", "fin", "heure de fin", "horaire fin", "a"),
    "capacity": ("capacity", "capacite", "places", "jauge"),
    "audience_categories": ("audience categories", "audience_categories", "public categories",
                            "categories"),
    "audience_professions": ("audience professions", "audience_professions",
                             "public professions", "professions", "metiers"),
    "speakers": ("speakers", "intervenants", "intervenant"),
    "description": ("description", "resume"),
}
KIND_WORDS = {
    SessionKind.PLENARY: ("plenary", "pleniere", "pleniere d ouverture", "ouverture", "cloture"),
    SessionKind.TRACK: ("track_session", "track session", "track", "parcours",
                        "session de parcours", "session"),
    SessionKind.WORKSHOP: ("network_workshop", "network workshop", "workshop", "atelier",
                           "atelier reseau", "atelier de reseau"),
    SessionKind.CONTEST: ("contest", "concours"),
}


def read_programme_sheet(path: str | Path, current: dict[str, Any]) -> dict[str, Any]:
    """The event file `current` (from export_programme) with its sessions replaced by the
    sheet's rows. Rooms, tracks and speakers are matched by key or by name."""
    try:
        table = read_table(path)
    except TableError as exc:
        raise ProgrammeError([str(exc)]) from None
    columns = _map_columns(table.header, str(path))
    rooms = _lookup(current.get("rooms", []))
    tracks = _lookup(current.get("tracks", []))
    people = _lookup(current.get("people", []), lambda p: f"{p.get('first_name', '')} {p['last_name']}")
    categories = _lookup(current.get("categories", []))
    professions = _lookup([{"key": k, "name": v} for k, v in current.get("professions", {}).items()])
    kinds = {fold(w): kind for kind, words in KIND_WORDS.items() for w in words}
    problems: list[str] = []
    sessions = []
    for number, record in table.records():
        where = f"{Path(path).name} row {number}"
        cell = {field: record.get(col) for field, col in columns.items()}
        s: dict[str, Any] = {"_where": where}
        title = _text(cell.get("title"))
        s["title"] = title
        s["key"] = _text(cell.get("key")) or _slug(title)
        kind_text = fold(_text(cell.get("kind")))
        s["kind"] = kinds.get(kind_text, kind_text or SessionKind.TRACK)
        for field, table_map in (("room", rooms), ("track", tracks)):
            value = _text(cell.get(field))
            if value:
                s[field] = table_map.get(fold(value), value)
        for field in ("start", "end"):
            s[field] = _time_text(cell.get(field))
        capacity = cell.get("capacity")
        if capacity not in (None, ""):
            try:
                s["capacity"] = int(float(str(capacity).replace(",", ".")))
            except (ValueError, OverflowError):  # "abc", "nan"; "1e400" (infinity)
                problems.append(f"{where}: capacity {capacity!r} is not a number")
        for field, table_map in (("audience_categories", categories),
                                 ("audience_professions", professions),
                                 ("speakers", people)):
            items = [i.strip() for i in re.split(r"[;,\n]", _text(cell.get(field))) if i.strip()]
            s[field] = [table_map.get(fold(i), i) for i in items]
        if cell.get("description"):
            s["description"] = _text(cell["description"])
        sessions.append(s)
    if problems:
        raise ProgrammeError(problems)
    if not sessions:
        raise ProgrammeError([f"{path}: no session rows under the header"])
    return dict(current, sessions=sessions)


def _map_columns(header: list[str], name: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for col in header:
        folded = fold(col)
        for field, aliases in SHEET_COLUMNS.items():
            if field not in found and folded in aliases:
                found[field] = col
    missing = [f for f in ("title", "start", "end") if f not in found]
    if missing:
        raise ProgrammeError([f"{name}: no column for {', '.join(missing)} "
                              f"(header: {', '.join(h for h in header if h)})"])
    return found


def _lookup(entries: list[dict], name_of: Any = None) -> dict[str, str]:
    """folded key or folded name -> key."""
    out: dict[str, str] = {}
    for e in entries:
        out[fold(str(e["key"]))] = e["key"]
        name = name_of(e) if name_of else e.get("name", "")
        if name:
            out.setdefault(fold(name), e["key"])
    return out


def _text(value: Any) -> str:
    return "" if value is None else " ".join(_formula_back(str(value)).split())


def _formula_back(text: str) -> str:
    """A cell as write_programme_sheet wrote it, without the apostrophe inert_text put
    before a formula: `'=HYPERLINK(…)` is read back as the title it was."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def _time_text(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time stored as a day fraction
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    text = _text(value)
    try:
        return f"{parse_hhmm(text):%H:%M}"
    except ValueError:
        return text  # parse_programme names the row and the bad value


def _slug(title: str) -> str:
    return "-".join(fold(title).replace(".", " ").replace("@", " ").split())[:64]


SHEET_HEADER = ("key", "title", "kind", "track", "room", "start", "end", "capacity",
                "audience_categories", "audience_professions", "speakers", "description")


def write_programme_sheet(data: dict[str, Any], path: str | Path) -> None:
    """One row per session, in the columns read_programme_sheet understands."""
    rows = [[_sheet_cell(s.get(col)) for col in SHEET_HEADER] for s in data.get("sessions", [])]
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "programme"
        sheet.append(list(SHEET_HEADER))
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    # openpyxl makes a formula of any text starting with "=": a title is
                    # text, kept as typed (as the attendance exports' XLSX writer does).
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        for col, width in zip("ABCDEFGHIJKL", (22, 60, 16, 22, 18, 8, 8, 9, 20, 24, 30, 40)):
            sheet.column_dimensions[col].width = width
        book.save(path)
        return
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(SHEET_HEADER)
        # A spreadsheet would run `=HYPERLINK(…)` typed as a title: the attendance exports'
        # apostrophe before it (read back without it, _formula_back).
        writer.writerows([inert_text(v) if isinstance(v, str) else v for v in row]
                         for row in rows)


def _sheet_cell(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else value
