"""`checkin scan -` when the store goes away mid-stream (issue 19): it never exits and
nothing is doubled. On its own SQLite file it says so on stderr, waits, and answers every
code once the store is back; on a shared server it is a desk that answers from its own copy
and sends the queue once the link is back. Before: a lock held past the busy timeout ended
the process at the 21st code of 30, a server cut off at the 31st of 100, and the scanner's
next codes went to the shell.

The codes are fed one at a time as a scanner types them, each answer read before the next
code: the real process, its real stdin, a real lock or a real cut link (checkin/bench/relay.py,
keepalives off)."""

from __future__ import annotations

import os
import queue
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkin.core.demo import load_demo
from checkin.store import open_store

OUTAGE_AFTER = 6
CODES = 14
# Longer than the store's own patience (SQLite's 5 s busy timeout, libpq's 5 s
# connect_timeout): the stream has been told the store is unavailable by then.
AWAY_S = 7


def registered_codes(url: str) -> list[str]:
    engine = open_store(url)
    load_demo(engine, 40)
    with engine.connect() as conn:
        codes = list(conn.execute(sa.text(
            "SELECT code FROM attendee WHERE status = 'registered' AND source = 'demo' "
            "ORDER BY id LIMIT :n"), {"n": CODES}).scalars())
    engine.dispose()
    return codes


def scan_stream(url: str, codes: list[str], outage: Callable[[], None],
                back: Callable[[], None], home: Path,
                waits: bool = True) -> tuple[list[str], str, int]:
    """Feed `codes`; after OUTAGE_AFTER answers, `outage()`. `waits`: the next code then
    waits, and `back()` runs once it has waited AWAY_S unanswered; else every code is
    answered meanwhile and `back()` runs before the stream's end. Returns (answers, stderr,
    exit code)."""
    proc = subprocess.Popen([sys.executable, "-m", "checkin", "--db", url, "scan", "-",
                             "--desk", "d1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", "CHECKIN_LANG": "en",
                                 "XDG_DATA_HOME": str(home)})
    assert proc.stdin and proc.stdout and proc.stderr
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    answers: list[str] = []
    try:
        for i, code in enumerate(codes):
            if i == OUTAGE_AFTER:
                outage()
            proc.stdin.write(code + "\n")
            proc.stdin.flush()
            if i == OUTAGE_AFTER and waits:
                with pytest.raises(queue.Empty):  # no answer while the store is away
                    lines.get(timeout=AWAY_S)
                assert proc.poll() is None, "the stream ended instead of waiting"
                back()
            line = lines.get(timeout=30 if waits else 5)  # the timing: test_offline_desk
            assert line is not None, f"the stream ended at code {i + 1}"
            answers.append(line)
        if not waits:
            back()
        proc.stdin.close()
        status = proc.wait(timeout=30)
        return answers, proc.stderr.read(), status
    finally:
        if proc.poll() is None:
            proc.kill()


def assert_each_admitted_once(engine: sa.Engine, codes: list[str], answers: list[str]) -> None:
    assert [a.split()[0] for a in answers] == ["Welcome!"] * len(codes)
    assert [a.split()[1] for a in answers] == codes
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT code, count(*) FROM scan WHERE result = 'admitted' GROUP BY code")).all()
    assert dict(rows) == {code: 1 for code in codes}  # nothing lost, nothing doubled


def test_a_lock_held_past_the_busy_timeout_makes_the_stream_wait(tmp_path: Path):
    path = tmp_path / "desk.sqlite3"
    codes = registered_codes(str(path))
    holder: list[sqlite3.Connection] = []

    def outage() -> None:  # another program takes the write lock and keeps it
        lock = sqlite3.connect(path, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        holder.append(lock)

    def back() -> None:
        holder[0].execute("ROLLBACK")
        holder[0].close()

    answers, stderr, status = scan_stream(str(path), codes, outage, back, tmp_path)
    assert status == 0
    assert "Store unavailable:" in stderr and "locked by another program" in stderr
    assert "Store back after" in stderr
    assert_each_admitted_once(open_store(str(path)), codes, answers)


def test_a_server_cut_off_leaves_the_stream_answering_then_sending_its_queue(pg_url, tmp_path):
    from checkin.bench.relay import pg_target, pg_url_through, relay

    codes = registered_codes(pg_url)
    with relay(pg_target(pg_url)) as link:
        def outage() -> None:  # the server goes away: its sessions reset, new ones unanswered
            link.cut()
            link.drop_new()

        answers, stderr, status = scan_stream(pg_url_through(pg_url, link), codes, outage,
                                              link.pass_, tmp_path, waits=False)
    assert status == 0
    assert "checkin: Offline — " in stderr and stderr.rstrip().endswith("checkin: Online")
    assert "still wait" not in stderr  # the queue reached the server before the end
    assert_each_admitted_once(open_store(pg_url), codes, answers)
