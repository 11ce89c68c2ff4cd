"""The RGPD purge leaves nothing readable (issue 20): not in the store's files, not in a copy
of them, not in a dump of every table — with a desk still connected, on an SQLite built
without secure_delete (tests/helpers/insecure_sqlite), and after that desk is killed.

Each check reads the files' bytes, as anyone who copied the store from the laptop would.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkin.core.demo import load_demo
from checkin.core.privacy import person_data
from checkin.core.registrants.corrections import correct_attendee
from checkin.store import open_store

INSECURE = Path(__file__).parent.parent / "helpers" / "insecure_sqlite"
ATTENDEES = 200


def insecure_env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(INSECURE), os.getcwd()]),
            "XDG_DATA_HOME": str(tmp / "home"), "CHECKIN_LANG": "en"}


def checkin(tmp: Path, db: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checkin", "--db", str(db), *argv],
                          capture_output=True, text=True, env=insecure_env(tmp), timeout=120)


def a_day_of_personal_data(db: Path) -> tuple[int, list[str]]:
    """The sample event after a day at the desk: a name corrected, an override at a door,
    a person's data given out; returns the event and its registrants' codes."""
    engine = open_store(f"sqlite:///{db}")
    event = load_demo(engine, ATTENDEES).event_id
    with engine.connect() as conn:
        people = conn.execute(sa.text(
            "SELECT id, code, first_name, last_name, organisation FROM attendee "
            "WHERE event_id = :e AND source = 'demo' ORDER BY id"), {"e": event}).all()
    fixed = people[3]
    correct_attendee(engine, event, fixed.id, first_name=fixed.first_name + "-Marie",
                     last_name=fixed.last_name.upper(), organisation=fixed.organisation,
                     actor="vol", desk="desk 1")
    person_data(engine, event, people[4].code, actor="staff")
    engine.dispose()
    return event, [p.code for p in people]


def personal_values(db: Path) -> dict[str, set[bytes]]:
    """Every email, phone, ticket code and name the store holds now (names that are also an
    organisation, a city or a title stay out: the purge keeps those on purpose)."""
    conn = sqlite3.connect(db)
    kept = " ".join(str(v) for row in conn.execute(
        "SELECT organisation, city, profession FROM attendee UNION ALL "
        "SELECT title, key, description FROM session UNION ALL SELECT name, key, '' FROM room UNION ALL "
        "SELECT name, venue, address FROM event") for v in row).casefold()
    found: dict[str, set[bytes]] = {"email": set(), "phone": set(), "code": set(), "name": set()}
    for code, first, last, email, phone in conn.execute(
            "SELECT code, first_name, last_name, email, phone FROM attendee"):
        found["email"].add(email.encode())
        found["phone"].add(phone.encode())
        if code.casefold() not in kept:
            found["code"].add(code.encode())
        found["name"].add((first + last).encode())  # side by side in the row's record
        found["name"].update(n.encode() for n in (first, last)
                             if len(n) >= 5 and n.casefold() not in kept)
    conn.close()
    return {kind: {v for v in values if len(v) >= 5} for kind, values in found.items()}


def readable(values: dict[str, set[bytes]], data: bytes) -> dict[str, int]:
    return {kind: sum(1 for v in vs if v in data) for kind, vs in values.items()
            if any(v in data for v in vs)}


def store_files(db: Path) -> list[Path]:
    return [p for p in (db, Path(f"{db}-wal"), Path(f"{db}-journal")) if p.exists()]


DESK = """
import sys, time
from checkin.store import open_store
from checkin.core.admission.scan import ScanService
engine = open_store(sys.argv[1])
desk = ScanService(engine, int(sys.argv[2]), desk="desk 2", operator="vol")
print(desk.scan(sys.argv[3]).result, flush=True)
if sys.argv[4] == "reading":  # a read under way: the desk holds a snapshot of the file
    conn = engine.connect()
    conn.exec_driver_sql("SELECT count(*) FROM attendee").all()
