"""`checkin route`, `checkin occupancy`, `checkin walk-in` and door scans from the command line."""

from __future__ import annotations

import json
import sqlite3

import pytest

from checkin.cli import main
from checkin.core.demo import load_demo
from checkin.store import open_store


@pytest.fixture
def demo_db(tmp_path):
    db = tmp_path / "s.sqlite3"
    load_demo(open_store(str(db)), 60, seed=3)
    return str(db)


def _one(db: str, sql: str):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_route_gives_the_programme_in_event_time(demo_db, capsys):
    code = _one(demo_db, "SELECT a.code FROM attendee a JOIN enrollment e ON e.attendee_id = a.id "
                         "JOIN session s ON s.id = e.session_id WHERE s.key = 'emergence-matin' "
                         "AND e.status = 'booked' AND a.status = 'registered'")
    assert main(["--db", demo_db, "route", code, "--at", "9:00"]) == 0
    text = capsys.readouterr().out
    assert "Programme from 09:00" in text and "10:15–12:15" in text and "[booked]" in text
    assert main(["--db", demo_db, "route", code, "--at", "16:30", "--json"]) == 0
    data = _json(capsys)
    assert data["found"] and [s["key"] for s in data["programme"]][0] == "concours"
    assert data["programme"][0]["now"] is True


def test_route_refuses_unknown_codes_and_bad_times(demo_db, capsys):
    assert main(["--db", demo_db, "route", "NOPE"]) == 1
    assert "unknown_code" in capsys.readouterr().out
    assert main(["--db", demo_db, "route", "NOPE", "--at", "9h75"]) == 2
    assert "--at" in capsys.readouterr().err


def test_door_scans_override_and_occupancy(demo_db, capsys):
    code = _one(demo_db, "SELECT code FROM attendee WHERE profession = '' AND status = 'registered' "
                         "AND source = 'demo'")
    args = ["--db", demo_db, "scan", code, "--session", "atelier-charte", "--desk", "porte"]
    assert main(args + ["--json"]) == 1
    assert _json(capsys)["result"] == "not_eligible"
    assert main(args + ["--override", "--json"]) == 0
    answer = _json(capsys)
    assert answer["result"] == "admitted" and answer["overridden"]
    assert _one(demo_db, "SELECT count(*) FROM journal WHERE action = 'override'") == 1
    # Admitted at a door is inside the venue: the entrance says where they came in.
    assert main(["--db", demo_db, "scan", code]) == 1
    said = capsys.readouterr().out.splitlines()[-1]
    assert said.startswith("Already in since ") and "(desk porte)" in said
    assert main(["--db", demo_db, "occupancy", "--at", "14:30", "--json"]) == 0
    data = _json(capsys)
    charte = next(s for s in data["sessions"] if s["key"] == "atelier-charte")
    assert charte["present"] == 1
    assert data["venue"]["inside"] == 1 and data["venue"]["arrived"] == 1
    assert all(s["key"] not in ("ouverture", "emergence-matin") for s in data["sessions"])


def test_override_needs_a_session(demo_db, capsys):
    assert main(["--db", demo_db, "scan", "X", "--override"]) == 2
    assert "--session" in capsys.readouterr().err


def test_walk_in_prints_the_new_code_and_is_counted(demo_db, capsys):
    assert main(["--db", demo_db, "walk-in", "Noémie", "Lefèvre", "--category", "presse",
                 "--json"]) == 0
    code = _json(capsys)["code"]
    assert main(["--db", demo_db, "scan", code]) == 1  # already in: the walk-in was admitted
    assert main(["--db", demo_db, "walk-in", "Anne", "Durand", "--category", "vip"]) == 2
    assert "unknown category" in capsys.readouterr().err
    assert _one(demo_db, "SELECT count(*) FROM attendee WHERE walk_in") == 1


def test_occupancy_watch_follows_scans(demo_db, capsys):
    assert main(["--db", demo_db, "occupancy", "--watch", "--times", "2", "--interval", "0",
                 "--json", "--at", "9:30"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["venue"]["registered"] > 0 for line in lines)
    assert "by_category" in json.loads(lines[0])["venue"]
