"""The desk's decisions, away from its widgets: scans, searches and the reads they need.

The view lays out and forwards what the volunteer did; this decides and answers by
signal. Nothing here runs SQL on the GUI thread: scans go one at a time, in the order
made, through a backend with a deadline (checkin.core.admission.desk_backend); searches
run on a thread of their own, the latest text winning (a search still running when
another key comes is not queued behind, its answer is dropped).

On a shared PostgreSQL server the backend is an offline-capable desk
(checkin.core.admission.offline_desk): scans past the deadline are decided on the desk's
replica and queued, and what the screen reads (searches, doors, seats, categories) comes
from that replica, a local file that never hangs; `link` tells the view the link's state.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from sqlalchemy.engine import Engine

from checkin.core.admission.code_reading import ScannerSetup
from checkin.core.admission.desk_backend import (
    ROUTED, DeadlineBackend, Decision, ScanRequest, StoreBackend, reads_as_code,
)
from checkin.core.admission.desk_status import DeskStatus
from checkin.core.admission.offline_desk import OfflineDesk
from checkin.core.admission.scan import ScanAnswer, clean_code
from checkin.core.clock import Clock, system_clock
from checkin.core.search.lookup import Hit, search
from checkin.store.replica import DeskCopy, default_replica_path
from checkin.store.vocabulary import ScanResult
from checkin.ui.scanner import BURST_GAP_MS
from checkin.ui.workers import Task, start

MIN_SEARCH = 2  # letters before searching
_REFUSED_AT_DOOR = (ScanResult.SESSION_FULL, ScanResult.NOT_ELIGIBLE)


class DeskController(QObject):
    decided = Signal(object)        # Decision, once durable
    failed = Signal(str)            # the store said no: nothing was recorded
    late = Signal()                 # a scan is past its deadline, still waiting
    found = Signal(str, list)       # (text, hits) for the search field's latest text
    scanned_from_search = Signal()  # Enter on a code typed by hand: it was scanned
    choose_result = Signal()        # Enter on a name: walk into the people found
    burst_was_code = Signal(str)    # a burst without terminator read as a code: scanned
    doors = Signal(list)            # [SessionDoor] not over yet
    read_failed = Signal(str)       # a read for the screen failed (the store is unreachable…)
    seats = Signal(int, object)     # (session id, free seats or None): a door's seats left
    corrected = Signal(str)         # the name as corrected
    correction_refused = Signal(str)
    link = Signal(object)           # DeskStatus of a desk on a shared server, as it changes
    routed = Signal(object, object)  # (ScanAnswer, Route): where they go, after the answer

    def __init__(self, engine: Engine, event_id: int, *, desk: str, operator: Callable[[], str],
                 clock: Clock = system_clock, scanner: ScannerSetup = ScannerSetup(),
                 shared: DeskCopy | None = None, parent: QObject | None = None) -> None:
        """`shared`: `engine` is this desk's copy of that shared event (a start while its
        server did not answer): scans still go to the server when it answers."""
        super().__init__(parent)
        self._engine, self._event, self._desk, self._clock = engine, event_id, desk, clock
        self._operator = operator
        self._store = StoreBackend(engine, event_id, desk=desk, clock=clock, scanner=scanner)
        self._offline: OfflineDesk | None = None
        self._reads_from = engine  # what the screen reads
        self._backend: DeadlineBackend | OfflineDesk
        if engine.dialect.name == "postgresql" or shared is not None:
            if shared is None:
                url = engine.url.render_as_string(hide_password=False)
                shared = DeskCopy(url, default_replica_path(url, desk))
            self._offline = OfflineDesk(shared.server_url, shared.path, event_id,
                                        desk=desk, clock=clock, scanner=scanner,
                                        on_status=self._emit_link)
            self._backend = self._offline.start(probe_first=False)
            self._reads_from = self._offline.replica
        else:
            self._backend = DeadlineBackend(self._store)
        self._scans = QThreadPool(self)
        self._scans.setMaxThreadCount(1)   # scans are answered in the order made
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(1)   # searches, doors, categories
        self._pending: set[Task] = set()
        self._search_running = ""
        self._search_wanted = ""
        self._last_edit = 0.0
        self._burst_wait = QTimer(self)
        self._burst_wait.setSingleShot(True)
        self._burst_wait.setInterval(BURST_GAP_MS)
        self._burst_wait.timeout.connect(self._search_now)
        self._last_found: tuple[str, list[Hit]] = ("", [])
        self._enter_on = ""  # Enter was pressed on this text: decide once its search is in
        self.current: ScanAnswer | None = None  # the person the action buttons act on
        self.session_id: int | None = None
        self._categories: list[tuple[str, str]] = []  # read at the first walk-in (the ORM's)

    # ---- the scanner ------------------------------------------------------------------
    @property
    def scanner(self) -> ScannerSetup:
        return self._store.scanner

    @scanner.setter
    def scanner(self, setup: ScannerSetup) -> None:
        self._store.scanner = setup
        if self._offline is not None:
            self._offline.scanner = setup

    def link_status(self) -> DeskStatus | None:
        """The shared server's link as this desk sees it (None: a desk on its own store)."""
        return self._offline.status() if self._offline is not None else None

    def scan(self, code: str, *, exit: bool = False, override: bool = False,
             session_id: int | None = None) -> None:
        if not clean_code(code):
            return
        self._decide(ScanRequest(code, self._operator(), exit=exit, override=override,
                                 session_id=self.session_id if session_id is None else session_id))

    def burst(self, text: str, terminator: str) -> None:
        """A scanner burst: a scan; without a terminator only if it reads as someone's code
        (else it stays in the field, typed, and is searched like typing)."""
        if terminator:
            self.scan(text)
        elif reads_as_code(text, self.scanner):
            request = ScanRequest(text, self._operator(), session_id=self.session_id, only_if_code=True)
            self._decide(request, on_decided=lambda _d: self.burst_was_code.emit(text))

    def undo_last(self) -> None:
        if self.current is not None and self.current.code:
            self._decide(ScanRequest(self.current.code, self._operator(), undo=True))

    def check_out(self) -> None:
        if self.current is not None and self.current.attendee_id is not None:
            self.scan(self.current.code, exit=True)

    def override(self, can_override: bool) -> None:
        a = self.current
        if a is not None and can_override and a.result in _REFUSED_AT_DOOR and a.session_id is not None:
            self.scan(a.code, override=True, session_id=a.session_id)

    def walk_in(self, values: dict) -> None:
        self._decide(ScanRequest("", self._operator(), walk_in=dict(values)))

    def correct(self, first: str, last: str, organisation: str) -> None:
        """Fix a typo in the shown person's name or organisation (journaled)."""
        from checkin.core.registrants.corrections import correct_attendee

        a = self.current
        if a is None or a.attendee_id is None:
            return
        attendee, operator = a.attendee_id, self._operator()

        offline, code = self._offline, a.code

        def work(_progress: Any) -> dict:
            if offline is not None:  # within the desk's deadline, else queued on this desk
                return offline.correct(code, first_name=first, last_name=last,
                                       organisation=organisation, operator=operator)
            return correct_attendee(self._engine, self._event, attendee, first_name=first,
                                    last_name=last, organisation=organisation,
                                    actor=operator, desk=self._desk)

        def done(changed: dict) -> None:
            if changed and self.current is a:
                a.first_name, a.last_name, a.organisation = first, last, organisation
            if changed:
                self.corrected.emit(f"{first} {last}".strip())

        task = self._track(Task(work))
        task.signals.finished.connect(done)
        task.signals.failed.connect(self.correction_refused.emit)
        start(task, self._scans)

    def busy(self) -> bool:
        return bool(self._pending)

    def forget_person(self) -> None:
        """The answer left the screen: the buttons no longer act on that person."""
        self.current = None

    @property
    def backend(self) -> StoreBackend:
        """The store's own backend (behind the deadline): for tools and start-up checks."""
        return self._store

    def with_categories(self, then: Callable[[list[tuple[str, str]]], None]) -> None:
        """The event's categories for the walk-in form: read once, off the GUI thread, at
        the first walk-in (they need the ORM, which a desk does not load to start)."""
        if self._categories:
            then(self._categories)
            return

        def read(_p: Any) -> list[tuple[str, str]]:
            from checkin.core.programme.categories import event_categories

            return event_categories(self._reads_from, self._event)

        def done(categories: list[tuple[str, str]]) -> None:
            self._categories = categories
            then(categories)

        self._read(read, done)

    def close(self) -> None:
        self._burst_wait.stop()
        self._backend.close()

    def _decide(self, request: ScanRequest,
                on_decided: Callable[[Decision], None] | None = None) -> None:
        backend = self._backend

        def work(_progress: Any) -> Decision | None:
            return backend.decide(request, late=self._emit_late)

        task = self._track(Task(work))
        task.signals.finished.connect(lambda d: self._on_decided(d, on_decided))
        task.signals.failed.connect(self.failed.emit)
        start(task, self._scans)

    def _emit_link(self, status: DeskStatus) -> None:
        try:
            self.link.emit(status)  # from the desk's threads: queued to the GUI thread
        except RuntimeError:
            pass  # the window closed meanwhile

    def _emit_late(self) -> None:
        try:
            self.late.emit()  # from the backend's thread: queued to the GUI thread
        except RuntimeError:
            pass  # the window closed meanwhile

    def _on_decided(self, decision: Decision | None,
                    then: Callable[[Decision], None] | None) -> None:
        if decision is None:
            return  # a terminator-less burst that was typing after all
        # The buttons act on whom the answer shows: nobody after an unknown code.
        self.current = decision.answer if decision.answer.attendee_id is not None else None
        if then is not None:
            then(decision)
        self.decided.emit(decision)
        offline, answer = self._offline, decision.answer
        if offline is not None and decision.route is None and answer.result in ROUTED \
                and answer.attendee_id is not None:
            # Read from the desk's copy once the answer is shown: not in the scan's time.
            self._read(lambda _p: offline.route_of(answer),
                       lambda way: way is not None and self.routed.emit(answer, way))

    # ---- the search field -------------------------------------------------------------
    def search(self, text: str) -> None:
        """The field's text changed: its results, as soon as they are read. Keys coming
        faster than anyone types are a scanner's: their search waits for the burst to end
        (which takes its letters back), so a scan never waits behind searches for half codes."""
        if text != self._enter_on:
            self._enter_on = ""  # typed on after an Enter: that Enter was for another text
        now = time.monotonic()
        fast = now - self._last_edit < BURST_GAP_MS / 1000
        self._last_edit = now
        self._search_wanted = text
        if fast:
            self._burst_wait.start()
            return
        self._burst_wait.stop()
        self._search_now()

    def forget_search(self) -> None:
        """A scanner's letters were taken back from the field: nothing left to search."""
        self._burst_wait.stop()
        self._search_wanted = ""
        self._enter_on = ""

    def _search_now(self) -> None:
        text = self._search_wanted
        if len(text.strip()) < MIN_SEARCH:
            self._last_found = (text, [])
            self.found.emit(text, [])
            self._after_search(text, [])
            return
        if not self._search_running:
            self._start_search(text)

    def enter_in_search(self, text: str) -> None:
        """Enter typed by a person: a code typed in full is scanned, a name chooses among
        the people found (once the search for exactly this text is in)."""
        self._enter_on = text
        if self._last_found[0] == text and not self._search_running:
            self._after_search(text, self._last_found[1])
        else:
            self.search(text)

    def _start_search(self, text: str) -> None:
        self._search_running = text
        engine, event = self._reads_from, self._event
        task = self._track(Task(lambda _p: search(engine, event, text.strip())))
        task.signals.finished.connect(lambda hits: self._on_found(text, hits))
        task.signals.failed.connect(lambda message: self._on_search_failed(text, message))
        start(task, self._reads)

    def _on_found(self, text: str, hits: list[Hit]) -> None:
        self._search_running = ""
        if text != self._search_wanted:  # typed on meanwhile: only the latest counts
            if len(self._search_wanted.strip()) >= MIN_SEARCH:
                self._start_search(self._search_wanted)
            return
        self._last_found = (text, hits)
        self.found.emit(text, hits)
        self._after_search(text, hits)

    def _on_search_failed(self, text: str, message: str) -> None:
        self._search_running = ""
        self.read_failed.emit(message)  # not "nobody found": the store did not answer
        if text != self._search_wanted and len(self._search_wanted.strip()) >= MIN_SEARCH:
            self._start_search(self._search_wanted)

    def _after_search(self, text: str, hits: list[Hit]) -> None:
        if self._enter_on != text:
            return
        self._enter_on = ""
        if hits and hits[0].matched == "code" and len(hits) == 1:
            self.scan(hits[0].code)
            self.scanned_from_search.emit()
        elif hits:
            self.choose_result.emit()

    # ---- reads for the view -----------------------------------------------------------
    def load_doors(self) -> None:
        """The sessions not over yet (their rooms' doors), read off the GUI thread."""
        from checkin.core.programme.seating import session_doors

        engine, event, now = self._reads_from, self._event, self._clock()

        def work(_p: Any) -> list:
            with engine.connect() as conn:
                return session_doors(conn, event, now)

        self._read(work, self.doors.emit)

    def read_seats(self, session_id: int) -> None:
        """A door's seats left now, read off the GUI thread (the banner shows them)."""
        from checkin.core.programme.seating import event_seats

        engine, event, now = self._reads_from, self._event, self._clock()

        def work(_p: Any) -> object:
            with engine.connect() as conn:
                return next((s.free for s in event_seats(conn, event, now)
                             if s.session_id == session_id), None)

        self._read(work, lambda free: self.seats.emit(session_id, free))

    def _read(self, work: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        task = self._track(Task(work))
        task.signals.finished.connect(done)
        task.signals.failed.connect(self.read_failed.emit)
        start(task, self._reads)

    def _track(self, task: Task) -> Task:
        self._pending.add(task)
        task.signals.finished.connect(lambda _r: self._pending.discard(task))
        task.signals.failed.connect(lambda _m: self._pending.discard(task))
        return task