print("ready", flush=True)
sys.stdin.readline()
"""


def start_desk(tmp: Path, db: Path, event: int, code: str, mode: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", DESK, f"sqlite:///{db}", str(event), code,
                             mode], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=insecure_env(tmp))
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "admitted"
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_the_purge_with_a_desk_connected_leaves_no_erased_byte_in_any_file(tmp_path: Path) -> None:
    db = tmp_path / "event.sqlite3"
    event, codes = a_day_of_personal_data(db)
    values = personal_values(db)
    desk = start_desk(tmp_path, db, event, codes[0], "idle")
    try:
        done = checkin(tmp_path, db, "privacy", "purge", "--yes")
        shutil.copy(db, tmp_path / "copy.sqlite3")  # what anyone copying the laptop gets
        for path in [*store_files(db), tmp_path / "copy.sqlite3"]:
            assert readable(values, path.read_bytes()) == {}, path.name
        assert done.returncode == 0, done.stderr
        assert "none of them holds the erased data" in done.stdout
    finally:
        desk.send_signal(signal.SIGKILL)  # the desk's machine switched off: its log stays
        desk.wait()
    for path in store_files(db):
        assert readable(values, path.read_bytes()) == {}, f"{path.name} after the desk's kill"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    dump = "\n".join(conn.iterdump()).encode()
    conn.close()
    assert readable(values, dump) == {}


def test_the_journal_keeps_who_did_what_but_no_name_or_code(tmp_path: Path) -> None:
    db = tmp_path / "event.sqlite3"
    event, codes = a_day_of_personal_data(db)
    done = checkin(tmp_path, db, "privacy", "purge", "--yes")
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(db)
    entries = dict(conn.execute("SELECT action, subject || ' ' || details FROM journal "
                                "WHERE action IN ('correct', 'export')"))
    conn.close()
    assert entries["correct"].startswith("ANON-")
    assert '"fields": ["first_name", "last_name"]' in entries["correct"]
    assert entries["export"].startswith("person ANON-")
    assert "1 export(s) still hold personal data" in done.stdout


def test_a_desk_reading_holds_the_rewrite_back_and_says_so_then_a_second_purge_finishes(
        tmp_path: Path) -> None:
    db = tmp_path / "event.sqlite3"
    event, codes = a_day_of_personal_data(db)
    values = personal_values(db)
    desk = start_desk(tmp_path, db, event, codes[0], "reading")
    try:
        held = checkin(tmp_path, db, "privacy", "purge", "--yes")
    finally:
        assert desk.stdin is not None
        desk.stdin.write("\n")
        desk.stdin.close()
        desk.wait(timeout=30)
    assert held.returncode == 1
    assert "event.sqlite3-wal: another program was reading the store" in held.stdout
    assert "run the purge again" in held.stdout
    again = checkin(tmp_path, db, "privacy", "purge", "--yes")
    assert again.returncode == 0, again.stdout + again.stderr
    for path in store_files(db):
        assert readable(values, path.read_bytes()) == {}, path.name


def test_a_killed_export_leaves_no_hidden_file_after_the_next_start(tmp_path: Path) -> None:
    db = tmp_path / "event.sqlite3"
    engine = open_store(f"sqlite:///{db}")
    load_demo(engine, 20_000)
    engine.dispose()
    out = tmp_path / "exports"
    out.mkdir()
    export = subprocess.Popen([sys.executable, "-m", "checkin", "--db", str(db), "export",
                               "absent", "--out", str(out / "absent.csv")],
                              env=insecure_env(tmp_path))
    end = time.monotonic() + 60
    while not list(out.glob(".absent.csv.*.part")) or not list(out.glob(".*.part"))[0].stat().st_size:
        assert export.poll() is None, "the export ended before it could be killed"
        assert time.monotonic() < end
        time.sleep(0.005)
    export.send_signal(signal.SIGKILL)
    export.wait()
    (left,) = out.glob(".absent.csv.*.part")
    assert b"@" in left.read_bytes()  # emails: what nobody knew was there
    later = checkin(tmp_path, db, "search", "nobody")
    assert not list(out.iterdir())
    assert f"deleted {left}" in later.stderr


@pytest.mark.parametrize("kill", [False, True])
def test_an_export_running_in_another_process_keeps_its_file(tmp_path: Path, kill: bool) -> None:
    """The next start deletes only what a dead writer left: a live export is left alone."""
    from checkin.core.exports.unfinished import recorded, sweep

    os.environ["XDG_DATA_HOME"] = str(tmp_path / "home")
    try:
        part = tmp_path / ".x.csv.abc.part"
        part.write_text("alive")
        with recorded(part):
            assert sweep() == []
            assert part.exists()
        if kill:  # its record gone with the writer's normal end: nothing more to delete
            assert sweep() == []
    finally:
        del os.environ["XDG_DATA_HOME"]
