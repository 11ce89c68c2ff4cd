"""Values read and written by the plain-SQL hot paths, as the ORM columns would give them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine

from checkin.store.types import UTCDateTime


_BINDERS: dict[str, Callable[[datetime], Any]] = {}


def time_binder(engine: Engine) -> Callable[[datetime], Any]:
    """Moments as the UTCDateTime column stores them on this backend (made once per
    backend: every named query with a moment asks for it)."""
    name = engine.dialect.name
    binder = _BINDERS.get(name)
    if binder is None:
        processor = UTCDateTime().bind_processor(engine.dialect)
        binder = _BINDERS[name] = processor if processor is not None else (lambda v: v)
    return binder


def aware(value: Any) -> datetime | None:
    """A stored moment (datetime or SQLite text) as an aware UTC datetime, as the
    UTCDateTime column reads it back: a naive one is UTC; PostgreSQL's come aware, but in
    the server's TimeZone (Europe/Paris on many installs), and are turned to UTC so that
    isoformat() says +00:00. Written out here rather than through the column type: an
    export reads it for every row."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value if value.tzinfo is UTC else value.astimezone(UTC)


def aware_not_null(value: Any, column: str) -> datetime:
    """A moment read from a NOT NULL column, as `aware` gives it; a NULL there means the
    store or the query is broken, so it is refused here rather than failing further on."""
    moment = aware(value)
    if moment is None:
        raise ValueError(f"{column} read back as NULL, but the schema has it NOT NULL")
    return moment


def json_list(value: Any) -> list[str]:
    """A JSON column read through plain SQL: text on SQLite, already a list on PostgreSQL."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = json.loads(value)
    return [str(v) for v in value] if isinstance(value, list) else []
