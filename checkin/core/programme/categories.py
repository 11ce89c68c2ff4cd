"""The event's categories (ticket types) as a desk offers them, e.g. in the walk-in
dialog: (key, shown name) in the event file's order, so the list reads the same on every
desk and the organisers' order (participants before press, say) is kept."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from checkin.store.queries.event_file import CATEGORIES


def event_categories(engine: Engine, event_id: int) -> list[tuple[str, str]]:
    """[(key, name), …] of the event's categories, in the order they were loaded."""
    with engine.connect() as conn:
        return [(str(c.key), str(c.name)) for c in CATEGORIES.rows(conn, event_id)]
