"""Catching SQL run on the GUI thread: the desk's window must never wait on the store.

`sql_on_gui_thread(engine)` records every statement any connection of `engine` (or of an
engine sharing its pool) executes on the main thread while the block runs, whatever the
style: statements through SQLAlchemy are listed, and a connection taken from the pool on
the main thread is listed too, so the driver's own cursor (the scan's hot path) is caught.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


@contextmanager
def sql_on_gui_thread(engine: sa.Engine) -> Iterator[list[str]]:
    """The statements executed on the main thread while the block runs (a list to assert
    empty after the block)."""
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany) -> None:
        if threading.current_thread() is threading.main_thread():
            seen.append(statement)

    def on_checkout(dbapi_conn, record, proxy) -> None:
        if threading.current_thread() is threading.main_thread():
            seen.append("(a connection taken from the pool)")

    sa.event.listen(engine, "before_cursor_execute", before)
    sa.event.listen(engine.pool, "checkout", on_checkout)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)
        sa.event.remove(engine.pool, "checkout", on_checkout)
