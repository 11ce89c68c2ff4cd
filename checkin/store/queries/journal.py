"""The journal (who did what to the data): one statement writes an entry, whoever writes
it (an export, certificates, a purge, a person's data given out), and the entries of an
event read back with their details.

`details` is a JSON column: written as JSON text here (what SQLAlchemy's JSON type
wrote), read back as the driver gives it (text on SQLite, parsed on PostgreSQL) and made
one value by `parsed()`.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa

from checkin.store.query import Query
from checkin.store.types import utcnow

WRITE: Query[tuple] = Query(
    "INSERT INTO journal (event_id, at, action, actor, desk, subject, details) "
    "VALUES (:event, :at, :action, :actor, :desk, :subject, :details)")


def write(conn: sa.Connection, event: int | None, action: str, *, actor: str = "",
          desk: str = "", subject: str = "", details: dict[str, Any] | None = None,
          at: datetime | None = None) -> None:
    """One entry, in the caller's transaction; `at` defaults to now (the column's own
    default in the model)."""
    WRITE.run(conn, event=event, at=at or utcnow(), action=action, actor=actor, desk=desk,
              subject=subject, details=json.dumps(details or {}))


def parsed(value: Any) -> Any:
    """A journal entry's details as the JSON column gives them: parsed, None when empty."""
    if isinstance(value, (str, bytes)):
        return json.loads(value) if value else None
    return value


class Entry(NamedTuple):
    id: int
    event_id: int | None
    at: datetime
    action: str
    actor: str
    desk: str
    subject: str
    details: Any          # JSON: read it through parsed()


# An event's entries in the order written (the columns in the model's order).
OF_EVENT = Query(
    "SELECT id, event_id, at, action, actor, desk, subject, details FROM journal "
    "WHERE event_id = :event ORDER BY id", Entry, times=("at",))
SET_DETAILS: Query[tuple] = Query("UPDATE journal SET details = :details WHERE id = :id")


class Kept(NamedTuple):
    at: datetime
    details: Any


# What the purges of an event kept, the latest first (checkin.core.exports.stats_qpv).
PURGES = Query(
    "SELECT at, details FROM journal WHERE event_id = :event AND action = 'purge' "
    "ORDER BY id DESC", Kept, times=("at",))
