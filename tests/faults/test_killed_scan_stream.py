"""`checkin scan -` killed mid-stream on PostgreSQL (tests/cli/test_cli_scan.py covers SQLite).

Each answer printed is a promise to the volunteer: after a SIGKILL, every printed answer
is in the shared store, and no scan the process never answered was half-recorded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
import sqlalchemy as sa

from checkin.store import open_store
from tests.faults.stores import demo_store

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("backend", ["postgresql"])
def test_every_printed_answer_survives_a_kill_on_postgresql(store_url: str) -> None:
    engine = open_store(store_url)
    _, codes = demo_store(engine, 300)
    proc = subprocess.Popen([sys.executable, "-m", "checkin", "--db", store_url, "scan", "-",
                             "--desk", "d1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdin and proc.stdout
    printed = []
    for code in codes[:250]:  # more written than read: the kill lands mid-stream
        proc.stdin.write(code + "\n")
        proc.stdin.flush()
        if len(printed) < 40:
            printed.append(proc.stdout.readline().split())
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert [p[0] for p in printed] == ["admitted"] * 40
    # One snapshot for both reads: a commit sent just before the kill may still land.
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        stored = list(conn.execute(sa.text(
            "SELECT code FROM scan WHERE result = 'admitted' ORDER BY id")).scalars())
        inside = conn.execute(sa.text("SELECT count(*) FROM presence WHERE inside")).scalar_one()
    assert stored[:40] == [p[1] for p in printed]
    assert stored == codes[:len(stored)]  # in order, none doubled, no gap
    assert inside == len(stored)  # presence in step with the log, whatever the kill cut
    engine.dispose()
