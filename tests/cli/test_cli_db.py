"""The command line around the store: `--version`, `db info`, `db upgrade`, `demo`, and the
exit-status contract of DESIGN.md (2 = bad usage or bad input, message on stderr)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checkin import __version__
from checkin.cli import main
from checkin.core.programme.event_file import read_programme, sample_event_path
from checkin.store.migrate import head_revision
from tests.helpers.cli import run_cli

# The sample event file's named people (speakers, jury…) are registrants too.
NAMED_PEOPLE = len(read_programme(sample_event_path()).people)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A bare path, as a user would type it after --db."""
    return str(tmp_path / "desk.sqlite3")


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"checkin {__version__}"


def test_version_as_a_real_command(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "checkin", "--version"], capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"checkin {__version__}"
    assert done.stderr == ""


def test_db_info_json_on_a_demo_store(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, _ = run_cli(capsys, "--db", db, "demo", "--attendees", "40", "--json")
    assert code == 0
    code, out, err = run_cli(capsys, "--db", db, "db", "info", "--json")
    assert code == 0, err
    info = json.loads(out)
    assert info["schema"] == info["head"] == head_revision()
    assert info["backend"] == "sqlite"
    assert info["where"] == db
    assert info["size_bytes"] > 0
    counts = info["counts"]
    assert counts["events"] == 1
    assert counts["attendees"] == 40 + NAMED_PEOPLE
    assert counts["sessions"] == 15 and counts["rooms"] == 8 and counts["tracks"] == 5
    assert counts["scans"] == 0
    [event] = info["events"]
    assert event["key"] == "popup-irev-amiens"
    assert event["registrants"] + event["cancelled"] == 40 + NAMED_PEOPLE


def test_db_info_on_a_missing_store_creates_nothing(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run_cli(capsys, "--db", db, "db", "info")
    assert code == 2 and "there is no store at" in err
    assert not Path(db).exists()


def test_db_info_on_an_empty_file_says_it_is_empty(capsys: pytest.CaptureFixture[str], db: str) -> None:
    Path(db).touch()
    code, out, _ = run_cli(capsys, "--db", db, "db", "info")
    assert code == 0
    assert "Schema:  empty" in out
    assert head_revision() in out


def test_db_upgrade_then_already_up_to_date(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run_cli(capsys, "--db", db, "db", "upgrade")
    assert code == 0
    assert "upgraded" in out and db in out
    code, out, _ = run_cli(capsys, "--db", db, "db", "upgrade")
    assert code == 0
    assert "already up to date" in out


def test_checkin_db_environment_is_used(capsys: pytest.CaptureFixture[str], db: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKIN_DB", db)
    code, out, _ = run_cli(capsys, "db", "upgrade")
    assert code == 0 and db in out
    assert Path(db).exists()


@pytest.mark.parametrize("command", [
    pytest.param(["db", "info"], id="db-info"),
    pytest.param(["db", "upgrade"], id="db-upgrade"),
    pytest.param(["demo", "--attendees", "10"], id="demo"),
])
def test_corrupt_store_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], db: str,
                                             command: list[str]) -> None:
    content = b"this is not a database\n" * 200
    Path(db).write_bytes(content)
    code, out, err = run_cli(capsys, "--db", db, *command)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("checkin:")
    assert db in lines[0]
    assert "Traceback" not in err
    assert Path(db).read_bytes() == content
    assert sorted(p.name for p in Path(db).parent.iterdir()) == [Path(db).name]


def test_missing_folder_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "--db", str(tmp_path / "nope" / "desk.sqlite3"), "db", "upgrade")
    assert code == 2
    assert err.startswith("checkin:") and "does not exist" in err
    assert not (tmp_path / "nope").exists()


def test_demo_twice_adds_nothing_the_second_time(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run_cli(capsys, "--db", db, "demo", "--attendees", "50", "--json")
    assert code == 0
    first = json.loads(out)
    assert first["added"] == 50
    code, out, _ = run_cli(capsys, "--db", db, "demo", "--attendees", "50", "--json")
    assert code == 0
    second = json.loads(out)
    assert second["added"] == 0
    assert second["event_id"] == first["event_id"]


def test_demo_with_another_seed_exits_2(capsys: pytest.CaptureFixture[str], db: str) -> None:
    assert run_cli(capsys, "--db", db, "demo", "--attendees", "20")[0] == 0
    code, out, err = run_cli(capsys, "--db", db, "demo", "--attendees", "20", "--seed", "9")
    assert code == 2
    assert err.startswith("checkin:") and "seed" in err
    code, out, _ = run_cli(capsys, "--db", db, "db", "info", "--json")
    assert json.loads(out)["counts"]["attendees"] == 20 + NAMED_PEOPLE


@pytest.mark.parametrize("value", ["-3", "many", "1.5"])
def test_bad_attendee_number_is_a_usage_error(capsys: pytest.CaptureFixture[str], db: str,
                                              value: str) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--db", db, "demo", "--attendees", value])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "--attendees" in err
    assert not Path(db).exists()  # nothing written, not even an empty store
