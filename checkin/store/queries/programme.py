"""A programme load's seat check (checkin.core.programme.overflow): what each session
seats, who is booked in booking order, and moving the last to book to the waitlist."""

from __future__ import annotations

from typing import NamedTuple

from checkin.store.query import Query
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus


class SessionSeatsLimit(NamedTuple):
    id: int
    key: str
    title: str
    own_capacity: int | None
    room_capacity: int | None


SEAT_LIMITS = Query(
    "SELECT s.id, s.key, s.title, s.capacity, r.capacity FROM session s "
    "LEFT JOIN room r ON r.id = s.room_id WHERE s.event_id = :event", SessionSeatsLimit)


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
