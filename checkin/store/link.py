"""A desk's link to the event's shared server, where every call has a deadline of the desk's own.

Venue Wi-Fi fails silently: the socket stays open and nothing arrives, so a desk that waits
on its socket waits forever (a driver's connect_timeout covers only the connect, keepalives
take two hours by default and Windows has no tcp_user_timeout). Here a call runs on a worker
thread and the desk waits for it on a condition, by its own clock; at the deadline the call is
given up — its connections' sockets are shut down, so the stuck thread wakes with an error
instead of sleeping forever holding a pooled connection — and `LinkSilent` tells the desk to
decide without the server. What the call had sent may still have been committed there: the
desk's scan UUIDs make its replay answer as that commit did, never a second time.

The server is also told to clean up after a desk that vanished mid-transaction
(`idle_in_transaction_session_timeout`), so that the row locks of a scan whose link went
silent do not block the other desks for the two hours TCP would take.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from checkin.store.engine import explain, pg_connect_args
from checkin.store.rows import aware

T = TypeVar("T")
CONNECT_TIMEOUT = 3       # s: what the driver itself waits for a new connection
IDLE_IN_TRANSACTION = 10  # s: the server rolls back a desk that went silent mid-scan
LOCK_TIMEOUT = 5          # s: a scan never queues behind such a desk for longer


class LinkSilent(Exception):
    """The server did not answer within the desk's deadline (or the link is known down)."""


class Worker:
    """One daemon thread running calls in order. A worker whose call was given up is left to
    finish (or fail) alone; it never blocks the process's exit."""

    def __init__(self, name: str) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((fn, future))
        return future

    def stop(self) -> None:
        self._jobs.put(None)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            fn, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:  # handed to whoever waits for it
                future.set_exception(exc)


def _sockets_of(engine: Engine) -> weakref.WeakSet:
    """Every driver connection the engine opens, to shut their sockets down on a deadline."""
    opened: weakref.WeakSet = weakref.WeakSet()

    @sa.event.listens_for(engine, "connect")
    def _opened(dbapi_conn: Any, _record: Any) -> None:
        opened.add(dbapi_conn)

    return opened


def _shut(dbapi_conn: Any) -> None:
    """Wake whoever waits on this connection: its socket shut down, reads end at once."""
    with contextlib.suppress(Exception):
        fd = dbapi_conn.pgconn.socket
        dup = socket.fromfd(fd, socket.AF_INET, socket.SOCK_STREAM)
        try:
            dup.shutdown(socket.SHUT_RDWR)
        finally:
            dup.close()


def link_engine(url: str, *, pooled: bool = True) -> Engine:
    """An engine for the desk's calls to the server: bounded connects, and a server that
    cleans up after a desk gone silent. No pre-ping: a ping on a silent link would hang
    before the desk's deadline could start; a dead pooled connection fails its first use
    instead, which the desk answers like any silence."""
    options = (f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION * 1000} "
               f"-c lock_timeout={LOCK_TIMEOUT * 1000}")
    # Keepalives too, as a help where the OS honours them — never what the desk waits on.
    args = {**pg_connect_args(sa.make_url(url)), "connect_timeout": CONNECT_TIMEOUT,
            "options": options}
    kwargs: dict[str, Any] = {"connect_args": args}
    if not pooled:
        kwargs["poolclass"] = NullPool
    return sa.create_engine(url, **kwargs)


class Link:
    """Calls to the server on a worker of their own, each with a deadline."""

    def __init__(self, url: str, name: str = "desk-link") -> None:
        self._url = url
        self.engine = link_engine(url)
        self._probe_engine = link_engine(url, pooled=False)
        self._driver_error: type[Exception] = self.engine.dialect.loaded_dbapi.Error
        self._sockets = [_sockets_of(self.engine), _sockets_of(self._probe_engine)]
        self._name = name
        self._lock = threading.Lock()
        self._worker = Worker(name)
        self._probe_worker = Worker(f"{name}-probe")

    def call(self, fn: Callable[[], T], deadline: float) -> T:
        """fn()'s result, or LinkSilent once `deadline` seconds have passed without it.
        Errors fn raises come through as they are."""
        with self._lock:
            worker = self._worker
        future = worker.submit(fn)
        try:
            return future.result(timeout=deadline)
        except FutureTimeout:
            self._give_up(worker)
            raise LinkSilent(f"no answer from the server within {deadline:g} s") from None
        except (DBAPIError, self._driver_error) as exc:  # one line: the store's own words
            raise explain(exc, self._url) from exc

    def clock_offset(self, deadline: float, wall: Callable[[], datetime]) -> timedelta:
        """The server's clock minus `wall`, on a connection of its own (the probe of a link's
        return). Timed around the one query, not the connect: the server's moment is taken
        as the middle of that round trip."""
        def ask() -> timedelta:
            with self._probe_engine.connect() as conn:
                before = wall()
                now = aware(conn.exec_driver_sql("SELECT clock_timestamp()").scalar_one())
                after = wall()
            assert now is not None
            return now - (before + (after - before) / 2)

        # One probe thread, kept while its probes come back: a new thread every second
        # while offline cost the desk's own scans their time (their p99).
        probe = self._probe_worker
        future = probe.submit(ask)
        try:
            return future.result(timeout=deadline)
        except FutureTimeout:
            probe.stop()  # stuck on the silent link: left to end alone
            self._probe_worker = Worker(f"{self._name}-probe")
            self._sever()
            raise LinkSilent("no answer to the probe") from None
        except (DBAPIError, self._driver_error) as exc:
            raise explain(exc, self._url) from exc

    def _give_up(self, worker: Worker) -> None:
        with self._lock:
            if self._worker is worker:
                worker.stop()
                self._worker = Worker(self._name)
        self._sever()
        # The idle ones were shut too: a new pool, so the next call connects afresh.
        self.engine.dispose()

    def _sever(self) -> None:
        for opened in self._sockets:
            for dbapi_conn in list(opened):
                _shut(dbapi_conn)

    def close(self) -> None:
        with self._lock:
            self._worker.stop()
        self._probe_worker.stop()
        self._sever()
        self.engine.dispose()
        self._probe_engine.dispose()
