"""Seats in each session (checkin.core.programme.seating): the sessions with their rooms,
who is inside each, and what a door counts for one decision."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from checkin.store.query import Count, Query


class SessionRow(NamedTuple):
    id: int
    key: str
    title: str
    kind: str
    track: str | None
    room: str | None
    floor: str | None
    directions: str | None
    starts_at: datetime
    ends_at: datetime
    own_capacity: int | None
    room_capacity: int | None
    seat_hold_minutes: int | None
    professions: Any     # JSON lists: text on SQLite, lists on PostgreSQL (store.rows.json_list)
    categories: Any
    speakers: Any


SESSIONS = Query(
    "SELECT s.id, s.key, s.title, s.kind, t.name, r.name, r.floor, r.directions, s.starts_at, "
    "s.ends_at, s.capacity, r.capacity, e.seat_hold_minutes, s.audience_professions, "
    "s.audience_categories, s.speakers FROM session s "
    "JOIN event e ON e.id = s.event_id LEFT JOIN track t ON t.id = s.track_id "
    "LEFT JOIN room r ON r.id = s.room_id WHERE s.event_id = :event "
    "ORDER BY s.starts_at, r.name, s.id", SessionRow, times=("starts_at", "ends_at"))


class PlaceCount(NamedTuple):
    place: int
    n: int


PRESENT_BY_PLACE = Query(
    "SELECT place, count(*) FROM presence WHERE event_id = :event AND place > :venue "
    "AND inside = true GROUP BY place", PlaceCount)
# Booked people who have already come through the door once: their seat is no longer "held".
BOOKED_WHO_CAME = Query(
    "SELECT p.place, count(*) FROM presence p JOIN enrollment en "
    "ON en.attendee_id = p.attendee_id AND en.session_id = p.place "
    "WHERE p.event_id = :event AND p.place > :venue AND en.status = 'booked' GROUP BY p.place",
    PlaceCount)


class DoorRow(NamedTuple):
    id: int
    title: str
    room: str | None
    starts_at: datetime
    ends_at: datetime


# The sessions not over yet: the doors a desk may scan at.
DOORS = Query(
    "SELECT s.id, s.title, r.name, s.starts_at, s.ends_at FROM session s "
    "LEFT JOIN room r ON r.id = s.room_id WHERE s.event_id = :event AND s.ends_at > :now "
    "ORDER BY s.starts_at, r.name, s.id", DoorRow, times=("starts_at", "ends_at"))


class OneSession(NamedTuple):
    id: int
    key: str
    title: str
    kind: str
    starts_at: datetime
    own_capacity: int | None
    room_capacity: int | None
    room: str | None
    seat_hold_minutes: int | None
    professions: Any
    categories: Any
    speakers: Any


# The door's view of one session: the same rule, counted for that session alone.
ONE_SESSION = Query(
    "SELECT s.id, s.key, s.title, s.kind, s.starts_at, s.capacity, r.capacity, r.name, "
    "e.seat_hold_minutes, s.audience_professions, s.audience_categories, s.speakers "
    "FROM session s JOIN event e ON e.id = s.event_id LEFT JOIN room r ON r.id = s.room_id "
    "WHERE s.event_id = :event AND s.id = :session", OneSession, times=("starts_at",))


ONE_PRESENT = Query(
    "SELECT count(*) FROM presence WHERE event_id = :event AND place = :session AND inside", Count)
ONE_HELD = Query(
    "SELECT count(*) FROM enrollment en JOIN attendee a ON a.id = en.attendee_id "
    "WHERE en.session_id = :session AND en.status = 'booked' AND a.status = 'registered' "
    "AND en.attendee_id <> :attendee AND NOT EXISTS (SELECT 1 FROM presence p "
    "WHERE p.attendee_id = en.attendee_id AND p.place = :session)", Count)
