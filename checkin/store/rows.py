"""Values read and written by the plain-SQL hot paths, as the ORM columns would give them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Callable

from sqlalchemy.engine import Engine

from checkin.store.types import UTCDateTime


def time_binder(engine: Engine) -> Callable[[datetime], Any]:
    """Moments as the UTCDateTime column stores them on this backend."""
    processor = UTCDateTime().bind_processor(engine.dialect)
    return processor if processor is not None else (lambda v: v)


def aware(value: Any) -> datetime | None:
    """A stored moment (datetime or SQLite text) as an aware UTC datetime."""
    if value is None or isinstance(value, datetime) and value.tzinfo is not None:
        return value
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return UTCDateTime().process_result_value(value, None)  # type: ignore[arg-type]


def json_list(value: Any) -> list[str]:
    """A JSON column read through plain SQL: text on SQLite, already a list on PostgreSQL."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = json.loads(value)
    return [str(v) for v in value] if isinstance(value, list) else []
