"""Shared fixtures: a fresh store per test, on SQLite and on PostgreSQL.

The PostgreSQL leg needs a server: `scripts/setup --test` starts one on 127.0.0.1:54329
(CHECKIN_TEST_PG overrides the admin URL). Without one the PostgreSQL tests are skipped —
except in CI (CI=true), where a missing server is a failure, not a skip.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from collections.abc import Callable, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import sqlalchemy as sa

from tests.helpers.markers import mark_gui_items

# pytester: the tests of this test suite's own hooks run pytest on small made-up trees.
pytest_plugins = ("pytester", "tests.helpers.fixtures")
UI_TESTS = Path(__file__).parent / "ui"

PG_ADMIN_URL = os.environ.get(
    "CHECKIN_TEST_PG", "postgresql+psycopg://checkin@127.0.0.1:54329/postgres")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
_pg_state: dict[str, str | None] = {}


def _pg_problem() -> str | None:
    """None when the test server answers, else why not (checked once per run)."""
    if "problem" not in _pg_state:
        try:
            engine = sa.create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            engine.dispose()
            _pg_state["problem"] = None
        except Exception as exc:  # any failure means: no server to test against
            _pg_state["problem"] = f"no PostgreSQL test server at {PG_ADMIN_URL}: {exc}"
    return _pg_state["problem"]


def _new_pg_database() -> tuple[str, Callable[[], None]]:
    problem = _pg_problem()
    if problem:
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)
    name = f"checkin_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def store_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty store (no schema yet), once per backend."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    url, drop = _new_pg_database()
    try:
        yield url
    finally:
        drop()


_shared_pg: dict[str, sa.Engine] = {}


def _migrated_pg_engine() -> sa.Engine:
    """One migrated PostgreSQL store for the whole run, emptied before each test.

    CREATE DATABASE plus migrations cost ~0.7 s a test; TRUNCATE costs a few ms.
    """
    from checkin.store import open_store

    if "engine" not in _shared_pg:
        url, drop = _new_pg_database()
        _shared_pg["engine"] = open_store(url)
        _shared_pg["drop"] = drop  # type: ignore[assignment]
    engine = _shared_pg["engine"]
    tables = ", ".join(f'"{t.name}"' for t in SQLModel_tables())
    with engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    return engine


def SQLModel_tables() -> list[sa.Table]:
    from sqlmodel import SQLModel

    import checkin.store.models  # noqa: F401

    return list(SQLModel.metadata.sorted_tables)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark `gui` whatever needs a QApplication (tests/ui/, or qtbot through any fixture), so
    that `-m "not gui"` runs the rest, on a machine without a display for instance."""
    mark_gui_items(items, UI_TESTS)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if "engine" in _shared_pg:
        _shared_pg["engine"].dispose()
        _shared_pg["drop"]()  # type: ignore[operator]


@pytest.fixture(autouse=True)
def desk_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own workstation settings, never the developer's."""
    path = tmp_path / "desk.ini"
    monkeypatch.setenv("CHECKIN_SETTINGS", str(path))
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite3'}"


@pytest.fixture
def engine(backend: str, tmp_path: Path) -> Iterator[sa.Engine]:
    """A migrated, empty store, once per backend."""
    from checkin.store import open_store

    if backend == "postgresql":
        yield _migrated_pg_engine()
        return
    eng = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[sa.Engine]:
    from checkin.store import open_store

    eng = open_store(sqlite_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sample_event(engine: sa.Engine) -> int:
    """The sample programme (no synthetic registrants); returns the event id."""
    from checkin.core.programme.event_file import read_programme, sample_event_path
    from checkin.core.programme.load import load_programme

    return load_programme(engine, read_programme(sample_event_path())).event_id


@pytest.fixture
def make_attendee(engine: sa.Engine, sample_event: int) -> Callable[..., int]:
    """Factory: make_attendee(first_name=..., **fields) -> attendee id."""
    from sqlmodel import Session

    from checkin.store.models import Attendee

    counter = iter(range(1, 10**6))

    def make(**fields) -> int:
        n = next(counter)
        values = dict(event_id=sample_event, code=f"T{n:06d}", first_name="Camille",
                      last_name=f"Test{n}", organisation="IREV")
        values.update(fields)
        with Session(engine) as db:
            a = Attendee(**values)
            db.add(a)
            db.commit()
            assert a.id is not None
            return a.id

    return make
