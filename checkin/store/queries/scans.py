"""The scan's statements (checkin.core.admission.scan): who holds a code and where they
are, the scan row, presence kept in step, and what an undo or a replay reads back."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from checkin.store.query import Id, Query


class PersonAt(NamedTuple):
    """A registrant and whether they are inside one place (0: the venue) now."""

    id: int
    first_name: str
    last_name: str
    organisation: str
    status: str
    attention: bool
    attention_text: str
    category: str | None
    inside: bool | None
    entered_at: datetime | None   # the scan that put them inside
    entered_desk: str | None
    profession: str
    category_key: str | None
    source: str
    source_id: str


# One indexed read: the person by code, their category, and their presence at the place.
PERSON_AT = Query(
    "SELECT a.id, a.first_name, a.last_name, a.organisation, a.status, a.attention, "
    "a.attention_text, c.name, p.inside, ps.recorded_at, ps.desk, a.profession, c.key, "
    "a.source, a.source_id FROM attendee a LEFT JOIN category c ON c.id = a.category_id "
    "LEFT JOIN presence p ON p.attendee_id = a.id AND p.place = :place "
    "LEFT JOIN scan ps ON ps.id = p.scan_id "
    "WHERE a.event_id = :event AND a.code = :code", PersonAt, times=("entered_at",))


# PostgreSQL: two desks, one badge — the second waits here for the first's commit.
LOCK_PERSON = Query("SELECT id FROM attendee WHERE event_id = :event AND code = :code FOR UPDATE", Id)
# Two desks, one last seat: counted one after the other.
LOCK_SESSION = Query("SELECT id FROM session WHERE id = :session FOR UPDATE", Id)


class Code(NamedTuple):
    code: str


# The codes a burst's readings match whatever their case (index ix_attendee_event_id_lower_code).
FOLDED_CODES = Query(
    "SELECT code FROM attendee WHERE event_id = :event AND lower(code) IN :codes LIMIT 2", Code)

INSERT_SCAN = Query(
    "INSERT INTO scan (uuid, event_id, code, attendee_id, kind, session_id, desk, operator, "
    "desk_time, recorded_at, result, reason, undoes_scan_id) VALUES (:uuid, :event, :code, "
    ":attendee, :kind, :session, :desk, :operator, :desk_time, :recorded_at, :result, :reason, "
    ":undoes) RETURNING id", Id)
SET_PRESENCE: Query[tuple] = Query(
    "INSERT INTO presence (attendee_id, place, event_id, inside, scan_id) "
    "VALUES (:attendee, :place, :event, :inside, :scan) ON CONFLICT (attendee_id, place) "
    "DO UPDATE SET inside = excluded.inside, scan_id = excluded.scan_id")
# Admitted at a session's door: inside the venue too, unless already counted inside.
INSIDE_VENUE_TOO: Query[tuple] = Query(
    "INSERT INTO presence (attendee_id, place, event_id, inside, scan_id) "
    "VALUES (:attendee, 0, :event, true, :scan) ON CONFLICT (attendee_id, place) "
    "DO UPDATE SET inside = true, scan_id = excluded.scan_id WHERE presence.inside = false")
FORGET_PRESENCE: Query[tuple] = Query("DELETE FROM presence WHERE attendee_id = :attendee AND place = :place")


class Move(NamedTuple):
    id: int
    kind: str
    desk: str
    session_id: int | None


# The last move that says whether someone is in the venue: an entry or exit at the
# entrance, or an admission at a session's door (leaving a session is not leaving).
LAST_VENUE_MOVE = Query(
    "SELECT s.id, s.kind, s.desk, s.session_id FROM scan s WHERE s.attendee_id = :attendee "
    "AND ((s.kind IN ('entry', 'exit') AND s.result IN ('admitted', 'exited')) "
    "OR (s.kind = 'session_entry' AND s.result = 'admitted')) "
    "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id) "
    "ORDER BY s.id DESC LIMIT 1", Move)
# A person's last counted move (entry or exit, anywhere), not undone since.
LAST_MOVE = Query(
    "SELECT s.id, s.kind, s.desk, s.session_id FROM scan s WHERE s.attendee_id = :attendee "
    "AND s.kind IN ('entry', 'exit', 'session_entry', 'session_exit') "
    "AND s.result IN ('admitted', 'exited') "
    "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id) "
    "ORDER BY s.id DESC LIMIT 1", Move)
# The same, at one place (0: the venue's entrance moves only).
LAST_MOVE_AT = Query(
    "SELECT s.id, s.kind, s.desk, s.session_id FROM scan s WHERE s.attendee_id = :attendee "
    "AND s.kind IN ('entry', 'exit', 'session_entry', 'session_exit') "
    "AND s.result IN ('admitted', 'exited') "
    "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id) "
    "AND COALESCE(s.session_id, 0) = :place ORDER BY s.id DESC LIMIT 1", Move)


class Recorded(NamedTuple):
    id: int
    code: str
    attendee_id: int | None
    result: str
    reason: str
    session_id: int | None


# A scan replayed by a desk that was offline: what was decided the first time.
RECORDED = Query("SELECT id, code, attendee_id, result, reason, session_id FROM scan "
                 "WHERE uuid = :uuid", Recorded)


class CategoryRow(NamedTuple):
    id: int
    name: str


# A walk-in's category, by the key the walk-in form gives.
CATEGORY_BY_KEY = Query("SELECT id, name FROM category WHERE event_id = :event AND key = :key",
                        CategoryRow)
# The walk-in codes already given with this prefix (a new one must differ from all).
CODES_LIKE = Query("SELECT code FROM attendee WHERE event_id = :event AND code LIKE :pattern",
                   Code)
# Someone not registered, registered at the desk (admitted in the same transaction): with
# a new id, or (INSERT_WALK_IN_AS) with a given one — a desk's replica keeps the server's id
# for a walk-in the server registered, and gives its own offline walk-ins ids below zero,
# which no server row ever has (an answer's attendee id never names someone else there).
_WALK_IN = (
    "INSERT INTO attendee (event_id, code, source, source_id, source_order, first_name, "
    "last_name, email, phone, organisation, job_title, profession, category_id, city, "
    "postcode, notes, attention, attention_text, consent, status, walk_in, created_at, "
    "updated_at{id}) VALUES (:event, :code, 'walk-in', '', '', :first, :last, :email, '', :org, "
    "'', '', :category, '', '', '', false, '', false, 'registered', true, :now, :now{value}) "
    "RETURNING id")
INSERT_WALK_IN = Query(_WALK_IN.format(id="", value=""), Id)
INSERT_WALK_IN_AS = Query(_WALK_IN.format(id=", id", value=", :id"), Id)
NEXT_LOCAL_ID = Query("SELECT coalesce(min(id), 0) - 1 FROM attendee WHERE id < 0", Id)
