"""Scans at the venue entrance: the decision, written as one append-only row.

The hot path is plain SQL in one short transaction: on SQLite it takes the write lock
first (two desks scanning one badge are serialised by the database, and the second sees
the first's entry); on PostgreSQL the attendee row is locked. The answer is returned only
after the commit, so whatever a desk shows has been made durable.

Whether someone is inside is derived from their last entry or exit that was not undone;
an undo is a new row pointing at the scan it cancels.

Door scans for sessions (capacity, eligibility), walk-ins and routing build on this.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import asdict, dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.clock import Clock, system_clock
from checkin.core.codes import new_code
from checkin.core.search_index import index_new_attendees
from checkin.store import IMMEDIATE
from checkin.store.models import AttendeeStatus, ScanKind, ScanResult

MAX_CODE = 256  # longer scanner bursts are kept cut, never refused with an error


@dataclass
class ScanAnswer:
    result: str
    code: str
    scan_id: int
    attendee_id: int | None = None
    first_name: str = ""
    last_name: str = ""
    organisation: str = ""
    category: str = ""
    attention_text: str = ""
    reason: str = ""
    first_entry_at: datetime | None = None   # for already_in: when and where they came in
    first_entry_desk: str = ""

    def to_json(self) -> dict:
        data = asdict(self)
        if self.first_entry_at is not None:
            data["first_entry_at"] = self.first_entry_at.isoformat()
        return data


def clean_code(raw: str) -> str:
    """What a scanner typed, trimmed, without control characters, cut to MAX_CODE."""
    text = "".join(ch for ch in str(raw) if ch.isprintable()).strip()
    return text[:MAX_CODE]


_PERSON = sa.text(
    "SELECT a.id, a.first_name, a.last_name, a.organisation, a.status, a.attention, "
    "a.attention_text, c.name FROM attendee a LEFT JOIN category c ON c.id = a.category_id "
    "WHERE a.event_id = :event AND a.code = :code")
# The last entry or exit that counts: admitted or exited, and not undone since.
_LAST_MOVE = sa.text(
    "SELECT s.id, s.kind, s.recorded_at, s.desk FROM scan s WHERE s.attendee_id = :attendee "
    "AND s.kind IN ('entry', 'exit') AND s.result IN ('admitted', 'exited') "
    "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id) "
    "ORDER BY s.id DESC LIMIT 1")
_INSERT = sa.text(
    "INSERT INTO scan (uuid, event_id, code, attendee_id, kind, session_id, desk, operator, "
    "desk_time, recorded_at, result, reason, undoes_scan_id) VALUES (:uuid, :event, :code, "
    ":attendee, :kind, NULL, :desk, :operator, :desk_time, :recorded_at, :result, :reason, :undoes) "
    "RETURNING id")


class ScanService:
    """Entrance scans for one event, as one desk makes them."""

    def __init__(self, engine: Engine, event_id: int, *, desk: str = "", operator: str = "",
                 clock: Clock = system_clock) -> None:
        self._engine = engine.execution_options(**{IMMEDIATE: True})
        self._event = event_id
        self._desk = desk
        self._operator = operator
        self._clock = clock
        self._pg = engine.dialect.name == "postgresql"
        self._time = _time_binder(engine)

    def scan(self, raw_code: str, *, exit: bool = False, scan_uuid: str | None = None) -> ScanAnswer:
        """Admit (or let out) whoever holds this code; the answer is durable when returned."""
        code = clean_code(raw_code)
        replay = scan_uuid is not None
        scan_uuid = scan_uuid or str(uuidlib.uuid4())
        kind = ScanKind.EXIT if exit else ScanKind.ENTRY
        with self._engine.begin() as conn:
            if replay:  # only a UUID the desk made earlier can be in the store already
                replayed = self._replayed(conn, scan_uuid)
                if replayed is not None:
                    return replayed
            person = conn.execute(_PERSON, {"event": self._event, "code": code}).first() if code else None
            if person is None:
                return self._record(conn, scan_uuid, code, None, kind, ScanResult.UNKNOWN_CODE,
                                    "no registrant has this code" if code else "empty scan")
            if self._pg:  # two desks, one badge: the second waits for the first's commit
                conn.execute(sa.text("SELECT id FROM attendee WHERE id = :a FOR UPDATE"),
                             {"a": person[0]})
            answer_fields = dict(first_name=person[1], last_name=person[2], organisation=person[3],
                                 category=person[7] or "",
                                 attention_text=(person[6] or "attention") if person[5] else "")
            if person[4] == AttendeeStatus.CANCELLED:
                return self._record(conn, scan_uuid, code, person[0], kind, ScanResult.CANCELLED,
                                    "this ticket was cancelled", **answer_fields)
            last = conn.execute(_LAST_MOVE, {"attendee": person[0]}).first()
            inside = last is not None and last[1] == ScanKind.ENTRY
            if not exit and inside:
                return self._record(conn, scan_uuid, code, person[0], kind, ScanResult.ALREADY_IN,
                                    "already inside", first_entry_at=_aware(last[2]),
                                    first_entry_desk=last[3], **answer_fields)
            if exit and not inside:
                return self._record(conn, scan_uuid, code, person[0], kind, ScanResult.NOT_INSIDE,
                                    "not inside", **answer_fields)
            result = ScanResult.EXITED if exit else ScanResult.ADMITTED
            return self._record(conn, scan_uuid, code, person[0], kind, result, "", **answer_fields)

    def walk_in(self, first_name: str, last_name: str, *, organisation: str = "",
                category: str = "participant", email: str = "") -> ScanAnswer:
        """Someone not registered: create them with a new code and admit them, in one
        transaction — either both happen or neither does."""
        first_name, last_name = " ".join(first_name.split()), " ".join(last_name.split())
        if not (first_name or last_name):
            raise ValueError("a walk-in needs a name")
        with self._engine.begin() as conn:
            found = conn.execute(sa.text(
                "SELECT id, name FROM category WHERE event_id = :e AND key = :k"),
                {"e": self._event, "k": category}).first()
            if found is None:
                raise ValueError(f"unknown category {category!r}")
            category_id, category_name = found
            taken = set(conn.execute(sa.text("SELECT code FROM attendee WHERE event_id = :e "
                                             "AND code LIKE 'WI%'"), {"e": self._event}).scalars())
            code = new_code("WI", taken)
            now = self._time(self._clock())
            attendee = conn.execute(sa.text(
                "INSERT INTO attendee (event_id, code, source, source_id, source_order, first_name, "
                "last_name, email, phone, organisation, job_title, profession, category_id, city, "
                "postcode, notes, attention, attention_text, consent, status, walk_in, created_at, "
                "updated_at) VALUES (:e, :code, 'walk-in', '', '', :first, :last, :email, '', :org, "
                "'', '', :cat, '', '', '', false, '', false, 'registered', true, :now, :now) "
                "RETURNING id"), {"e": self._event, "code": code, "first": first_name,
                                  "last": last_name, "email": email.strip().lower(),
                                  "org": " ".join(organisation.split()), "cat": category_id,
                                  "now": now}).scalar_one()
            index_new_attendees(conn, [(attendee, self._event, first_name, last_name,
                                        organisation, email)])
            return self._record(conn, str(uuidlib.uuid4()), code, attendee, ScanKind.ENTRY,
                                ScanResult.ADMITTED, "walk-in", first_name=first_name,
                                last_name=last_name, organisation=organisation, category=category_name)

    def undo_last(self, raw_code: str) -> ScanAnswer:
        """Cancel this person's last counted scan made at this desk (a new row)."""
        code = clean_code(raw_code)
        with self._engine.begin() as conn:
            person = conn.execute(_PERSON, {"event": self._event, "code": code}).first() if code else None
            if person is None:
                return self._record(conn, str(uuidlib.uuid4()), code, None, ScanKind.UNDO,
                                    ScanResult.UNKNOWN_CODE, "no registrant has this code")
            last = conn.execute(_LAST_MOVE, {"attendee": person[0]}).first()
            names = dict(first_name=person[1], last_name=person[2], organisation=person[3],
                         category=person[7] or "")
            if last is None or last[3] != self._desk:
                return self._record(conn, str(uuidlib.uuid4()), code, person[0], ScanKind.UNDO,
                                    ScanResult.NOT_INSIDE, "nothing to undo at this desk", **names)
            return self._record(conn, str(uuidlib.uuid4()), code, person[0], ScanKind.UNDO,
                                ScanResult.UNDONE, f"undoes scan {last[0]} ({last[1]})",
                                undoes=last[0], **names)

    def _replayed(self, conn: sa.Connection, scan_uuid: str) -> ScanAnswer | None:
        """A scan replayed by a desk that was offline is answered as the first time."""
        row = conn.execute(sa.text("SELECT id, code, attendee_id, result, reason FROM scan "
                                   "WHERE uuid = :u"), {"u": scan_uuid}).first()
        if row is None:
            return None
        return ScanAnswer(result=row[3], code=row[1], scan_id=row[0], attendee_id=row[2], reason=row[4])

    def _record(self, conn: sa.Connection, scan_uuid: str, code: str, attendee: int | None,
                kind: str, result: str, reason: str, undoes: int | None = None,
                **fields) -> ScanAnswer:
        now = self._clock()
        stamp = self._time(now)
        scan_id = conn.execute(_INSERT, {
            "uuid": scan_uuid, "event": self._event, "code": code, "attendee": attendee,
            "kind": kind, "desk": self._desk, "operator": self._operator,
            "desk_time": stamp, "recorded_at": stamp, "result": result,
            "reason": reason, "undoes": undoes}).scalar_one()
        return ScanAnswer(result=result, code=code, scan_id=scan_id, attendee_id=attendee,
                          reason=reason, **fields)


def _time_binder(engine: Engine):
    """Moments as the UTCDateTime column stores them, for the plain-SQL hot path."""
    from checkin.store.types import UTCDateTime

    processor = UTCDateTime().bind_processor(engine.dialect)
    return processor if processor is not None else (lambda v: v)


def _aware(value) -> datetime | None:
    from checkin.store.types import UTCDateTime

    if value is None or isinstance(value, datetime) and value.tzinfo is not None:
        return value
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return UTCDateTime().process_result_value(value, None)  # type: ignore[arg-type]
