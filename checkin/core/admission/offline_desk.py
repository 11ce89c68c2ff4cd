"""A desk on a shared server that keeps answering when the network does not.

Online, a scan goes to the server on the desk's link (checkin.store.link) and waits for it
at most `deadline` seconds by the desk's own clock. Past the deadline, or when the server is
known to be out of reach, or while earlier offline decisions are still waiting to be sent,
the desk decides on its local replica (checkin.store.replica) with the same ScanService, and
queues the decision in the replica's outbox in the same local transaction: the answer is
shown once that commit is done, so it is never lost, and the queue keeps the order made.

A background loop probes the server every `probe_every` seconds (a fresh connection, its
own deadline), keeps the desk's clock offset to the server, replays the outbox in order when
the link is back — each scan with its own UUID and the moment it was made, so that a scan
the server had committed before its reply was lost is answered as it was, never counted
twice — and refreshes the replica from the server when nothing is waiting.

What the volunteer's screen reads comes from the replica too (searches, doors, seats): a
local file never hangs.
"""

from __future__ import annotations

import logging
import threading
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from checkin.core.admission.code_reading import ScannerSetup
from checkin.core.admission.desk_backend import (
    DEADLINE, Decision, ScanRequest, StoreBackend,
)
from checkin.core.admission.desk_replay import (
    BATCH, CORRECTION, is_scan, kind_of, replay_batch, replay_one,
)
from checkin.core.admission.desk_status import DeskStatus, LinkState, NoLocalCopy, desk_tag
from checkin.core.admission.routing import Route, route
from checkin.core.admission.scan import ScanAnswer, When
from checkin.core.clock import Clock, system_clock
from checkin.store import StoreError, StoreUnavailable
from checkin.store import replica as rep
from checkin.store.link import Link, LinkSilent, Worker
from checkin.store.queries import desks

T = TypeVar("T")
log = logging.getLogger(__name__)

PROBE_EVERY = 1.0       # s between probes: a link's return is noticed within ~2 s
PROBE_DEADLINE = 1.5    # s a probe may take
REFRESH_EVERY = 30.0    # s between refreshes of the replica while online
REFRESH_DEADLINE = 120.0


