"""Seats (checkin.core.programme): what each session seats, who is booked in booking
order and moving the last to book to the waitlist (a programme load's seat check,
.overflow); seats given back and the waitlist promoted (.enrollments)."""

from __future__ import annotations

from typing import NamedTuple

from checkin.store.query import Count, Query
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus


class SessionSeatsLimit(NamedTuple):
    id: int
    key: str
    title: str
    own_capacity: int | None
    room_capacity: int | None
    track: str | None


# What each session seats, and the names it goes by (an import's choices name sessions
# by key, title or track).
SEAT_LIMITS = Query(
    "SELECT s.id, s.key, s.title, s.capacity, r.capacity, t.name FROM session s "
    "LEFT JOIN room r ON r.id = s.room_id LEFT JOIN track t ON t.id = s.track_id "
    "WHERE s.event_id = :event", SessionSeatsLimit)


class BookedPerson(NamedTuple):
    id: int
    code: str
    first_name: str
    last_name: str


# Booked, registered people of one session, in booking order (first booked first).
BOOKED_IN_ORDER = Query(
    "SELECT a.id, a.code, a.first_name, a.last_name FROM enrollment en "
    "JOIN attendee a ON a.id = en.attendee_id WHERE en.session_id = :session "
    f"AND en.status = '{EnrollmentStatus.BOOKED}' AND a.status = '{AttendeeStatus.REGISTERED}' "
    "ORDER BY en.created_at, en.id", BookedPerson)
# The waitlist's order is its `position` (then the row id): room at its head for n people.
MAKE_ROOM_AT_WAITLIST_HEAD: Query[tuple] = Query(
    "UPDATE enrollment SET position = position + :n WHERE session_id = :session "
    f"AND status = '{EnrollmentStatus.WAITLISTED}'")
TO_WAITLIST: Query[tuple] = Query(
    f"UPDATE enrollment SET status = '{EnrollmentStatus.WAITLISTED}', position = :position, "
    "updated_at = :now WHERE session_id = :session AND attendee_id = :attendee")


# ---- seats given back and taken from the waitlist (checkin.core.programme.enrollments) --

class StatusCount(NamedTuple):
    session_id: int
    status: str
    n: int


# Enrollments per session and status, of registered people only: a cancelled ticket holds
# no seat. Plain SQL also because a desk's first scan reads these (its route) and must not
# wait for the ORM to load (see checkin.store.vocabulary).
_COUNTS = (
    "SELECT en.session_id, en.status, count(*) FROM enrollment en "
    "JOIN session s ON s.id = en.session_id JOIN attendee a ON a.id = en.attendee_id "
    f"WHERE s.event_id = :event AND a.status = '{AttendeeStatus.REGISTERED}' {{source}}"
    "GROUP BY en.session_id, en.status")
SESSION_COUNTS = Query(_COUNTS.replace("{source}", ""), StatusCount)
# The same, leaving out one source's people (the demo replays its own).
COUNTS_OUTSIDE_SOURCE = Query(_COUNTS.replace("{source}", "AND a.source <> :source "), StatusCount)


class SessionId(NamedTuple):
    session_id: int


BOOKED_SESSIONS = Query(
    "SELECT session_id FROM enrollment WHERE attendee_id IN :attendees "
    f"AND status = '{EnrollmentStatus.BOOKED}'", SessionId)
CANCEL_ENROLLMENTS: Query[tuple] = Query(
    f"UPDATE enrollment SET status = '{EnrollmentStatus.CANCELLED}', updated_at = :now "
    f"WHERE attendee_id IN :attendees AND status <> '{EnrollmentStatus.CANCELLED}'")


class SessionCapacity(NamedTuple):
    own_capacity: int | None
    room_capacity: int | None


SESSION_CAPACITY = Query(
    "SELECT s.capacity, r.capacity FROM session s LEFT JOIN room r ON r.id = s.room_id "
    "WHERE s.id = :session", SessionCapacity)
BOOKED_HERE = Query(
    "SELECT count(*) FROM enrollment en JOIN attendee a ON a.id = en.attendee_id "
    f"AND a.status = '{AttendeeStatus.REGISTERED}' WHERE en.session_id = :session "
    f"AND en.status = '{EnrollmentStatus.BOOKED}'", Count)


class Waiting(NamedTuple):
    id: int
    attendee_id: int


# The first :n registered people on a session's waitlist, in waitlist order.
FIRST_WAITING = Query(
    "SELECT en.id, en.attendee_id FROM enrollment en JOIN attendee a "
    f"ON a.id = en.attendee_id AND a.status = '{AttendeeStatus.REGISTERED}' "
    f"WHERE en.session_id = :session AND en.status = '{EnrollmentStatus.WAITLISTED}' "
    "ORDER BY en.position, en.id LIMIT :n", Waiting)
TO_BOOKED: Query[tuple] = Query(
    f"UPDATE enrollment SET status = '{EnrollmentStatus.BOOKED}', updated_at = :now "
    "WHERE id IN :ids")
