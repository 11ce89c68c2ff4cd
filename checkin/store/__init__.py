"""The check-in store: SQLModel tables, migrations and `open_store(url)`.

No Qt here: the CLI, the tests and the desk window all go through these functions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from checkin.store.engine import (
    DEFAULT_BUSY_TIMEOUT_MS, IMMEDIATE, create_store_engine, damage, describe, explain,
    read_only_reason, recover_hint, resolve_url,
)
from checkin.store.errors import SchemaTooNew, StoreCorrupt, StoreError, StoreUnavailable

T = TypeVar("T")

__all__ = [
    "IMMEDIATE", "SchemaTooNew", "StoreCorrupt", "StoreError", "StoreUnavailable",
    "describe", "explain", "open_store", "resolve_url", "upgrade_store",
]


def open_store(
    url: str | None = None,
    *,
    migrate: bool = True,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
) -> Engine:
    """Open (creating and migrating if needed) the store and return its engine.

    Raises StoreError with a one-line message when the store cannot be used; a store
    that is damaged, foreign or newer than this checkin is never written to.
    """
    from checkin.store import migrate as migrations

    def check(engine: Engine, resolved: str, where: str) -> None:
        if problem := damage(resolved, busy_timeout_ms):
            raise StoreCorrupt(f"The store {where} is damaged ({problem}); nothing was written "
                               f"to it. {recover_hint(where)}")
        if migrate and (reason := read_only_reason(resolved)):
            # Only `db info` (migrate=False) may read a store it cannot write.
            raise StoreUnavailable(
                f"The store {where} is read-only ({reason}); checkin needs to write to it.")
        if migrate:
            migrations.upgrade(engine, where)
        else:
            with engine.connect() as conn:
                migrations.check_known(conn, where)

    engine, _ = _guarded(url, busy_timeout_ms, check)
    return engine


def upgrade_store(url: str | None = None) -> tuple[Engine, bool]:
    """For `checkin db upgrade`: returns the engine and whether anything was applied."""
    from checkin.store import migrate as migrations

    return _guarded(url, DEFAULT_BUSY_TIMEOUT_MS,
                    lambda engine, _resolved, where: migrations.upgrade(engine, where))


def _guarded(url: str | None, busy_timeout_ms: int,
             work: Callable[[Engine, str, str], T]) -> tuple[Engine, T]:
    """Make the engine and run `work` on it; any failure becomes one StoreError line and
    the engine is closed, so nothing half-open is left behind."""
    resolved = resolve_url(url)
    engine = create_store_engine(resolved, busy_timeout_ms)
    try:
        return engine, work(engine, resolved, describe(resolved))
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise explain(exc, resolved) from exc


def store_info(engine: Engine) -> dict:
    """Where the store is and which schema it has, for `checkin db info`."""
    from checkin.store import migrate as migrations

    url = engine.url.render_as_string(hide_password=False)
    with engine.connect() as conn:
        schema = migrations.current_revision(conn)
    info: dict[str, str | int | None] = {
        "where": describe(url), "backend": engine.dialect.name, "schema": schema,
        "head": migrations.head_revision(), "size_bytes": None}
    if engine.dialect.name == "sqlite" and engine.url.database:
        path = Path(engine.url.database)
        if path.exists():
            info["size_bytes"] = store_size(path)
    return info



def store_size(path: Path) -> int:
    """Bytes an SQLite store takes on disk: the file and its write-ahead log."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
