"""What the window benches share, in their measuring process: the desk window opened as a
volunteer sees it (French, sounds off), and a wait that lets Qt's event loop run."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def open_desk(url: str, width: int, height: int) -> tuple[Any, Any]:
    """(the main window, its desk view), shown on `url`."""
    from checkin.app import create_window

    window = create_window(url, language="fr")
    window.resize(width, height)
    window.show()
    desk = window.desk_view()
    assert desk is not None
    desk.sounds.muted = True
    return window, desk


def settle(until: Callable[[], bool], limit: float, check_ms: int = 1) -> bool:
    """Run the event loop until `until()` or `limit` seconds: idle in Qt between checks, as
    the desk's own loop is (a loop spinning in Python would hold the GIL against the desk's
    threads). Returns `until()`."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    loop = QEventLoop()
    check = QTimer()
    check.setTimerType(Qt.TimerType.PreciseTimer)
    check.setInterval(check_ms)
    stop = time.perf_counter() + limit
    check.timeout.connect(lambda: (until() or time.perf_counter() > stop) and loop.quit())
    check.start()
    if not until():
        loop.exec()
    check.stop()
    return until()
