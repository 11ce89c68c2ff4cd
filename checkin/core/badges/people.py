"""Who gets a badge, as the badge shows them, and the record of every badge printed.

The record (badge_print) answers "was this badge printed already?" for `--not-printed`
batches and marks reprints, so a lost badge reprinted at a desk can be told apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.badges.plan import BadgeData
from checkin.core.text import fold
from checkin.store.models import (
    Attendee, BadgePrint, Category, Enrollment, Event, EventSession, Track,
)
from checkin.store.types import utcnow
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus, SessionKind

CHUNK = 900  # bound parameters per IN (): SQLite's limit is 999 on old builds
TRACK_JOIN = " · "


class BadgeSelectionError(ValueError):
    """The selection names something the store does not hold (category, ticket codes)."""


@dataclass
class Selection:
    badges: list[BadgeData]
    cancelled: list[str] = field(default_factory=list)  # codes asked for but cancelled


def select_badges(engine: Engine, event_id: int, *, category: str | None = None,
                  only: Sequence[str] = (), not_printed: bool = False) -> Selection:
    """Registered people of the event, sorted by last then first name, accents and case
    ignored (as people look for their badge on a table). Cancelled registrants get none."""
    with engine.connect() as conn:
        q = _people_query(event_id)
        if category:
            keys = conn.execute(sa.select(Category.key).where(Category.event_id == event_id)
                                .order_by(Category.key)).scalars().all()
            if category not in keys:
                raise BadgeSelectionError(f"no category '{category}' in this event "
                                          f"(categories: {', '.join(keys) or 'none'})")
            q = q.where(Category.key == category)
        if not_printed:
            q = q.where(~sa.exists().where(BadgePrint.attendee_id == Attendee.id))
        rows: Sequence[sa.Row]
        if only:
            rows = _rows_for_codes(conn, q, list(dict.fromkeys(c.strip() for c in only)))
        else:
            rows = conn.execute(q).all()
        cancelled = [r.code for r in rows if r.status == AttendeeStatus.CANCELLED]
        rows = [r for r in rows if r.status != AttendeeStatus.CANCELLED]
        tracks = _tracks(conn, event_id, [r.id for r in rows] if only else None)
        event_name = conn.execute(sa.select(Event.name).where(Event.id == event_id)).scalar() or ""
    badges = [_badge(r, tracks.get(r.id, ""), event_name) for r in rows]
    badges.sort(key=lambda b: (fold(b.last_name), fold(b.first_name), b.last_name,
                               b.first_name, b.code))
    return Selection(badges, cancelled)


def count_badges(engine: Engine, event_id: int, *, category: str | None = None,
                 not_printed: bool = False) -> int:
    """How many badges select_badges would give, counted by the store: the window shows
    it on every change of the choices, and reading 100 000 people there would freeze it."""
    q = (sa.select(sa.func.count()).select_from(Attendee)
         .outerjoin(Category, Category.id == Attendee.category_id)
         .where(Attendee.event_id == event_id, Attendee.status != AttendeeStatus.CANCELLED))
    if category:
        q = q.where(Category.key == category)
    if not_printed:
        q = q.where(~sa.exists().where(BadgePrint.attendee_id == Attendee.id))
    with engine.connect() as conn:
        return conn.execute(q).scalar_one()


def badge_for(engine: Engine, attendee_id: int) -> BadgeData:
    """One person's badge (a walk-in, a reprint), whatever their status."""
    with engine.connect() as conn:
        row = conn.execute(_people_query(None).where(Attendee.id == attendee_id)).one_or_none()
        if row is None:
            raise BadgeSelectionError(f"no registrant #{attendee_id}")
        tracks = _tracks(conn, row.event_id, [attendee_id])
        event_name = conn.execute(sa.select(Event.name).where(Event.id == row.event_id)).scalar()
    return _badge(row, tracks.get(attendee_id, ""), event_name or "")


