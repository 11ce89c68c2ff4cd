"""`checkin scan`: exit codes, and answers printed only once they are durable."""

from __future__ import annotations

import sqlite3
import time

from checkin.cli import main
from checkin.core.demo import load_demo
from checkin.store import open_store
from tests.helpers.cli import kill_scan_stream


def _codes(path, n):
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute(
            "SELECT code FROM attendee WHERE source = 'demo' AND status = 'registered' LIMIT ?", (n,))]


def test_exit_codes(tmp_path, capsys):
    db = tmp_path / "s.sqlite3"
    load_demo(open_store(str(db)), 20, seed=1)
    (code,) = _codes(db, 1)
    assert main(["--db", str(db), "scan", code, "--desk", "d1"]) == 0
    assert main(["--db", str(db), "scan", code, "--desk", "d2"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("Already in since ")
    assert main(["--db", str(db), "scan", "NOT-A-CODE"]) == 1
    assert main(["--db", str(db), "scan", code, "--exit"]) == 0


def test_every_printed_admission_survives_a_kill(tmp_path):
    """SIGKILL mid-stream: each admission already printed ("Welcome!") is in the store."""
    db = tmp_path / "s.sqlite3"
    load_demo(open_store(str(db)), 400, seed=2)
    printed = kill_scan_stream(str(db), _codes(db, 300), answers=40)
    time.sleep(0.1)
    admitted = [parts[1] for parts in printed if parts and parts[0] == "Welcome!"]
    assert len(admitted) == 40
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT code FROM scan WHERE result = 'admitted'")}
    assert set(admitted) <= stored
