"""`checkin scan -` killed mid-stream on PostgreSQL (tests/cli/test_cli_scan.py covers SQLite).

Each answer printed is a promise to the volunteer: after a SIGKILL, every printed answer
is in the shared store, and no scan the process never answered was half-recorded.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from checkin.store import open_store
from tests.helpers.cli import kill_scan_stream
from tests.helpers.stores import demo_store

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("backend", ["postgresql"])
def test_every_printed_answer_survives_a_kill_on_postgresql(store_url: str) -> None:
    engine = open_store(store_url)
    _, codes = demo_store(engine, 300)
    # More written than read: the kill lands mid-stream.
    printed = kill_scan_stream(store_url, codes[:250], answers=40)
    assert [p[0] for p in printed] == ["Welcome!"] * 40
    # One snapshot for both reads: a commit sent just before the kill may still land.
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        stored = list(conn.execute(sa.text(
            "SELECT code FROM scan WHERE result = 'admitted' ORDER BY id")).scalars())
        inside = conn.execute(sa.text("SELECT count(*) FROM presence WHERE inside")).scalar_one()
    assert stored[:40] == [p[1] for p in printed]
    assert stored == codes[:len(stored)]  # in order, none doubled, no gap
    assert inside == len(stored)  # presence in step with the log, whatever the kill cut
    engine.dispose()
