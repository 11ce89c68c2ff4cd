"""Migrations: a new store gets the whole schema, the shipped migrations match the models,
and a store this checkin does not understand is refused without being changed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import checkin.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from checkin.store import SchemaTooNew, StoreCorrupt, open_store, store_info, upgrade_store
from checkin.store.migrate import current_revision, head_revision, script_directory

MODEL_TABLES = set(SQLModel.metadata.tables)


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return set(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _snapshot(url: str) -> dict[str, list]:
    """Every row of every table, read with a plain engine (no checkin settings)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            meta = sa.MetaData()
            meta.reflect(conn)
            return {name: sorted(map(tuple, conn.execute(sa.select(table)).all()), key=repr)
                    for name, table in meta.tables.items()}
    finally:
        engine.dispose()


def test_migrations_form_one_line_of_history() -> None:
    """Two heads (two branches merged without a merge revision) would stop every upgrade."""
    script = script_directory()
    assert script.get_heads() == [head_revision()]
    chain = list(script.walk_revisions())  # from head down to the first one
    assert chain[0].revision == head_revision()
    assert chain[-1].down_revision is None


def test_empty_store_gets_every_table_and_is_stamped_head(store_url: str) -> None:
    engine = open_store(store_url)
    try:
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
        assert _tables(store_url) == MODEL_TABLES | {"alembic_version"}
        info = store_info(engine)
        assert info["schema"] == info["head"] == head_revision()
    finally:
        engine.dispose()


def test_opening_again_applies_nothing(store_url: str) -> None:
    open_store(store_url).dispose()
    engine, changed = upgrade_store(store_url)
    engine.dispose()
    assert changed is False


def test_models_and_migrations_agree(engine: sa.Engine) -> None:
    """A model change without its migration shows up here, on each backend."""
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_store_from_a_newer_checkin_is_refused_untouched(store_url: str) -> None:
    open_store(store_url).dispose()
    plain = sa.create_engine(store_url)
    with plain.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    plain.dispose()
    before = _snapshot(store_url)
    raw = _sqlite_bytes(store_url)
    for migrate in (True, False):  # the desk and `db info` alike
        with pytest.raises(SchemaTooNew) as err:
            open_store(store_url, migrate=migrate)
        assert "newer version of checkin" in str(err.value)
        assert "9999" in str(err.value)
    assert _snapshot(store_url) == before
    with pytest.raises(SchemaTooNew):
        upgrade_store(store_url)
    assert _snapshot(store_url) == before
    assert _sqlite_bytes(store_url) == raw


def test_foreign_database_is_refused_untouched(store_url: str) -> None:
    plain = sa.create_engine(store_url)
    with plain.begin() as conn:
        conn.execute(sa.text("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(50))"))
        conn.execute(sa.text("INSERT INTO customers (id, name) VALUES (1, 'Hélène Dupré')"))
    plain.dispose()
    before = _snapshot(store_url)
    raw = _sqlite_bytes(store_url)
    with pytest.raises(StoreCorrupt) as err:
        open_store(store_url)
    assert "not a checkin store" in str(err.value)
    assert _snapshot(store_url) == before
    assert _tables(store_url) == {"customers"}
    assert _sqlite_bytes(store_url) == raw  # not even its journal mode was switched


def _sqlite_bytes(url: str) -> bytes | None:
    u = sa.make_url(url)
    return Path(u.database).read_bytes() if u.get_backend_name() == "sqlite" else None


_OPENER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from checkin.store import open_store
    from checkin.store.migrate import current_revision, head_revision, script_directory
    url, ready, go = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    head_revision()  # parse the migrations now, so both start the race together
    ready.touch()
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.002)
    engine = open_store(url)
    with engine.connect() as conn:
        print(current_revision(conn))
    engine.dispose()
