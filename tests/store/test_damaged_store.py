"""A damaged store is refused before anything is written, and what can be read of it is
rescued into a new one; another application's database is refused untouched (issue 20).

The damage is made as a failing disk or a bad copy makes it: whole pages of the
registrants' table overwritten on the file, not a flag set in the code.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from checkin.core.demo import load_demo
from checkin.store import StoreCorrupt, open_store
from tests.helpers.cli import run_cli

PEOPLE = 2000


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, list[str]]:
    """A store whose registrants' table lost three pages; the codes it held before."""
    db = tmp_path / "event.sqlite3"
    engine = open_store(f"sqlite:///{db}")
    load_demo(engine, PEOPLE)
    engine.dispose()
    conn = sqlite3.connect(db)
    codes = [r[0] for r in conn.execute("SELECT code FROM attendee ORDER BY id")]
    pages = [r[0] for r in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'attendee' AND pagetype = 'leaf' ORDER BY pageno")]
    conn.close()
    with db.open("r+b") as f:
        for page in pages[5:8]:
            f.seek((page - 1) * 4096 + 8)
            f.write(bytes((i * 37 + 11) % 256 for i in range(4000)))
    return db, codes


def test_a_damaged_store_refuses_a_scan_and_is_left_as_it_was(capsys, damaged) -> None:
    db, codes = damaged
    before = sha(db)
    code, out, err = run_cli(capsys, "--db", str(db), "scan", codes[-1])
    assert code == 2 and out == ""
    assert f"The store {db} is damaged" in err and "nothing was written" in err
    assert f"checkin db recover {db} NEW.sqlite3" in err
    assert len(err.strip().splitlines()) == 1
    assert sha(db) == before
    assert sqlite3.connect(db).execute("SELECT count(*) FROM scan").fetchone() == (0,)
    code, _out, err = run_cli(capsys, "--db", str(db), "db", "info")
    assert code == 2 and "is damaged" in err and "left untouched" not in err


def test_recover_rescues_what_can_be_read_into_a_store_that_scans(capsys, damaged,
                                                                  tmp_path: Path) -> None:
    db, codes = damaged
    before = sha(db)
    new = tmp_path / "rescued.sqlite3"
    code, out, err = run_cli(capsys, "db", "recover", str(db), str(new))
    assert code == 0, err
    assert "attendee:" in out and "unreadable stretch(es) skipped" in out
    assert out.strip().endswith("The new store is sound.")
    assert sha(db) == before  # only read
    conn = sqlite3.connect(new)
    rescued = {r[0] for r in conn.execute("SELECT code FROM attendee")}
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    conn.close()
    assert PEOPLE * 0.9 < len(rescued) < len(codes)  # three pages' rows lost, no more
    assert rescued <= set(codes)  # nothing made up from the damaged pages
    assert broken == []
    found = next(c for c in reversed(codes) if c in rescued)
    code, out, _err = run_cli(capsys, "--db", str(new), "scan", found)
    assert code == 0 and found in out
    code, out, _err = run_cli(capsys, "--db", str(new), "search", found)
    assert found in out  # the search index was rebuilt


def test_recover_never_overwrites(capsys, damaged, tmp_path: Path) -> None:
    db, _codes = damaged
    taken = tmp_path / "taken.sqlite3"
    taken.write_bytes(b"mine")
    code, _out, err = run_cli(capsys, "db", "recover", str(db), str(taken))
    assert code == 2 and "already exists" in err and taken.read_bytes() == b"mine"


def test_another_applications_database_is_refused_without_being_changed(capsys,
                                                                        tmp_path: Path) -> None:
    other = tmp_path / "billing.db"
    conn = sqlite3.connect(other)
    conn.executescript(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY);"
        "INSERT INTO alembic_version VALUES ('3f2a9c1b7e0d');"
        "CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer TEXT);"
        "INSERT INTO invoice VALUES (1, 'ACME');")
    conn.close()
    before = other.read_bytes()
    for argv in (["search", "acme"], ["db", "info"], ["scan", "X1"]):
        code, _out, err = run_cli(capsys, "--db", str(other), *argv)
        assert code == 2
        assert "is a database, but not a checkin store" in err and "left untouched" in err
    assert other.read_bytes() == before  # still in rollback-journal mode: never switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["billing.db"]
    with pytest.raises(StoreCorrupt):
        open_store(f"sqlite:///{other}")
