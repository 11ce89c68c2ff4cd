"""After the event: a purge erases people but not the counts; one person can get their data."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from checkin.core.exports.run import run_export
from checkin.core.privacy import person_data, purge_event
from checkin.core.search.lookup import search
from checkin.store.models import Journal
from tests.helpers.export_day import make_day


@pytest.fixture
def day(engine, sample_event, make_attendee):
    return make_day(engine, sample_event, make_attendee)


def workbook_values(path):
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
            for ws in load_workbook(path).worksheets}


def test_purge_erases_people_and_keeps_statistics_identical(engine, day, tmp_path):
    run_export(engine, day.event_id, "stats", tmp_path / "before.xlsx")
    assert search(engine, day.event_id, "Martin")
    report = purge_event(engine, day.event_id, actor="staff", desk="d1")
    run_export(engine, day.event_id, "stats", tmp_path / "after.xlsx")
    before, after = workbook_values(tmp_path / "before.xlsx"), workbook_values(tmp_path / "after.xlsx")
    # The QPV sheet's last line says where its counts come from: the purge kept them.
    source_before, source_after = before["Résidents QPV"].pop()[0], after["Résidents QPV"].pop()[0]
    assert before == after
    assert source_before.startswith("Source : réponses des inscrits")
    assert source_after.startswith("Source : comptes anonymes conservés lors de la purge")
    assert report.attendees >= 6
    with engine.connect() as conn:
        people = conn.execute(sa.text(
            "SELECT first_name, last_name, email, phone, notes, attention_text, code, organisation "
            "FROM attendee WHERE event_id = :e"), {"e": day.event_id}).all()
        codes = set(conn.execute(sa.text("SELECT code FROM scan")).scalars())
        words = set(conn.execute(sa.text("SELECT word FROM search_term")).scalars())
    assert all(p[:6] == ("", "", "", "", "", "") and p[6].startswith("ANON-") for p in people)
    assert "Ville d'Amiens" in {p[7] for p in people}  # structures are kept for the statistics
    assert not {"ALICE", "CAROL", "MAL"} & codes
    assert not {"martin", "alice", "durand", "petit", "carole"} & words
    for former in ("Martin", "Alice", "alice@example", "ALICE", "Durand"):
        assert search(engine, day.event_id, former) == [], former


def test_purge_is_journaled_with_who_and_what(engine, day):
    purge_event(engine, day.event_id, actor="cli:alice", desk="poste-3")
    with engine.connect() as conn:
        row = conn.execute(sa.select(Journal.actor, Journal.desk, Journal.subject, Journal.details)
                           .where(Journal.action == "purge")).one()
    assert row[:3] == ("cli:alice", "poste-3", "popup-irev-amiens")
    assert row[3]["attendees"] >= 6 and "email" in row[3]["erased"]


def test_one_person_gets_everything_held_about_them(engine, day):
    data = person_data(engine, day.event_id, "ALICE", actor="staff", desk="d1")
    assert data["attendee"]["email"] == "alice@example.fr"
    assert [e["session_key"] for e in data["enrollments"]] == ["emergence-matin"]
    assert [(s["kind"], s["result"]) for s in data["scans"]] == [
        ("entry", "admitted"), ("session_entry", "admitted"), ("session_exit", "exited")]
    assert [b["layout"] for b in data["badge_prints"]] == ["a6"]
    again = person_data(engine, day.event_id, "ALICE")
    assert [j["action"] for j in again["journal"]] == ["export"]  # the first access, journaled
    with pytest.raises(LookupError):
        person_data(engine, day.event_id, "NOBODY")
