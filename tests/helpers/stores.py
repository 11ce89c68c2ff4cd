"""Small helpers the fault tests share: a demo store, its codes, and what it holds."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.demo import load_demo


def demo_store(engine: Engine, attendees: int, seed: int = 1) -> tuple[int, list[str]]:
    """Registrants to scan: (event id, codes of people who may come in)."""
    report = load_demo(engine, attendees, seed=seed)
    with engine.connect() as conn:
        codes = list(conn.execute(sa.text(
            "SELECT code FROM attendee WHERE event_id = :e AND status = 'registered' "
            "ORDER BY id"), {"e": report.event_id}).scalars())
    return report.event_id, codes


def count(engine: Engine, sql: str, **params: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.text(sql), params).scalar_one())


def scans_by_uuid(engine: Engine, uuids: list[str]) -> dict[str, int]:
    """How many rows each desk-made scan id has in the log (the answer must be 1)."""
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT uuid, count(*) FROM scan GROUP BY uuid")).all()
    found = dict(rows)
    return {u: int(found.get(u, 0)) for u in uuids}
