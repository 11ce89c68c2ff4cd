"""The event's counts for the main window, read on a pool thread so a big store never
freezes the window: every REFRESH_MS (other desks' changes), and for an event just opened
once the window has painted (the first count is the start's heaviest read, and loads the
ORM: the volunteer sees the desk without that wait)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.engine import Engine

from checkin.core.monitoring.overview import EventSummary, event_summary
from checkin.ui.workers import Task, start

REFRESH_MS = 10_000  # other desks' changes (capacities, loads) show up within this delay
FIRST_PAINT_GRACE_MS = 1_000  # the first counts wait this long at most for the first paint


class CountsReader(QObject):
    read = Signal(object)   # the EventSummary of the event shown, complete
    failed = Signal(str)    # the store did not answer (retried at the next refresh)

    def __init__(self, engine: Engine, shown: Callable[[], EventSummary | None],
                 paused: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._shown = shown    # the event on screen, None on the empty page
        self._paused = paused  # the sample is loading: counts already read wait for it
        self._reading: Task | None = None
        self._stale = False
        self._due = False      # counts to read once the window has painted
        self._painted = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.read_in_background)
        self._timer.start(REFRESH_MS)

    def busy(self) -> bool:
        """Counts being read, or due to be read."""
        return self._reading is not None or self._due

    def stop(self) -> None:
        self._timer.stop()

    def read_soon(self) -> None:
        """An event just opened: its counts (a pass over every registrant) follow, started
        once the window has had its turn to paint."""
        self._due = True
        # A window not painted yet starts the read when it is (painted); one never shown
        # (a script, a test) still gets its counts after a grace delay.
        QTimer.singleShot(0 if self._painted else FIRST_PAINT_GRACE_MS, self, self._read_if_due)

    def painted(self) -> None:
        """The window is on screen: the counts due can be read (done before the first scans
        need the ORM)."""
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._read_if_due)

    def _read_if_due(self) -> None:
        if self._due:
            self.read_in_background()

    def read_in_background(self) -> None:
        self._due = False
        if self._reading is not None:
            self._stale = True  # something changed since that read began: read again after
            return
        shown = self._shown()
        if shown is None or (self._paused() and shown.complete):
            return
        engine, event_id = self._engine, shown.id
        task = Task(lambda _progress: event_summary(engine, event_id))
        task.signals.finished.connect(self._on_read)
        task.signals.failed.connect(self._on_failed)
        self._reading = task
        start(task)

    def _on_failed(self, message: str) -> None:
        self._reading = None
        self.failed.emit(message)

    def _on_read(self, summary: EventSummary) -> None:
        self._reading = None
        shown = self._shown()
        if shown is not None and summary.id == shown.id:
            self.read.emit(summary)
            shown = self._shown()
        if self._stale or shown is None or summary.id != shown.id:
            self._stale = False
            self.read_in_background()
