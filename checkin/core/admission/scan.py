"""Scans at the venue entrance and at session doors: the decision, as one append-only row.

The hot path is plain SQL in one short transaction: on SQLite it takes the write lock
first (two desks scanning one badge, or taking the last seat, are serialised by the
database and the second sees the first's commit); on PostgreSQL the attendee row — and
for a door, the session row — is locked. The answer is returned only after the commit,
so whatever a desk shows has been made durable.

Where someone is (inside the venue, inside a session) is kept in the presence table in
the same transaction as the scan; the scan log stays the truth, and an undo (a new row
pointing at the scan it cancels) recomputes presence from it. Someone admitted at a
session's door is inside the venue too, even if no desk at the entrance saw them (a side
door, a rush at the entrance): the venue counts and the exports' arrivals agree.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, TypedDict

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from checkin.core.admission.code_reading import (
    LAYOUT_US_ON_FRENCH, ScannerSetup, looks_garbled, readings,
)
from checkin.core.admission.door_rules import DoorDecision, decide_at_door
from checkin.core.clock import Clock, system_clock
from checkin.core.messages import ENGLISH
from checkin.core.programme.event_file import PEOPLE_SOURCE
from checkin.core.registrants.codes import new_code
from checkin.core.search.index import index_new_attendees
from checkin.store import IMMEDIATE, explain
from checkin.store.queries import journal
from checkin.store.queries import scans as q
from checkin.store.vocabulary import VENUE, AttendeeStatus, ScanKind, ScanResult

MAX_CODE = 256  # longer scanner bursts are kept cut, never refused with an error
# What else a decision's own transaction writes: an offline desk's outbox row, so that an
# answer shown is both decided and queued for the server, or neither.
AlsoWrite = Callable[[sa.Connection, "ScanAnswer"], None]
ACCEPTED = (ScanResult.ADMITTED, ScanResult.EXITED, ScanResult.UNDONE)


@dataclass(frozen=True)
class When:
    """When a scan was made: `at` on the server's time line (the desk's clock corrected by
    its offset to the server), `desk_time` as the desk's own clock read it. A replayed scan
    carries the moment it was made, not the moment it reached the server."""

    at: datetime
    desk_time: datetime


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
    session_id: int | None = None             # door scans: which session, where, seats left
    session_title: str = ""
    room: str = ""
    seats_left: int | None = None
    reserved_for: str = ""                    # not_eligible: who the session admits
    overridden: bool = False

    @property
    def accepted(self) -> bool:
        return self.result in ACCEPTED

    def to_json(self) -> dict:
        data = asdict(self)
        if self.first_entry_at is not None:
            data["first_entry_at"] = self.first_entry_at.isoformat()
        return data


def clean_code(raw: str) -> str:
    """What a scanner typed, trimmed, without control characters, cut to MAX_CODE."""
    text = "".join(ch for ch in str(raw) if ch.isprintable()).strip()
    return text[:MAX_CODE]


_ENTRIES = (ScanKind.ENTRY, ScanKind.SESSION_ENTRY)
# Reasons are stored and given to --json in English, from the catalogue: whoever shows one
# translates it from there (checkin.core.admission.answer_words).
GARBLED = ENGLISH("reason.garbled")
NO_REGISTRANT = ENGLISH("reason.unknown")


def _unknown_reason(typed: str, code: str, scanner: ScannerSetup) -> str:
    """Why nobody was found. "Garbled" sends the volunteer to test the scanner: not once the
    desk knows it types US on AZERTY (its codes were read through the table: just unknown)."""
    if not code:
        return ENGLISH("reason.empty")
    if looks_garbled(typed) and scanner.layout != LAYOUT_US_ON_FRENCH:
        return GARBLED
    return NO_REGISTRANT


class ScanService:
    """Scans for one event, as one desk makes them: at the entrance, or at a session's
    door when `session_id` is given."""

    def __init__(self, engine: Engine, event_id: int, *, desk: str = "", operator: str = "",
                 clock: Clock = system_clock, scanner: ScannerSetup = ScannerSetup()) -> None:
        self._engine = engine.execution_options(**{IMMEDIATE: True})
        self._url = engine.url.render_as_string(hide_password=False)
        # The hot statements run on the driver's own cursor, whose errors SQLAlchemy never sees.
        self._driver_error: type[Exception] = engine.dialect.loaded_dbapi.Error
        self._event = event_id
        self._desk = desk
        self._operator = operator
        self._clock = clock
        self._scanner = scanner  # how this desk's scanner types: its codes are read through it
        self._pg = engine.dialect.name == "postgresql"
        self._within: sa.Connection | None = None

    @property
    def event_id(self) -> int:
        return self._event

    @contextmanager
    def within(self, conn: sa.Connection) -> Iterator[None]:
        """Scans made meanwhile run in the caller's transaction on `conn`, committed by the
        caller: a desk's queue replayed in batches, one server commit for many scans."""
        self._within = conn
        try:
            yield
        finally:
            self._within = None

    @contextmanager
    def _begin(self) -> Iterator[sa.Connection]:
        """One scan's transaction. A store failure (locked, disk full, server gone) rolls it
        back and becomes a one-line StoreError: the desk shows it as is, instead of the
        driver's three lines of SQL, and the volunteer knows nothing was recorded."""
        if self._within is not None:
            yield self._within  # the caller's transaction: its failure is the caller's
            return
        try:
            with self._engine.begin() as conn:
                yield conn
        except DBAPIError as exc:
            raise explain(exc, self._url) from exc
        except self._driver_error as exc:
            raise explain(exc, self._url) from exc

    def scan(self, raw_code: str, *, exit: bool = False, session_id: int | None = None,
             override: bool = False, scan_uuid: str | None = None, when: When | None = None,
             also_write: AlsoWrite | None = None) -> ScanAnswer:
        """Admit (or let out) whoever holds this code; the answer is durable when returned.

        `override` (a coordinator's decision, journaled) admits at a door despite a full
        room or an audience restriction; it changes nothing else.
        """
        answer = self._scan(raw_code, exit=exit, session_id=session_id, override=override,
                            scan_uuid=scan_uuid, when=when, also_write=also_write,
                            record_unknown=True)
        assert answer is not None  # an unknown code is recorded and answered
        return answer

    def scan_if_known(self, raw_code: str, *, session_id: int | None = None,
                      scan_uuid: str | None = None, when: When | None = None,
                      also_write: AlsoWrite | None = None) -> ScanAnswer | None:
        """A burst with no terminator: scanned when it reads as someone's code, else None and
        nothing recorded (it was typing), in the same one transaction."""
        return self._scan(raw_code, session_id=session_id, scan_uuid=scan_uuid, when=when,
                          also_write=also_write, record_unknown=False)

    def _when(self, when: When | None) -> When:
        if when is not None:
            return when
        now = self._clock()
        return When(now, now)

    def _scan(self, raw_code: str, *, exit: bool = False, session_id: int | None = None,
              override: bool = False, scan_uuid: str | None = None, when: When | None = None,
              also_write: AlsoWrite | None = None, record_unknown: bool) -> ScanAnswer | None:
        code = clean_code(raw_code)
        replay = scan_uuid is not None
        scan_uuid = scan_uuid or str(uuidlib.uuid4())
        moment = self._when(when)
        door = session_id is not None
        if door:
            kind = ScanKind.SESSION_EXIT if exit else ScanKind.SESSION_ENTRY
        else:
            kind = ScanKind.EXIT if exit else ScanKind.ENTRY
        place = VENUE if session_id is None else session_id
        with self._begin() as conn:
            if replay:  # only a UUID the desk made earlier can be in the store already
                replayed = self._replayed(conn, scan_uuid)
                if replayed is not None:
                    return replayed
            found, person = self._find_person(conn, code, place)
            if person is None and not record_unknown:
                return None
            # A scan row keeps the code of whom it admitted; an unknown one, what was typed.
            rec = _Recorder(self, conn, scan_uuid, found if person else code, kind, session_id,
                            moment, also_write)
            if person is None:
                return rec(None, ScanResult.UNKNOWN_CODE, _unknown_reason(raw_code, code, self._scanner))
            fields: dict[str, Any] = dict(first_name=person.first_name, last_name=person.last_name,
                          organisation=person.organisation, category=person.category or "",
                          attention_text=(person.attention_text or "attention")
                          if person.attention else "")
            who = person.id
            if person.status == AttendeeStatus.CANCELLED:
                return rec(who, ScanResult.CANCELLED, ENGLISH("reason.cancelled"), **fields)
            inside = bool(person.inside)
            if exit:
                if not inside:
                    return rec(who, ScanResult.NOT_INSIDE, ENGLISH("reason.not_inside"), **fields)
                return rec(who, ScanResult.EXITED, "", **fields)
            if inside:
                return rec(who, ScanResult.ALREADY_IN, ENGLISH("reason.already_inside"),
                           first_entry_at=person.entered_at,
                           first_entry_desk=person.entered_desk or "", **fields)
            if session_id is None:  # the entrance: nothing more to decide
                return rec(who, ScanResult.ADMITTED, "", **fields)
            if self._pg:  # two desks, one last seat: counted one after the other
                q.LOCK_SESSION.one(conn, session=session_id)
            decision = decide_at_door(
                conn, self._event, session_id, who, profession=person.profession or "",
                category_key=person.category_key or "",
                speaker_key=person.source_id if person.source == PEOPLE_SOURCE else None,
                now=moment.at)
            if decision is None:
                return rec(who, ScanResult.UNKNOWN_CODE, ENGLISH("reason.no_session", session_id),
                           **fields)
            return self._door_answer(rec, who, decision, override, fields)

    def _find_person(self, conn: sa.Connection, typed: str,
                     place: int) -> tuple[str, q.PersonAt | None]:
        """The registrant a burst stands for, and their code: the code as read (one indexed
        read, the usual case), else the one registrant its other readings match, whatever
        the case (checkin.core.admission.code_reading). On PostgreSQL the row is locked:
        two desks, one badge, the second waits here for the first's commit."""
        candidates = readings(typed, self._scanner)
        code = candidates[0] if candidates else ""
        person = self._person(conn, code, place)
        if person is None and candidates:
            found = q.FOLDED_CODES.all(conn, event=self._event,
                                       codes=[c.lower() for c in candidates])
            if len(found) == 1:
                code = found[0].code
                person = self._person(conn, code, place)
        return code, person

    def _person(self, conn: sa.Connection, code: str, place: int) -> q.PersonAt | None:
        if not code:
            return None
        if self._pg:
            q.LOCK_PERSON.one(conn, event=self._event, code=code)
        return q.PERSON_AT.one(conn, event=self._event, code=code, place=place)

    def _door_answer(self, rec: _Recorder, attendee: int, decision: DoorDecision,
                     override: bool, fields: dict) -> ScanAnswer:
        where = _DoorFields(session_title=decision.title, room=decision.room,
                            seats_left=decision.seats_left, reserved_for=decision.reserved_for)
        if decision.result == ScanResult.ADMITTED:
            return rec(attendee, ScanResult.ADMITTED, "", **where, **fields)
        if not override:
            return rec(attendee, decision.result, decision.reason, **where, **fields)
        answer = rec(attendee, ScanResult.ADMITTED, ENGLISH("reason.override", decision.reason),
                     overridden=True, **where, **fields)
        rec.journal("override", f"{answer.code} → {decision.key}",
                    {"refused": decision.result, "reason": decision.reason,
                     "scan_id": answer.scan_id})
        return answer

    def walk_in(self, first_name: str, last_name: str, *, organisation: str = "",
                category: str = "participant", email: str = "", code: str | None = None,
                code_prefix: str = "WI", scan_uuid: str | None = None, when: When | None = None,
                also_write: AlsoWrite | None = None, attendee_id: int | None = None,
                local_id: bool = False) -> ScanAnswer:
        """Someone not registered: create them with a new code and admit them, in one
        transaction — either both happen or neither does.

        `code`: the one a desk gave them offline (replayed as it was printed on their badge);
        else a new one after `code_prefix` (an offline desk's own, so that two desks apart
        never give the same code). A replayed `scan_uuid` already recorded is answered as
        the first time, nobody is created twice. `attendee_id`: the id the server gave them
        (a desk's replica mirroring its answer); `local_id`: an id below zero (a desk's
        replica registering them offline), which names nobody on the server."""
        first_name, last_name = " ".join(first_name.split()), " ".join(last_name.split())
        organisation = " ".join(organisation.split())
        if not (first_name or last_name):
            raise ValueError("a walk-in needs a name")
        moment = self._when(when)
        with self._begin() as conn:
            if scan_uuid is not None and (replayed := self._replayed(conn, scan_uuid)):
                return replayed
            found = q.CATEGORY_BY_KEY.one(conn, event=self._event, key=category)
            if found is None:
                raise ValueError(f"unknown category {category!r}")
            if code is None:
                taken = {row.code for row in q.CODES_LIKE.all(
                    conn, event=self._event, pattern=code_prefix + "%")}
                code = new_code(code_prefix, taken)
            if local_id:
                next_local = q.NEXT_LOCAL_ID.one(conn)
                attendee_id = next_local.id if next_local else -1
            values = dict(event=self._event, code=code, first=first_name, last=last_name,
                          email=email.strip().lower(), org=organisation, category=found.id,
                          now=moment.at)
            inserted = (q.INSERT_WALK_IN.one(conn, **values) if attendee_id is None
                        else q.INSERT_WALK_IN_AS.one(conn, id=attendee_id, **values))
            assert inserted is not None  # INSERT … RETURNING id gives its row back
            attendee = inserted.id
            index_new_attendees(conn, [(attendee, self._event, first_name, last_name,
                                        organisation, email)])
            rec = _Recorder(self, conn, scan_uuid or str(uuidlib.uuid4()), code, ScanKind.ENTRY,
                            None, moment, also_write)
            return rec(attendee, ScanResult.ADMITTED, ENGLISH("reason.walk_in"), first_name=first_name,
                       last_name=last_name, organisation=organisation, category=found.name)

    def undo_last(self, raw_code: str, *, scan_uuid: str | None = None, when: When | None = None,
                  also_write: AlsoWrite | None = None) -> ScanAnswer:
        """Cancel this person's last counted scan, if this desk made it (a new row). An undo
        replayed (its `scan_uuid` already recorded) is answered as the first time: a reply
        lost after the commit never undoes a second scan."""
        code = clean_code(raw_code)
        with self._begin() as conn:
            if scan_uuid is not None and (replayed := self._replayed(conn, scan_uuid)):
                return replayed
            person = self._person(conn, code, VENUE)
            rec = _Recorder(self, conn, scan_uuid or str(uuidlib.uuid4()), code, ScanKind.UNDO,
                            None, self._when(when), also_write)
            if person is None:
                return rec(None, ScanResult.UNKNOWN_CODE, NO_REGISTRANT)
            last = q.LAST_MOVE.one(conn, attendee=person.id)
            names: dict[str, Any] = dict(first_name=person.first_name, last_name=person.last_name,
                         organisation=person.organisation, category=person.category or "")
            if last is None or last.desk != self._desk:
                return rec(person.id, ScanResult.NOT_INSIDE, ENGLISH("reason.nothing_to_undo"),
                           **names)
            rec.session_id = last.session_id
            answer = rec(person.id, ScanResult.UNDONE,
                         ENGLISH("reason.undoes", last.id, last.kind), undoes=last.id, **names)
            self._recompute_presence(conn, person.id, last.session_id or VENUE)
            if last.session_id is not None:  # a door's entry may have put them in the venue
                self._recompute_presence(conn, person.id, VENUE)
            return answer

    def _recompute_presence(self, conn: sa.Connection, attendee: int, place: int) -> None:
        """After an undo: where the person is, from the scans that still count."""
        last = (q.LAST_VENUE_MOVE.one(conn, attendee=attendee) if place == VENUE
                else q.LAST_MOVE_AT.one(conn, attendee=attendee, place=place))
        if last is None:
            q.FORGET_PRESENCE.run(conn, attendee=attendee, place=place)
        else:
            q.SET_PRESENCE.run(conn, attendee=attendee, place=place, event=self._event,
                               inside=last.kind in _ENTRIES, scan=last.id)

    def _replayed(self, conn: sa.Connection, scan_uuid: str) -> ScanAnswer | None:
        """A scan replayed by a desk that was offline is answered as the first time."""
        row = q.RECORDED.one(conn, uuid=scan_uuid)
        if row is None:
            return None
        return ScanAnswer(result=row.result, code=row.code, scan_id=row.id,
                          attendee_id=row.attendee_id, reason=row.reason, session_id=row.session_id)


