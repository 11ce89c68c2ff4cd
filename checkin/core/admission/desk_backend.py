"""Who decides a desk's scans: a backend, asked with a deadline of the desk's own.

`StoreBackend` decides on the store itself (the desk's SQLite file, or the event's shared
PostgreSQL server) and adds where the person goes next. `DeadlineBackend` asks another
backend on a thread of its own and waits for it at most `deadline` seconds by the desk's
clock — a wait on a condition, never on a socket — then tells the desk it is late and keeps
waiting for the answer, which is shown once durable. The offline desks will put a second
backend behind the deadline (decide locally, replay later); the desk's controller does not
change for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.engine import Engine

from checkin.core.admission.code_reading import ScannerSetup, readings
from checkin.core.admission.routing import Route, route
from checkin.core.admission.scan import AlsoWrite, ScanAnswer, ScanService, When, clean_code
from checkin.core.clock import Clock, system_clock
from checkin.store.vocabulary import ScanResult

DEADLINE = 1.5  # s: a scan not answered by then is late (the offline desks decide it locally)
ROUTED = (ScanResult.ADMITTED, ScanResult.ALREADY_IN)


@dataclass(frozen=True)
class Decision:
    """A durable answer, and where the person goes next when they were let in."""

    answer: ScanAnswer
    route: Route | None = None


@dataclass(frozen=True)
class ScanRequest:
    """One thing a volunteer asked for at the desk."""

    code: str
    operator: str
    exit: bool = False
    session_id: int | None = None
    override: bool = False
    undo: bool = False
    only_if_code: bool = False  # a burst without a terminator: a scan only if it reads as a code
    walk_in: dict | None = None  # the walk-in form's values: register, then admit
    # Made once at the desk, before the first try: whichever store records it first, a
    # retry or a replay is answered as that first time (checkin.core.admission.offline_desk).
    uuid: str | None = None


class Backend(Protocol):
    def decide(self, request: ScanRequest) -> Decision | None: ...


class StoreBackend:
    """Decides on the store, one ScanService per operator (the role can change between scans)."""

    def __init__(self, engine: Engine, event_id: int, *, desk: str, clock: Clock = system_clock,
                 scanner: ScannerSetup = ScannerSetup(), walk_in_prefix: str = "WI",
                 local_ids: bool = False) -> None:
        """`walk_in_prefix`, `local_ids`: how a desk's replica registers walk-ins offline
        (codes of its own, ids below zero)."""
        self._engine, self._event, self._desk, self._clock = engine, event_id, desk, clock
        self.scanner = scanner
        self._walk_in_prefix = walk_in_prefix
        self._local_ids = local_ids
        self._within: Any = None
        self._services: dict[tuple[str, ScannerSetup], ScanService] = {}

    def service(self, operator: str) -> ScanService:
        scanner = self.scanner  # read once: the desk may set a new one meanwhile
        key = (operator, scanner)
        if key not in self._services:
            self._services[key] = ScanService(self._engine, self._event, desk=self._desk,
                                              operator=operator, clock=self._clock,
                                              scanner=scanner)
        return self._services[key]

    @contextmanager
    def within(self, conn: Any) -> Iterator[None]:
        """Decisions made meanwhile run in the caller's transaction (ScanService.within)."""
        self._within = conn
        try:
            yield
        finally:
            self._within = None

    def decide(self, request: ScanRequest, *, when: When | None = None,
               also_write: AlsoWrite | None = None, routed: bool = True) -> Decision | None:
        """`when`: the moment the scan was made (a replay's, not now); `also_write`: what
        the decision's own transaction writes too (an offline desk's outbox row);
        `routed`: whether to say where the person goes next (a replay shows nothing)."""
        svc = self.service(request.operator)
        if self._within is not None:
            with svc.within(self._within):
                return self._decide(svc, request, when, also_write, routed)
        return self._decide(svc, request, when, also_write, routed)

    def _decide(self, svc: ScanService, request: ScanRequest, when: When | None,
                also_write: AlsoWrite | None, routed: bool) -> Decision | None:
        uuid = request.uuid
        if request.walk_in is not None:
            form = dict(request.walk_in)
            answer = svc.walk_in(**form, code_prefix=self._walk_in_prefix, scan_uuid=uuid,
                                 when=when, also_write=also_write,
                                 local_id=self._local_ids and "attendee_id" not in form)
        elif request.undo:
            answer = svc.undo_last(request.code, scan_uuid=uuid, when=when, also_write=also_write)
        elif request.only_if_code:
            known = svc.scan_if_known(request.code, session_id=request.session_id,
                                      scan_uuid=uuid, when=when, also_write=also_write)
            if known is None:
                return None  # typing after all: nothing recorded
            answer = known
        else:
            answer = svc.scan(request.code, exit=request.exit, session_id=request.session_id,
                              override=request.override, scan_uuid=uuid, when=when,
                              also_write=also_write)
        way = None
        if routed and answer.attendee_id is not None and answer.result in ROUTED:
            way = route(self._engine, self._event, answer.code,
                        when.at if when is not None else self._clock())
        return Decision(answer, way)


class DeadlineBackend:
    """Asks `primary` on its own thread, in the order asked; `decide` returns its decision,
    calling `late()` once if it is not there within `deadline` seconds."""

    def __init__(self, primary: Backend, deadline: float = DEADLINE) -> None:
        self._primary = primary
        self.deadline = deadline
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-backend")

    def decide(self, request: ScanRequest, late: Callable[[], None] = lambda: None) -> Decision | None:
        future: Future[Decision | None] = self._thread.submit(self._primary.decide, request)
        try:
            return future.result(timeout=self.deadline)
        except FutureTimeout:
            late()
            return future.result()

    def close(self) -> None:
        self._thread.shutdown(wait=False, cancel_futures=False)


def reads_as_code(text: str, scanner: ScannerSetup = ScannerSetup()) -> bool:
    """Could this burst be a ticket code at all (one word, something left once stripped)?"""
    code = clean_code(text)
    return bool(code) and " " not in code and bool(readings(code, scanner))
