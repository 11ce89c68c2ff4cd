"""The day as it unfolds: arrivals per slice of time, people inside, scans per desk.

For the coordinator's charts. Bucketing is done by the database (one row per slice),
so 200 000 scans come back as a few hundred numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.store.rows import aware_not_null


@dataclass
class Curve:
    start: datetime
    minutes: int
    arrivals: list[int] = field(default_factory=list)   # first entries per slice
    inside: list[int] = field(default_factory=list)     # people inside at each slice's end

    def times(self) -> list[datetime]:
        return [self.start + timedelta(minutes=self.minutes * i) for i in range(len(self.arrivals))]


def _slice(dialect: str, column: str) -> str:
    """The slice a moment falls in, counted from :start, in whole slices of :minutes."""
    if dialect == "postgresql":
        return f"floor(extract(epoch from ({column} - CAST(:start AS timestamptz))) / (:minutes * 60))"
    # Seconds rounded to the millisecond first: julianday's floating point puts a scan made
    # exactly on a slice's first second just below it otherwise.
    return (f"CAST(round((julianday({column}) - julianday(:start)) * 86400, 3) / (:minutes * 60) "
            "AS INTEGER)")


_COUNTED = ("AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id)")


# Each scan that moved someone into or out of the venue, as +1 or -1, by the rule the desks
# keep presence with (and queries.venue_stays reads): an admission at the entrance or at a
# session's door brings in whoever was not inside (someone who went straight to a room is
# on site), an exit at the entrance takes them out. A person's previous counted scan says
# whether they were inside, hence the window over each person's scans in the order made.
_VENUE_MOVES = (
    "SELECT s.recorded_at, CASE WHEN s.kind = 'exit' THEN -1 "
    "WHEN lag(s.kind) OVER (PARTITION BY s.attendee_id ORDER BY s.id) IS NULL "
    "OR lag(s.kind) OVER (PARTITION BY s.attendee_id ORDER BY s.id) = 'exit' THEN 1 "
    "ELSE 0 END AS step FROM scan s WHERE s.event_id = :e AND s.attendee_id IS NOT NULL "
    "AND ((s.kind IN ('entry', 'session_entry') AND s.result = 'admitted') "
    f"OR (s.kind = 'exit' AND s.result = 'exited')) {_COUNTED}")


def first_arrivals_sql(dialect: str) -> str:
    """People's first admissions (entrance or door), counted per slice."""
    return (f"SELECT {_slice(dialect, 'f.at')} AS k, count(*) FROM ("
            "SELECT min(s.recorded_at) AS at FROM scan s WHERE s.event_id = :e "
            "AND s.kind IN ('entry', 'session_entry') AND s.result = 'admitted' "
            f"{_COUNTED} GROUP BY s.attendee_id) f GROUP BY k")


def venue_moves_sql(dialect: str) -> str:
    """Moves into (+1) and out of (-1) the venue, summed per slice."""
    return (f"SELECT {_slice(dialect, 'm.recorded_at')} AS k, sum(m.step) FROM ({_VENUE_MOVES}) m "
            "WHERE m.step <> 0 GROUP BY k")


def arrival_curve(engine: Engine, event_id: int, until: datetime, minutes: int = 5) -> Curve:
    """From the event's start to `until`: arrivals (a person's first entry) and how many
    were inside, per slice of `minutes`."""
    from checkin.store.rows import time_binder

    with engine.connect() as conn:
        start = aware_not_null(conn.execute(sa.text("SELECT starts_at FROM event WHERE id = :e"),
                                            {"e": event_id}).scalar_one(), "event.starts_at")
        start = start - timedelta(hours=1)  # early arrivals (staff, speakers) count too
        slices = max(1, int((until - start).total_seconds() // (minutes * 60)) + 1)
        dialect = engine.dialect.name
        params = {"e": event_id, "start": time_binder(engine)(start), "minutes": minutes}
        first = conn.execute(sa.text(first_arrivals_sql(dialect)), params).all()
        moves = conn.execute(sa.text(venue_moves_sql(dialect)), params).all()
    curve = Curve(start=start, minutes=minutes, arrivals=[0] * slices, inside=[0] * slices)
    for k, n in first:
        if k is not None and 0 <= int(k) < slices:
            curve.arrivals[int(k)] += n
    delta = [0] * slices
    for k, n in moves:
        if k is not None and int(k) < slices:
            delta[max(0, int(k))] += int(n)
    running = 0
    for i, d in enumerate(delta):
        running += d
        curve.inside[i] = running
    return curve


def desk_rates(engine: Engine, event_id: int, now: datetime, minutes: int = 30) -> dict[str, list[int]]:
    """Scans per minute at each desk over the last `minutes` (oldest first)."""
    from checkin.store.rows import time_binder

    start = now - timedelta(minutes=minutes)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            f"SELECT s.desk, {_slice(engine.dialect.name, 's.recorded_at')} AS k, count(*) "
            "FROM scan s WHERE s.event_id = :e AND s.recorded_at >= :from_ AND s.kind <> 'undo' "
            "GROUP BY s.desk, k"),
            {"e": event_id, "start": time_binder(engine)(start), "minutes": 1,
             "from_": time_binder(engine)(start)}).all()
    out: dict[str, list[int]] = {}
    for desk, k, n in rows:
        if k is not None and 0 <= int(k) < minutes:
            out.setdefault(desk or "?", [0] * minutes)[int(k)] += n
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
        rows = conn.execute(sa.text(
            "SELECT a.code, a.first_name, a.last_name, a.attention_text, p.inside FROM attendee a "
            "JOIN presence p ON p.attendee_id = a.id AND p.place = 0 "
            "WHERE a.event_id = :e AND a.attention AND a.status = 'registered' "
            "ORDER BY a.last_name, a.first_name"), {"e": event_id}).all()
    return [Flagged(r[0], f"{r[1]} {r[2]}".strip(), r[3] or "", bool(r[4])) for r in rows]
