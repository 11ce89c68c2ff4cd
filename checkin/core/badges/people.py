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
from checkin.core.images import is_colour
from checkin.core.text import fold
from checkin.store.queries import badges as q
from checkin.store.queries.monitoring import EVENT_HEAD
from checkin.store.types import utcnow
from checkin.store.vocabulary import AttendeeStatus

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
        if category:
            keys = [c.key for c in q.CATEGORY_KEYS.all(conn, event=event_id)]
            if category not in keys:
                raise BadgeSelectionError(f"no category '{category}' in this event "
                                          f"(categories: {', '.join(keys) or 'none'})")
        query = q.people(category=bool(category), not_printed=not_printed, codes=bool(only))
        asked = {"event": event_id, "category": category} if category else {"event": event_id}
        rows: list[q.BadgePerson] = []
        if only:
            codes = list(dict.fromkeys(c.strip() for c in only))
            for start in range(0, len(codes), CHUNK):
                rows += query.all(conn, **asked, codes=codes[start:start + CHUNK])
        else:
            rows = query.all(conn, **asked)
        cancelled = [r.code for r in rows if r.status == AttendeeStatus.CANCELLED]
        rows = [r for r in rows if r.status != AttendeeStatus.CANCELLED]
        tracks = _tracks(conn, event_id, [r.id for r in rows] if only else None)
        event_name = _event_name(conn, event_id)
    badges = [_badge(r, tracks.get(r.id, ""), event_name) for r in rows]
    badges.sort(key=lambda b: (fold(b.last_name), fold(b.first_name), b.last_name,
                               b.first_name, b.code))
    return Selection(badges, cancelled)


def count_badges(engine: Engine, event_id: int, *, category: str | None = None,
                 not_printed: bool = False) -> int:
    """How many badges select_badges would give, counted by the store: the window shows
    it on every change of the choices, and reading 100 000 people there would freeze it."""
    asked = {"event": event_id, "category": category} if category else {"event": event_id}
    with engine.connect() as conn:
        found = q.count(category=bool(category), not_printed=not_printed).one(conn, **asked)
    return found.n if found is not None else 0


def badge_for(engine: Engine, attendee_id: int) -> BadgeData:
    """One person's badge (a walk-in, a reprint), whatever their status."""
    with engine.connect() as conn:
        row = q.PERSON.one(conn, attendee=attendee_id)
        if row is None:
            raise BadgeSelectionError(f"no registrant #{attendee_id}")
        tracks = _tracks(conn, row.event_id, [attendee_id])
        event_name = _event_name(conn, row.event_id)
    return _badge(row, tracks.get(attendee_id, ""), event_name)


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
            before.update(r.attendee_id
                          for r in q.PRINTED_AMONG.all(conn, ids=ids[start:start + CHUNK]))
        q.RECORD_PRINT.many(conn, [
            {"attendee_id": i, "layout": layout[:64], "desk": desk[:64], "operator": operator[:64],
             "printer": printer[:200], "reprint": i in before, "printed_at": now} for i in ids])
    return len(before)


def _event_name(conn: sa.Connection, event_id: int) -> str:
    head = EVENT_HEAD.one(conn, event=event_id)
    return head.name if head is not None and head.name else ""


def find_code(engine: Engine, event_id: int, code: str) -> int | None:
    """The registrant holding this ticket code (as typed or scanned), or None."""
    code = code.strip()
    if not code:
        return None
    with engine.connect() as conn:
        found = q.HOLDER_OF.one(conn, event=event_id,
                                codes=sorted({code, code.upper(), code.lower()}))
    return found.id if found is not None else None


def check_codes(engine: Engine, event_id: int, codes: Sequence[str]) -> list[str]:
    """The codes of `codes` that are no ticket of the event (the batch refuses them)."""
    wanted = list(dict.fromkeys(c.strip() for c in codes))
    found: set[str] = set()
    with engine.connect() as conn:
        for start in range(0, len(wanted), CHUNK):
            found.update(r.code for r in q.KNOWN_CODES.all(
                conn, event=event_id, codes=wanted[start:start + CHUNK]))
    return [c for c in wanted if c not in found]


def _tracks(conn: sa.Connection, event_id: int, ids: list[int] | None) -> dict[int, str]:
    """Each person's tracks, from their booked track sessions, in programme order."""
    names: dict[int, list[str]] = {}
    if ids is None:
        rows = q.TRACKS.all(conn, event=event_id)
    else:
        rows = [r for i in range(0, len(ids), CHUNK)
                for r in q.TRACKS_OF.all(conn, event=event_id, ids=ids[i:i + CHUNK])]
    for r in rows:
        seen = names.setdefault(r.attendee_id, [])
        if r.name not in seen:
            seen.append(r.name)
    return {k: TRACK_JOIN.join(v) for k, v in names.items()}


def _badge(row: q.BadgePerson, track: str, event_name: str) -> BadgeData:
    label = row.badge_label or (row.category_name or "").upper()
    return BadgeData(code=row.code, first_name=row.first_name, last_name=row.last_name,
                     organisation=row.organisation, category_key=row.category_key or "",
                     category_label=label, track=track,
                     # a store written before colours were checked may hold anything
                     colour=row.colour if is_colour(row.colour) else "#777777",
                     event_name=event_name, attendee_id=row.id)


def printed_before(engine: Engine, attendee_id: int) -> bool:
    """Has this person had a badge printed already (print at check-in prints once)?"""
    with engine.connect() as conn:
        return q.PRINTED_BEFORE.one(conn, attendee=attendee_id) is not None
