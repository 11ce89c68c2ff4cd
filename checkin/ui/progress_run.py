"""One long write at a time (an export, a batch of certificates) on the thread pool, shown
in its dialog: the progress bar runs, the button that started it waits, and the dialog
hears the end — what the export and certificates dialogs would otherwise each repeat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QLabel, QProgressBar

from checkin.ui.workers import Task, start


class ProgressRun(QObject):
    done = Signal(object)   # what the work returned
    failed = Signal(str)    # its one-line error

    def __init__(self, bar: QProgressBar, button: QAbstractButton, status: QLabel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bar, self._button, self._status = bar, button, status
        self._task: Task | None = None

    def busy(self) -> bool:
        return self._task is not None

    def start(self, work: Callable[[Callable[[int, int], None]], Any], busy_text: str) -> None:
        """`work(progress)` runs on a pool thread and must not touch widgets."""
        task = Task(work)
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(lambda result: self._end(self.done, result))
        task.signals.failed.connect(lambda message: self._end(self.failed, message))
        self._task = task
        self._bar.setRange(0, 0)  # busy until the first count arrives
        self._bar.show()
        self._button.setEnabled(False)
        self._status.setText(busy_text)
        start(task)

    def _on_progress(self, done: int, total: int) -> None:
        self._bar.setRange(0, max(total, 1))
        self._bar.setValue(min(done, max(total, 1)))

    def _end(self, signal: Any, value: Any) -> None:
        self._task = None
        self._bar.hide()
        self._button.setEnabled(True)
        signal.emit(value)
