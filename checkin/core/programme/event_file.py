"""The event file: programme, rooms, tracks, categories and named people, loaded by key.

A coordinator writes it in a text editor (TOML), so every problem is reported with the
section and entry it is in, and nothing is written unless the whole file is valid.
Re-loading updates rows in place by their `key`, which keeps enrollments and scans.
"""

from __future__ import annotations

import io
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any


from checkin.core.images import MAX_IMAGE_PIXELS, image_problem, is_colour
from checkin.core.text import one_line
from checkin.core.clock import local_moment, zone
from checkin.store.vocabulary import SessionKind

PEOPLE_SOURCE = "event-file"
# The signature printed on attendance certificates: a scanned signature is a few tens of
# kilobytes; a megabyte is a photo, which would make every certificate heavy.
MAX_SIGNATURE_BYTES = 1024 * 1024
SIGNATURE_FORMATS = ("PNG", "JPEG")
MAX_ORGANISER = 200  # event.organiser's column
# INTEGER is 32-bit on PostgreSQL: a larger capacity would be refused there mid-load (and
# by SQLite past 64 bits, with a traceback); the file is refused first, naming the entry.
MAX_INTEGER = 2**31 - 1
# The text fields of each part of the file, and the store's column that bounds each
# (VARCHAR(n): PostgreSQL refuses a longer text and fails the whole load; SQLite would
# keep it, for badges and exports to choke on later). Fields naming another entry (a
# session's room) are bounded by that entry's key.
_TEXT_COLUMNS: dict[str, tuple[str, dict[str, str]]] = {
    "event": ("Event", {f: f for f in ("key", "name", "venue", "address", "timezone")}),
    "categories": ("Category", {f: f for f in ("key", "name", "badge_label")}),
    "rooms": ("Room", {f: f for f in ("key", "name", "floor", "directions")}),
    "tracks": ("Track", {f: f for f in ("key", "name", "description")}),
    "sessions": ("EventSession", {"key": "key", "title": "title", "kind": "kind",
                                "description": "description", "room": "key", "track": "key"}),
    "people": ("Attendee", {"key": "source_id", "code": "code", "first_name": "first_name",
                          "last_name": "last_name", "organisation": "organisation",
                          "job_title": "job_title", "email": "email",
                          "profession": "profession", "category": "source_id"}),
}
_KEY_LISTS = ("audience_categories", "audience_professions", "speakers")


class ProgrammeError(ValueError):
    """The file cannot be loaded; `problems` lists every reason, one per line."""

    def __init__(self, problems: list[str]):
        # One line each: a key or a title quoted in a problem may hold a line break.
        self.problems = [one_line(p) for p in problems]
        super().__init__("\n".join(self.problems))


@dataclass
class Programme:
    """A parsed, validated event file (times already in UTC)."""

    event: dict[str, Any]
    categories: list[dict[str, Any]]
    rooms: list[dict[str, Any]]
    tracks: list[dict[str, Any]]
    professions: dict[str, str]
    sessions: list[dict[str, Any]]
    people: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)


