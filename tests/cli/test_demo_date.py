"""`checkin demo` dates the sample event today unless told otherwise: --date DAY, --keep-date;
a day that does not exist is bad input (exit 2) and changes nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import checkin.core.clock
from checkin.cli import main
from tests.helpers.cli import run_cli

# 23:30 UTC on 30 November is already 1 December in Amiens: "today" is the event's zone's.
LATE_EVENING_UTC = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "desk.sqlite3")


@pytest.fixture(autouse=True)
def desk_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checkin.core.clock, "system_clock", lambda: LATE_EVENING_UTC)


def test_the_sample_takes_place_today_by_default(capsys, db):
    code, out, err = run_cli(capsys, "--db", db, "demo", "--attendees", "5")
    assert code == 0, err
    assert "takes place on 2026-12-01" in out
    code, out, _ = run_cli(capsys, "--db", db, "occupancy", "--json")
    sessions = json.loads(out)["sessions"]
    assert sessions and all(s["starts_at"].startswith("2026-12-01") for s in sessions)
    assert min(s["starts_at"] for s in sessions) == "2026-12-01T08:15:00+00:00"  # 09:15 in Amiens


def test_date_puts_it_on_that_day_and_moves_a_stored_one(capsys, db):
    code, out, _ = run_cli(capsys, "--db", db, "demo", "--attendees", "5", "--date", "2026-12-12", "--json")
    assert code == 0
    assert json.loads(out)["day"] == "2026-12-12"
    code, out, _ = run_cli(capsys, "--db", db, "demo", "--attendees", "5", "--json")
    report = json.loads(out)
    assert (report["day"], report["moved_from"]) == ("2026-12-01", "2026-12-12")


def test_keep_date_keeps_the_file_date_then_the_stored_one(capsys, db):
    code, out, _ = run_cli(capsys, "--db", db, "demo", "--attendees", "5", "--keep-date", "--json")
    assert code == 0 and json.loads(out)["day"] == "2026-12-10"
    run_cli(capsys, "--db", db, "demo", "--attendees", "5", "--date", "2026-12-03")
    code, out, _ = run_cli(capsys, "--db", db, "demo", "--attendees", "5", "--keep-date", "--json")
    assert json.loads(out)["day"] == "2026-12-03" and json.loads(out)["moved_from"] is None


@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-30", "10/12/2026", "tomorrow", "20261210"])
def test_a_day_that_is_not_one_exits_2_and_changes_nothing(capsys, db, value):
    assert run_cli(capsys, "--db", db, "demo", "--attendees", "5", "--date", "2026-12-12")[0] == 0
    before = Path(db).read_bytes()
    with pytest.raises(SystemExit) as done:
        main(["--db", db, "demo", "--attendees", "5", "--date", value])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert f"{value!r} is not a day (expected YYYY-MM-DD" in err
    assert Path(db).read_bytes() == before


def test_date_and_keep_date_cannot_be_given_together(capsys, db):
    with pytest.raises(SystemExit) as done:
        main(["--db", db, "demo", "--date", "2026-12-12", "--keep-date"])
    assert done.value.code == 2
    assert "--keep-date: not allowed with argument --date" in capsys.readouterr().err
    assert not Path(db).exists()


def test_help_says_what_the_date_options_do(capsys):
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    out = capsys.readouterr().out
    assert "--date YYYY-MM-DD" in out and "--keep-date" in out and "today" in out
