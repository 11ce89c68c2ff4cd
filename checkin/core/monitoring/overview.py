"""What is in a store, in numbers: for `checkin db info` and the first window."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy.engine import Connection, Engine

from checkin.core.programme.enrollments import seats
from checkin.store.queries import monitoring as q
from checkin.store.vocabulary import AttendeeStatus


@dataclass
class SessionLine:
    id: int
    key: str
    title: str
    kind: str
    track: str
    room: str
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    booked: int
    waitlisted: int


@dataclass
class EventSummary:
    id: int
    key: str
    name: str
    venue: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    registrants: int
    cancelled: int
    categories: dict[str, int] = field(default_factory=dict)
    sessions: list[SessionLine] = field(default_factory=list)
    complete: bool = True   # False: only the event itself (event_head), counts still to come

    def to_json(self) -> dict:
        data = asdict(self)
        for item in [data, *data["sessions"]]:
            for k in ("starts_at", "ends_at"):
                item[k] = item[k].isoformat()
        return data


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        counts = q.TABLE_COUNTS.one(conn)
    assert counts is not None  # counts of the whole tables: always one row
    return counts._asdict()


def list_events(engine: Engine) -> list[EventSummary]:
    return [event_summary(engine, e.id) for e in list_events_brief(engine)]


def event_summary(engine: Engine, event_id: int) -> EventSummary:
    with engine.connect() as conn:
        ev = _head(conn, event_id)
        by_status = {r.status: r.n for r in q.BY_STATUS.all(conn, event=event_id)}
        categories = {r.name: r.n for r in q.REGISTERED_BY_CATEGORY.all(conn, event=event_id)}
        rows = q.SESSION_LINES.all(conn, event=event_id)
    sessions = [SessionLine(
        id=r.id, key=r.key, title=r.title, kind=r.kind, track=r.track or "", room=r.room or "",
        starts_at=r.starts_at, ends_at=r.ends_at, capacity=seats(r.own_capacity, r.room_capacity),
        booked=r.booked, waitlisted=r.waitlisted) for r in rows]
    return EventSummary(
        id=ev.id, key=ev.key, name=ev.name, venue=ev.venue, timezone=ev.timezone,
        starts_at=ev.starts_at, ends_at=ev.ends_at,
        registrants=by_status.get(AttendeeStatus.REGISTERED, 0),
        cancelled=by_status.get(AttendeeStatus.CANCELLED, 0),
        categories=categories, sessions=sessions)


def event_head(engine: Engine, event_id: int) -> EventSummary:
    """The event without its counts: one indexed read, for a window that must be ready
    before the counts of 100 000 registrants are in (and before the ORM is loaded: the
    statement is plain SQL, checkin.store.vocabulary says why)."""
    with engine.connect() as conn:
        ev = _head(conn, event_id)
    return EventSummary(id=ev.id, key=ev.key, name=ev.name, venue=ev.venue,
                        timezone=ev.timezone, starts_at=ev.starts_at, ends_at=ev.ends_at,
                        registrants=0, cancelled=0, complete=False)


def _head(conn: Connection, event_id: int) -> q.EventHead:
    ev = q.EVENT_HEAD.one(conn, event=event_id)
    if ev is None:
        raise LookupError(f"no event with id {event_id}")
    return ev


def list_events_brief(engine: Engine) -> list[q.EventName]:
    """(id, name) of every event, soonest first: cheap enough for every refresh."""
    with engine.connect() as conn:
        return q.EVENTS.all(conn)
