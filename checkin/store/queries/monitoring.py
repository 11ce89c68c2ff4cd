"""What a store holds and how the day goes (checkin.core.monitoring): the event's head,
the counts of `checkin db info` and the first window, the venue's totals and the charts
of the Rooms tab.

The charts bucket moments in the database (one row per slice), and SQLite and PostgreSQL
say "the slice a moment falls in" differently: those statements are written once per
backend (`FIRST_ARRIVALS[dialect]`…), from the one text below with the backend's slice.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from checkin.store.queries.exports import NOT_UNDONE
from checkin.store.query import Query
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus


class EventHead(NamedTuple):
    id: int
    key: str
    name: str
    venue: str
    timezone: str
    starts_at: datetime
    ends_at: datetime


# The event itself, one indexed read: a desk opens on it before the counts are in.
EVENT_HEAD = Query("SELECT id, key, name, venue, timezone, starts_at, ends_at FROM event "
                   "WHERE id = :event", EventHead, times=("starts_at", "ends_at"))


class EventName(NamedTuple):
    id: int
    name: str


EVENTS = Query("SELECT id, name FROM event ORDER BY starts_at, id", EventName)


class TableCounts(NamedTuple):
    events: int
    attendees: int
    sessions: int
    rooms: int
    tracks: int
    enrollments: int
    scans: int


TABLE_COUNTS = Query(
    "SELECT (SELECT count(*) FROM event), (SELECT count(*) FROM attendee), "
    "(SELECT count(*) FROM session), (SELECT count(*) FROM room), (SELECT count(*) FROM track), "
    "(SELECT count(*) FROM enrollment), (SELECT count(*) FROM scan)", TableCounts)


class StatusCount(NamedTuple):
    status: str
    n: int


BY_STATUS = Query("SELECT status, count(*) FROM attendee WHERE event_id = :event "
                  "GROUP BY status", StatusCount)


class NameCount(NamedTuple):
    name: str
    n: int


# Every category, with the registered people in it (0 for an empty one), in the event
# file's order.
REGISTERED_BY_CATEGORY = Query(
    "SELECT c.name, count(a.id) FROM category c LEFT OUTER JOIN attendee a "
    f"ON a.category_id = c.id AND a.status = '{AttendeeStatus.REGISTERED}' "
    "WHERE c.event_id = :event GROUP BY c.id, c.name ORDER BY c.id", NameCount)


class SessionCounts(NamedTuple):
    id: int
    key: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    own_capacity: int | None
    track: str | None
    room: str | None
    room_capacity: int | None
    booked: int
    waitlisted: int


SESSION_LINES = Query(
    "SELECT s.id, s.key, s.title, s.kind, s.starts_at, s.ends_at, s.capacity, t.name, r.name, "
    "r.capacity, coalesce(n.booked, 0), coalesce(n.waitlisted, 0) FROM session s "
    "LEFT OUTER JOIN track t ON t.id = s.track_id LEFT OUTER JOIN room r ON r.id = s.room_id "
    "LEFT OUTER JOIN (SELECT session_id, "
    f"count(*) FILTER (WHERE status = '{EnrollmentStatus.BOOKED}') AS booked, "
    f"count(*) FILTER (WHERE status = '{EnrollmentStatus.WAITLISTED}') AS waitlisted "
    "FROM enrollment GROUP BY session_id) n ON n.session_id = s.id "
    "WHERE s.event_id = :event ORDER BY s.starts_at, r.name", SessionCounts,
    times=("starts_at", "ends_at"))


class VenueCounts(NamedTuple):
    registered: int
    arrived: int
    inside: int
    walk_ins: int


# Four index-only counts: cheap enough for a refresh every two seconds at 100 000.
VENUE_TOTALS = Query(
    "SELECT (SELECT count(*) FROM attendee WHERE event_id = :event AND status = 'registered'), "
    "(SELECT count(*) FROM presence WHERE event_id = :event AND place = :venue), "
    "(SELECT count(*) FROM presence WHERE event_id = :event AND place = :venue AND inside = true), "
    "(SELECT count(*) FROM attendee WHERE event_id = :event AND status = 'registered' "
    "AND walk_in = true)", VenueCounts)


class CategoryTotals(NamedTuple):
    category: str | None
    registered: int
    arrived: int
    inside: int


# Per category: a pass over the registrants, so the view asks for it less often.
BY_CATEGORY = Query(
    "SELECT c.name, count(*), count(p.attendee_id), "
    "coalesce(sum(CASE WHEN p.inside THEN 1 ELSE 0 END), 0) "
    "FROM attendee a LEFT JOIN presence p ON p.attendee_id = a.id AND p.place = :venue "
    "LEFT JOIN category c ON c.id = a.category_id "
    "WHERE a.event_id = :event AND a.status = 'registered' GROUP BY c.name ORDER BY c.name",
    CategoryTotals)


# ---- the charts: counts per slice of time --------------------------------------------

DIALECTS = ("sqlite", "postgresql")


def _slice(dialect: str, column: str) -> str:
    """The slice a moment falls in, counted from :start, in whole slices of :minutes."""
    if dialect == "postgresql":
        return f"floor(extract(epoch from ({column} - CAST(:start AS timestamptz))) / (:minutes * 60))"
    # Seconds rounded to the millisecond first: julianday's floating point puts a scan made
    # exactly on a slice's first second just below it otherwise.
    return (f"CAST(round((julianday({column}) - julianday(:start)) * 86400, 3) / (:minutes * 60) "
            "AS INTEGER)")


class SliceCount(NamedTuple):
    slice: float | None   # an integer on SQLite, a float on PostgreSQL (floor)
    n: int


# Each scan that moved someone into or out of the venue, as +1 or -1, by the rule the desks
# keep presence with (and the exports' venue stays read): an admission at the entrance or
# at a session's door brings in whoever was not inside (someone who went straight to a
# room is on site), an exit at the entrance takes them out. A person's previous counted
# scan says whether they were inside, hence the window over each person's scans in order.
_VENUE_MOVES = (
    "SELECT s.recorded_at, CASE WHEN s.kind = 'exit' THEN -1 "
    "WHEN lag(s.kind) OVER (PARTITION BY s.attendee_id ORDER BY s.id) IS NULL "
    "OR lag(s.kind) OVER (PARTITION BY s.attendee_id ORDER BY s.id) = 'exit' THEN 1 "
    "ELSE 0 END AS step FROM scan s WHERE s.event_id = :e AND s.attendee_id IS NOT NULL "
    "AND ((s.kind IN ('entry', 'session_entry') AND s.result = 'admitted') "
    f"OR (s.kind = 'exit' AND s.result = 'exited')) AND {NOT_UNDONE}")

# People's first admissions (entrance or door), counted per slice.
FIRST_ARRIVALS = {d: Query(
    f"SELECT {_slice(d, 'f.at')} AS k, count(*) FROM ("
    "SELECT min(s.recorded_at) AS at FROM scan s WHERE s.event_id = :e "
    "AND s.kind IN ('entry', 'session_entry') AND s.result = 'admitted' "
    f"AND {NOT_UNDONE} GROUP BY s.attendee_id) f GROUP BY k", SliceCount) for d in DIALECTS}
# Moves into (+1) and out of (-1) the venue, summed per slice.
VENUE_MOVES = {d: Query(
    f"SELECT {_slice(d, 'm.recorded_at')} AS k, sum(m.step) FROM ({_VENUE_MOVES}) m "
    "WHERE m.step <> 0 GROUP BY k", SliceCount) for d in DIALECTS}


class DeskSlice(NamedTuple):
    desk: str
    slice: float | None
    n: int


# Scans per desk and slice since :from_ (undos are not scans of a badge).
DESK_RATES = {d: Query(
    f"SELECT s.desk, {_slice(d, 's.recorded_at')} AS k, count(*) FROM scan s "
    "WHERE s.event_id = :e AND s.recorded_at >= :from_ AND s.kind <> 'undo' "
    "GROUP BY s.desk, k", DeskSlice) for d in DIALECTS}


class FlaggedRow(NamedTuple):
    code: str
    first_name: str
    last_name: str
    attention_text: str
    inside: bool


# People who carry an attention flag and have arrived.
FLAGGED = Query(
    "SELECT a.code, a.first_name, a.last_name, a.attention_text, p.inside FROM attendee a "
    "JOIN presence p ON p.attendee_id = a.id AND p.place = 0 "
    "WHERE a.event_id = :e AND a.attention AND a.status = 'registered' "
    "ORDER BY a.last_name, a.first_name", FlaggedRow)
