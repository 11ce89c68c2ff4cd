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
from checkin.store.queries import programme as q

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


def settled(done: dict, choice: str | None) -> str:
    """What a load did about one session (Overflow.to_json), in a line (English)."""
    if choice == WAITLIST:
        return (f"session '{done['session']}': {len(done['losing'])} moved to the head of the "
                f"waitlist ({done['seats']} seats)")
    return f"session '{done['session']}': {done['booked']} booked for {done['seats']} seats, kept"


def seat_limits(conn: sa.Connection, event_id: int) -> dict[int, int | None]:
    """Session id -> how many it seats now (its own capacity or its room's, the smaller)."""
    return {row.id: seats(row.own_capacity, row.room_capacity)
            for row in q.SEAT_LIMITS.all(conn, event=event_id)}


def find_overflows(conn: sa.Connection, event_id: int,
                   before: dict[int, int | None]) -> list[Overflow]:
    """Sessions that seat fewer than before and fewer than are booked, with who would lose
    a seat. `before` is seat_limits() read before the change."""
    found = []
    for row in q.SEAT_LIMITS.all(conn, event=event_id):
        limit, old = seats(row.own_capacity, row.room_capacity), before.get(row.id)
        if limit is None or row.id not in before or (old is not None and limit >= old):
            continue
        booked = q.BOOKED_IN_ORDER.all(conn, session=row.id)
        if len(booked) <= limit:
            continue
        found.append(Overflow(row.id, row.key, row.title, old, limit, len(booked),
                              [(b.id, b.code, full_name(b.first_name, b.last_name))
                               for b in booked[limit:]]))
    return found


def settle(conn: sa.Connection, overflows: list[Overflow], choice: str, now: datetime) -> None:
    """Apply the coordinator's choice (KEEP changes nothing)."""
    if choice not in CHOICES:
        raise ValueError(f"unknown choice {choice!r}: {', '.join(CHOICES)}")
    if choice == KEEP:
        return
    for o in overflows:
        moving = [aid for aid, _code, _name in o.losing]
        # Those who lose their seat take the first places of the waitlist, the people
        # already waiting move down behind them.
        q.MAKE_ROOM_AT_WAITLIST_HEAD.run(conn, n=len(moving), session=o.session_id)
        for place, aid in enumerate(moving):
            q.TO_WAITLIST.run(conn, position=place, now=now, session=o.session_id, attendee=aid)
