"""What the desk commands share: the event's clock (`--at HH:MM`) and naming a session."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from checkin.cli import UsageError


def event_moment(engine, event_id: int, hhmm: str | None) -> datetime:
    """Now, or HH:MM on the event's day in the event's time zone."""
    from checkin.core.clock import local_moment, system_clock, zone
    from checkin.store.models import Event

    if not hhmm:
        return system_clock()
    with engine.connect() as conn:
        starts, tz = conn.execute(sa.select(Event.starts_at, Event.timezone)
                                  .where(Event.id == event_id)).one()
    tzinfo = zone(tz)
    try:
        return local_moment(starts.astimezone(tzinfo).date(), hhmm, tzinfo)
    except ValueError as exc:
        raise UsageError(f"--at: {exc}") from None


def pick_session(engine, event_id: int, ref: str) -> int:
    """A session named by its key (as in the event file) or its number."""
    from checkin.store.models import EventSession

    with engine.connect() as conn:
        rows = conn.execute(sa.select(EventSession.id, EventSession.key)
                            .where(EventSession.event_id == event_id)
                            .order_by(EventSession.starts_at)).all()
    for sid, key in rows:
        if ref == key or ref == str(sid):
            return sid
    raise UsageError(f"no session '{ref}' in this event (sessions: "
                     f"{', '.join(k for _, k in rows) or 'none'})")


def event_zone(engine, event_id: int):
    from checkin.core.clock import zone
    from checkin.store.models import Event

    with engine.connect() as conn:
        return zone(conn.execute(sa.select(Event.timezone).where(Event.id == event_id)).scalar_one())
