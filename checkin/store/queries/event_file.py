"""The tables an event file describes (checkin.core.programme.load writes them, .files
reads them back out): the event, its categories, professions, rooms, tracks, sessions and
the people it names, matched by their `key` so that ids survive a re-load.

Categories, professions, rooms, tracks and sessions are alike: rows of an event with a
key and a few columns. Their statements are made from each row's fields by `Entries`
(fixed table and column names, never input), so that the five read and write alike.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Generic, NamedTuple, TypeVar

import sqlalchemy as sa

from checkin.store.query import Count, Id, Query
from checkin.store.rows import json_list
from checkin.store.vocabulary import EnrollmentStatus, QpvResidence

R = TypeVar("R", bound=tuple)


class Entries(Generic[R]):
    """One table of an event's keyed entries: its rows in the order they were made, and
    one entry made, changed (every column after the key) or removed."""

    def __init__(self, table: str, row: type[R], times: Sequence[str] = (),
                 lists: Sequence[str] = ()) -> None:
        fields: tuple[str, ...] = row._fields  # type: ignore[attr-defined]
        assert fields[:2] == ("id", "key"), fields
        columns = fields[2:]
        self.lists = tuple(lists)  # JSON lists: given and read back as Python lists
        self.of_event = Query(f"SELECT {', '.join(fields)} FROM {table} WHERE event_id = :event "
                              "ORDER BY id", row, times)
        self._insert = Query(
            f"INSERT INTO {table} (event_id, key, {', '.join(columns)}) VALUES (:event, :key, "
            f"{', '.join(':' + c for c in columns)}) RETURNING id", Id)
        self._update: Query[tuple] = Query(
            f"UPDATE {table} SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE id = :id")
        self._delete: Query[tuple] = Query(f"DELETE FROM {table} WHERE id = :id")

    def rows(self, conn: sa.Connection, event: int) -> list[R]:
        rows = self.of_event.all(conn, event=event)
        if self.lists:
            rows = [row._replace(**{n: json_list(getattr(row, n)) for n in self.lists})  # type: ignore[attr-defined]
                    for row in rows]
        return rows

    def insert(self, conn: sa.Connection, event: int, key: str, values: dict[str, Any]) -> int:
        made = self._insert.one(conn, event=event, key=key, **self._stored(values))
        assert made is not None
        return made.id

    def update(self, conn: sa.Connection, id: int, values: dict[str, Any]) -> None:
        self._update.run(conn, id=id, **self._stored(values))

    def delete(self, conn: sa.Connection, id: int) -> None:
        self._delete.run(conn, id=id)

    def _stored(self, values: dict[str, Any]) -> dict[str, Any]:
        return {k: json.dumps(list(v)) if k in self.lists else v for k, v in values.items()}


class CategoryRow(NamedTuple):
    id: int
    key: str
    name: str
    colour: str
    badge_label: str


class ProfessionRow(NamedTuple):
    id: int
    key: str
    name: str


class RoomRow(NamedTuple):
    id: int
    key: str
    name: str
    capacity: int
    floor: str
    directions: str


class TrackRow(NamedTuple):
    id: int
    key: str
    name: str
    colour: str
    description: str


class SessionEntry(NamedTuple):
    id: int
    key: str
    title: str
    kind: str
    track_id: int | None
    room_id: int | None
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    audience_categories: list[str]
    audience_professions: list[str]
    speakers: list[str]
    description: str


CATEGORIES = Entries("category", CategoryRow)
PROFESSIONS = Entries("profession", ProfessionRow)
ROOMS = Entries("room", RoomRow)
TRACKS = Entries("track", TrackRow)
SESSIONS = Entries("session", SessionEntry, times=("starts_at", "ends_at"),
                   lists=("audience_categories", "audience_professions", "speakers"))


class EventRow(NamedTuple):
    id: int
    key: str
    name: str
    venue: str
    address: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    organiser: str
    signature: bytes | None
    seat_hold_minutes: int


_EVENT = ("SELECT id, key, name, venue, address, timezone, starts_at, ends_at, organiser, "
          "signature, seat_hold_minutes FROM event")
EVENT = Query(f"{_EVENT} WHERE id = :event", EventRow, times=("starts_at", "ends_at"))
EVENT_BY_KEY = Query(f"{_EVENT} WHERE key = :key", EventRow, times=("starts_at", "ends_at"))
INSERT_EVENT = Query(
    "INSERT INTO event (key, name, venue, address, timezone, starts_at, ends_at, "
    "seat_hold_minutes, organiser, signature, created_at, updated_at) VALUES (:key, :name, "
    ":venue, :address, :timezone, :starts_at, :ends_at, :seat_hold_minutes, :organiser, "
    ":signature, :now, :now) RETURNING id", Id)
UPDATE_EVENT: Query[tuple] = Query(
    "UPDATE event SET name = :name, venue = :venue, address = :address, timezone = :timezone, "
    "starts_at = :starts_at, ends_at = :ends_at, seat_hold_minutes = :seat_hold_minutes, "
    "organiser = :organiser, signature = :signature, updated_at = :now WHERE id = :id")


class FilePerson(NamedTuple):
    """A registrant the event file names (speakers, jury…): its `key` is source_id."""

    id: int
    code: str
    source_id: str
    first_name: str
    last_name: str
    organisation: str
    job_title: str
    profession: str
    email: str
    category_id: int | None
    status: str


FILE_PEOPLE = Query(
    "SELECT id, code, source_id, first_name, last_name, organisation, job_title, profession, "
    "email, category_id, status FROM attendee WHERE event_id = :event AND source = :source "
    "ORDER BY id", FilePerson)
# The model's defaults for what a file does not say (no phone, no notes, no consent…).
INSERT_FILE_PERSON = Query(
    "INSERT INTO attendee (event_id, code, source, source_id, source_order, first_name, "
    "last_name, email, phone, organisation, job_title, profession, category_id, city, "
    "postcode, notes, attention, attention_text, consent, status, walk_in, qpv, created_at, "
    "updated_at) VALUES (:event, :code, :source, :source_id, '', :first_name, :last_name, "
    ":email, '', :organisation, :job_title, :profession, :category_id, '', '', '', false, '', "
    f"false, :status, false, '{QpvResidence.UNKNOWN}', :now, :now) RETURNING id", Id)
UPDATE_FILE_PERSON: Query[tuple] = Query(
    "UPDATE attendee SET first_name = :first_name, last_name = :last_name, "
    "organisation = :organisation, job_title = :job_title, profession = :profession, "
    "email = :email, category_id = :category_id, status = :status, updated_at = :now "
    "WHERE id = :id")


# What removing an entry would lose.
SESSION_SCANS = Query("SELECT count(*) FROM scan WHERE session_id = :session", Count)


class Enrolled(NamedTuple):
    code: str
    first_name: str
    last_name: str
    status: str


ENROLLED = Query(
    "SELECT a.code, a.first_name, a.last_name, en.status FROM attendee a "
    "JOIN enrollment en ON en.attendee_id = a.id WHERE en.session_id = :session "
    f"AND en.status <> '{EnrollmentStatus.CANCELLED}' ORDER BY a.last_name, a.first_name",
    Enrolled)
CATEGORY_USERS = Query("SELECT count(*) FROM attendee WHERE category_id = :category", Count)
