"""The venue and its rooms at a moment: who has arrived, who is inside, seats per session.

Read by `checkin occupancy` and the coordinator's view; every figure comes from the presence
rows kept in step with the scans, so it costs a few indexed counts, not a pass over the log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.seating import SessionSeats, event_seats
from checkin.store.models import VENUE


@dataclass
class VenueTotals:
    registered: int = 0
    arrived: int = 0       # came in at least once (and the entry was not undone)
    inside: int = 0        # in the venue now
    walk_ins: int = 0

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


_VENUE = sa.text(
    "SELECT count(*), "
    "count(p.attendee_id), "
    "coalesce(sum(CASE WHEN p.inside THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(CASE WHEN a.walk_in THEN 1 ELSE 0 END), 0) "
    "FROM attendee a LEFT JOIN presence p ON p.attendee_id = a.id AND p.place = :venue "
    "WHERE a.event_id = :event AND a.status = 'registered'")


def occupancy(engine: Engine, event_id: int, at: datetime) -> Occupancy:
    with engine.connect() as conn:
        registered, arrived, inside, walk_ins = conn.execute(
            _VENUE, {"event": event_id, "venue": VENUE}).one()
        sessions = event_seats(conn, event_id, at)
    return Occupancy(at=at, venue=VenueTotals(registered, arrived, inside, walk_ins),
                     sessions=sessions)
