"""Where a person goes (checkin.core.admission.routing): their bookings and their place in
each waitlist. The person themselves comes from scans.PERSON_AT: found by code once."""

from __future__ import annotations

from typing import NamedTuple

from checkin.store.query import Count, Query


class Booking(NamedTuple):
    session_id: int
    status: str          # booked or waitlisted
    position: int        # order on the waitlist
    id: int


BOOKINGS = Query(
    "SELECT session_id, status, position, id FROM enrollment WHERE attendee_id = :attendee "
    "AND status IN ('booked', 'waitlisted')", Booking)


# Their place in a queue: registered people waiting ahead of them.
AHEAD_IN_QUEUE = Query(
    "SELECT count(*) FROM enrollment en JOIN attendee a ON a.id = en.attendee_id "
    "WHERE en.session_id = :session AND en.status = 'waitlisted' AND a.status = 'registered' "
    "AND (en.position < :position OR (en.position = :position AND en.id < :id))", Count)
