"""The disk fills up during the rush (a laptop whose disk is full of videos, a USB stick).

What must hold: the scan that cannot be written is refused with a clear message (the
volunteer sees "not recorded", not a traceback), the desk keeps running, and every scan
acknowledged before is still in the store when it is opened again.
"""

from __future__ import annotations

import os
import queue
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from checkin.core.admission.scan import ScanService
from checkin.store import StoreError, open_store
from tests.helpers.stores import count, demo_store, scans_by_uuid

pytestmark = pytest.mark.slow


def _cap_pages(engine: sa.Engine, extra: int) -> None:
    """From now on the database may grow by `extra` pages only: SQLite then answers
    "database or disk is full" exactly as on a full disk."""
    with engine.connect() as conn:
        limit = conn.exec_driver_sql("PRAGMA page_count").scalar_one() + extra

    @event.listens_for(engine, "connect")
    def _limit(dbapi_conn, _record) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {limit}")

    engine.dispose()  # pooled connections made before the cap would ignore it


def test_full_store_refuses_the_scan_clearly_and_keeps_every_acknowledged_one(
        tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    engine = open_store(str(path))
    event_id, codes = demo_store(engine, 300)
    _cap_pages(engine, 4)
    service = ScanService(engine, event_id, desk="d1")
    acknowledged: dict[str, int] = {}  # scan uuid -> scan id shown to the volunteer
    refused: list[tuple[str, str, str]] = []  # (uuid, code, message)
    for code in codes:
        scan_uuid = str(uuid.uuid4())
        try:
            answer = service.scan(code, scan_uuid=scan_uuid)
        except StoreError as exc:
            refused.append((scan_uuid, code, str(exc)))
            if len(refused) == 3:  # the desk goes on trying: each try fails the same way
                break
        else:
            assert answer.result == "admitted"
            acknowledged[scan_uuid] = answer.scan_id
    assert acknowledged and refused, "the cap should let some scans in, then refuse"
    for _, _, message in refused:
        assert "full" in message and str(path) in message and "\n" not in message
    engine.dispose()

    reopened = open_store(str(path))  # space freed: the store opens as it was
    with reopened.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        stored = dict(conn.execute(sa.text("SELECT uuid, id FROM scan")).all())
    assert stored == acknowledged  # all acknowledged scans, and nothing of the refused ones
    assert count(reopened, "SELECT count(*) FROM presence WHERE inside") == len(acknowledged)
    # The desk replays what was refused: each is recorded once.
    service = ScanService(reopened, event_id, desk="d1")
    for scan_uuid, code, _ in refused + refused:
        assert service.scan(code, scan_uuid=scan_uuid).result in ("admitted", "already_in")
    assert set(scans_by_uuid(reopened, [u for u, _, _ in refused]).values()) == {1}
    reopened.dispose()


def _codes(path: Path, n: int) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute(
            "SELECT code FROM attendee WHERE status = 'registered' ORDER BY id LIMIT ?", (n,))]


def test_cli_stream_on_a_full_disk_says_so_once_waits_and_loses_nothing_printed(
        tmp_path: Path) -> None:
    """A real write failure from the OS: the process may not grow any file past a limit
    (RLIMIT_FSIZE, SIGXFSZ ignored, so write() fails with EFBIG as on a full disk). The
    stream does not end (issue 19: space may be freed): it says once why it waits, answers
    nothing it could not record, and when it is stopped every printed answer is stored."""
    path = tmp_path / "desk.sqlite3"
    engine = open_store(str(path))
    demo_store(engine, 300)
    engine.dispose()
    limit = 256 * 1024  # the write-ahead log may hold a few scans, then the disk is "full"

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    codes = _codes(path, 300)
    proc = subprocess.Popen(
        [sys.executable, "-m", "checkin", "--db", str(path), "scan", "-", "--desk", "d1"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=limited,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "CHECKIN_LANG": "en"})
    assert proc.stdin and proc.stderr
    told: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: told.put(proc.stderr.readline()), daemon=True).start()
    try:
        proc.stdin.write("\n".join(codes) + "\n")
        proc.stdin.flush()
        said = told.get(timeout=120)
        assert "Store unavailable:" in said and "cannot be written" in said and str(path) in said
        assert proc.poll() is None  # waiting, not ended
    finally:
        proc.terminate()
        out, rest = proc.communicate(timeout=30)
    assert "Traceback" not in rest and "Store unavailable" not in rest  # said once
    printed = [line.split() for line in out.splitlines()]
    assert 0 < len(printed) < len(codes)
    assert all(p[0] == "Welcome!" for p in printed)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = [r[0] for r in conn.execute(
            "SELECT code FROM scan WHERE result = 'admitted' ORDER BY id")]
    assert stored == [p[1] for p in printed]  # every printed answer kept; nothing unprinted
