"""`checkin scan -` on a shared PostgreSQL server is a desk with a replica and an outbox
(issue 19): it answers while the link is silent, says so on stderr in the user's language,
and its queue reaches the server exactly once — even when the process is killed (-9) in
the middle of sending it.

Each process here is a real `checkin` started as a volunteer's script would start it, its
server reached through a relay with keepalives off.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkin.core.demo import load_demo
from checkin.store import open_store
from checkin.bench.relay import Relay, pg_target, pg_url_through

OFFLINE_SCANS = 400


def start_stream(url: str, home: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "XDG_DATA_HOME": str(home), "CHECKIN_LANG": "fr"}
    return subprocess.Popen(
        [sys.executable, "-m", "checkin", "--db", url, "scan", "-", "--desk", "Accueil 2", *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        text=True, bufsize=1)


def answer_of(proc: subprocess.Popen, code: str, within: float) -> tuple[float, str]:
    assert proc.stdin is not None and proc.stdout is not None
    start = time.monotonic()
    proc.stdin.write(code + "\n")
    proc.stdin.flush()
    ready, _, _ = select.select([proc.stdout], [], [], within)
    assert ready, f"no answer to {code} within {within} s"
    return time.monotonic() - start, proc.stdout.readline()


def server_scans(engine: sa.Engine) -> list[sa.Row]:
    with engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT uuid, code FROM scan ORDER BY id")))


@pytest.mark.slow
def test_the_stream_answers_offline_and_its_queue_survives_a_kill_during_replay(pg_url, tmp_path):
    engine = open_store(pg_url)
    event = load_demo(engine, 60).event_id
    with engine.connect() as conn:
        codes = list(conn.execute(sa.text(
            "SELECT code FROM attendee WHERE event_id = :e AND status = 'registered' ORDER BY id"),
            {"e": event}).scalars())
    relay = Relay(pg_target(pg_url))
    url = pg_url_through(pg_url, relay)
    try:
        desk = start_stream(url, tmp_path)
        assert "Bienvenue" in answer_of(desk, codes[0], within=30)[1]  # online, first start
        time.sleep(1.5)  # its first copy of the event is made meanwhile
        relay.blackhole()
        took, line = answer_of(desk, codes[1], within=10)
        assert "Bienvenue" in line and took < 2.0  # decided on the desk's copy at its deadline
        for i in range(OFFLINE_SCANS - 1):
            took, _line = answer_of(desk, codes[(i + 2) % len(codes)], within=5)
            assert took < 1.0
        desk.stdin.close()  # the volunteer closes it while still offline
        err = desk.stderr.read()
        assert desk.wait(timeout=30) == 0
        assert "checkin: Hors ligne — " in err  # said on stderr, in French
        assert f"{OFFLINE_SCANS} scans attendent encore sur ce poste" in err
        assert len(server_scans(engine)) == 1  # only the online one reached the server

        relay.pass_()
        relay.delay(0.003)  # a slower link: the replay takes long enough to be killed in it
        again = start_stream(url, tmp_path)
        end = time.monotonic() + 60
        while len(server_scans(engine)) < 1 + OFFLINE_SCANS // 4:
            assert time.monotonic() < end, "the replay never started"
            time.sleep(0.01)
        again.send_signal(signal.SIGKILL)  # kill -9 in the middle of sending the queue
        again.wait(timeout=10)
        sent_before_kill = len(server_scans(engine))
        assert 1 < sent_before_kill < 1 + OFFLINE_SCANS

        relay.pass_()
        last = start_stream(url, tmp_path)
        last.stdin.close()  # nothing new: it only sends what waits, then ends
        err = last.stderr.read()
        assert last.wait(timeout=60) == 0, err
        assert "attendent encore" not in err
        scans = server_scans(engine)
        assert len(scans) == 1 + OFFLINE_SCANS  # each once: none lost, none doubled
        assert len({s.uuid for s in scans}) == len(scans)
        expected = [codes[0]] + [codes[(i + 1) % len(codes)] for i in range(OFFLINE_SCANS)]
        assert [s.code for s in scans] == expected  # in the order scanned
    finally:
        relay.close()
        engine.dispose()
