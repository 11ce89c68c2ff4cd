"""The day as it unfolds: arrivals per slice of time, people inside, scans per desk.

For the coordinator's charts. Bucketing is done by the database (one row per slice),
so 200 000 scans come back as a few hundred numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from checkin.store.queries import monitoring as q


@dataclass
class Curve:
    start: datetime
    minutes: int
    arrivals: list[int] = field(default_factory=list)   # first entries per slice
    inside: list[int] = field(default_factory=list)     # people inside at each slice's end

    def times(self) -> list[datetime]:
        return [self.start + timedelta(minutes=self.minutes * i) for i in range(len(self.arrivals))]


def arrival_curve(engine: Engine, event_id: int, until: datetime, minutes: int = 5) -> Curve:
    """From the event's start to `until`: arrivals (a person's first entry) and how many
    were inside, per slice of `minutes`."""
    with engine.connect() as conn:
        head = q.EVENT_HEAD.one(conn, event=event_id)
        if head is None:
            raise LookupError(f"no event with id {event_id}")
        start = head.starts_at - timedelta(hours=1)  # early arrivals (staff, speakers) count too
        slices = max(1, int((until - start).total_seconds() // (minutes * 60)) + 1)
        dialect = engine.dialect.name
        first = q.FIRST_ARRIVALS[dialect].all(conn, e=event_id, start=start, minutes=minutes)
        moves = q.VENUE_MOVES[dialect].all(conn, e=event_id, start=start, minutes=minutes)
    curve = Curve(start=start, minutes=minutes, arrivals=[0] * slices, inside=[0] * slices)
    for arrived in first:
        if arrived.slice is not None and 0 <= int(arrived.slice) < slices:
            curve.arrivals[int(arrived.slice)] += arrived.n
    delta = [0] * slices
    for moved in moves:
        if moved.slice is not None and int(moved.slice) < slices:
            delta[max(0, int(moved.slice))] += int(moved.n)
    running = 0
    for i, d in enumerate(delta):
        running += d
        curve.inside[i] = running
    return curve


def desk_rates(engine: Engine, event_id: int, now: datetime, minutes: int = 30) -> dict[str, list[int]]:
    """Scans per minute at each desk over the last `minutes` (oldest first)."""
    start = now - timedelta(minutes=minutes)
    with engine.connect() as conn:
        rows = q.DESK_RATES[engine.dialect.name].all(conn, e=event_id, start=start, minutes=1,
                                                     from_=start)
    out: dict[str, list[int]] = {}
    for r in rows:
        if r.slice is not None and 0 <= int(r.slice) < minutes:
            out.setdefault(r.desk or "?", [0] * minutes)[int(r.slice)] += r.n
    return out


@dataclass
class Flagged:
    code: str
    name: str
    attention_text: str
    inside: bool


def flagged_arrivals(engine: Engine, event_id: int) -> list[Flagged]:
    """People who carry an attention flag and have arrived: the coordinator keeps an eye."""
    with engine.connect() as conn:
        rows = q.FLAGGED.all(conn, e=event_id)
    return [Flagged(r.code, f"{r.first_name} {r.last_name}".strip(), r.attention_text or "",
                    bool(r.inside)) for r in rows]
