"""Seats: who holds one, and giving seats back when a registrant is cancelled."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus

CHUNK = 2000


def seats(session_capacity: int | None, room_capacity: int | None) -> int | None:
    """A session seats the smaller of its own capacity and its room's (None: no limit known)."""
    caps = [c for c in (session_capacity, room_capacity) if c is not None]
    return min(caps) if caps else None


# Plain SQL: a desk's first scan reads these counts (its route), and must not wait for the
# ORM to load (see checkin.store.vocabulary).
_COUNTS = (
    "SELECT en.session_id, en.status, count(*) FROM enrollment en "
    "JOIN session s ON s.id = en.session_id JOIN attendee a ON a.id = en.attendee_id "
    f"WHERE s.event_id = :event AND a.status = '{AttendeeStatus.REGISTERED}' {{source}}"
    "GROUP BY en.session_id, en.status")
SESSION_COUNTS = sa.text(_COUNTS.replace("{source}", ""))
_COUNTS_OUTSIDE_SOURCE = sa.text(_COUNTS.replace("{source}", "AND a.source <> :source "))


def session_counts(conn: sa.Connection, event_id: int,
                   exclude_source: str | None = None) -> tuple[dict[int, int], dict[int, int]]:
    """(booked, waitlisted) per session, counting registered people only: a cancelled
    ticket holds no seat."""
    booked: dict[int, int] = {}
    waiting: dict[int, int] = {}
    rows = (conn.execute(SESSION_COUNTS, {"event": event_id}) if exclude_source is None else
            conn.execute(_COUNTS_OUTSIDE_SOURCE, {"event": event_id, "source": exclude_source}))
    for sid, status, n in rows:
        if status == EnrollmentStatus.BOOKED:
            booked[sid] = n
        elif status == EnrollmentStatus.WAITLISTED:
            waiting[sid] = n
    return booked, waiting


def release_seats(conn: sa.Connection, attendee_ids: list[int], now: datetime) -> list[int]:
    """Cancelled registrants give their booked and waitlisted places back, and each seat
    given back goes to the first person waiting for it. Returns the people promoted."""
    from checkin.store.models import Enrollment

    sessions: set[int] = set()
    for start in range(0, len(attendee_ids), CHUNK):
        chunk = attendee_ids[start:start + CHUNK]
        sessions.update(conn.execute(
            sa.select(Enrollment.session_id).where(
                Enrollment.attendee_id.in_(chunk),
                Enrollment.status == EnrollmentStatus.BOOKED)).scalars())
        conn.execute(sa.update(Enrollment.__table__)
                     .where(Enrollment.attendee_id.in_(chunk),
                            Enrollment.status != EnrollmentStatus.CANCELLED)
                     .values(status=EnrollmentStatus.CANCELLED, updated_at=now))
    return promote_waitlist(conn, sorted(sessions), now)


def promote_waitlist(conn: sa.Connection, session_ids: list[int], now: datetime) -> list[int]:
    """Fill each session's free booked seats from its waitlist, first come first served
    (registered people only). Returns the attendee ids promoted."""
    from checkin.store.models import Attendee, Enrollment, EventSession, Room

    promoted: list[int] = []
    for sid in session_ids:
        caps = conn.execute(
            sa.select(EventSession.capacity, Room.capacity)
            .join(Room, Room.id == EventSession.room_id, isouter=True)
            .where(EventSession.id == sid)).first()
        if caps is None:
            continue
        limit = seats(*caps)
        registered = (Attendee.id == Enrollment.attendee_id) & (Attendee.status == AttendeeStatus.REGISTERED)
        booked = conn.execute(
            sa.select(sa.func.count()).select_from(Enrollment).join(Attendee, registered)
            .where(Enrollment.session_id == sid, Enrollment.status == EnrollmentStatus.BOOKED)
        ).scalar_one()
        room_for = None if limit is None else max(0, limit - booked)
        if room_for == 0:
            continue
        waiting = (sa.select(Enrollment.id, Enrollment.attendee_id).join(Attendee, registered)
                   .where(Enrollment.session_id == sid,
                          Enrollment.status == EnrollmentStatus.WAITLISTED)
                   .order_by(Enrollment.position, Enrollment.id))
        if room_for is not None:
            waiting = waiting.limit(room_for)
        rows = conn.execute(waiting).all()
        if rows:
            conn.execute(sa.update(Enrollment.__table__)
                         .where(Enrollment.id.in_([r[0] for r in rows]))
                         .values(status=EnrollmentStatus.BOOKED, updated_at=now))
            promoted.extend(r[1] for r in rows)
    return promoted
