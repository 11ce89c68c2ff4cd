"""What is in a store, in numbers: for `checkin db info` and the first window."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.programme.enrollments import seats
from checkin.store.types import UTCDateTime
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus

# The columns of the event row a desk needs to open, without the ORM model: the window is
# ready before the models are loaded (checkin.store.vocabulary says why).
_event = sa.table("event", sa.column("id"), sa.column("key"), sa.column("name"),
                  sa.column("venue"), sa.column("timezone"), sa.column("starts_at", UTCDateTime),
                  sa.column("ends_at", UTCDateTime))


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
    from checkin.store.models import Attendee, Enrollment, Event, EventSession, Room, Scan, Track

    with engine.connect() as conn:
        return {
            name: conn.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()
            for name, model in (("events", Event), ("attendees", Attendee),
                                ("sessions", EventSession), ("rooms", Room),
                                ("tracks", Track), ("enrollments", Enrollment),
                                ("scans", Scan))
        }


def list_events(engine: Engine) -> list[EventSummary]:
    return [event_summary(engine, i) for i, _name in list_events_brief(engine)]


def event_summary(engine: Engine, event_id: int) -> EventSummary:
    from checkin.store.models import (
        Attendee, Category, Enrollment, Event, EventSession, Room, Track,
    )

    with engine.connect() as conn:
        ev = conn.execute(sa.select(Event).where(Event.id == event_id)).mappings().one()
        by_status: dict[str, int] = dict(conn.execute(
            sa.select(Attendee.status, sa.func.count()).where(Attendee.event_id == event_id)
            .group_by(Attendee.status)).all())
        categories: dict[str, int] = dict(conn.execute(
            sa.select(Category.name, sa.func.count(Attendee.id))
            .join(Attendee, sa.and_(Attendee.category_id == Category.id,
                                    Attendee.status == AttendeeStatus.REGISTERED), isouter=True)
            .where(Category.event_id == event_id)
            .group_by(Category.id, Category.name).order_by(Category.id)).all())
        enrolled = (
            sa.select(Enrollment.session_id,
                      sa.func.count().filter(Enrollment.status == EnrollmentStatus.BOOKED).label("booked"),
                      sa.func.count().filter(Enrollment.status == EnrollmentStatus.WAITLISTED).label("waitlisted"))
            .group_by(Enrollment.session_id).subquery())
        rows = conn.execute(
            sa.select(EventSession.id, EventSession.key, EventSession.title, EventSession.kind,
                      EventSession.starts_at, EventSession.ends_at, EventSession.capacity,
                      Track.name.label("track"), Room.name.label("room"),
                      Room.capacity.label("room_capacity"),
                      sa.func.coalesce(enrolled.c.booked, 0).label("booked"),
                      sa.func.coalesce(enrolled.c.waitlisted, 0).label("waitlisted"))
            .join(Track, Track.id == EventSession.track_id, isouter=True)
            .join(Room, Room.id == EventSession.room_id, isouter=True)
            .join(enrolled, enrolled.c.session_id == EventSession.id, isouter=True)
            .where(EventSession.event_id == event_id)
            .order_by(EventSession.starts_at, Room.name)).mappings().all()
    sessions = [SessionLine(
        id=r["id"], key=r["key"], title=r["title"], kind=r["kind"], track=r["track"] or "",
        room=r["room"] or "", starts_at=r["starts_at"], ends_at=r["ends_at"],
        capacity=seats(r["capacity"], r["room_capacity"]), booked=r["booked"],
        waitlisted=r["waitlisted"]) for r in rows]
    return EventSummary(
        id=ev["id"], key=ev["key"], name=ev["name"], venue=ev["venue"], timezone=ev["timezone"],
        starts_at=ev["starts_at"], ends_at=ev["ends_at"],
        registrants=by_status.get(AttendeeStatus.REGISTERED, 0),
        cancelled=by_status.get(AttendeeStatus.CANCELLED, 0),
        categories=categories, sessions=sessions)


def event_head(engine: Engine, event_id: int) -> EventSummary:
    """The event without its counts: one indexed read, for a window that must be ready
    before the counts of 100 000 registrants are in."""
    with engine.connect() as conn:
        ev = conn.execute(sa.select(_event).where(_event.c.id == event_id)).mappings().one()
    return EventSummary(id=ev["id"], key=ev["key"], name=ev["name"], venue=ev["venue"],
                        timezone=ev["timezone"], starts_at=ev["starts_at"], ends_at=ev["ends_at"],
                        registrants=0, cancelled=0, complete=False)


def list_events_brief(engine: Engine) -> list[tuple[int, str]]:
    """(id, name) of every event, soonest first: cheap enough for every refresh."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(_event.c.id, _event.c.name).order_by(_event.c.starts_at, _event.c.id))]
