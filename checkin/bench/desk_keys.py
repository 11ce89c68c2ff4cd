"""The desk window under keys, at N registrants: a key typed in the search field → its
results painted, and the end of a scanner burst → the answer painted with its route.

Run in a fresh process (offscreen Qt, as `checkin bench` has no display of its own): keys go
to the focused widget the way the window system delivers them (QTest, shortcuts first),
and a figure stops at the paint event of the widget that shows the result. Each figure is
beside its baseline: the same core call (search; scan and route) without the window, so
what the window adds shows as the difference.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from checkin.bench.common import percentile

KEYS = 200    # search keys typed, in words of 1 to 4 letters
SCANS = 300   # badges scanned


def bench_desk_keys(path: Path) -> list[dict[str, Any]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "checkin.bench.desk_keys", f"sqlite:///{path}"],
                         capture_output=True, text=True, env=env, timeout=900)
    if out.returncode != 0:
        raise RuntimeError(f"the desk bench failed: {out.stderr.strip()[-2000:]}")
    raw = json.loads(out.stdout.strip().splitlines()[-1])
    return [_figure("desk_key_to_results", "a key typed in the search field → its results painted",
                    95, raw["key"], raw["key_base"], "search() alone on the same texts",
                    "before issue 16: a 180 ms debounce, then the search on the GUI thread"),
            _figure("desk_burst_to_answer", "end of a scanner burst → the answer painted with its route",
                    99, raw["burst"], raw["burst_base"], "ScanService.scan + route alone",
                    "")]


def _figure(name: str, what: str, high: int, mine: list[float], base: list[float], baseline: str,
            before: str) -> dict[str, Any]:
    m50, mhi = percentile(mine, 50), percentile(mine, high)
    b50, bhi = percentile(base, 50), percentile(base, high)
    return {
        "name": name, "what": what, "samples": len(mine),
        "p50_ms": round(m50, 2), f"p{high}_ms": round(mhi, 2),
        "baseline_p50_ms": round(b50, 2), f"baseline_p{high}_ms": round(bhi, 2),
        "baseline": baseline, "ratio": round(mhi / bhi, 1) if bhi else None,
        **({"before": before} if before else {}),
        "line": (f"{what}: p50 {m50:.1f} ms, p{high} {mhi:.1f} ms ({baseline}: p50 {b50:.1f} ms, "
                 f"p{high} {bhi:.1f} ms)"),
    }


# ---- the measuring process -------------------------------------------------------------------
def _measure(url: str) -> dict[str, list[float]]:
    import random
    import time
    from datetime import UTC, datetime

    import sqlalchemy as sa
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from checkin.bench.desk_window import open_desk
    from checkin.bench.desk_window import settle as wait_until
    from checkin.core.admission.routing import route
    from checkin.core.admission.scan import ScanService
    from checkin.core.search.lookup import search

    window, desk = open_desk(url, 1400, 900)
    engine = window._engine

    def settle(until, limit: float = 10.0) -> None:
        if not wait_until(until, limit):
            raise RuntimeError(f"the desk did not answer in time (field {desk.search_input.text()!r}, "
                               f"results for {desk._search.shown_for!r}, painted {Painted.at}, "
                               f"panel {desk.panel.text()!r}, current {desk.current and desk.current.code})")

    settle(lambda: not window.is_busy() and not desk.busy(), 60)

    class Painted(QObject):
        at = 0.0

        def eventFilter(self, _obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                Painted.at = time.perf_counter()
            return False

    painted = Painted()
    desk.result_list.viewport().installEventFilter(painted)
    desk.panel.installEventFilter(painted)  # repainted with every answer, even one like the last

    with engine.connect() as conn:
        event = conn.exec_driver_sql("SELECT min(id) FROM event").scalar_one()
        rows = conn.execute(sa.text("SELECT code, last_name FROM attendee WHERE event_id = :e AND "
                                    "status = 'registered' ORDER BY id"), {"e": event}).all()
    rng = random.Random(7)
    scans = min(SCANS, max(30, len(rows) // 300))  # 300 at 100 000; a small store, a few
    people = rng.sample(rows, min(len(rows), scans + KEYS))
    searched = people[scans:] or people

    # A key typed → the list painted with the results for the field's text.
    key_ms: list[float] = []
    key_base: list[float] = []
    words = [p[1] for p in searched if p[1].isalpha()]
    for word in words:
        desk.clear_search()
        QApplication.processEvents()
        for letters in range(1, min(4, len(word)) + 1):
            text = word[:letters]
            Painted.at = 0.0
            start = time.perf_counter()
            QTest.sendKeyEvent(QTest.KeyAction.Click, desk.search_input, Qt.Key.Key_unknown,
                               text[-1], Qt.KeyboardModifier.NoModifier)
            if letters >= 2:  # one letter searches nothing (too many people)
                settle(lambda t=text, s=start: desk._search.shown_for == t and Painted.at > s)
                key_ms.append((Painted.at - start) * 1000)
                began = time.perf_counter()
                search(engine, event, text)
                key_base.append((time.perf_counter() - began) * 1000)
            time.sleep(0.09)  # a person's pace between two keys
            QApplication.processEvents()
            if len(key_ms) >= KEYS:
                break
        if len(key_ms) >= KEYS:
            break
    desk.clear_search()

    # A burst, then Enter → the answer painted, with where to go next.
    burst_ms: list[float] = []
    for code, _ in people[:scans]:
        # A desk at rest between two badges (a person steps up: a second or more; here
        # 0.2 s), so that what follows an answer (the list of last answers) is done.
        pause = time.perf_counter() + 0.2
        settle(lambda p=pause: time.perf_counter() > p)
        for ch in code:
            QTest.sendKeyEvent(QTest.KeyAction.Click, QApplication.focusWidget(), Qt.Key.Key_unknown,
                               ch, Qt.KeyboardModifier.NoModifier)
        Painted.at = 0.0
        start = time.perf_counter()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        settle(lambda c=code, s=start: desk.current is not None and desk.current.code == c
               and Painted.at > s and not desk.busy())
        burst_ms.append((Painted.at - start) * 1000)
    service = ScanService(engine, event, desk="bench-base")
    burst_base: list[float] = []
    for code, _ in searched[:scans]:
        began = time.perf_counter()
        answer = service.scan(code)
        if answer.attendee_id is not None:
            route(engine, event, code, datetime.now(UTC))
        burst_base.append((time.perf_counter() - began) * 1000)
    desk.detach()
    return {"key": key_ms, "key_base": key_base, "burst": burst_ms, "burst_base": burst_base}


if __name__ == "__main__":
    print(json.dumps(_measure(sys.argv[1])))
