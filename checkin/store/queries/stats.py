"""The funders' statistics (checkin.core.exports.stats and stats_qpv): anonymous counts,
grouped in the database. Only what a privacy purge keeps is read (category, organisation,
city, postcode, walk-in, status, enrollments, scans), and the QPV answers while the rows
still hold them; "came" is the exports' rule (checkin.store.queries.exports.CAME)."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from checkin.store.queries.exports import ARRIVALS, CAME, NOT_UNDONE
from checkin.store.query import Count, Query


class Group(NamedTuple):
    category: str | None
    organisation: str
    city: str
    postcode: str
    walk_in: bool
    came: bool
    n: int


# Registered people counted per combination of what the tables group by.
GROUPS = Query(
    f"SELECT c.name, a.organisation, a.city, a.postcode, a.walk_in, {CAME} AS came, COUNT(*) "
    "FROM attendee a LEFT JOIN category c ON c.id = a.category_id "
    "WHERE a.event_id = :e AND a.status = 'registered' "
    "GROUP BY c.name, a.organisation, a.city, a.postcode, a.walk_in, came", Group)
CANCELLED = Query("SELECT COUNT(*) FROM attendee WHERE event_id = :e AND status = 'cancelled'",
                  Count)
BADGES_PRINTED = Query(
    "SELECT COUNT(DISTINCT b.attendee_id) FROM badge_print b JOIN attendee a "
    "ON a.id = b.attendee_id WHERE a.event_id = :e", Count)


class Enrolled(NamedTuple):
    session_id: int
    status: str
    n: int


ENROLLED = Query(
    "SELECT e.session_id, e.status, COUNT(*) FROM enrollment e JOIN session x "
    "ON x.id = e.session_id WHERE x.event_id = :e GROUP BY e.session_id, e.status", Enrolled)


class Entered(NamedTuple):
    session_id: int
    n: int


# People admitted at each session's door (a person once, however often they came in).
ENTERED = Query(
    "SELECT s.session_id, COUNT(DISTINCT s.attendee_id) FROM scan s WHERE s.event_id = :e "
    "AND s.kind = 'session_entry' AND s.result = 'admitted' AND s.attendee_id IS NOT NULL "
    f"AND {NOT_UNDONE} GROUP BY s.session_id", Entered)


class Arrival(NamedTuple):
    at: datetime


ARRIVAL_TIMES = Query(f"WITH arrival AS ({ARRIVALS}) SELECT f.recorded_at FROM arrival r "
                      "JOIN scan f ON f.id = r.first_id", Arrival, times=("at",))


# ---- the QPV answers (stats_qpv) -------------------------------------------------------

class Answers(NamedTuple):
    answer: str
    came: bool
    n: int


QPV_REGISTERED = Query(
    f"SELECT a.qpv, {CAME} AS came, COUNT(*) FROM attendee a WHERE a.event_id = :e "
    "AND a.status = 'registered' GROUP BY a.qpv, came", Answers)


class SessionAnswers(NamedTuple):
    session_id: int
    answer: str
    n: int


# Per session, the answers of the people admitted at its door.
QPV_AT_DOORS = Query(
    "SELECT s.session_id, a.qpv, COUNT(DISTINCT s.attendee_id) FROM scan s "
    "JOIN attendee a ON a.id = s.attendee_id WHERE s.event_id = :e "
    "AND s.kind = 'session_entry' AND s.result = 'admitted' "
    f"AND {NOT_UNDONE} GROUP BY s.session_id, a.qpv", SessionAnswers)
# Per session, the answers of the people who booked it and came to the event.
QPV_BOOKED_WHO_CAME = Query(
    "SELECT e.session_id, a.qpv, COUNT(*) FROM enrollment e "
    "JOIN attendee a ON a.id = e.attendee_id WHERE a.event_id = :e "
    f"AND e.status = 'booked' AND a.status = 'registered' AND {CAME} "
    "GROUP BY e.session_id, a.qpv", SessionAnswers)