def read_programme(path: str | Path) -> Programme:
    try:
        text = Path(path).read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except FileNotFoundError:
        raise ProgrammeError([f"{path}: no such file"]) from None
    except OSError as exc:  # a folder, no permission…
        raise ProgrammeError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError:
        raise ProgrammeError([f"{path}: not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ProgrammeError([f"{path}: {exc}"]) from None
    except ValueError as exc:  # tomllib's own int(): a number of more than 4300 digits
        raise ProgrammeError([f"{path}: not a valid TOML file: {exc}"]) from None
    except RecursionError:
        raise ProgrammeError([f"{path}: not a valid TOML file: lists or tables nested too "
                              "deep"]) from None
    return parse_programme(raw, text, folder=Path(path).parent)


def signature_problem(data: bytes) -> str | None:
    """Why these bytes cannot be a certificate's signature ("too_big", "not_image"), or
    None: a PNG or JPEG image of at most 1 MB that Pillow can decode. The window words its
    own refusal in French from the code; the event file's problem line is below."""
    problem = _signature_problem(data)
    # A few hundred kB of PNG may declare 150 megapixels: "too_big" too (a smaller image).
    return "too_big" if problem == "too_many_pixels" else problem


def _signature_problem(data: bytes) -> str | None:
    if len(data) > MAX_SIGNATURE_BYTES:
        return "too_big"
    return image_problem(io.BytesIO(data), SIGNATURE_FORMATS)


def _signature(value: Any, folder: Path | None, problems: list[str]) -> bytes | None:
    """`signature = "signature.png"` (beside the event file) as the image's bytes;
    `signature = ""` removes it (None). Bytes are taken as they are: a programme written
    back by export_programme carries the stored image itself."""
    where = "[event] signature"
    if isinstance(value, bytes):
        data = value
    elif isinstance(value, str):
        if not value.strip():
            return None
        path = Path(value).expanduser()
        if not path.is_absolute() and folder is not None:
            path = folder / path
        try:
            if path.stat().st_size > MAX_SIGNATURE_BYTES:
                problems.append(f"{where}: {value} is larger than 1 MB; use a smaller image")
                return None
            data = path.read_bytes()
        except OSError as exc:
            problems.append(f"{where}: cannot read {value} ({exc.strerror or exc})")
            return None
    else:
        problems.append(f"{where}: write the image file's name, such as signature = \"signature.png\"")
        return None
    problem = _signature_problem(data)
    named = value if isinstance(value, str) else "the image"
    if problem == "too_big":
        problems.append(f"{where}: {named} is larger than 1 MB; use a smaller image")
    elif problem == "too_many_pixels":
        problems.append(f"{where}: {named} is too large an image: at most "
                        f"{MAX_IMAGE_PIXELS:,} pixels; use a smaller image")
    elif problem:
        problems.append(f"{where}: {named} is not a PNG or JPEG image")
    return None if problem else data


def _header_lines(text: str, section: str) -> list[int]:
    """Line numbers of each `[[section]]` header, so messages can point into the file."""
    # `[ \t]*`, not `\s*`: \s would also swallow the blank line above and count one line short.
    pattern = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(section)}[ \t]*\]\]", re.MULTILINE)
    return [text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)]


