"""open_store: safe connection settings, clear refusals, where the store lives, and the
column types and constraints every service relies on."""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from checkin.store import (
    SchemaTooNew, StoreCorrupt, StoreError, StoreUnavailable, open_store, resolve_url,

    store_info,
)
from checkin.store.models import Attendee, Enrollment, Event, EventSession

PARIS = ZoneInfo("Europe/Paris")


def _folder_snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- SQLite connection settings ------------------------------------------------------------

def test_sqlite_connection_is_durable_and_checks_foreign_keys(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'desk.sqlite3'}", busy_timeout_ms=1234)
    try:
        with engine.connect() as conn:
            pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL: an admitted scan survives a power cut
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 1234
    finally:
        engine.dispose()


def test_every_pooled_connection_gets_the_settings(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'desk.sqlite3'}", busy_timeout_ms=777)
    try:
        with engine.connect() as a, engine.connect() as b:
            for conn in (a, b):
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 777
    finally:
        engine.dispose()


# --- stores that must be refused, untouched -------------------------------------------------

@pytest.mark.parametrize("content", [
    pytest.param(os.urandom(8192), id="random-bytes"),
    pytest.param(b"Nom;Prenom;Email\nDupre;Helene;h@example.fr\n" * 50, id="csv-text"),
    pytest.param(b"SQLite format 3\x00" + os.urandom(8192), id="sqlite-header-then-garbage"),
])
def test_corrupt_file_is_refused_and_left_byte_for_byte(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "store.sqlite3"
    path.write_bytes(content)
    before = _folder_snapshot(tmp_path)
    with pytest.raises(StoreCorrupt) as err:
        open_store(f"sqlite:///{path}")
    assert str(path) in str(err.value)
    assert "\n" not in str(err.value)
    assert _folder_snapshot(tmp_path) == before  # no byte changed, no -wal/-shm left


def test_corrupt_file_is_refused_by_db_info_too(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    path.write_bytes(b"\x00\x01garbage" * 1000)
    with pytest.raises(StoreCorrupt):
        open_store(f"sqlite:///{path}", migrate=False)
    assert path.read_bytes() == b"\x00\x01garbage" * 1000


def test_locked_fresh_store_is_reported_as_locked(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreUnavailable) as err:
            open_store(f"sqlite:///{path}", busy_timeout_ms=200)
        assert "locked" in str(err.value)
    finally:
        other.close()
    # Once the other program lets go, the same store opens and is migrated.
    engine = open_store(f"sqlite:///{path}")
    try:
        assert store_info(engine)["schema"] == store_info(engine)["head"]
    finally:
        engine.dispose()


def test_read_only_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    path.touch()
    with pytest.raises(StoreUnavailable) as err:
        open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert "read-only" in str(err.value)
    assert path.read_bytes() == b""


def test_read_only_store_is_refused_for_the_desk_but_readable_for_info(tmp_path: Path) -> None:
    """A desk must learn at start, not at its first scan, that nothing it does can be kept."""
    path = tmp_path / "store.sqlite3"
    open_store(f"sqlite:///{path}").dispose()
    ro_url = f"sqlite:///file:{path}?mode=ro&uri=true"
    with pytest.raises(StoreUnavailable) as err:
        open_store(ro_url)
    assert "read-only" in str(err.value)
    engine = open_store(ro_url, migrate=False)
    try:
        info = store_info(engine)
        assert info["schema"] == info["head"]
    finally:
        engine.dispose()


def test_missing_folder_is_unavailable_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    with pytest.raises(StoreUnavailable) as err:
        open_store(f"sqlite:///{missing / 'store.sqlite3'}")
    assert str(missing) in str(err.value)
    assert not missing.exists()


def test_unreachable_postgresql_is_unavailable() -> None:
    with pytest.raises(StoreUnavailable) as err:
        open_store("postgresql+psycopg://checkin:secret@127.0.0.1:1/checkin")
    message = str(err.value)
    assert "127.0.0.1" in message
    assert "secret" not in message  # the password is never shown
    assert "\n" not in message


def test_store_errors_are_one_family() -> None:
    for cls in (StoreUnavailable, StoreCorrupt, SchemaTooNew):
        assert issubclass(cls, StoreError)


# --- where the store is -------------------------------------------------------------------

def test_bare_path_is_an_sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_url("event.sqlite3") == f"sqlite:///{tmp_path.resolve() / 'event.sqlite3'}"
    assert resolve_url(str(tmp_path / "a b.db")) == f"sqlite:///{tmp_path / 'a b.db'}"


def test_bare_path_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_url("~/checkin.db") == f"sqlite:///{tmp_path.resolve() / 'checkin.db'}"


@pytest.mark.parametrize("given", [
    "postgresql://desk:pw@10.0.0.5:5432/popup",
    "postgres://desk:pw@10.0.0.5:5432/popup",
])
def test_postgresql_url_gets_the_psycopg_driver(given: str) -> None:
    assert resolve_url(given) == "postgresql+psycopg://desk:pw@10.0.0.5:5432/popup"


def test_explicit_driver_url_is_kept() -> None:
    url = "postgresql+psycopg://desk@db.local/popup"
    assert resolve_url(url) == url
    assert resolve_url("sqlite:////srv/checkin.sqlite3") == "sqlite:////srv/checkin.sqlite3"


def test_checkin_db_environment_is_used_when_no_url_given(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKIN_DB", str(tmp_path / "from-env.sqlite3"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'from-env.sqlite3'}"
    # --db still wins over the environment.
    assert resolve_url(str(tmp_path / "flag.sqlite3")) == f"sqlite:///{tmp_path / 'flag.sqlite3'}"


def test_default_store_is_in_the_user_data_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("CHECKIN_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    expected = platformdirs.user_data_path("checkin", appauthor=False) / "checkin.sqlite3"
    assert resolve_url() == f"sqlite:///{expected}"
    assert expected.parent.is_dir()  # created, so the first run can make the file
    if sys.platform.startswith("linux"):
        assert expected == tmp_path / "data" / "checkin" / "checkin.sqlite3"
    engine = open_store()
    try:
        assert expected.exists()
    finally:
        engine.dispose()


# --- column types and constraints, on both backends ----------------------------------------

def _event(**fields) -> Event:
    start = datetime(2026, 12, 10, 8, 30, tzinfo=PARIS)
    values = dict(key="ev", name="Pop-Up", starts_at=start, ends_at=start + timedelta(hours=9, minutes=30))
    values.update(fields)
    return Event(**values)


def test_aware_datetimes_round_trip_as_utc(engine: sa.Engine) -> None:
    paris = datetime(2026, 12, 10, 10, 15, tzinfo=PARIS)
    new_york = datetime(2026, 12, 10, 18, 0, tzinfo=ZoneInfo("America/New_York"))
    with Session(engine) as db:
        db.add(_event(starts_at=paris, ends_at=new_york))
        db.commit()
    with Session(engine) as db:
        ev = db.exec(select(Event)).one()
        assert ev.starts_at == paris and ev.ends_at == new_york  # the same instants
        assert ev.starts_at.utcoffset() == timedelta(0)
        assert ev.starts_at.hour == 9  # 10:15 in Paris in December is 09:15 UTC
        assert ev.ends_at == datetime(2026, 12, 10, 23, 0, tzinfo=UTC)


def test_naive_datetime_is_refused(engine: sa.Engine) -> None:
    with Session(engine) as db:
        db.add(_event(starts_at=datetime(2026, 12, 10, 8, 30)))
        with pytest.raises(sa.exc.StatementError) as err:
            db.commit()
    assert "naive" in str(err.value)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(Event)).scalar_one() == 0


def test_foreign_keys_are_enforced(engine: sa.Engine) -> None:
    with Session(engine) as db:
        ev = _event()
        db.add(ev)
        db.flush()
        session = EventSession(event_id=ev.id, key="s1", title="Atelier", kind="network_workshop",
                               starts_at=ev.starts_at, ends_at=ev.ends_at)
        db.add(session)
        db.commit()
        session_id = session.id
    now = datetime.now(UTC)
    with pytest.raises(sa.exc.IntegrityError):
        with engine.begin() as conn:
            conn.execute(sa.insert(Enrollment).values(
                attendee_id=987654, session_id=session_id, status="booked", position=0,
                created_at=now, updated_at=now))
    count = lambda conn, model: conn.execute(  # noqa: E731
        sa.select(sa.func.count()).select_from(model)).scalar_one()
    with engine.connect() as conn:
        assert count(conn, Enrollment) == 0
    # Deleting an event deletes its sessions with it.
    with engine.begin() as conn:
        conn.execute(sa.delete(Event))
    with engine.connect() as conn:
        assert count(conn, EventSession) == 0


def test_ticket_code_is_unique_within_an_event(engine: sa.Engine) -> None:
    with Session(engine) as db:
        ev = _event()
        db.add(ev)
        db.flush()
        db.add(Attendee(event_id=ev.id, code="PU123", last_name="Dupré"))
        db.commit()
        db.add(Attendee(event_id=ev.id, code="PU123", last_name="Martin"))
        with pytest.raises(sa.exc.IntegrityError):
            db.commit()
