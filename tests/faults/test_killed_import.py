"""`checkin import` killed (SIGKILL: power cut, OOM killer, a volunteer closing the laptop)
in the middle of writing a large export.

The importer writes everything in one transaction, so the store must be exactly as before:
no registrant half-added, no orphan enrollment or search row.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkin.store import open_store
from tests.conftest import SQLModel_tables
from tests.helpers.stores import demo_store

pytestmark = pytest.mark.slow

ROWS = 20_000


def _write_export(path: Path) -> None:
    lines = ["Nom;Prénom;Email;Organisation"]
    lines += [f"Durand{i};Hélène{i};h{i}@example.org;Association {i % 300}" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _counts(engine: sa.Engine) -> dict[str, int]:
    """Rows in every table of the schema: what a half-done import would change."""
    with engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in SQLModel_tables()}


def _sqlite_writing(url: str) -> Callable[[], bool]:
    path = sa.make_url(url).database

    def probe() -> bool:
        """The importer holds the write lock from its first read to its commit."""
        conn = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc)
            return True
        finally:
            conn.close()
    return probe


def _pg_writing(engine: sa.Engine) -> Callable[[], bool]:
    def probe() -> bool:
        """Someone else's transaction has started inserting registrants."""
        with engine.connect() as conn:
            return bool(conn.execute(sa.text(
                "SELECT count(*) FROM pg_locks WHERE relation = 'attendee'::regclass "
                "AND mode = 'RowExclusiveLock' AND granted AND pid <> pg_backend_pid()")).scalar())
    return probe


def _dump(url: str) -> list[str]:
    with sqlite3.connect(sa.make_url(url).database) as conn:
        return list(conn.iterdump())


def test_import_killed_while_writing_leaves_the_store_unchanged(
        store_url: str, backend: str, tmp_path: Path) -> None:
    engine = open_store(store_url)
    demo_store(engine, 50)
    before = _counts(engine)
    dump = _dump(store_url) if backend == "sqlite" else None
    export = tmp_path / "inscrits.csv"
    _write_export(export)
    writing = _sqlite_writing(store_url) if backend == "sqlite" else _pg_writing(engine)

    proc = subprocess.Popen([sys.executable, "-m", "checkin", "--db", store_url, "import",
                             str(export)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ})
    deadline = time.monotonic() + 60
    while not writing():
        assert proc.poll() is None, "the import ended before it was seen writing"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.01)
    time.sleep(0.3)  # well inside the transaction: rows are being inserted
    assert proc.poll() is None, "the import finished before the kill; make the file bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    engine.dispose()
    reopened = open_store(store_url)
    assert _counts(reopened) == before
    if dump is not None:
        assert _dump(store_url) == dump
    reopened.dispose()
