"""The wrong-day warning over the desk's answer: scans on a day that is not the event's are
recorded all the same, but the volunteer must see that the day is not the event's (a
rehearsal, a test the week before, a computer's clock set wrong).

DayWatch reads the event's dates off the GUI thread and decides (checkin.core.event_day);
DayBanner only shows what it decided. The check is made again every RECHECK_MS: a window
left open past midnight turns to the event's day, and an event moved to another day (the
sample loaded again, another desk's edit) is seen without restarting.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy.engine import Engine

from checkin.core.clock import Clock, zone
from checkin.core.event_day import DayCheck, check_day
from checkin.ui.workers import Task, start

RECHECK_MS = 60_000
BANNER_STYLE = ("font-size: 15pt; font-weight: 600; color: #3d2a00; background: #ffd54f; "
                "border: 2px solid #c77c00; border-radius: 8px; padding: 8px 14px;")


def dates_language() -> str:
    """"fr" or "en": the language dates are written in, the one of the translation
    installed (the desk's own choice), not the operating system's locale."""
    marker = QCoreApplication.translate("DayBanner", "language of dates: en")
    return "fr" if marker.rstrip().endswith("fr") else "en"


class DayWatch(QObject):
    checked = Signal(object)   # DayCheck, each time the day is checked

    def __init__(self, engine: Engine, event_id: int, clock: Clock,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine, self._event, self._clock = engine, event_id, clock
        self._reading: Task | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.recheck)
        self._timer.start(RECHECK_MS)

    def busy(self) -> bool:
        return self._reading is not None

    def recheck(self) -> None:
        """Read the event's dates and compare them with the clock's today."""
        if self._reading is not None:
            return
        from checkin.core.monitoring.overview import event_head

        engine, event, now = self._engine, self._event, self._clock()

        def work(_p) -> DayCheck:
            head = event_head(engine, event)
            return check_day(now, head.starts_at, head.ends_at, zone(head.timezone or "UTC"))

        task = Task(work)
        task.signals.finished.connect(self._on_checked)
        task.signals.failed.connect(self._on_failed)
        self._reading = task
        start(task)

    def _on_checked(self, check: DayCheck) -> None:
        self._reading = None
        self.checked.emit(check)

    def _on_failed(self, _message: str) -> None:
        self._reading = None  # the store did not answer: the banner stays as it was, retried


class DayBanner(QLabel):
    """Hidden on the event's day; a wide amber line above the answer on any other."""

    def __init__(self, watch: DayWatch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayBanner")
        self.setWordWrap(True)
        self.setStyleSheet(BANNER_STYLE)
        self.hide()
        self.watch = watch
        watch.setParent(self)
        watch.checked.connect(self.show_check)
        watch.recheck()

    def recheck(self) -> None:
        self.watch.recheck()

    def show_check(self, check: DayCheck) -> None:
        self.setVisible(not check.on_the_day)
        if check.on_the_day:
            return
        event_day, today = check.dates(dates_language())
        text = (self.tr("Warning: the event takes place on %1, not today (%2). "
                        "Scans are recorded all the same.") if check.still_to_come else
                self.tr("Warning: the event took place on %1, not today (%2). "
                        "Scans are recorded all the same."))
        self.setText(text.replace("%1", event_day).replace("%2", today))
        self.setAccessibleName(self.text())
