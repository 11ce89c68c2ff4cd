"""After an erasure (the RGPD purge): leave no erased byte in the store's files.

SQLite keeps deleted and overwritten text in the free space of its pages unless
secure_delete is on (Debian builds it on; Python's SQLite on Windows and most builds do
not), and in WAL mode the main file keeps every old page until the log (-wal) is copied
back into it: a copy of the file taken after a purge was a full pre-purge store. So the
scrub turns secure_delete on for its connection, rebuilds the file from the live rows
(VACUUM), then copies the log back and empties it (a TRUNCATE checkpoint) and checks that
it did: other desks may stay connected, but a checkpoint cannot pass a desk that is in the
middle of reading, so it is retried for a while and, failing that, reported.

PostgreSQL: VACUUM FULL rewrites each table that held the data into new files (the old ones
are deleted) and a CHECKPOINT writes that out; what the server keeps beyond its tables —
its own write-ahead log, archives, backups, replicas — only its administrator can clear,
and the report says so.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.store.engine import driver_message

CHECKPOINT_WAIT_S = 10.0  # how long a checkpoint waits for desks to finish reading
PG_LOCK_TIMEOUT = "30s"   # VACUUM FULL waits for the desks' own locks this long per table


@dataclass
class Scrubbed:
    """What a scrub achieved: `complete` when it did all it could (on SQLite: no file of
    the store holds an erased byte); `left` says, in words, what may still hold them."""

    complete: bool
    left: list[str] = field(default_factory=list)


def scrub(engine: Engine, tables: tuple[str, ...]) -> Scrubbed:
    """Make the files behind `tables` (those the erasure changed) hold only live rows."""
    if engine.dialect.name == "postgresql":
        return _scrub_postgresql(engine, tables)
    return scrub_sqlite_file(engine)


def scrub_sqlite_file(engine: Engine, wait_s: float = CHECKPOINT_WAIT_S) -> Scrubbed:
    database = engine.url.database or ""
    if database in ("", ":memory:"):
        return Scrubbed(True)
    with engine.connect() as conn:
        driver = conn.connection.dbapi_connection
        assert isinstance(driver, sqlite3.Connection)
        # VACUUM and checkpoints run outside any transaction, on the driver itself.
        driver.execute("PRAGMA secure_delete = ON")
        driver.execute("VACUUM")
        done = _checkpoint(driver, wait_s)
        driver.execute("PRAGMA optimize")  # the planner's statistics, sampled afresh
    if done:
        return Scrubbed(True)
    return Scrubbed(False, [
        f"{database}-wal: another program was reading the store for {wait_s:.0f} s, so its "
        "log still holds the erased data — close the other checkin windows on this store and "
        "run the purge again to finish"])


def _checkpoint(driver: sqlite3.Connection, wait_s: float) -> bool:
    """A TRUNCATE checkpoint that went through: (0, 0, 0) means every page of the log is in
    the main file and the log is empty. Retried while a reader holds an older snapshot."""
    deadline = time.monotonic() + wait_s
    while True:
        busy, log, copied = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if (busy, log, copied) == (0, 0, 0) or (busy == 0 and log == -1):
            return True  # -1: the store is not in WAL mode, nothing to copy back
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)


def _scrub_postgresql(engine: Engine, tables: tuple[str, ...]) -> Scrubbed:
    left: list[str] = []
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"SET lock_timeout = '{PG_LOCK_TIMEOUT}'")
        for table in tables:
            try:
                conn.exec_driver_sql(f'VACUUM FULL "{table}"')
            except sa.exc.DBAPIError as exc:
                left.append(f"table {table}: VACUUM FULL failed ({driver_message(exc)}); "
                            "run it again when no desk uses the event")
        try:
            conn.exec_driver_sql("CHECKPOINT")
        except sa.exc.DBAPIError as exc:
            left.append(f"CHECKPOINT refused ({driver_message(exc)}): ask the server's "
                        "administrator to run it (a superuser or the pg_checkpoint role)")
    complete = not left  # all checkin can do on a server: the rest is its administrator's
    left.append("the server's write-ahead log (WAL), its archives, backups and replicas "
                "keep the old rows until they are recycled or deleted: its administrator "
                "clears those")
    return Scrubbed(complete, left)

