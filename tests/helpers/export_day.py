"""A small event day for the export tests: arrivals, a session door, an undo, a walk-in,
a no-show, a cancellation and registrants whose names look like spreadsheet formulas."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from checkin.core.admission.scan import ScanService
from checkin.core.clock import fixed_clock
from checkin.core.search.index import reindex_attendees
from checkin.store.models import BadgePrint, Enrollment, Scan

SESSION_KEY = "emergence-matin"  # 10:15–12:15 Paris on 2026-12-10


def utc(hour: int, minute: int) -> datetime:
    """A moment of the day, 2026-12-10, in UTC."""
    return datetime(2026, 12, 10, hour, minute, tzinfo=UTC)


# The end-of-day exports are made when the day is over (the sign-in sheets list who was
# on site during a session only for what has taken place).
AFTER_THE_DAY = fixed_clock(datetime(2026, 12, 10, 19, 0, tzinfo=UTC))

@dataclass
class Day:
    event_id: int
    session_id: int
    ids: dict[str, int]


def door(engine, event_id: int, attendee_id: int, code: str, session_id: int, kind: str,
         at: datetime) -> int:
    result = "admitted" if kind == "session_entry" else "exited"
    with engine.begin() as conn:
        return conn.execute(sa.insert(Scan.__table__).values(
            uuid=str(uuid.uuid4()), event_id=event_id, code=code, attendee_id=attendee_id,
            kind=kind, session_id=session_id, desk="door", operator="t", desk_time=at,
            recorded_at=at, result=result, reason="")
            .returning(Scan.__table__.c.id)).scalar_one()


def book_carole_elsewhere(engine, day: Day) -> int:
    """Carole books another session of the morning; returns that session's id."""
    with engine.begin() as conn:
        other = conn.execute(sa.text("SELECT id FROM session WHERE event_id = :e AND key = :k"),
                             {"e": day.event_id, "k": "potentiel-matin"}).scalar_one()
        conn.execute(sa.insert(Enrollment.__table__).values(
            attendee_id=day.ids["carol"], session_id=other, status="booked", position=0,
            created_at=utc(7, 0), updated_at=utc(7, 0)))
    return other


def make_day(engine, event_id: int, make_attendee) -> Day:
    with engine.connect() as conn:
        sid = conn.execute(sa.text("SELECT id FROM session WHERE event_id = :e AND key = :k"),
                           {"e": event_id, "k": SESSION_KEY}).scalar_one()
    ids = {
        "alice": make_attendee(code="ALICE", first_name="Alice", last_name="Martin",
                               organisation="Ville d'Amiens", city="Amiens", postcode="80000",
                               email="alice@example.fr", phone="0601020304"),
        "bob": make_attendee(code="BOB", first_name="Bob", last_name="Durand",
                             organisation="ADIE", city="Ajaccio", postcode="20000",
                             email="bob@example.fr"),
        "carol": make_attendee(code="CAROL", first_name="Carole", last_name="Petit",
                               organisation="IREV", postcode="97200"),
        "dan": make_attendee(code="DAN", first_name="Dan", last_name="Annulé", status="cancelled"),
        "mallory": make_attendee(code="MAL", first_name="-2+3", last_name="@SUM(A1)",
                                 organisation="+cmd|' /C calc'!A0", postcode="20200"),
    }
    with engine.begin() as conn:  # the factory writes attendees only: index them as an import does
        reindex_attendees(conn, ids.values())
    desk = ScanService(engine, event_id, desk="Accueil 1", operator="t",
                       clock=fixed_clock(utc(7, 45)))
    assert desk.scan("ALICE").result == "admitted"
    assert desk.scan("MAL").result == "admitted"
    assert desk.scan("CAROL").result == "admitted"
    assert desk.undo_last("CAROL").result == "undone"
    walk = ScanService(engine, event_id, desk="Accueil 2", operator="t",
                       clock=fixed_clock(utc(8, 10))).walk_in(
        "Eve", "Nouvelle", organisation='=HYPERLINK("http://evil","x")')
    ids["eve"] = walk.attendee_id
    with engine.begin() as conn:
        conn.execute(sa.insert(Enrollment.__table__), [
            dict(attendee_id=ids["alice"], session_id=sid, status="booked", position=0,
                 created_at=utc(7, 0), updated_at=utc(7, 0)),
            dict(attendee_id=ids["bob"], session_id=sid, status="booked", position=0,
                 created_at=utc(7, 0), updated_at=utc(7, 0))])
        conn.execute(sa.insert(BadgePrint.__table__).values(
            attendee_id=ids["alice"], layout="a6", desk="Accueil 1", operator="t",
            printed_at=utc(7, 46)))
    door(engine, event_id, ids["alice"], "ALICE", sid, "session_entry", utc(9, 20))
    door(engine, event_id, ids["alice"], "ALICE", sid, "session_exit", utc(10, 55))
    door(engine, event_id, ids["eve"], walk.code, sid, "session_entry", utc(9, 30))
    return Day(event_id, sid, ids)


def session_id(engine, event_id: int, key: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT id FROM session WHERE event_id = :e AND key = :k"),
                            {"e": event_id, "k": key}).scalar_one()


def enroll(engine, attendee_id: int, session: int, status: str = "booked") -> None:
    """A booking (or a place on the waitlist) as an import or the desk records it."""
    with engine.begin() as conn:
        conn.execute(sa.insert(Enrollment.__table__).values(
            attendee_id=attendee_id, session_id=session, status=status,
            position=1 if status == "waitlisted" else 0, created_at=utc(7, 0),
            updated_at=utc(7, 0)))


def entrance(engine, event_id: int, code: str, at: datetime, exit: bool = False) -> str:
    """A scan at the entrance desk at `at` (UTC); returns its result."""
    desk = ScanService(engine, event_id, desk="Accueil 1", operator="t", clock=fixed_clock(at))
    return desk.scan(code, exit=exit).result