class OfflineDesk:
    """Decides a desk's scans on the server when it answers in time, else on the replica."""

    def __init__(self, server_url: str, replica_path: Path, event_id: int, *, desk: str,
                 clock: Clock = system_clock, scanner: ScannerSetup = ScannerSetup(),
                 deadline: float = DEADLINE, probe_every: float = PROBE_EVERY,
                 refresh_every: float = REFRESH_EVERY,
                 on_status: Callable[[DeskStatus], None] = lambda _s: None,
                 wall: Clock = system_clock) -> None:
        self.deadline, self.probe_every, self.refresh_every = deadline, probe_every, refresh_every
        self._event, self._desk, self._clock, self._wall = event_id, desk, clock, wall
        self._on_status = on_status
        self.replica_path = replica_path
        self.replica = rep.open_replica(replica_path)
        self._scan_link = Link(server_url, "desk-scan")
        self._sync_link = Link(server_url, "desk-sync")
        self._server = StoreBackend(self._scan_link.engine, event_id, desk=desk,
                                    clock=self._server_clock, scanner=scanner)
        self._replay = StoreBackend(self._sync_link.engine, event_id, desk=desk,
                                    clock=self._server_clock, scanner=scanner)
        self._local = StoreBackend(self.replica, event_id, desk=desk, clock=self._server_clock,
                                   scanner=scanner, walk_in_prefix="WI" + desk_tag(desk),
                                   local_ids=True)
        self._local_worker = Worker("desk-replica")  # local decisions and mirrors, in order
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._closed = threading.Event()
        self._queued = rep.waiting_count(self.replica)  # counted before each local commit
        self._has_copy = rep.has_event(self.replica, event_id)
        self._state = LinkState.OFFLINE  # until the first probe answers
        self._reason = ""
        self._offset = timedelta(0)
        self._replica_at: datetime | None = None
        self._last_refresh = float("-inf")
        self._rounds = 0  # of the background loop, done (settle waits for a fresh one)
        self._loop = threading.Thread(target=self._run, name="desk-sync-loop", daemon=True)

    # ---- what the desk asks -----------------------------------------------------------
    @property
    def scanner(self) -> ScannerSetup:
        return self._server.scanner

    @scanner.setter
    def scanner(self, setup: ScannerSetup) -> None:
        self._server.scanner = self._local.scanner = self._replay.scanner = setup

    def start(self, probe_first: bool = True) -> OfflineDesk:
        """Probe once before the first scan (at most PROBE_DEADLINE; not in a window, whose
        thread must not wait), then keep at it."""
        if not probe_first:
            self._set_state(LinkState.SYNCING)  # "Synchronising…" until the first probe
            self._loop.start()
            return self
        try:
            self._probe()
        except (LinkSilent, StoreUnavailable) as exc:
            self._went_offline(str(exc))
        else:
            with self._lock:  # with a queue left from last time: sent first, in order
                self._state = LinkState.SYNCING if self._queued else LinkState.ONLINE
            self._publish()
            if not self._has_copy and not self._queued:
                self._refresh()  # a first copy before the first scan: it can go offline
        self._loop.start()
        return self

    def status(self) -> DeskStatus:
        with self._lock:
            return DeskStatus(self._state, self._queued, self._offset, self._replica_at,
                              self._reason)

    def decide(self, request: ScanRequest, late: Callable[[], None] = lambda: None) -> Decision | None:
        """The answer, durable where it was decided: on the server within the deadline,
        else on the replica with its outbox row."""
        if request.uuid is None:
            request = replace(request, uuid=str(uuidlib.uuid4()))
        when = self._when()
        answered, decision = self._on_server_in_time(
            lambda: self._server.decide(request, when=when, routed=False))
        if answered:
            self._local_worker.submit(lambda: self._mirror(request, decision, when))
            return decision
        return self._decide_here(request, when)

    def route_of(self, answer: ScanAnswer) -> Route | None:
        """Where the person goes next, read on the replica after the decisions before it
        (an online answer's mirror included): the desk shows it a moment after the
        answer, never in the scan's own time, and never from the network."""
        def read() -> Route | None:
            try:
                return route(self.replica, self._event, answer.code, self._server_clock())
            except StoreError as exc:
                log.info("no route from the replica: %s", exc)
                return None

        return self._local_worker.submit(read).result()

    def _on_server_in_time(self, fn: Callable[[], T]) -> tuple[bool, T | None]:
        """(True, fn()) when the server answered within the deadline; (False, None) when
        the desk decides here instead — offline, a queue still waiting (it keeps the
        order made), or no answer in time — counted in the queue before its local commit."""
        with self._lock:
            local = self._state != LinkState.ONLINE or self._queued > 0
            if local:
                self._queued += 1
        if local:
            return False, None
        try:
            return True, self._scan_link.call(fn, self.deadline)
        except (LinkSilent, StoreUnavailable) as exc:
            self._went_offline(str(exc))
            with self._lock:
                self._queued += 1
            return False, None

    def correct(self, code: str, *, first_name: str, last_name: str, organisation: str,
                operator: str) -> dict[str, list[str]]:
        """A name corrected at the desk (checkin.core.registrants.corrections): on the server
        within the deadline, else on the replica with its outbox row; what changed."""
        from checkin.core.registrants.corrections import correct_attendee

        fields = dict(first_name=first_name, last_name=last_name, organisation=organisation)
        when = self._when()

        def on(engine: Any, also_write: Any = None) -> dict[str, list[str]]:
            return correct_attendee(engine, self._event, None, code=code, actor=operator,
                                    desk=self._desk, clock=lambda: when.at,
                                    also_write=also_write, **fields)

        answered, changes = self._on_server_in_time(lambda: on(self._scan_link.engine))
        if answered:
            self._local_worker.submit(lambda: self._quietly(lambda: on(self.replica)))
            return changes or {}
        entry = {"kind": CORRECTION, "code": code, "operator": operator, **fields}

        def queue_it(conn: Any, _changes: dict) -> None:
            rep.queue(conn, uuid=str(uuidlib.uuid4()), event_id=self._event, request=entry,
                      at=when.at, desk_time=when.desk_time, result="corrected")

        return self._here(lambda: on(self.replica, queue_it)) or {}

    @staticmethod
    def _quietly(fn: Callable[[], Any]) -> None:
        try:
            fn()
        except (StoreError, ValueError) as exc:  # the next refresh brings it anyway
            log.info("replica mirror skipped: %s", exc)

    def settle(self, within: float) -> DeskStatus:
        """Give a reachable server up to `within` seconds to take what is waiting (a stream
        that ends); the status then."""
        deadline = self._wall_seconds() + within
        rounds = self._rounds
        self._wake.set()  # a fresh probe now: the link may be back since the last one
        while self._wall_seconds() < deadline:
            status = self.status()
            if status.waiting == 0:
                return status
            if status.state == LinkState.OFFLINE and self._rounds > rounds + 2:
                return status  # asked twice more since (the round under way aside): none
            self._closed.wait(0.05)
        return self.status()

    def close(self) -> None:
        self._closed.set()
        self._wake.set()
        if self._loop.is_alive():
            self._loop.join(timeout=2)
        self._local_worker.stop()
        self._scan_link.close()
        self._sync_link.close()
        self.replica.dispose()

    # ---- deciding here ----------------------------------------------------------------
    def _decide_here(self, request: ScanRequest, when: When) -> Decision | None:
        if not self._has_copy:
            self._unqueue()
            raise NoLocalCopy()

        def also_write(conn: Any, answer: ScanAnswer) -> None:
            sent = request
            if request.walk_in is not None:  # replayed with the code printed on the badge
                sent = replace(request, walk_in={**request.walk_in, "code": answer.code})
            elif answer.attendee_id is not None:
                # The code as read (a US scanner on an AZERTY desk types "PUçZFYA(ZJ"): the
                # server needs no guess, whatever its scanner setting at the replay.
                sent = replace(request, code=answer.code)
            rep.queue(conn, uuid=str(request.uuid), event_id=self._event,
                      request=asdict(sent), at=when.at, desk_time=when.desk_time,
                      result=answer.result)

        return self._here(lambda: self._local.decide(request, when=when, also_write=also_write,
                                                     routed=False))

    def _here(self, work: Callable[[], T]) -> T:
        """`work` on the replica, after the decisions and mirrors before it. It was counted
        in the queue beforehand; an empty result (a burst that was typing, a correction
        that changed nothing) or a failure queued nothing."""
        try:
            done = self._local_worker.submit(work).result()
        except BaseException:
            self._unqueue()
            raise
        if not done:
            self._unqueue()
        self._publish()
        return done

    def _mirror(self, request: ScanRequest, decision: Decision | None, when: When) -> None:
        """What the server decided, recorded in the replica too (same UUID, not queued), so
        that going offline a moment later the desk still knows whom it let in."""
        if decision is None:
            return
        answer = decision.answer
        mirrored = request
        if request.walk_in is not None:
            mirrored = replace(request, walk_in={**request.walk_in, "code": answer.code,
                                                 "attendee_id": answer.attendee_id})
        self._quietly(lambda: self._local.decide(mirrored, when=when, routed=False))

    def _unqueue(self, n: int = 1) -> None:
        with self._lock:
            self._queued = max(0, self._queued - n)

    def _when(self) -> When:
        desk_now = self._clock()
        return When(desk_now + self._offset, desk_now)

    def _server_clock(self) -> datetime:
        return self._clock() + self._offset

    # ---- the state --------------------------------------------------------------------
    def _went_offline(self, reason: str) -> None:
        with self._lock:
            changed = self._state != LinkState.OFFLINE
            self._state, self._reason = LinkState.OFFLINE, reason
        if changed:
            self._wake.set()
        self._publish()

    def _set_state(self, state: LinkState) -> None:
        with self._lock:
            self._state = state
            if state != LinkState.OFFLINE:
                self._reason = ""
        self._publish()

    def _publish(self) -> None:
        try:
            self._on_status(self.status())
        except Exception:  # a closed window: nobody to tell
            log.debug("status not shown", exc_info=True)

    # ---- the background loop ----------------------------------------------------------
    def _run(self) -> None:
        while not self._closed.is_set():
            try:
                self._round()
            except StoreError as exc:  # the store's one line: said by the state shown
                log.debug("desk sync round: %s", exc)
                self._went_offline(str(exc))
            except Exception as exc:  # never let the loop die: try again next round
                log.warning("desk sync round failed: %s", str(exc)[:300])
                self._went_offline(str(exc))
            self._rounds += 1
            self._wake.wait(self.probe_every)
            self._wake.clear()

    def _round(self) -> None:
        try:
            self._probe()
        except (LinkSilent, StoreUnavailable) as exc:
            self._went_offline(str(exc))
            return
        if self._queued or rep.waiting_count(self.replica):
            self._set_state(LinkState.SYNCING)
            if not self._replay_all():
                return
        with self._lock:
            if self._queued == 0:
                self._state, self._reason = LinkState.ONLINE, ""
        self._publish()
        if self._wall_seconds() - self._last_refresh >= self.refresh_every:
            self._refresh()

    def _probe(self) -> None:
        offset = self._sync_link.clock_offset(PROBE_DEADLINE, self._wall)
        with self._lock:
            self._offset = offset

    def _replay_all(self) -> bool:
        """Send the outbox in order, scans in batches of one transaction each; False when
        the link failed on the way (what was sent before is marked, the rest waits)."""
        while batch := rep.waiting(self.replica):
            try:
                for run in _runs(batch):
                    self._mark(run, self._send(run))
            except (LinkSilent, StoreUnavailable) as exc:
                self._went_offline(str(exc))
                return False
        return True

    def _send(self, run: list[rep.Outboxed]) -> list[str]:
        """The server's results for a run of entries: one transaction for a run of scans;
        one at a time for a correction, or when the batch failed (one refused entry must
        not hold back the others)."""
        if len(run) > 1:
            try:
                return replay_batch(run, self._sync_link, self._replay)
            except (LinkSilent, StoreUnavailable):
                raise
            except (StoreError, ValueError) as exc:
                log.info("a replayed batch failed (%s): its scans one at a time", exc)
        return [replay_one(e, self._sync_link, self._replay, self._event, self._desk)
                for e in run]

    def _mark(self, run: list[rep.Outboxed], results: list[str]) -> None:
        if not run:
            return
        rep.mark_all_sent(self.replica, [(e.seq, r) for e, r in zip(run, results)], self._wall())
        # Badge prints are queued by the replica file itself, never counted in _queued.
        self._unqueue(sum(1 for e in run if kind_of(e) != rep.BADGE_PRINT))
        self._publish()

    def _refresh(self) -> None:
        def read(copy: Callable) -> int:
            def on_server() -> int:
                with self._sync_link.engine.connect() as conn:
                    return copy(rep.read_event(conn, self._event))
            return self._sync_link.call(on_server, REFRESH_DEADLINE)

        def queued() -> int:
            with self._lock:
                return self._queued

        try:
            refreshed = rep.refresh(read, self.replica, self.replica_path, self._event, queued)
        except (LinkSilent, StoreUnavailable) as exc:
            self._went_offline(str(exc))
            return
        if refreshed.waiting == 0:
            self._quietly(self._record_copy)
            self._has_copy = True
            self._last_refresh = self._wall_seconds()
            with self._lock:
                self._replica_at = self._wall()
            self._publish()

    def _record_copy(self) -> None:
        """Tell the server this desk's copy is fresh: a purge names the desks whose copy
        is older than itself (checkin.store.queries.desks)."""
        def on_server() -> None:
            with self._sync_link.engine.begin() as conn:
                desks.COPIED.run(conn, event=self._event, name=self._desk[:64],
                                 at=self._server_clock())
        try:
            self._sync_link.call(on_server, REFRESH_DEADLINE)
        except LinkSilent as exc:  # told at the next refresh
            log.info("copy not recorded on the server: %s", exc)

    def _wall_seconds(self) -> float:
        return self._wall().timestamp()




def _runs(entries: list[rep.Outboxed]) -> list[list[rep.Outboxed]]:
    """The entries in order, as runs of up to BATCH scans, each correction a run alone."""
    runs: list[list[rep.Outboxed]] = []
    for entry in entries:
        if is_scan(entry) and runs and len(runs[-1]) < BATCH and is_scan(runs[-1][-1]):
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return runs
