"""The purge of a shared event (PostgreSQL, issue 20): the server's tables rewritten, the
desks whose copy predates the purge named, and each desk's copy erased at its next sync —
its replica file and its outbox, on an SQLite without secure_delete, read byte by byte.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkin.core.admission.desk_backend import ScanRequest
from checkin.core.privacy import purge_event
from tests.faults.test_offline_desk import Venue, synced, wait_for

_connect = sqlite3.connect


def _insecure(*args, **kwargs):  # as tests/helpers/insecure_sqlite, in this process
    conn = _connect(*args, **kwargs)
    conn.execute("PRAGMA secure_delete = OFF")
    return conn


@pytest.fixture
def venue(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sqlite3, "connect", _insecure)
    made = Venue(pg_url, tmp_path)
    try:
        yield made
    finally:
        made.close()


def names_and_codes(venue: Venue) -> set[bytes]:
    with venue.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT code, first_name, last_name FROM attendee "
                                    "WHERE source = 'demo'")).all()
    return {v.encode() for r in rows for v in (r.code, r.first_name + r.last_name)}


def test_a_desk_erases_its_copy_and_its_outbox_at_its_next_sync(venue: Venue) -> None:
    desk = venue.desk(refresh_every=0.5)
    venue.relay.blackhole()  # offline: a walk-in and a scan wait in the outbox
    walk_in = desk.decide(ScanRequest("", "volunteer", walk_in={
        "first_name": "Zéphyrine", "last_name": "Quenouille-Offline", "organisation": "Nord"}))
    assert walk_in is not None
    desk.decide(ScanRequest(venue.codes[0], "volunteer"))
    venue.relay.pass_()
    wait_for(lambda: synced(desk), "replayed")
    wait_for(lambda: desk.status().replica_at is not None, "a refresh")
    erased = names_and_codes(venue) | {b"Quenouille-Offline"}
    replica = venue.tmp / "Accueil 1.replica.sqlite3"
    assert b"Quenouille-Offline" in replica.read_bytes() + Path(f"{replica}-wal").read_bytes()

    desk.close()  # a desk switched off before the purge: named by it
    report = purge_event(venue.engine, venue.event, actor="staff")
    assert report.files_scrubbed
    assert any("write-ahead log" in line for line in report.still_held_by)
    assert [d.split(" (")[0] for d in report.desks_pending] == ["Accueil 1"]

    again = venue.desk(refresh_every=0.5)  # switched on again: its first sync erases
    wait_for(lambda: purge_event(venue.engine, venue.event).desks_pending == [],
             "the desk's sync after the purge", within=20)
    again.close()
    for path in replica.parent.glob(replica.name + "*"):
        data = path.read_bytes()
        assert [v for v in erased if v in data] == [], path.name
    conn = _connect(replica)
    assert conn.execute("SELECT count(*) FROM outbox").fetchone() == (0,)
    conn.close()


def test_the_servers_tables_are_rewritten_and_what_remains_is_named(venue: Venue) -> None:
    erased = names_and_codes(venue)
    with venue.engine.connect() as conn:
        before = conn.execute(sa.text("SELECT pg_relation_filepath('attendee')")).scalar()
    report = purge_event(venue.engine, venue.event, actor="staff")
    assert report.files_scrubbed, report.still_held_by
    with venue.engine.connect() as conn:
        after = conn.execute(sa.text("SELECT pg_relation_filepath('attendee')")).scalar()
        try:
            folder = Path(conn.execute(sa.text("SHOW data_directory")).scalar())
        except sa.exc.DBAPIError:
            folder = None
    assert after != before  # VACUUM FULL wrote the table anew; the old file is gone
    if folder is not None and (folder / after).exists():
        data = (folder / after).read_bytes()
        assert [v for v in erased if v in data] == []
        assert not (folder / before).exists()
    assert any("backups" in line for line in report.still_held_by)
