"""The sample event's sessions in a store, as the admission tests look them up and arrange
them: by key, with a capacity of the test's choosing, and with people booked in them."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

# 2026-12-10, Europe/Paris (UTC+1): the afternoon slot starts at 14:00 local, 13:00 UTC.
AFTERNOON = datetime(2026, 12, 10, 13, 0, tzinfo=UTC)


def sid(engine: sa.Engine, key: str) -> int:
    """The id of the session whose key is `key` (keys are what the event file names)."""
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT id FROM session WHERE key = :k"), {"k": key}).scalar_one()


def code_of(engine: sa.Engine, attendee: int) -> str:
    """The ticket code a door scans for this attendee."""
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT code FROM attendee WHERE id = :a"), {"a": attendee}).scalar_one()


def set_capacity(engine: sa.Engine, session: int, capacity: int) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE session SET capacity = :c WHERE id = :s"), {"c": capacity, "s": session})


def enroll(engine: sa.Engine, attendee: int, session: int, status: str = "booked",
           position: int = 0, at: datetime | None = None) -> None:
    """Book (or waitlist) someone as an import would, stamped now (or `at`: the booking
    order is the stamps' order)."""
    now = at or datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO enrollment (attendee_id, session_id, status, position, created_at, updated_at) "
            "VALUES (:a, :s, :st, :p, :now, :now)"),
            {"a": attendee, "s": session, "st": status, "p": position,
             "now": now.replace(tzinfo=None) if engine.dialect.name == "sqlite" else now})
