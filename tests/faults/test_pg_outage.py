"""The PostgreSQL server shared by the desks stops (admin restart, crash) while a desk runs.

What must hold: scans during the outage are refused with a clear message and nothing is
acknowledged; once the server is back the same desk (same engine, same ScanService) works
without being restarted; the desk replays the refused scans by their UUID and each is
recorded exactly once; nothing acknowledged before the outage is lost.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from checkin.core.admission.scan import ScanService
from checkin.store import StoreUnavailable, open_store
from tests.helpers.pg_server import ThrowawayPostgres
from tests.helpers.stores import count, demo_store, scans_by_uuid

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server() -> Iterator[ThrowawayPostgres]:
    pg = ThrowawayPostgres()
    try:
        pg.start()
        yield pg
    finally:
        pg.remove()


@pytest.fixture
def desk_engine(server: ThrowawayPostgres) -> Iterator[sa.Engine]:
    # No pool: the server restarts under the test, so every admin call connects afresh.
    admin = sa.create_engine(server.url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    name = f"outage_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine = open_store(sa.make_url(server.url).set(database=name)
                        .render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_desk_survives_a_server_restart_and_replays_what_was_refused(
        server: ThrowawayPostgres, desk_engine: sa.Engine, mode: str) -> None:
    event, codes = demo_store(desk_engine, 60)
    service = ScanService(desk_engine, event, desk="d1")
    before = {str(uuid.uuid4()): code for code in codes[:10]}
    for scan_uuid, code in before.items():
        assert service.scan(code, scan_uuid=scan_uuid).result == "admitted"

    server.stop(mode)
    try:
        refused = {str(uuid.uuid4()): code for code in codes[10:15]}
        for scan_uuid, code in refused.items():
            with pytest.raises(StoreUnavailable) as err:
                service.scan(code, scan_uuid=scan_uuid)
            assert "Cannot reach the store" in str(err.value) and "\n" not in str(err.value)
            assert "postgresql" in str(err.value)
    finally:
        server.start()

    # Same service, same engine: the pool drops the dead connections and reconnects.
    for scan_uuid, code in list(refused.items()) * 2:  # replayed, then replayed again
        assert service.scan(code, scan_uuid=scan_uuid).result == "admitted"
    after = service.scan(codes[20])
    assert after.result == "admitted"
    counts = scans_by_uuid(desk_engine, [*before, *refused])
    assert set(counts.values()) == {1}  # none lost, none doubled
    assert count(desk_engine, "SELECT count(*) FROM scan") == len(before) + len(refused) + 1
    assert count(desk_engine, "SELECT count(*) FROM presence WHERE inside") == 16
