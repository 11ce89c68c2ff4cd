"""Opening a store: resolve the URL, connect with safe settings, migrate, explain failures."""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

from checkin.store.errors import StoreCorrupt, StoreError, StoreUnavailable

ENV_VAR = "CHECKIN_DB"
DEFAULT_BUSY_TIMEOUT_MS = 5000
WAL_CHECKPOINT_PAGES = 4000  # ~16 MB of log between two checkpoints
IMMEDIATE = "checkin_immediate"  # execution option: take the write lock at BEGIN


def default_store_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("checkin", appauthor=False) / "checkin.sqlite3"


def resolve_url(url: str | None = None) -> str:
    """`--db` wins, then $CHECKIN_DB, then the per-user SQLite file.

    A bare path is taken as an SQLite file, and `postgresql://` gets the psycopg 3 driver,
    so users can paste what their admin gives them.
    """
    url = url or os.environ.get(ENV_VAR) or ""
    if not url:
        path = default_store_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def describe(url: str) -> str:
    """Where the store is, without the password."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)


def create_store_engine(url: str, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return _sqlite_engine(u, busy_timeout_ms)
    if u.get_backend_name() == "postgresql":
        return sa.create_engine(u, pool_pre_ping=True, connect_args=pg_connect_args(u))
    return sa.create_engine(u)


# A silent link (lost Wi-Fi) is only ever noticed by timeouts. The desk's scans have a
# deadline of their own (checkin.store.link); for the rest of the window (counts, Rooms tab,
# exports) the OS is asked to give up on a silent server within about half a minute instead
# of the two hours TCP waits by default. A URL that says otherwise (keepalives=0) wins.
_SILENT_LINK = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
                "keepalives_count": 3}


def pg_connect_args(u: sa.URL) -> dict:
    args: dict = {"connect_timeout": 5}
    args.update({k: v for k, v in _SILENT_LINK.items() if k not in u.query})
    if sys.platform.startswith("linux") and "tcp_user_timeout" not in u.query \
            and "keepalives" not in u.query:
        args["tcp_user_timeout"] = 30_000  # ms; Linux only (Windows has no such option)
    return args


def _sqlite_engine(u: sa.URL, busy_timeout_ms: int) -> Engine:
    database = u.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        folder = Path(database).parent
        if not folder.is_dir():
            raise StoreUnavailable(f"Cannot open the store {database}: folder {folder} does not exist.")
    engine = sa.create_engine(u, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cur.execute("PRAGMA foreign_keys = ON")
        # 32 MB of page cache (default 2 MB): bulk loads and big indexes stay in memory.
        cur.execute("PRAGMA cache_size = -32768")
        # Sorts and groupings in memory, not temporary files: ~0.5 ms saved on every search.
        cur.execute("PRAGMA temp_store = MEMORY")
        if database not in ("", ":memory:"):
            mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() != "wal" and _new_or_ours(cur):
                _switch_to_wal(cur, busy_timeout_ms)
        # FULL: in WAL mode, every commit is synced, so an admitted scan survives power loss.
        cur.execute("PRAGMA synchronous = FULL")
        # The commit that fills the log also copies it back into the database (a
        # checkpoint, several ms). At the default 1 000 pages that is one scan in ~100 —
        # the p99 itself (measured 2.7–4.3 ms); at 4 000, one in ~450, each a little longer.
        # A checkpoint thread beside the desk was tried: its syncs slowed every scan.
        cur.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # IMMEDIATE takes the write lock up front, so a writer waits on busy_timeout
        # instead of failing when it upgrades a read lock.
        immediate = conn.get_execution_options().get(IMMEDIATE, False)
        # Straight to the driver: through SQLAlchemy's statement machinery this BEGIN cost
        # about a fifth of a scan's own time (issue 19), and SQLAlchemy needs no result.
        driver = conn.connection.dbapi_connection
        assert driver is not None
        driver.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _switch_to_wal(cur: sqlite3.Cursor, busy_timeout_ms: int) -> None:
    """SQLite answers "locked" at once, without waiting, when two connections switch a new
    file to WAL together (two desks opening a new store): retry within the busy timeout."""
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


# What every checkin store has had since its first schema: another application's
# database may have an alembic_version table too (Alembic is common), not these.
STORE_TABLES = frozenset({"alembic_version", "event", "attendee", "scan", "journal"})


def _new_or_ours(cur: sqlite3.Cursor) -> bool:
    """Switching to WAL rewrites the file header: do it only to an empty file or a store,
    so that a foreign database is refused (by check_known) without being touched."""
    tables = {row[0] for row in cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return not tables or STORE_TABLES <= tables


def damage(url: str, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> str | None:
    """What SQLite's quick_check finds wrong with a store's file (its first problems, one
    line), or None when it is sound. Read-only, about 0.07 s for 100 000 registrants: run
    on every open, so that a damaged file is refused before anything is written to it."""
    u = make_url(url)
    database = u.database or ""
    if u.get_backend_name() != "sqlite" or database.startswith("file:") \
            or not Path(database).is_file():
        return None  # a new store (the file comes with its schema), or one in memory
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True,
                               timeout=busy_timeout_ms / 1000)
        try:
            found = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if any(word in text.lower() for word in ("malformed", "corrupt")):
            return text
        raise explain(exc, url) from exc  # locked, not a database at all: said as such
    if found == ["ok"]:
        return None
    lines = [line for row in found for line in row.splitlines() if not line.startswith("***")]
    return (f"SQLite's check found {len(lines)}{'+' if len(found) >= 3 else ''} problem(s), "
            f"the first: {lines[0] if lines else found[0]}")


def recover_hint(where: str) -> str:
    return (f"Rescue what can still be read into a new store: checkin db recover {where} "
            "NEW.sqlite3")


def read_only_reason(url: str) -> str | None:
    """Why an SQLite store cannot be written, when that can be told without writing.

    Checked on open so that a desk is refused at start, not at its first scan.
    """
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    if u.query.get("mode") == "ro" or u.query.get("immutable") in ("1", "true"):
        return "its URL asks for read-only access"
    database = u.database or ""
    if database.startswith("file:"):
        database = database[len("file:"):]
    if database in ("", ":memory:"):
        return None
    path = Path(database)
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    if path.parent.is_dir() and not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only"
    return None


def driver_message(exc: BaseException) -> str:
    """The driver's own first line, without SQLAlchemy's statement and background link."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else repr(exc)


def explain(exc: BaseException, url: str) -> StoreError:
    """Turn a driver error into a one-line StoreError naming the store."""
    where = describe(url)
    text = driver_message(exc)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return StoreUnavailable(
            f"The store {where} is locked by another program; close it or try again."
        )
    if "readonly" in low or "read-only" in low or "read only" in low:
        return StoreUnavailable(f"The store {where} is read-only; checkin needs to write to it.")
    if "not a database" in low:
        return StoreCorrupt(f"{where} is not a checkin store, or is damaged beyond use ({text}); "
                            "it was left untouched.")
    if "malformed" in low or "corrupt" in low:
        return StoreCorrupt(f"The store {where} is damaged ({text}); nothing more was written "
                            f"to it. {recover_hint(where)}")
    if "unable to open" in low:
        return StoreUnavailable(f"Cannot open the store {where} ({text}).")
    if "disk" in low and ("full" in low or "i/o" in low):
        return StoreUnavailable(f"The store {where} cannot be written: {text}.")
    if "connection" in low or "could not connect" in low or "timeout" in low or "refused" in low:
        return StoreUnavailable(f"Cannot reach the store {where}: {text}.")
    return StoreError(f"The store {where} cannot be used: {text}")
