"""Seats: who holds one, and giving seats back when a registrant is cancelled."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from checkin.store.models import Attendee, AttendeeStatus, Enrollment, EnrollmentStatus, EventSession

CHUNK = 2000


def seats(session_capacity: int | None, room_capacity: int | None) -> int | None:
    """A session seats the smaller of its own capacity and its room's (None: no limit known)."""
    caps = [c for c in (session_capacity, room_capacity) if c is not None]
    return min(caps) if caps else None


def session_counts(conn: sa.Connection, event_id: int,
                   exclude_source: str | None = None) -> tuple[dict[int, int], dict[int, int]]:
    """(booked, waitlisted) per session, counting registered people only: a cancelled
    ticket holds no seat."""
    q = (sa.select(Enrollment.session_id, Enrollment.status, sa.func.count())
         .join(EventSession, EventSession.id == Enrollment.session_id)
         .join(Attendee, Attendee.id == Enrollment.attendee_id)
         .where(EventSession.event_id == event_id, Attendee.status == AttendeeStatus.REGISTERED)
         .group_by(Enrollment.session_id, Enrollment.status))
    if exclude_source is not None:
        q = q.where(Attendee.source != exclude_source)
    booked: dict[int, int] = {}
    waiting: dict[int, int] = {}
    for sid, status, n in conn.execute(q):
        if status == EnrollmentStatus.BOOKED:
            booked[sid] = n
        elif status == EnrollmentStatus.WAITLISTED:
            waiting[sid] = n
    return booked, waiting


def release_seats(conn: sa.Connection, attendee_ids: list[int], now: datetime) -> None:
    """Cancelled registrants give their booked and waitlisted places back."""
    for start in range(0, len(attendee_ids), CHUNK):
        conn.execute(sa.update(Enrollment.__table__)
                     .where(Enrollment.attendee_id.in_(attendee_ids[start:start + CHUNK]),
                            Enrollment.status != EnrollmentStatus.CANCELLED)
                     .values(status=EnrollmentStatus.CANCELLED, updated_at=now))
