"""`checkin search`: one line per registrant found, what a desk may show and nothing more,
and the exit-status contract (0 found, 1 nobody, 2 bad usage)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from checkin.cli import main
from checkin.core.search.lookup import reindex_attendees
from checkin.store import open_store
from checkin.store.models import Attendee, Category
from checkin.store.vocabulary import AttendeeStatus
from tests.helpers.cli import run_cli


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A demo store, plus two registrants with contact details, one of them cancelled."""
    path = str(tmp_path / "desk.sqlite3")
    assert main(["--db", path, "demo", "--attendees", "40"]) == 0
    engine = open_store(path)
    with Session(engine) as session:
        participant = session.exec(select(Category).where(Category.key == "participant")).one()
        for code, first, status in (("ZW-001", "Inès", AttendeeStatus.REGISTERED),
                                    ("ZW-002", "Loïc", AttendeeStatus.CANCELLED)):
            session.add(Attendee(event_id=participant.event_id, code=code, first_name=first,
                                 last_name="Zwingelstein", organisation="Vilogia",
                                 category_id=participant.id, status=status, email=f"{code}@example.net",
                                 phone="06 12 34 56 78"))
        session.commit()
        ids = session.exec(select(Attendee.id).where(Attendee.last_name == "Zwingelstein")).all()
    with engine.begin() as conn:
        reindex_attendees(conn, ids)
    engine.dispose()
    capsys.readouterr()
    return path


def test_one_line_per_registrant_with_cancelled_flagged(capsys, db: str) -> None:
    code, out, err = run_cli(capsys, "--db", db, "search", "zwingel")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].split()[:3] == ["ZW-001", "Inès", "Zwingelstein"]
    assert "Vilogia" in lines[0] and "Participant" in lines[0]
    assert not lines[0].endswith("CANCELLED")
    assert lines[1].startswith("ZW-002") and lines[1].endswith("CANCELLED")


def test_no_email_or_phone_in_any_output(capsys, db: str) -> None:
    for extra in ([], ["--json"]):
        code, out, _ = run_cli(capsys, "--db", db, "search", "zwingelstein", *extra)
        assert code == 0
        assert "example.net" not in out and "06 12" not in out and "@" not in out


def test_json_holds_only_what_the_lines_show(capsys, db: str) -> None:
    code, out, _ = run_cli(capsys, "--db", db, "search", "zw-002", "--json")
    assert code == 0
    assert json.loads(out) == [{"code": "ZW-002", "first_name": "Loïc",
                                "last_name": "Zwingelstein", "organisation": "Vilogia",
                                "category": "Participant", "cancelled": True}]


def test_accents_codes_and_limit(capsys, db: str) -> None:
    code, out, _ = run_cli(capsys, "--db", db, "search", "ZWINGELSTEIN INES")
    assert code == 0 and out.split()[0] == "ZW-001"
    code, out, _ = run_cli(capsys, "--db", db, "search", "zw-001")
    assert code == 0 and out.split()[0] == "ZW-001"
    code, out, _ = run_cli(capsys, "--db", db, "search", "a", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 3


def test_a_typo_still_finds_and_says_so(capsys, db: str) -> None:
    code, out, err = run_cli(capsys, "--db", db, "search", "zwingelstien")
    assert code == 0 and out.startswith("ZW-001")
    assert "close" in err


def test_nobody_found_exits_1(capsys, db: str) -> None:
    for text in ("qqqqxxxx", "!!!", " "):
        code, out, err = run_cli(capsys, "--db", db, "search", text)
        assert (code, out) == (1, ""), text
        assert "nobody found" in err
    code, out, _ = run_cli(capsys, "--db", db, "search", "qqqqxxxx", "--json")
    assert (code, json.loads(out)) == (1, [])


def test_bad_usage_exits_2(capsys, db: str, tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, "--db", db, "search", "zw", "--limit", "0")
    assert (code, out) == (2, "") and "--limit" in err
    code, _, err = run_cli(capsys, "--db", db, "search", "zw", "--event", "nope")
    assert code == 2 and "nope" in err
    missing = tmp_path / "typo.sqlite3"
    code, _, err = run_cli(capsys, "--db", str(missing), "search", "zw")
    assert code == 2 and "no store" in err
    assert not missing.exists()  # looking did not create a store
    with pytest.raises(SystemExit) as done:
        main(["--db", db, "search"])
    assert done.value.code == 2
    with pytest.raises(SystemExit) as done:
        main(["--db", db, "search", "zw", "--limit", "many"])
    assert done.value.code == 2
