"""Soak at test size: two desk processes, entries, exits and undos mixed, then the books
must balance (tools/soak.py; the 50 000-scan figures come from a run by hand)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tools.soak import SoakReport, reconcile, soak
from checkin.store import open_store

pytestmark = pytest.mark.slow


def test_two_desks_soak_balances(store_url: str) -> None:
    report = soak(store_url, 3000, processes=2, attendees=150)
    assert report.ok, report.summary()
    assert report.errors == 0 and report.answers == 3000 == report.scan_rows
    # The mix really exercised every path the reconciliation checks.
    for result in ("admitted", "already_in", "exited", "not_inside", "undone", "unknown_code"):
        assert report.results[result] > 0, report.summary()
    assert report.inside_by_presence == report.inside_by_log > 0


def test_reconcile_catches_presence_out_of_step_with_the_log(sqlite_url: str) -> None:
    """The soak's verdict can fail: presence changed behind the log's back is reported."""
    from checkin.core.admission.scan import ScanService
    from tests.helpers.stores import demo_store

    engine = open_store(sqlite_url)
    event, codes = demo_store(engine, 20)
    service = ScanService(engine, event, desk="soak-0")
    for code in codes[:10]:
        service.scan(code)
    service.scan(codes[0], exit=True)
    service.undo_last(codes[1])
    clean = SoakReport(url=sqlite_url, processes=1, answers=12)
    reconcile(engine, event, start_id=0, report=clean)
    assert clean.ok and clean.inside_by_log == 8, clean.mismatches

    with engine.begin() as conn:  # one person let in without a scan saying so
        conn.execute(sa.text("UPDATE presence SET inside = true WHERE place = 0 AND "
                             "attendee_id = (SELECT id FROM attendee WHERE code = :c)"),
                     {"c": codes[0]})
    tampered = SoakReport(url=sqlite_url, processes=1, answers=11)
    reconcile(engine, event, start_id=0, report=tampered)
    engine.dispose()
    assert "12 scan rows for 11 answers received" in tampered.mismatches
    assert any("log says inside=False, presence says True" in m for m in tampered.mismatches)
    assert any("occupancy shows 9 inside, the log says 8" in m for m in tampered.mismatches)
