"""`checkin` in a terminal (issue 16, point 9): Ctrl-C and `kill` close the desk window as
its Quit menu does, `checkin search … | head` ends quietly, Ctrl-C ends `checkin scan -`
with one line and every printed answer kept.

Each test runs `checkin` as a real process: a signal, a pipe whose reader leaves, and
Python's flush of stdout at exit only happen there.
"""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from checkin.core.demo import load_demo
from checkin.store import open_store

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.name == "nt", reason="POSIX signals and pipes")]

START_TIMEOUT = 60  # a cold start of the window on a loaded 2-core machine
EXIT_TIMEOUT = 5    # a signal to an exit: the "within a few seconds"

# The desk as `checkin --db DB` starts it, telling the test when its event loop runs (the
# handlers are in place by then) and when the window's close path ran.
_DESK = """
import sys
from PySide6.QtCore import QTimer
from checkin.ui.main_window import MainWindow

shown, closing = MainWindow.showEvent, MainWindow.closeEvent

def show_event(self, event):
    shown(self, event)
    QTimer.singleShot(0, lambda: print("loop running", flush=True))

def close_event(self, event):
    closing(self, event)
    print("window closed", flush=True)

MainWindow.showEvent, MainWindow.closeEvent = show_event, close_event
from checkin.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _demo(path: Path, attendees: int) -> Path:
    engine = open_store(str(path))
    load_demo(engine, attendees, seed=1)
    engine.dispose()
    return path


def _codes(path: Path, n: int) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute(
            "SELECT code FROM attendee WHERE status = 'registered' ORDER BY id LIMIT ?", (n,))]


def _checkin(*argv: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "checkin", *argv], text=True, **popen)


def _lines(stream) -> queue.Queue[str]:
    """The stream's lines as they come, read by a thread ("" once it ends)."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stream:
            lines.put(line)
        lines.put("")

    threading.Thread(target=read, daemon=True).start()
    return lines


def _wait_for(lines: queue.Queue[str], wanted: str, timeout: float) -> bool:
    try:
        while (line := lines.get(timeout=timeout)) != "":
            if line.strip() == wanted:
                return True
    except queue.Empty:
        pass
    return False


def _ended(proc: subprocess.Popen, timeout: float) -> tuple[int | None, str]:
    """(exit status, stderr); None when the process was still running after `timeout`."""
    try:
        status: int | None = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        status = None
        proc.kill()
        proc.wait(timeout=10)
    assert proc.stderr is not None
    return status, proc.stderr.read()


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _demo(tmp_path_factory.mktemp("small") / "s.sqlite3", 20)


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough people matching "a" for 500 lines of search results (~90 KB), more than a pipe
    holds: the search is still writing when its reader leaves."""
    return _demo(tmp_path_factory.mktemp("big") / "s.sqlite3", 3000)


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 0)],
                         ids=["SIGINT", "SIGTERM"])
def test_a_signal_closes_the_desk_window_as_quit_does(small_store: Path, sig: signal.Signals,
                                                      status: int) -> None:
    """Ctrl-C (SIGINT) or `kill` (SIGTERM): the window's close path runs, the process ends
    at once without a traceback; 130 says "interrupted" as a shell would, SIGTERM is a
    clean stop (0)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-c", _DESK, "--db", str(small_store)], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    lines = _lines(proc.stdout)
    started = _wait_for(lines, "loop running", START_TIMEOUT)
    if not started:
        proc.kill()
    assert started, _ended(proc, 10)[1]
    proc.send_signal(sig)
    code, err = _ended(proc, EXIT_TIMEOUT)
    assert code is not None, f"still running {EXIT_TIMEOUT} s after {sig.name}: {err}"
    assert _wait_for(lines, "window closed", 1), "the window's close path did not run"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert code == status


@pytest.mark.parametrize(("leaves", "buffered"), [
    ("after_first_line", True), ("after_first_line", False), ("before_any_output", True)])
def test_search_into_a_reader_that_leaves_ends_quietly(big_store: Path, small_store: Path,
                                                       leaves: str, buffered: bool) -> None:
    """`checkin search … | head -1`: the reader leaves while the search writes (a big
    answer), or before it wrote anything (a small answer, still in stdout's buffer when the
    command returns). Either way: status 0, nothing on stderr.

    Buffered is stdout into a pipe as a user's shell has it; PYTHONUNBUFFERED=1 (set on some
    machines) writes each line at once instead: both ways of meeting the broken pipe."""
    store, limit = (big_store, "500") if leaves == "after_first_line" else (small_store, "3")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    proc = _checkin("--db", str(store), "search", "a", "--limit", limit, env=env,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    if leaves == "after_first_line":
        assert proc.stdout.readline().strip()
    proc.stdout.close()
    code, err = _ended(proc, 60)
    assert "BrokenPipeError" not in err and "Traceback" not in err, err
    assert err == ""
    assert code == 0


def test_ctrl_c_ends_a_scan_stream_with_one_line_and_keeps_its_answers(small_store: Path,
                                                                       tmp_path: Path) -> None:
    """Ctrl-C while `checkin scan -` waits for the next code (stdin still open): status
    130, one line on stderr, and every answer it printed is in the store."""
    db = tmp_path / "scan.sqlite3"
    db.write_bytes(small_store.read_bytes())
    proc = _checkin("--db", str(db), "scan", "-", "--desk", "d1", stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    env={**os.environ, "CHECKIN_LANG": "en"})  # answers in English: "Welcome!"
    assert proc.stdin is not None and proc.stdout is not None
    printed = []
    for code in _codes(db, 3):
        proc.stdin.write(code + "\n")
        proc.stdin.flush()
        printed.append(proc.stdout.readline().split())
    proc.send_signal(signal.SIGINT)
    status, err = _ended(proc, EXIT_TIMEOUT)
    proc.stdin.close()  # only now: the stream never ended on its own
    assert status == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.splitlines() == ["checkin: interrupted"]
    assert [p[0] for p in printed] == ["Welcome!"] * 3
    with sqlite3.connect(db) as conn:
        stored = [r[0] for r in conn.execute(
            "SELECT code FROM scan WHERE result = 'admitted' ORDER BY id")]
    assert stored == [p[1] for p in printed]