def parse_programme(raw: dict[str, Any], text: str = "", *,
                    folder: Path | None = None) -> Programme:
    """`folder`: where the event file is, for the paths it names (the signature image)."""
    problems: list[str] = []
    warnings: list[str] = []

    def need(entry: dict, name: str, where: str) -> Any:
        value = entry.get(name)
        if value in (None, ""):
            problems.append(f"{where}: missing '{name}'")
        return value

    ev = raw.get("event") or {}
    if not isinstance(ev, dict):
        problems.append("[event]: write it once, as an [event] table")
        ev = {}
    _check_texts("event", ev, "[event]", problems)
    for name in ("key", "name", "date", "starts", "ends"):
        need(ev, name, "[event]")
    tz = None
    try:
        tz = zone(ev.get("timezone", "Europe/Paris"))
    except ValueError as exc:
        problems.append(f"[event]: {exc}")
    hold = ev.get("seat_hold_minutes", 10)
    if isinstance(hold, bool) or not isinstance(hold, int) or not 0 <= hold <= 240:
        problems.append(f"[event]: seat_hold_minutes {hold!r} must be a whole number of minutes "
                        "from 0 to 240")
    day = ev.get("date")
    if day is not None and not isinstance(day, date):
        problems.append(f"[event]: date {day!r} must be written YYYY-MM-DD")
        day = None

    def moment(value: Any, where: str) -> datetime | None:
        if day is None or tz is None or value in (None, ""):
            return None
        try:
            return local_moment(day, value, tz)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            return None

    event = dict(ev, timezone=str(tz) if tz else "")
    event["starts_at"] = moment(ev.get("starts"), "[event] starts")
    event["ends_at"] = moment(ev.get("ends"), "[event] ends")
    # organiser and signature: left out of a file, they stay as set in the window.
    organiser = ev.get("organiser")
    if organiser is not None and (not isinstance(organiser, str) or len(organiser) > MAX_ORGANISER):
        problems.append(f"[event]: organiser must be a text of at most {MAX_ORGANISER} characters")
    if "signature" in ev:
        event["signature"] = _signature(ev["signature"], folder, problems)

    def keyed(section: str, required: tuple[str, ...]) -> list[dict[str, Any]]:
        entries = raw.get(section) or []
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            problems.append(f"[[{section}]]: write each entry as a [[{section}]] table")
            return []
        seen: set[str] = set()
        lines = _header_lines(text, section) if text else []
        for i, entry in enumerate(entries, 1):
            if "_where" not in entry:  # a programme sheet names its rows itself
                line = f" (line {lines[i - 1]})" if len(lines) == len(entries) else ""
                key = f" '{entry.get('key')}'" if entry.get("key") else ""
                entry["_where"] = f"[[{section}]] #{i}{key}{line}"
            where = entry["_where"]
            for name in required:
                need(entry, name, where)
            _check_texts(section, entry, where, problems)
            key = entry.get("key")
            if key and key in seen:
                problems.append(f"{where}: key '{key}' is used twice")
            seen.add(key)
        return entries

    categories = keyed("categories", ("key", "name"))
    rooms = keyed("rooms", ("key", "name", "capacity"))
    tracks = keyed("tracks", ("key", "name"))
    sessions = keyed("sessions", ("key", "title", "kind", "start", "end"))
    people = keyed("people", ("key", "last_name", "category"))
    professions = raw.get("professions") or {}
    if not isinstance(professions, dict):
        problems.append("[professions]: write them as one [professions] table of key = \"name\"")
        professions = {}
    professions = _checked_professions(professions, problems)
    for entry in (*categories, *tracks):
        if entry.get("colour") not in (None, "") and not is_colour(entry["colour"]):
            # Badges fill their band with it and pick black or white text from its digits.
            problems.append(f"{entry['_where']}: colour must be written #RRGGBB, such as "
                            f"\"#1F6FB2\", not {_short(entry['colour'])}")
    room_by_key = {r.get("key"): r for r in rooms}
    track_keys = {t.get("key") for t in tracks}
    category_keys = {c.get("key") for c in categories}
    person_keys = {p.get("key") for p in people}

    for room in rooms:
        cap = room.get("capacity")
        if cap not in (None, "") and not _is_capacity(cap):  # a missing one: see need()
            problems.append(f"{room['_where']}: {_capacity_problem(cap)}")

    for s in sessions:
        where = s["_where"]
        for name in _KEY_LISTS:
            items = s.get(name, [])
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                problems.append(f"{where}: {name} must be a list of keys in quotes, such as "
                                f"{name} = [\"…\"]")
                s[name] = []
        if s.get("capacity") is not None and not _is_capacity(s["capacity"]):
            problems.append(f"{where}: {_capacity_problem(s['capacity'])}")
        if s.get("kind") and s["kind"] not in SessionKind.ALL:
            problems.append(f"{where}: kind '{s['kind']}' is not one of {', '.join(SessionKind.ALL)}")
        if s.get("room") and s["room"] not in room_by_key:
            problems.append(f"{where}: unknown room '{s['room']}'")
        if s.get("track") and s["track"] not in track_keys:
            problems.append(f"{where}: unknown track '{s['track']}'")
        for cat in s.get("audience_categories", []):
            if cat not in category_keys:
                problems.append(f"{where}: unknown category '{cat}' in audience_categories")
        for prof in s.get("audience_professions", []):
            if prof not in professions:
                problems.append(f"{where}: unknown profession '{prof}' in audience_professions")
        for spk in s.get("speakers", []):
            if spk not in person_keys:
                problems.append(f"{where}: speaker '{spk}' is not in [[people]]")
        s["starts_at"] = moment(s.get("start"), f"{where} start")
        s["ends_at"] = moment(s.get("end"), f"{where} end")
        if s["starts_at"] and s["ends_at"]:
            if s["ends_at"] <= s["starts_at"]:
                problems.append(f"{where}: ends at {s['end']}, not after its start {s['start']}")
            elif event["starts_at"] and event["ends_at"] and (
                s["starts_at"] < event["starts_at"] or s["ends_at"] > event["ends_at"]
            ):
                problems.append(f"{where}: {s['start']}–{s['end']} is outside the day "
                                f"({ev.get('starts')}–{ev.get('ends')})")
        held_in = room_by_key.get(s.get("room"))
        cap = s.get("capacity")
        if (held_in and isinstance(cap, int) and isinstance(held_in.get("capacity"), int)
                and cap > held_in["capacity"]):
            warnings.append(f"{where}: capacity {cap} is above the room's ({held_in['capacity']}); "
                            "the room's is used")

    _check_room_clashes(sessions, problems)
    for p in people:
        where = p["_where"]
        if p.get("category") and p["category"] not in category_keys:
            problems.append(f"{where}: unknown category '{p['category']}'")
        if p.get("profession") and p["profession"] not in professions:
            problems.append(f"{where}: unknown profession '{p['profession']}'")

    if problems:
        raise ProgrammeError(problems)
    return Programme(event, categories, rooms, tracks, professions, sessions, people, warnings)


