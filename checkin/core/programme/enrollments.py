"""Seats: who holds one, and giving seats back when a registrant is cancelled."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from checkin.store.queries import programme as q
from checkin.store.vocabulary import EnrollmentStatus

CHUNK = 2000
_ALL = 2**31 - 1  # a LIMIT above any waitlist


def seats(session_capacity: int | None, room_capacity: int | None) -> int | None:
    """A session seats the smaller of its own capacity and its room's (None: no limit known)."""
    caps = [c for c in (session_capacity, room_capacity) if c is not None]
    return min(caps) if caps else None


def session_counts(conn: sa.Connection, event_id: int,
                   exclude_source: str | None = None) -> tuple[dict[int, int], dict[int, int]]:
    """(booked, waitlisted) per session, counting registered people only: a cancelled
    ticket holds no seat."""
    booked: dict[int, int] = {}
    waiting: dict[int, int] = {}
    rows = (q.SESSION_COUNTS.all(conn, event=event_id) if exclude_source is None else
            q.COUNTS_OUTSIDE_SOURCE.all(conn, event=event_id, source=exclude_source))
    for row in rows:
        if row.status == EnrollmentStatus.BOOKED:
            booked[row.session_id] = row.n
        elif row.status == EnrollmentStatus.WAITLISTED:
            waiting[row.session_id] = row.n
    return booked, waiting


def release_seats(conn: sa.Connection, attendee_ids: list[int], now: datetime) -> list[int]:
    """Cancelled registrants give their booked and waitlisted places back, and each seat
    given back goes to the first person waiting for it. Returns the people promoted."""
    sessions: set[int] = set()
    for start in range(0, len(attendee_ids), CHUNK):
        chunk = attendee_ids[start:start + CHUNK]
        sessions.update(r.session_id for r in q.BOOKED_SESSIONS.all(conn, attendees=chunk))
        q.CANCEL_ENROLLMENTS.run(conn, attendees=chunk, now=now)
    return promote_waitlist(conn, sorted(sessions), now)


def promote_waitlist(conn: sa.Connection, session_ids: list[int], now: datetime) -> list[int]:
    """Fill each session's free booked seats from its waitlist, first come first served
    (registered people only). Returns the attendee ids promoted."""
    promoted: list[int] = []
    for sid in session_ids:
        caps = q.SESSION_CAPACITY.one(conn, session=sid)
        if caps is None:
            continue
        limit = seats(caps.own_capacity, caps.room_capacity)
        booked = q.BOOKED_HERE.one(conn, session=sid)
        room_for = None if limit is None else max(0, limit - (booked.n if booked else 0))
        if room_for == 0:
            continue
        # No limit known: the whole waitlist.
        rows = q.FIRST_WAITING.all(conn, session=sid, n=_ALL if room_for is None else room_for)
        if rows:
            q.TO_BOOKED.run(conn, ids=[r.id for r in rows], now=now)
            promoted.extend(r.attendee_id for r in rows)
    return promoted
