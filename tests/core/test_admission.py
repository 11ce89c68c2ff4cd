"""Entrance scans: the answer a desk gets, and the row it leaves (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from checkin.core.admission.scan import MAX_CODE, ScanService
from checkin.core.clock import fixed_clock
from checkin.store.models import Scan
from checkin.store.vocabulary import AttendeeStatus

NINE = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)


def _code(engine, attendee_id: int) -> str:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT code FROM attendee WHERE id = :a"), {"a": attendee_id}).scalar_one()


def _scans(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(Scan).order_by(Scan.id)).mappings()]


def test_entry_then_already_in_with_the_first_desk_and_time(engine, sample_event, make_attendee):
    code = _code(engine, make_attendee(first_name="Hélène", last_name="Dupré"))
    first = ScanService(engine, sample_event, desk="accueil-1", clock=fixed_clock(NINE)).scan(code)
    assert first.result == "admitted" and first.last_name == "Dupré"
    again = ScanService(engine, sample_event, desk="accueil-2").scan(code)
    assert again.result == "already_in"
    assert again.first_entry_desk == "accueil-1" and again.first_entry_at == NINE
    assert [s["result"] for s in _scans(engine)] == ["admitted", "already_in"]


def test_exit_then_re_entry_is_admitted(engine, sample_event, make_attendee):
    code = _code(engine, make_attendee())
    desk = ScanService(engine, sample_event, desk="accueil-1")
    assert desk.scan(code, exit=True).result == "not_inside"
    assert desk.scan(code).result == "admitted"
    assert desk.scan(code, exit=True).result == "exited"
    assert desk.scan(code).result == "admitted"


def test_unknown_garbage_and_huge_codes_are_logged_never_raised(engine, sample_event):
    desk = ScanService(engine, sample_event, desk="accueil-1")
    for raw in ("  NOPE-42  ", "\x1b[A\x00\x07", "é" * 10_000, ""):
        assert desk.scan(raw).result == "unknown_code"
    codes = [s["code"] for s in _scans(engine)]
    assert codes[0] == "NOPE-42" and codes[1] == "[A" and len(codes[2]) == MAX_CODE


def test_cancelled_ticket_and_attention_text(engine, sample_event, make_attendee):
    cancelled = _code(engine, make_attendee(status=AttendeeStatus.CANCELLED))
    flagged = _code(engine, make_attendee(attention=True, attention_text="Fauteuil roulant : ascenseur"))
    desk = ScanService(engine, sample_event, desk="accueil-1")
    assert desk.scan(cancelled).result == "cancelled"
    answer = desk.scan(flagged)
    assert answer.result == "admitted" and answer.attention_text == "Fauteuil roulant : ascenseur"


def test_undo_is_a_new_row_and_only_at_the_same_desk(engine, sample_event, make_attendee):
    code = _code(engine, make_attendee())
    one, two = (ScanService(engine, sample_event, desk=d) for d in ("accueil-1", "accueil-2"))
    one.scan(code)
    assert two.undo_last(code).result == "not_inside"  # not this desk's scan
    undo = one.undo_last(code)
    assert undo.result == "undone"
    rows = _scans(engine)
    assert rows[-1]["undoes_scan_id"] == rows[0]["id"] and len(rows) == 3  # nothing deleted
    assert two.scan(code).result == "admitted"  # the undone entry no longer counts


def test_a_replayed_scan_is_answered_once(engine, sample_event, make_attendee):
    code = _code(engine, make_attendee())
    desk = ScanService(engine, sample_event, desk="accueil-1")
    first = desk.scan(code, scan_uuid="6f1c2c4e-0000-4000-8000-000000000001")
    again = desk.scan(code, scan_uuid="6f1c2c4e-0000-4000-8000-000000000001")
    assert first.result == again.result == "admitted" and again.scan_id == first.scan_id
    assert len(_scans(engine)) == 1


def test_two_desks_scanning_one_badge_at_once_admit_it_once(engine, sample_event, make_attendee, tmp_path):
    """Real processes, released together, each scanning the same codes."""
    import subprocess
    import sys
    import textwrap

    codes = [_code(engine, make_attendee()) for _ in range(15)]
    url = engine.url.render_as_string(hide_password=False)
    start = __import__("time").time() + 2.0
    script = textwrap.dedent(f"""
        import sys, time
        from checkin.store import open_store
        from checkin.core.admission.scan import ScanService
        desk = ScanService(open_store({url!r}), {sample_event}, desk=sys.argv[1])
        while time.time() < {start!r}:
            time.sleep(0.001)
        for code in {codes!r}:
            desk.scan(code)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, f"desk-{i}"]) for i in (1, 2)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    with engine.connect() as conn:
        results = conn.execute(sa.text("SELECT code, result FROM scan")).all()
    assert len(results) == 30
    for code in codes:
        mine = sorted(r for c, r in results if c == code)
        assert mine == ["admitted", "already_in"], (code, mine)


def test_a_walk_in_is_registered_admitted_and_findable_in_one_step(engine, sample_event):
    from checkin.core.search.lookup import search

    desk = ScanService(engine, sample_event, desk="accueil-1")
    answer = desk.walk_in("Noémie", "Lefèvre", organisation="Citéslab Creil", category="presse")
    assert answer.result == "admitted" and answer.code.startswith("WI") and answer.category == "Presse"
    assert desk.scan(answer.code).result == "already_in"  # the new badge works at once
    assert [h.code for h in search(engine, sample_event, "noemie lef")] == [answer.code]
    with engine.connect() as conn:
        walk_in = conn.execute(sa.text("SELECT walk_in FROM attendee WHERE code = :c"),
                               {"c": answer.code}).scalar()
    assert walk_in


def test_a_walk_in_with_a_bad_category_writes_nothing(engine, sample_event):
    import pytest

    desk = ScanService(engine, sample_event, desk="accueil-1")
    with pytest.raises(ValueError):
        desk.walk_in("Anne", "Durand", category="vip")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM attendee WHERE walk_in")).scalar() == 0
    assert _scans(engine) == []
