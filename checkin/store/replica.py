"""A desk's local replica of the shared event, and its outbox: how a desk works offline.

The replica is an ordinary checkin store (an SQLite file, the same schema and migrations)
holding one event as the server has it, minus what a volunteer's desk may not see: no
email, no phone, no notes, no place of residence (QPV), no signature image; the search index
without the words of addresses. Because it is the same schema, the desk decides an offline
scan with the very code and statements it uses online (ScanService on another engine).

The outbox is a table of the replica file only (no store on the server has it): one row per
thing the desk decided offline, written in the same local transaction as the decision, so
an answer shown was both recorded and queued, or neither. Rows leave in order, each sent
once — "sent" is set only after the server's commit, and the server answers a UUID it has
already recorded as it did the first time, so a desk killed between the two replays it
harmlessly.

A refresh copies the server's rows into a staging file first (no lock held on the replica
while the server is read, however long that takes), then swaps them in with one short local
transaction — only while the outbox is empty, so a decision not yet replayed is never
overwritten by the server's older view.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.store.query import Count, Query

# The event's tables, parents first, each with the rows of one event and the columns a
# volunteer's desk may not hold (replaced by these values).
_EVENT = "event_id = :event"
_COPIED: list[tuple[str, str, dict[str, Any]]] = [
    ("event", "id = :event", {"signature": None}),
    ("category", _EVENT, {}),
    ("profession", _EVENT, {}),
    ("track", _EVENT, {}),
    ("room", _EVENT, {}),
    ("session", _EVENT, {}),
    ("attendee", _EVENT, {"email": "", "phone": "", "notes": "", "qpv": "unknown"}),
    ("enrollment", "session_id IN (SELECT id FROM session WHERE event_id = :event)", {}),
    ("badge_print", "attendee_id IN (SELECT id FROM attendee WHERE event_id = :event)", {}),
    ("scan", _EVENT, {}),
    ("presence", _EVENT, {}),
    ("search_person", _EVENT, {"email_words": ""}),
    ("search_term", _EVENT + " AND field != 4", {}),  # 4: words of email addresses
    # The event's purges (who, when, how many: no one's data): a new one makes the desk
    # erase what its copy and its outbox still hold of the people (_swap).
    ("journal", _EVENT + " AND action = 'purge'", {}),
]
CHUNK = 5000

_OUTBOX_DDL = (
    "CREATE TABLE IF NOT EXISTS outbox ("
    # No AUTOINCREMENT nor a unique index on uuid: each would add a page to every offline
    # scan's commit. Rows are deleted only once all are sent (after a purge), so the rowid
    # only grows among waiting rows; a scan's UUID is already unique in the replica's scan
    # table, written in the same transaction.
    " seq INTEGER PRIMARY KEY,"
    " uuid TEXT NOT NULL,"
    " event_id INTEGER NOT NULL,"
    " request TEXT NOT NULL,"         # the desk's request, as JSON (checkin.core.admission)
    " at TEXT NOT NULL,"              # when, on the server's time line (ISO 8601, UTC)
    " desk_time TEXT NOT NULL,"       # when, by the desk's own clock
    " local_result TEXT NOT NULL,"    # what the desk answered
    " sent_at TEXT,"                  # NULL while waiting for the server
    " server_result TEXT)"
)


# A badge printed from the copy (the print process writes badge_print, as on any store) is
# queued for the server by the file itself, in the same transaction: the printer's process
# need not know it prints from a copy. Dropped while a refresh copies the server's own rows
# in (they are the server's already), then made again.
BADGE_PRINT = "badge_print"  # an outbox row's kind: a badge printed on this desk
_QUEUE_BADGE_PRINTS = (
    "CREATE TRIGGER IF NOT EXISTS queue_badge_print AFTER INSERT ON badge_print BEGIN "
    "INSERT INTO outbox (uuid, event_id, request, at, desk_time, local_result) "
    "SELECT lower(hex(randomblob(16))), a.event_id, json_object('kind', 'badge_print', "
    "'code', a.code, 'layout', NEW.layout, 'desk', NEW.desk, 'operator', NEW.operator, "
    "'printer', NEW.printer, 'reprint', NEW.reprint, 'printed_at', NEW.printed_at), "
    "NEW.printed_at, NEW.printed_at, 'printed' FROM attendee a WHERE a.id = NEW.attendee_id; "
    "END")


class Outboxed(NamedTuple):
    seq: int
    uuid: str
    request: str
    at: str
    desk_time: str
    local_result: str


ADD: Query[tuple] = Query("INSERT INTO outbox (uuid, event_id, request, at, desk_time, local_result) "
            "VALUES (:uuid, :event, :request, :at, :desk_time, :result)")
WAITING = Query("SELECT seq, uuid, request, at, desk_time, local_result FROM outbox "
                "WHERE sent_at IS NULL ORDER BY seq LIMIT :n", Outboxed)
HOW_MANY = Query("SELECT count(*) FROM outbox WHERE sent_at IS NULL", Count)
# A purge on the server that this copy has not seen yet (the staged rows have it).
NEW_PURGES = Query("SELECT count(*) FROM staged.journal WHERE action = 'purge' "
                   "AND id NOT IN (SELECT id FROM main.journal)", Count)
# What the desk sent holds codes and names (walk-ins, corrections): gone after a purge.
FORGET_SENT: Query[tuple] = Query("DELETE FROM outbox WHERE sent_at IS NOT NULL")
FORGET_PURGES: Query[tuple] = Query("DELETE FROM journal WHERE action = 'purge'")
SENT: Query[tuple] = Query("UPDATE outbox SET sent_at = :now, server_result = :result WHERE seq = :seq")


def default_replica_path(server_url: str, desk: str) -> Path:
    """Where this desk keeps its copy of a shared event: in the user's data folder, one
    file per server and desk name (two desks on one computer never share an outbox). Not
    per event, so that a desk started while the server is silent finds its copy."""
    import hashlib

    from platformdirs import user_data_path

    from checkin.store.engine import describe

    key = f"{describe(server_url)}|{desk}".encode()
    return user_data_path("checkin", appauthor=False) / "desks" / (
        hashlib.sha256(key).hexdigest()[:16] + ".sqlite3")


@dataclass(frozen=True)
class DeskCopy:
    """A desk's copy of a shared event, and the server it is a copy of: what a window
    started while the server does not answer works from (checkin.app)."""

    server_url: str
    path: Path


def copy_to_start_from(server_url: str, desk: str) -> DeskCopy | None:
    """This desk's copy of the server's event, if an earlier start made one."""
    path = default_replica_path(server_url, desk)
    if not path.exists():
        return None
    engine = open_replica(path)
    try:
        with engine.connect() as conn:
            found = conn.exec_driver_sql("SELECT 1 FROM event LIMIT 1").first()
    finally:
        engine.dispose()
    return DeskCopy(server_url, path) if found is not None else None


def has_event(replica: Engine, event_id: int) -> bool:
    """Whether the replica holds the event at all (a first refresh has been made)."""
    with replica.connect() as conn:
        return conn.exec_driver_sql("SELECT 1 FROM event WHERE id = ?", (event_id,)).first() is not None


def open_replica(path: Path) -> Engine:
    """The desk's replica file (made and migrated like any store), with its outbox."""
    from checkin.store import open_store

    path.parent.mkdir(parents=True, exist_ok=True)
    engine = open_store(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql(_OUTBOX_DDL)
        conn.exec_driver_sql(_QUEUE_BADGE_PRINTS)
    return engine


def queue(conn: sa.Connection, *, uuid: str, event_id: int, request: dict, at: datetime,
          desk_time: datetime, result: str) -> None:
    """Queue a decision for the server, inside the decision's own transaction."""
    ADD.run(conn, uuid=uuid, event=event_id, request=json.dumps(request, ensure_ascii=False),
            at=at.isoformat(), desk_time=desk_time.isoformat(), result=result)


def waiting(replica: Engine, n: int = 500) -> list[Outboxed]:
    with replica.connect() as conn:
        return WAITING.all(conn, n=n)


def waiting_count(replica: Engine) -> int:
    with replica.connect() as conn:
        found = HOW_MANY.one(conn)
    return found.n if found else 0


def mark_all_sent(replica: Engine, done: list[tuple[int, str]], now: datetime) -> None:
    """These outbox rows (seq, the server's result) reached the server: one local commit.
    Only ever after the server's commits; a desk killed before this replays them, and the
    server answers each UUID as the first time."""
    with replica.begin() as conn:
        SENT.many(conn, [{"seq": seq, "result": result, "now": now.isoformat()}
                         for seq, result in done])


@dataclass
class Refreshed:
    rows: int
    waiting: int  # decisions queued meanwhile: the swap did not happen, try again after replay


def _table(name: str) -> sa.Table:
    """The store's table by name (the ORM's metadata, loaded only when a refresh needs it:
    a desk window starts without the ORM)."""
    from checkin.store.models import SQLModel

    return SQLModel.metadata.tables[name]


def _columns(table: str) -> list[str]:
    return [c.name for c in _table(table).columns]


def read_event(server: sa.Connection, event_id: int) -> Iterator[tuple[str, list[dict]]]:
    """The server's rows of one event, table by table in chunks, private columns blanked.
    Read and written through the tables' own column types (JSON lists, moments), so a
    row lands in the replica as the server holds it, whatever the backend."""
    for name, where, blanked in _COPIED:
        table = _table(name)
        query = sa.select(table).where(sa.text(where)).params(event=event_id)
        result = server.execution_options(stream_results=True, yield_per=CHUNK).execute(query)
        for chunk in result.mappings().partitions(CHUNK):
            yield name, [{**row, **blanked} for row in chunk]


@contextmanager
def _staging(path: Path) -> Iterator[Engine]:
    from checkin.store import open_store

    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    engine = open_store(f"sqlite:///{path}")
    try:
        yield engine
    finally:
        engine.dispose()
        for made in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            made.unlink(missing_ok=True)


def refresh(read: Callable[[Callable[[Iterator], int]], int], replica: Engine, replica_path: Path,
            event_id: int, queued: Callable[[], int]) -> Refreshed:
    """Bring the replica to the server's view of the event.

    `read(copy)` runs `copy(read_event(server_conn, event_id))` on the server (under the
    desk's deadline, on its link) and returns what copy returned. `queued()` says how many
    decisions the desk has made but not replayed (counted before they commit): the swap
    happens only when none are.
    """
    stage_path = replica_path.with_name(replica_path.name + ".next")
    with _staging(stage_path) as stage:
        def copy(chunks: Iterator) -> int:
            total = 0
            with stage.begin() as conn:
                for name, rows in chunks:
                    conn.execute(_table(name).insert(), rows)
                    total += len(rows)
            return total

        rows = read(copy)
        stage.dispose()
        return Refreshed(rows, _swap(replica, stage_path, queued))


def _swap(replica: Engine, stage_path: Path, queued: Callable[[], int]) -> int:
    """The staged rows in place of the replica's, in one local transaction; returns the
    decisions still waiting (then nothing was swapped). After a purge on the server, the
    outbox's sent rows go too, and the file is rewritten so that no erased byte stays."""
    from checkin.store import IMMEDIATE

    purged = False
    with replica.execution_options(**{IMMEDIATE: True}).connect() as conn:
        driver = conn.connection.dbapi_connection
        assert driver is not None
        # ATTACH is refused inside a transaction: on the driver, before SQLAlchemy begins one.
        driver.execute("ATTACH DATABASE ? AS staged", (os.fspath(stage_path),))
        try:
            with conn.begin():  # BEGIN IMMEDIATE: no decision slips in between count and swap
                pending = HOW_MANY.one(conn)
                left = (pending.n if pending else 0) or queued()
                if left:
                    return left  # nothing written: the empty transaction just ends
                news = NEW_PURGES.one(conn)
                purged = bool(news and news.n)
                if purged:
                    FORGET_SENT.run(conn)
                conn.exec_driver_sql("DROP TRIGGER IF EXISTS queue_badge_print")
                for table, _where, _blanked in reversed(_COPIED):
                    conn.exec_driver_sql(f'DELETE FROM main."{table}"')
                for table, _where, _blanked in _COPIED:
                    shown = ", ".join(f'"{n}"' for n in _columns(table))
                    conn.exec_driver_sql(f'INSERT INTO main."{table}" ({shown}) '
                                         f'SELECT {shown} FROM staged."{table}"')
                conn.exec_driver_sql(_QUEUE_BADGE_PRINTS)
        finally:
            driver.execute("DETACH DATABASE staged")
    if purged:
        from checkin.store.scrub import scrub_sqlite_file

        if not scrub_sqlite_file(replica).complete:
            # A window of this desk was reading its copy: the purge is forgotten, so that
            # the next sync sees it as new and rewrites the file again.
            with replica.begin() as conn:
                FORGET_PURGES.run(conn)
    return 0
