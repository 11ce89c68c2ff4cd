"""The end-of-day tables (checkin.core.exports): read straight from the scan log, by the
rules the desks decide with.

- arrival = a person's first admission, at the entrance or at a session's door, not undone
  (an undo row points at the scan it cancels);
- "came" = arrived that way (a desk that missed the entrance scan must not turn a
  participant into a no-show);
- people are listed by name, case ignored, then by id.

Those rules are SQL fragments, written once here and composed into the statements when
this module is imported: no statement is built at run time. Where a table is asked for
one session (or one registrant) as well as for all, both statements are written from one
text (`_one_or_all`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple, TypeVar

from checkin.store.queries.scans import Code
from checkin.store.query import Count, Id, Query

R = TypeVar("R", bound=tuple)

NOT_UNDONE = "NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id)"
# First counted admission per registrant, joined back to scan for its time and desk.
ARRIVALS = ("SELECT s.attendee_id AS aid, MIN(s.id) AS first_id FROM scan s "
            "WHERE s.event_id = :e AND s.kind IN ('entry', 'session_entry') "
            "AND s.result = 'admitted' "
            f"AND s.attendee_id IS NOT NULL AND {NOT_UNDONE} GROUP BY s.attendee_id")
CAME = ("EXISTS (SELECT 1 FROM scan s WHERE s.attendee_id = a.id AND s.result = 'admitted' "
        f"AND s.kind IN ('entry', 'session_entry') AND {NOT_UNDONE})")
ORDER_BY_NAME = "lower(a.last_name), lower(a.first_name), a.id"


def _one_or_all(sql: str, one: str, row: type[R],
                times: tuple[str, ...] = ()) -> tuple[Query[R], Query[R]]:
    """(every one's statement, one's): `{one}` in `sql` is left out, or filled with `one`."""
    return (Query(sql.replace("{one}", ""), row, times),
            Query(sql.replace("{one}", one), row, times))


# ---- the sessions and the moves that count -------------------------------------------

class SessionTitle(NamedTuple):
    id: int
    key: str
    title: str
    room: str | None
    track: str | None
    starts_at: datetime
    ends_at: datetime
    seats: int | None     # the session's own capacity, else its room's
    kind: str


# The event's sessions in programme order (all, or the one :s).
SESSION_TITLES, ONE_SESSION_TITLE = _one_or_all(
    "SELECT ss.id, ss.key, ss.title, r.name, t.name, ss.starts_at, ss.ends_at, "
    "COALESCE(ss.capacity, r.capacity), ss.kind FROM session ss "
    "LEFT JOIN room r ON r.id = ss.room_id LEFT JOIN track t ON t.id = ss.track_id "
    "WHERE ss.event_id = :e {one}ORDER BY ss.starts_at, ss.id", "AND ss.id = :s ",
    SessionTitle, ("starts_at", "ends_at"))


class DoorMove(NamedTuple):
    attendee_id: int
    session_id: int
    kind: str             # session_entry or session_exit
    recorded_at: datetime


# The door scans that count, per person in the order made.
DOOR_MOVES = Query(
    "SELECT s.attendee_id, s.session_id, s.kind, s.recorded_at FROM scan s "
    "WHERE s.event_id = :e AND s.attendee_id IS NOT NULL AND s.session_id IS NOT NULL "
    "AND ((s.kind = 'session_entry' AND s.result = 'admitted') "
    f"OR (s.kind = 'session_exit' AND s.result = 'exited')) AND {NOT_UNDONE} "
    "ORDER BY s.attendee_id, s.id", DoorMove, times=("recorded_at",))


class VenueMove(NamedTuple):
    attendee_id: int
    kind: str             # entry or session_entry (in), exit (out)
    recorded_at: datetime


# The scans that bring someone on site or take them out, per person in the order made
# (everyone's, or registrant :a's).
VENUE_MOVES, ONE_PERSON_VENUE_MOVES = _one_or_all(
    "SELECT s.attendee_id, s.kind, s.recorded_at FROM scan s "
    "WHERE s.event_id = :e AND s.attendee_id IS NOT NULL "
    "{one}AND ((s.kind IN ('entry', 'session_entry') AND s.result = 'admitted') "
    f"OR (s.kind = 'exit' AND s.result = 'exited')) AND {NOT_UNDONE} "
    "ORDER BY s.attendee_id, s.id", "AND s.attendee_id = :a ", VenueMove, ("recorded_at",))


class Audience(NamedTuple):
    id: int
    kind: str
    categories: Any       # JSON lists: read them through store.rows.json_list
    professions: Any


AUDIENCES = Query("SELECT id, kind, audience_categories, audience_professions FROM session "
                  "WHERE event_id = :e", Audience)


# The registrants added at a desk on the day.
WALK_IN_IDS = Query("SELECT id FROM attendee WHERE event_id = :e AND walk_in = true", Id)


class CamePerson(NamedTuple):
    id: int
    code: str
    last_name: str
    first_name: str
    organisation: str
    category: str | None
    arrived_at: datetime


# Everyone admitted at the entrance or at a door, by name.
PEOPLE_WHO_CAME = Query(
    f"WITH arrival AS ({ARRIVALS}) SELECT a.id, a.code, a.last_name, a.first_name, "
    "a.organisation, c.name, f.recorded_at FROM arrival r JOIN attendee a ON a.id = r.aid "
    "JOIN scan f ON f.id = r.first_id LEFT JOIN category c ON c.id = a.category_id "
    f"ORDER BY {ORDER_BY_NAME}", CamePerson, times=("arrived_at",))


# ---- the tables ------------------------------------------------------------------------

class Attendance(NamedTuple):
    id: int
    code: str
    last_name: str
    first_name: str
    organisation: str
    category: str | None
    walk_in: bool
    arrived_at: datetime | None
    desk: str | None
    badge: bool           # a badge was printed for them


ATTENDANCE_COUNT = Query(f"SELECT COUNT(*) FROM attendee a WHERE a.event_id = :e AND {CAME}", Count)
ATTENDANCE = Query(
    f"WITH arrival AS ({ARRIVALS}) SELECT a.id, a.code, a.last_name, a.first_name, "
    "a.organisation, c.name, a.walk_in, f.recorded_at, f.desk, "
    "EXISTS (SELECT 1 FROM badge_print b WHERE b.attendee_id = a.id) AS badge "
    "FROM attendee a LEFT JOIN category c ON c.id = a.category_id "
    "LEFT JOIN arrival r ON r.aid = a.id LEFT JOIN scan f ON f.id = r.first_id "
    f"WHERE a.event_id = :e AND {CAME} ORDER BY {ORDER_BY_NAME}", Attendance,
    times=("arrived_at",))

# Whoever booked a session (not cancelled) or was admitted at its door.
_PEOPLE_CTE = (
    f"WITH arrival AS ({ARRIVALS}), people AS ("
    "SELECT e.session_id AS sid, e.attendee_id AS aid FROM enrollment e "
    "JOIN session x ON x.id = e.session_id WHERE x.event_id = :e AND e.status <> 'cancelled' "
    "UNION SELECT s.session_id, s.attendee_id FROM scan s WHERE s.event_id = :e "
    "AND s.kind = 'session_entry' AND s.result = 'admitted' AND s.session_id IS NOT NULL "
    f"AND s.attendee_id IS NOT NULL AND {NOT_UNDONE}) ")


class SessionPerson(NamedTuple):
    session_id: int
    attendee_id: int
    code: str
    last_name: str
    first_name: str
    organisation: str
    category: str | None
    booking: str | None   # the enrollment's status; None: came through the door unbooked
    arrived_at: datetime | None


SESSION_PEOPLE_COUNT, ONE_SESSION_PEOPLE_COUNT = _one_or_all(
    f"SELECT COUNT(*) FROM ({_PEOPLE_CTE}SELECT sid FROM people{{one}}) AS counted",
    " WHERE sid = :s", Count)
# By session in programme order, then by name (every session, or the one :s).
SESSION_PEOPLE, ONE_SESSION_PEOPLE = _one_or_all(
    _PEOPLE_CTE + "SELECT p.sid, p.aid, a.code, a.last_name, a.first_name, a.organisation, "
    "c.name, e.status, f.recorded_at FROM people p JOIN attendee a ON a.id = p.aid "
    "JOIN session ss ON ss.id = p.sid LEFT JOIN category c ON c.id = a.category_id "
    "LEFT JOIN enrollment e ON e.attendee_id = p.aid AND e.session_id = p.sid "
    "LEFT JOIN arrival r ON r.aid = a.id LEFT JOIN scan f ON f.id = r.first_id {one}"
    f"ORDER BY ss.starts_at, ss.id, {ORDER_BY_NAME}", "WHERE p.sid = :s ", SessionPerson,
    ("arrived_at",))


class Absent(NamedTuple):
    code: str
    last_name: str
    first_name: str
    organisation: str
    category: str | None
    email: str
    phone: str
    booked_sessions: int


# Registered (not cancelled) and never came.
_ABSENT = f"a.event_id = :e AND a.status = 'registered' AND NOT {CAME}"
ABSENT_COUNT = Query(f"SELECT COUNT(*) FROM attendee a WHERE {_ABSENT}", Count)
ABSENT = Query(
    "SELECT a.code, a.last_name, a.first_name, a.organisation, c.name, a.email, a.phone, "
    "(SELECT COUNT(*) FROM enrollment n WHERE n.attendee_id = a.id AND n.status = 'booked') "
    "FROM attendee a LEFT JOIN category c ON c.id = a.category_id "
    f"WHERE {_ABSENT} ORDER BY {ORDER_BY_NAME}", Absent)


class WalkIn(NamedTuple):
    code: str
    last_name: str
    first_name: str
    organisation: str
    category: str | None
    email: str
    phone: str
    registered_at: datetime
    arrived_at: datetime | None
    desk: str | None


# Registered at a desk on the day, in the order they were.
WALK_INS_COUNT = Query("SELECT COUNT(*) FROM attendee a WHERE a.event_id = :e AND a.walk_in = true",
                       Count)
WALK_INS = Query(
    f"WITH arrival AS ({ARRIVALS}) SELECT a.code, a.last_name, a.first_name, a.organisation, "
    "c.name, a.email, a.phone, a.created_at, f.recorded_at, f.desk FROM attendee a "
    "LEFT JOIN category c ON c.id = a.category_id LEFT JOIN arrival r ON r.aid = a.id "
    "LEFT JOIN scan f ON f.id = r.first_id WHERE a.event_id = :e AND a.walk_in = true "
    "ORDER BY a.created_at, a.id", WalkIn, times=("registered_at", "arrived_at"))


class ScanLine(NamedTuple):
    id: int
    recorded_at: datetime
    desk_time: datetime
    desk: str
    operator: str
    kind: str
    result: str
    code: str
    last_name: str | None
    first_name: str | None
    session: str | None
    reason: str
    undoes: int | None
    undone: bool


# Every scan of the event in the order recorded, undos and refusals included.
SCANS_COUNT = Query("SELECT COUNT(*) FROM scan s WHERE s.event_id = :e", Count)
SCANS = Query(
    "SELECT s.id, s.recorded_at, s.desk_time, s.desk, s.operator, s.kind, s.result, s.code, "
    "a.last_name, a.first_name, ss.title, s.reason, s.undoes_scan_id, "
    "EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id) AS undone FROM scan s "
    "LEFT JOIN attendee a ON a.id = s.attendee_id LEFT JOIN session ss ON ss.id = s.session_id "
    "WHERE s.event_id = :e ORDER BY s.id", ScanLine, times=("recorded_at", "desk_time"))


# ---- attendance certificates (checkin.core.exports.certificates) ----------------------

class Issuer(NamedTuple):
    name: str
    venue: str
    address: str
    timezone: str
    starts_at: datetime
    organiser: str
    signature: bytes | None


ISSUER = Query("SELECT name, venue, address, timezone, starts_at, organiser, signature "
               "FROM event WHERE id = :e", Issuer, times=("starts_at",))
SET_SIGNER: Query[tuple] = Query(
    "UPDATE event SET organiser = :organiser, signature = :signature, updated_at = :now "
    "WHERE id = :e")


class Holder(NamedTuple):
    id: int
    code: str
    first_name: str
    last_name: str
    organisation: str
    walk_in: bool


# The event's registrants by name (everyone, or registrant :a).
HOLDERS, ONE_HOLDER = _one_or_all(
    "SELECT a.id, a.code, a.first_name, a.last_name, a.organisation, a.walk_in "
    f"FROM attendee a WHERE a.event_id = :e {{one}}ORDER BY {ORDER_BY_NAME}", "AND a.id = :a ",
    Holder)

# The code of a registrant named by id (a certificate refused says whose).
CODE_OF = Query("SELECT code FROM attendee WHERE id = :a", Code)