def record_prints(engine: Engine, attendee_ids: Iterable[int], layout: str, *, desk: str,
                  operator: str, printer: str = "") -> int:
    """Logs one badge_print row per badge, in one transaction; returns how many were
    reprints (the person had a badge printed before)."""
    ids = list(dict.fromkeys(attendee_ids))
    if not ids:
        return 0
    now = utcnow()
    with engine.begin() as conn:
        before: set[int] = set()
        for start in range(0, len(ids), CHUNK):
            before.update(conn.execute(
                sa.select(BadgePrint.attendee_id).distinct()
                .where(BadgePrint.attendee_id.in_(ids[start:start + CHUNK]))).scalars())
        conn.execute(sa.insert(BadgePrint.__table__), [
            {"attendee_id": i, "layout": layout[:64], "desk": desk[:64], "operator": operator[:64],
             "printer": printer[:200], "reprint": i in before, "printed_at": now} for i in ids])
    return len(before)


def _people_query(event_id: int | None) -> sa.Select:
    q = (sa.select(Attendee.id, Attendee.event_id, Attendee.code, Attendee.first_name,
                   Attendee.last_name, Attendee.organisation, Attendee.status,
                   Category.key.label("category_key"), Category.name.label("category_name"),
                   Category.badge_label, Category.colour)
         .select_from(Attendee).outerjoin(Category, Category.id == Attendee.category_id))
    return q if event_id is None else q.where(Attendee.event_id == event_id)


def _rows_for_codes(conn: sa.Connection, q: sa.Select, codes: list[str]) -> list[sa.Row]:
    rows: list[sa.Row] = []
    for start in range(0, len(codes), CHUNK):
        rows += conn.execute(q.where(Attendee.code.in_(codes[start:start + CHUNK]))).all()
    return rows


def find_code(engine: Engine, event_id: int, code: str) -> int | None:
    """The registrant holding this ticket code (as typed or scanned), or None."""
    code = code.strip()
    if not code:
        return None
    with engine.connect() as conn:
        return conn.execute(sa.select(Attendee.id).where(
            Attendee.event_id == event_id,
            Attendee.code.in_(sorted({code, code.upper(), code.lower()})))).scalar()


def check_codes(engine: Engine, event_id: int, codes: Sequence[str]) -> list[str]:
    """The codes of `codes` that are no ticket of the event (the batch refuses them)."""
    wanted = list(dict.fromkeys(c.strip() for c in codes))
    found: set[str] = set()
    with engine.connect() as conn:
        for start in range(0, len(wanted), CHUNK):
            found.update(conn.execute(sa.select(Attendee.code).where(
                Attendee.event_id == event_id,
                Attendee.code.in_(wanted[start:start + CHUNK]))).scalars())
    return [c for c in wanted if c not in found]


def _tracks(conn: sa.Connection, event_id: int, ids: list[int] | None) -> dict[int, str]:
    """Each person's tracks, from their booked track sessions, in programme order."""
    q = (sa.select(Enrollment.attendee_id, Track.name)
         .join(EventSession, EventSession.id == Enrollment.session_id)
         .join(Track, Track.id == EventSession.track_id)
         .where(EventSession.event_id == event_id, EventSession.kind == SessionKind.TRACK,
                Enrollment.status == EnrollmentStatus.BOOKED)
         .order_by(Enrollment.attendee_id, EventSession.starts_at, EventSession.id))
    names: dict[int, list[str]] = {}
    chunks = [None] if ids is None else [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]
    for chunk in chunks:
        stmt = q if chunk is None else q.where(Enrollment.attendee_id.in_(chunk))
        for attendee_id, name in conn.execute(stmt):
            seen = names.setdefault(attendee_id, [])
            if name not in seen:
                seen.append(name)
    return {k: TRACK_JOIN.join(v) for k, v in names.items()}


def _badge(row: sa.Row, track: str, event_name: str) -> BadgeData:
    label = row.badge_label or (row.category_name or "").upper()
    return BadgeData(code=row.code, first_name=row.first_name, last_name=row.last_name,
                     organisation=row.organisation, category_key=row.category_key or "",
                     category_label=label, colour=row.colour or "#777777", track=track,
                     event_name=event_name, attendee_id=row.id)


def printed_before(engine: Engine, attendee_id: int) -> bool:
    """Has this person had a badge printed already (print at check-in prints once)?"""
    with engine.connect() as conn:
        return conn.execute(sa.select(BadgePrint.id).where(
            BadgePrint.attendee_id == attendee_id).limit(1)).first() is not None