def _is_capacity(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_INTEGER


def _capacity_problem(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value > MAX_INTEGER:
        return f"capacity {_short(value)} is more than the store holds: at most {MAX_INTEGER}"
    return "capacity must be a whole number ≥ 0"


def _short(value: Any) -> str:
    """A value as a problem line shows it: on one line, and short (it may be 1 MB)."""
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "…"


@cache
def _column_length(model: str, column: str) -> int:
    """VARCHAR(n)'s n, read from the table itself. The models are imported here, not at the
    top: a desk window opens before the ORM is loaded (tests/test_layering.py)."""
    from checkin.store import models

    return int(getattr(models, model).__table__.c[column].type.length)


def _text_problem(value: Any, limit: int) -> str | None:
    """Why this value cannot go into a text column of `limit` characters, or None."""
    if not isinstance(value, str):
        return f"must be a text in quotes, not {_short(value)}"
    if len(value) > limit:
        return f"is {len(value)} characters long; at most {limit}"
    if "\0" in value:  # PostgreSQL refuses it in any text; SQLite would cut the text there
        return "contains a NUL character (\\u0000)"
    return None


def _check_texts(section: str, entry: dict[str, Any], where: str, problems: list[str]) -> None:
    """Every text field of the entry a text that its column holds. A wrong one is reported,
    then blanked: the checks after this one (keys, references) can trust a text."""
    model, fields = _TEXT_COLUMNS[section]
    for name, column in fields.items():
        if entry.get(name) is None:
            continue
        problem = _text_problem(entry[name], _column_length(model, column))
        if problem:
            problems.append(f"{where}: {name} {problem}")
            entry[name] = ""


def _checked_professions(professions: dict[str, Any], problems: list[str]) -> dict[str, str]:
    key_limit, name_limit = _column_length("Profession", "key"), _column_length("Profession", "name")
    checked = {}
    for key, name in professions.items():
        problem = _text_problem(key, key_limit)
        if problem:
            problems.append(f"[professions]: key {_short(key)} {problem}")
        elif problem := _text_problem(name, name_limit):
            problems.append(f"[professions] {key}: {problem}")
        else:
            checked[key] = name
    return checked


def _check_room_clashes(sessions: list[dict[str, Any]], problems: list[str]) -> None:
    timed = sorted(
        (s for s in sessions if s.get("room") and s.get("starts_at") and s.get("ends_at")),
        key=lambda s: (s["room"], s["starts_at"]),
    )
    # Compare each session with the one ending last before it in the same room, not only
    # its neighbour: a long session may overlap several shorter ones.
    latest: dict[str, Any] | None = None
    for b in timed:
        a = latest
        if a is not None and a["room"] == b["room"] and b["starts_at"] < a["ends_at"]:
            problems.append(f"{b['_where']}: room '{b['room']}' is already taken at "
                            f"{b['start']} by session '{a['key']}'")
        if a is None or a["room"] != b["room"] or b["ends_at"] > a["ends_at"]:
            latest = b


def full_name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def sample_event_path() -> Path:
    from checkin.resources import SAMPLE_EVENT, resource_path

    return resource_path(*SAMPLE_EVENT)

