"""The desks that keep a copy of a shared event (checkin.store.models.Desk)."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from checkin.store.query import Query

# One row per event and desk, its moment moved on at each refresh of the desk's copy.
COPIED: Query[tuple] = Query(
    "INSERT INTO desk (event_id, name, copied_at) VALUES (:event, :name, :at) "
    "ON CONFLICT (event_id, name) DO UPDATE SET copied_at = excluded.copied_at")


class DeskCopied(NamedTuple):
    name: str
    copied_at: datetime


# The desks whose copy was made before `at` (a purge): they still hold what it erased.
COPIED_BEFORE = Query(
    "SELECT name, copied_at FROM desk WHERE event_id = :event AND copied_at < :at "
    "ORDER BY name", DeskCopied, times=("copied_at",))
