"""A desk's SQLite store held by another program's write transaction for longer than the
busy timeout (a backup tool, a second checkin, a DB browser left in "write changes").

What the volunteer needs: a clear "locked" message instead of a crash, no half-written
scan, and — once the other program lets go — the same scan (same desk-made UUID) recorded
exactly once when retried.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from checkin.cli import main
from checkin.core.admission.scan import ScanService
from checkin.store import StoreUnavailable, open_store
from tests.helpers.stores import count, demo_store, scans_by_uuid

pytestmark = pytest.mark.slow

# Another process takes the write lock, says so, and keeps it until told to let go.
_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE attendee SET notes = notes WHERE id = (SELECT min(id) FROM attendee)")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
"""


class LockHolder:
    """A separate process holding the store's write lock until `release()`."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("go\n")
            self.proc.stdin.flush()
            assert self.proc.wait(timeout=10) == 0


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[Path, list[str], int]]:
    path = tmp_path / "desk.sqlite3"
    engine = open_store(str(path))
    event, codes = demo_store(engine, 30)
    engine.dispose()
    yield path, codes, event


def test_scan_on_a_locked_store_fails_clearly_then_the_retry_counts_once(store) -> None:
    path, codes, event = store
    engine = open_store(str(path), busy_timeout_ms=300)
    service = ScanService(engine, event, desk="d1")
    first_uuid = str(uuid.uuid4())
    first = service.scan(codes[0], scan_uuid=first_uuid)  # acknowledged before the lock
    assert first.result == "admitted"
    holder = LockHolder(path)
    try:
        scan_uuid = str(uuid.uuid4())
        with pytest.raises(StoreUnavailable) as err:
            service.scan(codes[1], scan_uuid=scan_uuid)
        message = str(err.value)
        assert "locked" in message and str(path) in message and "\n" not in message
        # Nothing of the refused scan was written, and nothing acknowledged was lost.
        holder.release()
        assert scans_by_uuid(engine, [scan_uuid]) == {scan_uuid: 0}
        assert count(engine, "SELECT count(*) FROM scan") == 1
        assert count(engine, "SELECT count(*) FROM presence") == 1
    finally:
        holder.release()
    retried = service.scan(codes[1], scan_uuid=scan_uuid)
    again = service.scan(codes[1], scan_uuid=scan_uuid)  # the desk retries once more
    assert retried.result == "admitted" and again.scan_id == retried.scan_id
    assert scans_by_uuid(engine, [first_uuid, scan_uuid]) == {first_uuid: 1, scan_uuid: 1}
    assert count(engine, "SELECT count(*) FROM scan") == 2
    assert count(engine, "SELECT count(*) FROM presence WHERE inside") == 2
    engine.dispose()


def test_cli_scan_on_a_locked_store_says_so_in_one_line_and_exits_2(
        store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path, codes, _ = store
    import checkin.store

    real_open = checkin.store.open_store
    # The CLI waits the default 5 s busy timeout; 300 ms proves the same thing sooner.
    monkeypatch.setattr(checkin.store, "open_store",
                        lambda url=None, **kw: real_open(url, **{**kw, "busy_timeout_ms": 300}))
    holder = LockHolder(path)
    try:
        status = main(["--db", str(path), "scan", codes[0], "--desk", "d1"])
        out, err = capsys.readouterr()
    finally:
        holder.release()
    assert status == 2
    assert out == ""  # no answer shown: nothing was admitted
    assert err.count("\n") == 1 and "locked" in err and "Traceback" not in err
    engine = open_store(str(path))
    assert count(engine, "SELECT count(*) FROM scan") == 0
    assert main(["--db", str(path), "scan", codes[0], "--desk", "d1"]) == 0  # lock gone: works
    assert count(engine, "SELECT count(*) FROM scan WHERE result = 'admitted'") == 1
    engine.dispose()