""")


@pytest.mark.slow
def test_two_desks_opening_a_new_store_at_once(store_url: str, tmp_path: Path) -> None:
    """Two desks started together on a new store: both open it, the schema is made once."""
    go = tmp_path / "go"
    procs = [subprocess.Popen(
        [sys.executable, "-c", _OPENER, store_url, str(tmp_path / f"ready{i}"), str(go)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
    try:
        deadline = time.monotonic() + 60
        while not all((tmp_path / f"ready{i}").exists() for i in range(2)):
            assert all(p.poll() is None for p in procs), "a desk process died while starting"
            assert time.monotonic() < deadline, "desk processes did not start"
            time.sleep(0.01)
        go.touch()
        results = [p.communicate(timeout=60) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err
        assert out.strip() == head_revision()
    engine = open_store(store_url)
    try:
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            versions = conn.execute(sa.text("SELECT version_num FROM alembic_version")).all()
        assert len(versions) == 1
    finally:
        engine.dispose()


def test_upgrading_a_store_with_data_keeps_every_row(store_url: str) -> None:
    """SQLite alters a table by copying it: with foreign keys on, dropping the old copy
    would cascade to enrollments. A store from schema 0003 keeps all of them."""
    from alembic import command

    from checkin.store.migrate import alembic_config

    raw = sa.create_engine(store_url)
    with raw.begin() as conn:
        command.upgrade(alembic_config(conn), "0003")
        conn.execute(sa.text(
            "INSERT INTO event (id, key, name, venue, address, timezone, starts_at, ends_at, created_at, updated_at) "
            "VALUES (1, 'e', 'E', '', '', 'Europe/Paris', :t, :t, :t, :t)"), {"t": "2026-12-10 08:00:00"})
        conn.execute(sa.text(
            "INSERT INTO session (id, event_id, key, title, kind, starts_at, ends_at, audience_categories, "
            "audience_professions, speakers, description) "
            "VALUES (1, 1, 's', 'S', 'plenary', :t, :t, '[]', '[]', '[]', '')"),
            {"t": "2026-12-10 09:00:00"})
        for i in range(1, 4):
            conn.execute(sa.text(
                "INSERT INTO attendee (id, event_id, code, source, source_id, source_order, first_name, last_name, "
                "email, phone, organisation, job_title, profession, city, postcode, notes, attention, "
                "attention_text, consent, status, walk_in, search_text, created_at, updated_at) VALUES "
                "(:i, 1, :c, 'x', '', '', 'A', 'B', '', '', '', '', '', '', '', '', false, '', false, "
                "'registered', false, 'a b', :t, :t)"), {"i": i, "c": f"C{i}", "t": "2026-11-01 10:00:00"})
            conn.execute(sa.text(
                "INSERT INTO enrollment (attendee_id, session_id, status, position, created_at, updated_at) "
                "VALUES (:i, 1, 'booked', 0, :t, :t)"), {"i": i, "t": "2026-11-01 10:00:00"})
    raw.dispose()
    engine = open_store(store_url)
    try:
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            assert conn.execute(sa.text("SELECT count(*) FROM enrollment")).scalar() == 3
            assert conn.execute(sa.text("SELECT count(*) FROM attendee")).scalar() == 3
            if conn.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def _event_with_registrants(conn: sa.Connection, people: int, t: str) -> None:
    """Event 1 and registrants 1..people (codes C1…), written as raw rows of an old schema."""
    conn.execute(sa.text(
        "INSERT INTO event (id, key, name, venue, address, timezone, starts_at, ends_at, "
        "created_at, updated_at) VALUES (1, 'e', 'E', '', '', 'Europe/Paris', :t, :t, :t, :t)"),
        {"t": t})
    for i in range(1, people + 1):
        conn.execute(sa.text(
            "INSERT INTO attendee (id, event_id, code, source, source_id, source_order, first_name, "
            "last_name, email, phone, organisation, job_title, profession, city, postcode, notes, "
            "attention, attention_text, consent, status, walk_in, created_at, updated_at) VALUES "
            "(:i, 1, :c, 'x', '', '', 'A', 'B', '', '', '', '', '', '', '', '', false, '', false, "
            "'registered', false, :t, :t)"), {"i": i, "c": f"C{i}", "t": t})


def test_a_store_with_scans_learns_who_is_inside_when_upgraded(store_url: str) -> None:
    """0006 adds the presence table: a store from 0005 with scans (one undone, one exit)
    must come out knowing exactly who is inside, as the scans say."""
    from alembic import command

    from checkin.store.migrate import alembic_config

    t = "2026-12-10 08:00:00"
    raw = sa.create_engine(store_url)
    with raw.begin() as conn:
        command.upgrade(alembic_config(conn), "0005")
        _event_with_registrants(conn, 3, t)
        scans = [(1, 1, "entry", "admitted", None), (2, 2, "entry", "admitted", None),
                 (3, 2, "exit", "exited", None), (4, 3, "entry", "admitted", None),
                 (5, 3, "undo", "undone", 4), (6, 1, "entry", "already_in", None)]
        for sid, who, kind, result, undoes in scans:
            conn.execute(sa.text(
                "INSERT INTO scan (id, uuid, event_id, code, attendee_id, kind, desk, operator, desk_time, "
                "recorded_at, result, reason, undoes_scan_id) VALUES (:id, :u, 1, 'c', :a, :k, 'd', '', :t, :t, "
                ":r, '', :undoes)"), {"id": sid, "u": f"u{sid}", "a": who, "k": kind, "t": t, "r": result,
                                     "undoes": undoes})
    raw.dispose()
    engine = open_store(store_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT attendee_id, place, inside, scan_id FROM presence ORDER BY attendee_id")).all()
        assert [(a, p, bool(i), s) for a, p, i, s in rows] == [(1, 0, True, 1), (2, 0, False, 3)]
    finally:
        engine.dispose()


def test_door_admissions_count_as_inside_the_venue_after_the_upgrade(store_url: str) -> None:
    """0008: someone only ever admitted at a session's door is inside the venue; a door
    entry that was undone, a refusal or leaving a session changes nothing."""
    from alembic import command

    from checkin.store.migrate import alembic_config

    t = "2026-12-10 08:00:00"
    raw = sa.create_engine(store_url)
    with raw.begin() as conn:
        command.upgrade(alembic_config(conn), "0007")
        _event_with_registrants(conn, 5, t)
        conn.execute(sa.text(
            "INSERT INTO session (id, event_id, key, title, kind, starts_at, ends_at, "
            "audience_professions, audience_categories, speakers, description) VALUES "
            "(1, 1, 's', 'S', 'plenary', :t, :t, '[]', '[]', '[]', '')"), {"t": t})
        scans = [  # (id, who, kind, session, result, undoes)
            (1, 1, "session_entry", 1, "admitted", None),   # 1: in by a door only
            (2, 1, "session_exit", 1, "exited", None),      #    left the room, not the venue
            (3, 2, "session_entry", 1, "admitted", None),   # 2: door entry undone
            (4, 2, "undo", 1, "undone", 3),
            (5, 3, "entry", None, "admitted", None),        # 3: entrance, then out
            (6, 3, "exit", None, "exited", None),
            (7, 4, "session_entry", 1, "not_eligible", None),  # 4: refused at the door
            (8, 5, "exit", None, "exited", None),           # 5: out, then back in by a door
            (9, 5, "session_entry", 1, "admitted", None),
        ]
        for sid, who, kind, session, result, undoes in scans:
            conn.execute(sa.text(
                "INSERT INTO scan (id, uuid, event_id, code, attendee_id, kind, session_id, desk, "
                "operator, desk_time, recorded_at, result, reason, undoes_scan_id) VALUES (:id, :u, 1, "
                "'c', :a, :k, :s, 'd', '', :t, :t, :r, '', :undoes)"),
                {"id": sid, "u": f"u{sid}", "a": who, "k": kind, "s": session, "t": t, "r": result,
                 "undoes": undoes})
    raw.dispose()
    engine = open_store(store_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT attendee_id, inside, scan_id FROM presence "
                                        "WHERE place = 0 ORDER BY attendee_id")).all()
        assert [(a, bool(i), s) for a, i, s in rows] == [(1, True, 1), (3, False, 6), (5, True, 9)]
    finally:
        engine.dispose()


def test_the_head_read_from_the_files_is_alembics() -> None:
    """Opening a store compares against a head read without Alembic: it must agree."""
    from checkin.store.migrate import head_revision, script_directory

    assert head_revision() == script_directory().get_current_head()
