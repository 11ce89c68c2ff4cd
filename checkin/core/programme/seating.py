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
from checkin.store.rows import aware_not_null, json_list
from checkin.store.types import UTCDateTime
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


_SESSIONS = sa.text(
    "SELECT s.id, s.key, s.title, s.kind, t.name, r.name, r.floor, r.directions, s.starts_at, "
    "s.ends_at, s.capacity, r.capacity, e.seat_hold_minutes, s.audience_professions, "
    "s.audience_categories, s.speakers FROM session s "
    "JOIN event e ON e.id = s.event_id LEFT JOIN track t ON t.id = s.track_id "
    "LEFT JOIN room r ON r.id = s.room_id WHERE s.event_id = :event ORDER BY s.starts_at, r.name, s.id")
_PRESENT = sa.text(
    "SELECT place, count(*) FROM presence WHERE event_id = :event AND place > :venue AND inside = true "
    "GROUP BY place")
# Booked people who have already come through the door once: their seat is no longer "held".
_BOOKED_CAME = sa.text(
    "SELECT p.place, count(*) FROM presence p JOIN enrollment en "
    "ON en.attendee_id = p.attendee_id AND en.session_id = p.place "
    "WHERE p.event_id = :event AND p.place > :venue AND en.status = 'booked' GROUP BY p.place")


def event_seats(conn: sa.Connection, event_id: int, now: datetime) -> list[SessionSeats]:
    """Every session of the event with its seats at `now`, in programme order."""
    booked, waiting = session_counts(conn, event_id)
    params = {"event": event_id, "venue": VENUE}
    present: dict[int, int] = dict(conn.execute(_PRESENT, params).all())
    came: dict[int, int] = dict(conn.execute(_BOOKED_CAME, params).all())
    out = []
    for row in conn.execute(_SESSIONS, {"event": event_id}):
        sid = row[0]
        starts = aware_not_null(row[8], "session.starts_at")
        ends = aware_not_null(row[9], "session.ends_at")
        hold_until = starts + timedelta(minutes=row[12] or 0)
        # Booked people who never came hold their seat only until the hold ends.
        held = max(0, booked.get(sid, 0) - came.get(sid, 0)) if now < hold_until else 0
        out.append(SessionSeats(
            session_id=sid, key=row[1], title=row[2], kind=row[3], track=row[4] or "",
            room=row[5] or "", floor=row[6] or "", directions=row[7] or "", starts_at=starts,
            ends_at=ends, capacity=seats(row[10], row[11]), booked=booked.get(sid, 0),
            waitlisted=waiting.get(sid, 0), present=present.get(sid, 0), held=held,
            hold_until=hold_until, professions=json_list(row[13]),
            categories=json_list(row[14]), speakers=json_list(row[15])))
    return out


_DOORS = sa.text(
    "SELECT s.id, s.title, r.name, s.starts_at, s.ends_at FROM session s "
    "LEFT JOIN room r ON r.id = s.room_id WHERE s.event_id = :event AND s.ends_at > :now "
    "ORDER BY s.starts_at, r.name, s.id").bindparams(sa.bindparam("now", type_=UTCDateTime))


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
    return [SessionDoor(sid, title, room or "", aware_not_null(starts, "session.starts_at"),
                        aware_not_null(ends, "session.ends_at"))
            for sid, title, room, starts, ends in conn.execute(
                _DOORS, {"event": event_id, "now": now})]


# The door's view of one session: the same rule, counted for that session alone.
_ONE = sa.text(
    "SELECT s.id, s.key, s.title, s.kind, s.starts_at, s.capacity, r.capacity, r.name, "
    "e.seat_hold_minutes, s.audience_professions, s.audience_categories, s.speakers "
    "FROM session s JOIN event e ON e.id = s.event_id LEFT JOIN room r ON r.id = s.room_id "
    "WHERE s.event_id = :event AND s.id = :session")
_ONE_PRESENT = sa.text(
    "SELECT count(*) FROM presence WHERE event_id = :event AND place = :session AND inside")
_ONE_HELD = sa.text(
    "SELECT count(*) FROM enrollment en JOIN attendee a ON a.id = en.attendee_id "
    "WHERE en.session_id = :session AND en.status = 'booked' AND a.status = 'registered' "
    "AND en.attendee_id <> :attendee AND NOT EXISTS (SELECT 1 FROM presence p "
    "WHERE p.attendee_id = en.attendee_id AND p.place = :session)")


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
    row = conn.execute(_ONE, {"event": event_id, "session": session_id}).first()
    if row is None:
        return None
    capacity = seats(row[5], row[6])
    present = held = 0
    if capacity is not None:
        present = conn.execute(_ONE_PRESENT, {"event": event_id, "session": session_id}).scalar_one()
        if now < aware_not_null(row[4], "session.starts_at") + timedelta(minutes=row[8] or 0):
            held = conn.execute(_ONE_HELD, {"session": session_id, "attendee": attendee_id}).scalar_one()
    return Door(session_id=row[0], key=row[1], title=row[2], kind=row[3], room=row[7] or "",
                capacity=capacity, present=present, held_by_others=held,
                professions=json_list(row[9]), categories=json_list(row[10]),
                speakers=json_list(row[11]))
