"""Seats in each session, now: capacity, booked, present, held, free.

- present: people whose last counted door scan for the session is an entry (presence rows);
- held: booked people who have not come in yet, while the hold lasts (the event's
  `seat_hold_minutes` after the session starts); after that their seats are free to others;
- free: capacity − present − held (never below 0); None when no capacity is known.

Door decisions, routing, `checkin occupancy` and the coordinator view all read this one rule.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from checkin.core.programme.enrollments import seats, session_counts
from checkin.store.queries import seating as q
from checkin.store.rows import json_list
from checkin.store.vocabulary import VENUE


@dataclass
class SessionSeats:
    session_id: int
    key: str
    title: str
    kind: str
    track: str
    room: str
    floor: str
    directions: str
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    booked: int = 0
    waitlisted: int = 0
    present: int = 0
    held: int = 0
    hold_until: datetime | None = None
    professions: list[str] = field(default_factory=list)   # audience restriction, if any
    categories: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)

    @property
    def free(self) -> int | None:
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.present - self.held)

    def to_json(self) -> dict:
        data = asdict(self)
        data["free"] = self.free
        for name in ("starts_at", "ends_at", "hold_until"):
            if data[name] is not None:
                data[name] = data[name].isoformat()
        return data


def event_seats(conn: sa.Connection, event_id: int, now: datetime) -> list[SessionSeats]:
    """Every session of the event with its seats at `now`, in programme order."""
    booked, waiting = session_counts(conn, event_id)
    present = dict(q.PRESENT_BY_PLACE.all(conn, event=event_id, venue=VENUE))
    came = dict(q.BOOKED_WHO_CAME.all(conn, event=event_id, venue=VENUE))
    out = []
    for row in q.SESSIONS.all(conn, event=event_id):
        sid = row.id
        hold_until = row.starts_at + timedelta(minutes=row.seat_hold_minutes or 0)
        # Booked people who never came hold their seat only until the hold ends.
        held = max(0, booked.get(sid, 0) - came.get(sid, 0)) if now < hold_until else 0
        out.append(SessionSeats(
            session_id=sid, key=row.key, title=row.title, kind=row.kind, track=row.track or "",
            room=row.room or "", floor=row.floor or "", directions=row.directions or "",
            starts_at=row.starts_at, ends_at=row.ends_at,
            capacity=seats(row.own_capacity, row.room_capacity), booked=booked.get(sid, 0),
            waitlisted=waiting.get(sid, 0), present=present.get(sid, 0), held=held,
            hold_until=hold_until, professions=json_list(row.professions),
            categories=json_list(row.categories), speakers=json_list(row.speakers)))
    return out


@dataclass(frozen=True)
class SessionDoor:
    session_id: int
    title: str
    room: str
    starts_at: datetime
    ends_at: datetime


def session_doors(conn: sa.Connection, event_id: int, now: datetime) -> list[SessionDoor]:
    """The sessions not over yet, in programme order: the doors a desk may scan at. No seat
    counts, so that a desk opening is not kept waiting for them."""
    return [SessionDoor(d.id, d.title, d.room or "", d.starts_at, d.ends_at)
            for d in q.DOORS.all(conn, event=event_id, now=now)]


@dataclass
class Door:
    """A session as its door sees it, for one decision."""

    session_id: int
    key: str
    title: str
    kind: str
    room: str
    capacity: int | None
    present: int
    held_by_others: int
    professions: list[str]
    categories: list[str]
    speakers: list[str]

    def full_for(self, booked_here: bool) -> bool:
        """A booked person only needs a seat in the room; anyone else also needs one
        that no booked person is holding."""
        if self.capacity is None:
            return False
        taken = self.present + (0 if booked_here else self.held_by_others)
        return taken >= self.capacity

    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.present - self.held_by_others)


def door(conn: sa.Connection, event_id: int, session_id: int, attendee_id: int,
         now: datetime) -> Door | None:
    row = q.ONE_SESSION.one(conn, event=event_id, session=session_id)
    if row is None:
        return None
    capacity = seats(row.own_capacity, row.room_capacity)
    present = held = 0
    if capacity is not None:
        counted = q.ONE_PRESENT.one(conn, event=event_id, session=session_id)
        present = counted.n if counted else 0
        if now < row.starts_at + timedelta(minutes=row.seat_hold_minutes or 0):
            holding = q.ONE_HELD.one(conn, session=session_id, attendee=attendee_id)
            held = holding.n if holding else 0
    return Door(session_id=row.id, key=row.key, title=row.title, kind=row.kind,
                room=row.room or "", capacity=capacity, present=present, held_by_others=held,
                professions=json_list(row.professions), categories=json_list(row.categories),
                speakers=json_list(row.speakers))
