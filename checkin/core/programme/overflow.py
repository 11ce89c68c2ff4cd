"""A programme change that seats fewer people than are booked: who would lose a seat, and
what the coordinator chose to do about it.

A room taken from 20 places to 15 with 19 booked used to be saved without a word, and the
desks then admitted 19 into 15 seats or turned people away at the door in no order anyone
had chosen. Now the load stops and names them, unless told what to do:

- KEEP: everyone stays booked; the room is over-booked, knowingly (the load's report and
  journal say by how many);
- WAITLIST: the last to book lose their seat, in booking order (the first booked keep
  theirs), and go to the head of the waitlist in that same order — they held a confirmed
  seat, so they come back before people who never had one.

Only sessions whose seat count goes down in this load are looked at: a session already
over-booked by an earlier choice does not stop every later edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from checkin.core.programme.enrollments import seats
from checkin.core.programme.event_file import full_name
from checkin.store.rows import time_binder
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus

KEEP = "keep"
WAITLIST = "waitlist"
CHOICES = (KEEP, WAITLIST)


@dataclass
class Overflow:
    session_id: int
    key: str
    title: str
    seats_before: int | None
    seats: int
    booked: int
    # (attendee id, ticket code, name) of the last to book, beyond the seats: who loses one
    losing: list[tuple[int, str, str]] = field(default_factory=list)

    def describe(self) -> str:
        return (f"session '{self.key}' ({self.title}): {self.seats} seats for {self.booked} "
                f"booked, {len(self.losing)} would lose their seat (the last to book)")

    def to_json(self) -> dict:
        return {"session": self.key, "title": self.title, "seats_before": self.seats_before,
                "seats": self.seats, "booked": self.booked,
                "losing": [code for _aid, code, _name in self.losing]}


_LIMITS = sa.text(
    "SELECT s.id, s.capacity, r.capacity FROM session s LEFT JOIN room r ON r.id = s.room_id "
    "WHERE s.event_id = :e")
# Booked, registered people of one session, in booking order (first booked first).
_BOOKED = sa.text(
    "SELECT a.id, a.code, a.first_name, a.last_name FROM enrollment en "
    "JOIN attendee a ON a.id = en.attendee_id WHERE en.session_id = :s "
    f"AND en.status = '{EnrollmentStatus.BOOKED}' AND a.status = '{AttendeeStatus.REGISTERED}' "
    "ORDER BY en.created_at, en.id")


_MAKE_ROOM = sa.text(
    "UPDATE enrollment SET position = position + :n WHERE session_id = :s "
    f"AND status = '{EnrollmentStatus.WAITLISTED}'")
_TO_WAITLIST = sa.text(
    f"UPDATE enrollment SET status = '{EnrollmentStatus.WAITLISTED}', position = :p, "
    "updated_at = :now WHERE session_id = :s AND attendee_id = :a")


def settled(done: dict, choice: str | None) -> str:
    """What a load did about one session (Overflow.to_json), in a line (English)."""
    if choice == WAITLIST:
        return (f"session '{done['session']}': {len(done['losing'])} moved to the head of the "
                f"waitlist ({done['seats']} seats)")
    return f"session '{done['session']}': {done['booked']} booked for {done['seats']} seats, kept"


def seat_limits(conn: sa.Connection, event_id: int) -> dict[int, int | None]:
    """Session id -> how many it seats now (its own capacity or its room's, the smaller)."""
    return {sid: seats(own, room) for sid, own, room in conn.execute(_LIMITS, {"e": event_id})}


def find_overflows(conn: sa.Connection, event_id: int,
                   before: dict[int, int | None]) -> list[Overflow]:
    """Sessions that seat fewer than before and fewer than are booked, with who would lose
    a seat. `before` is seat_limits() read before the change."""
    found = []
    titles = {sid: (key, title) for sid, key, title in conn.execute(sa.text(
        "SELECT id, key, title FROM session WHERE event_id = :e"), {"e": event_id})}
    for sid, limit in seat_limits(conn, event_id).items():
        old = before.get(sid)
        if limit is None or sid not in before or (old is not None and limit >= old):
            continue
        booked = conn.execute(_BOOKED, {"s": sid}).all()
        if len(booked) <= limit:
            continue
        key, title = titles[sid]
        found.append(Overflow(sid, key, title, old, limit, len(booked),
                              [(aid, code, full_name(first, last))
                               for aid, code, first, last in booked[limit:]]))
    return found


def settle(conn: sa.Connection, overflows: list[Overflow], choice: str, now: datetime) -> None:
    """Apply the coordinator's choice (KEEP changes nothing)."""
    if choice not in CHOICES:
        raise ValueError(f"unknown choice {choice!r}: {', '.join(CHOICES)}")
    if choice == KEEP:
        return
    stamp = time_binder(conn.engine)(now)
    for o in overflows:
        moving = [aid for aid, _code, _name in o.losing]
        # The waitlist's order is its `position` (then the row id): those who lose their
        # seat take the first places, the people already waiting move down behind them.
        conn.execute(_MAKE_ROOM, {"n": len(moving), "s": o.session_id})
        conn.execute(_TO_WAITLIST, [{"p": place, "now": stamp, "s": o.session_id, "a": aid}
                                    for place, aid in enumerate(moving)])
