"""The venue and its rooms at a moment: who has arrived, who is inside, seats per session.

Read by `checkin occupancy` and the coordinator's view; every figure comes from the presence
rows kept in step with the scans, so it costs a few indexed counts, not a pass over the log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.programme.seating import SessionSeats, event_seats
from checkin.store.queries import monitoring as q
from checkin.store.vocabulary import VENUE


@dataclass
class VenueTotals:
    registered: int = 0
    arrived: int = 0       # came in at least once (and the entry was not undone)
    inside: int = 0        # in the venue now
    walk_ins: int = 0
    # category name -> [registered, arrived, inside]
    by_category: dict[str, list[int]] = field(default_factory=dict)

    @property
    def not_arrived(self) -> int:
        return max(0, self.registered - self.arrived)


@dataclass
class Occupancy:
    at: datetime
    venue: VenueTotals
    sessions: list[SessionSeats] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"at": self.at.isoformat(),
                "venue": {**asdict(self.venue), "not_arrived": self.venue.not_arrived},
                "sessions": [s.to_json() for s in self.sessions]}


def occupancy(engine: Engine, event_id: int, at: datetime, *,
              with_categories: bool = False) -> Occupancy:
    with engine.connect() as conn:
        counts = q.VENUE_TOTALS.one(conn, event=event_id, venue=VENUE)
        assert counts is not None  # four counts: always one row
        venue = VenueTotals(counts.registered, counts.arrived, counts.inside, counts.walk_ins)
        if with_categories:
            venue.by_category = _category_totals(conn, event_id)
        sessions = event_seats(conn, event_id, at)
    return Occupancy(at=at, venue=venue, sessions=sessions)


def category_totals(engine: Engine, event_id: int) -> dict[str, list[int]]:
    """Category name -> [registered, arrived, inside]: the venue's totals per category."""
    with engine.connect() as conn:
        return _category_totals(conn, event_id)


def _category_totals(conn: sa.Connection, event_id: int) -> dict[str, list[int]]:
    return {r.category or "—": [r.registered, r.arrived, r.inside]
            for r in q.BY_CATEGORY.all(conn, event=event_id, venue=VENUE)}


def fill(s: SessionSeats) -> float | None:
    """How full a room is now (present / capacity), None when its capacity is unknown."""
    if not s.capacity:
        return None
    return s.present / s.capacity


def now_and_next(sessions: list[SessionSeats], at: datetime) -> list[SessionSeats]:
    """Sessions under way, then the next ones to start (the coordinator's horizon)."""
    current = [s for s in sessions if s.starts_at <= at < s.ends_at]
    later = sorted({s.starts_at for s in sessions if s.starts_at > at})
    upcoming = [s for s in sessions if later and s.starts_at == later[0]]
    return current + upcoming


def by_urgency(sessions: list[SessionSeats]) -> list[SessionSeats]:
    """Fullest first: a room at 100 % needs someone before one at 50 %."""
    return sorted(sessions, key=lambda s: (-(fill(s) or 0.0), s.free if s.free is not None
                                           else 10**9, s.starts_at, s.title))