class _DoorFields(TypedDict):
    """What a door's answer says about the session, whatever the decision."""

    session_title: str
    room: str
    seats_left: int | None
    reserved_for: str


class _Recorder:
    """Writes the one scan row of a decision (and the presence it changes), then answers."""

    def __init__(self, service: ScanService, conn: sa.Connection, scan_uuid: str, code: str,
                 kind: str, session_id: int | None, when: When,
                 also_write: AlsoWrite | None = None) -> None:
        self.s, self.conn, self.uuid, self.code = service, conn, scan_uuid, code
        self.kind, self.session_id, self.when, self.also_write = kind, session_id, when, also_write

    def __call__(self, attendee: int | None, result: str, reason: str,
                 undoes: int | None = None, **fields) -> ScanAnswer:
        s = self.s
        inserted = q.INSERT_SCAN.one(  # the named query binds moments as the columns store them
            self.conn, uuid=self.uuid, event=s._event, code=self.code, attendee=attendee,
            kind=self.kind, session=self.session_id, desk=s._desk, operator=s._operator,
            desk_time=self.when.desk_time, recorded_at=self.when.at, result=result,
            reason=reason, undoes=undoes)
        if inserted is None:  # INSERT … RETURNING id always gives its row back
            raise RuntimeError("the scan insert returned no id")
        scan_id = inserted.id
        if result in (ScanResult.ADMITTED, ScanResult.EXITED) and attendee is not None:
            q.SET_PRESENCE.run(self.conn, attendee=attendee, place=self.session_id or VENUE,
                               event=s._event, inside=result == ScanResult.ADMITTED, scan=scan_id)
            if self.kind == ScanKind.SESSION_ENTRY and result == ScanResult.ADMITTED:
                q.INSIDE_VENUE_TOO.run(self.conn, attendee=attendee, event=s._event, scan=scan_id)
        if self.session_id is not None:
            fields.setdefault("session_id", self.session_id)
        answer = ScanAnswer(result=result, code=self.code, scan_id=scan_id, attendee_id=attendee,
                            reason=reason, **fields)
        if self.also_write is not None:
            self.also_write(self.conn, answer)
        return answer

    def journal(self, action: str, subject: str, details: dict) -> None:
        s = self.s
        journal.write(self.conn, s._event, action, actor=s._operator, desk=s._desk,
                      subject=subject[:300], details=details, at=self.when.at)
