"""Cold start to a ready desk window at N registrants, beside an empty Qt window, each in
a fresh process (offscreen), so imports and the first store reads are counted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

_READY = """
import sys, time
t0 = time.perf_counter()
from checkin.app import create_window
window = create_window(sys.argv[1], language="fr")
window.show()
from PySide6.QtWidgets import QApplication
QApplication.processEvents()
assert window.desk_view() is not None
print(time.perf_counter() - t0)
"""
_EMPTY = """
import time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.show()
app.processEvents()
print(time.perf_counter() - t0)
"""
# The desk at rest: its counts read in the background too, the ORM loaded (first scans).
_SETTLED = """
import resource, sys, time
t0 = time.perf_counter()
from checkin.app import create_window
from PySide6.QtWidgets import QApplication
window = create_window(sys.argv[1], language="fr")
window.show()
QApplication.processEvents()
while window.is_busy() and time.perf_counter() - t0 < 60:
    QApplication.processEvents()
    time.sleep(0.005)
assert not window.is_busy()
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


# A volunteer who scans the moment the window is up: ready → that answer on screen.
_FIRST_SCAN = """
import sqlite3, sys, time
path = sys.argv[1].removeprefix("sqlite:///")
code = sqlite3.connect(path).execute(
    "SELECT code FROM attendee WHERE status = 'registered' AND id NOT IN "
    "(SELECT attendee_id FROM presence WHERE inside) ORDER BY id DESC LIMIT 1").fetchone()[0]
from checkin.app import create_window
from PySide6.QtWidgets import QApplication
window = create_window(sys.argv[1], language="fr")
window.show()
QApplication.processEvents()
ready = time.perf_counter()
answers = []
window.desk_view().answered.connect(answers.append)
window.desk_view().submit_scan(code)
while not answers and time.perf_counter() - ready < 30:
    QApplication.processEvents()
    time.sleep(0.001)
assert answers and answers[0].result == "admitted", answers
print(time.perf_counter() - ready)
"""


def _run(code: str, *args: str) -> float:
    return _figures(code, *args)[0]


def _figures(code: str, *args: str) -> list[float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=env, timeout=120, check=True).stdout.strip().splitlines()
    return [float(v) for v in out[-1].split()]


def bench_start(path: Path, attendees: int, runs: int = 3) -> dict[str, Any]:
    runs = runs if attendees >= 10_000 else 1  # a small store: the shape, not the figure
    url = f"sqlite:///{path}"
    _run(_READY, url)  # the first run warms the disk cache, as a desk opened twice would
    mine = min(_run(_READY, url) for _ in range(runs))
    base = min(_run(_EMPTY) for _ in range(runs))
    settled, peak_kb = _figures(_SETTLED, url)
    first_scan = _run(_FIRST_SCAN, url)  # admits one more person: this store is throwaway
    peak_mb = peak_kb / 1024
    return {
        "name": "cold_start",
        "what": f"process start to a ready desk window, {attendees} registrants (best of {runs})",
        "seconds": round(mine, 3), "baseline_seconds": round(base, 3), "peak_mb": round(peak_mb),
        "settled_seconds": round(settled, 3), "first_scan_seconds": round(first_scan, 3),
        "baseline": "process start to an empty QMainWindow shown, offscreen",
        "ratio": round(mine / base, 1) if base else None,
        "line": (f"cold start to a ready desk window, {attendees} registrants: {mine:.2f} s "
                 f"(an empty Qt window: {base:.2f} s, ×{mine / base:.1f}); event counts in "
                 f"after {settled:.2f} s; {peak_mb:.0f} MB peak; a scan made as soon as it is "
                 f"ready answered in {first_scan * 1000:.0f} ms"),
    }
