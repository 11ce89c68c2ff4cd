"""Long work off the UI thread: a QRunnable that calls a core function and reports back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """Runs `work(progress)` on the thread pool; `work` must not touch widgets."""

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.signals = TaskSignals()
        self._work = work

    def run(self) -> None:  # called on a pool thread
        try:
            result = self._work(self.signals.progress.emit)
        except Exception as exc:  # shown to the user, never a silent crash of the pool
            self._report(self.signals.failed, str(exc) or type(exc).__name__)
        else:
            self._report(self.signals.finished, result)

    @staticmethod
    def _report(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the process is closing and its window is gone: nobody is left to tell


def start(task: Task, pool: QThreadPool | None = None) -> Task:
    (pool or QThreadPool.globalInstance()).start(task)
    return task
