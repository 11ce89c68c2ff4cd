"""`checkin event load|export`: what a coordinator types the day before, and the exit-status
contract (0 loaded, 1 refused because it would remove data, 2 invalid file or bad usage —
with nothing written)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from checkin.core.monitoring.overview import table_counts
from checkin.core.programme.event_file import sample_event_path
from checkin.store import open_store
from checkin.store.models import Attendee, Enrollment, EventSession, Journal, Room
from tests.helpers.cli import run_cli

SAMPLE = sample_event_path()
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
CLOTURE = '''[[sessions]]
key = "cloture"
title = "Remise du prix et clôture"
kind = "plenary"
room = "auditorium"
start = "17:15"
end = "17:45"
speakers = ["ala"]
'''


CLOTURE_LINE = SAMPLE_TEXT.splitlines().index('key = "cloture"') + 1


@pytest.fixture
def db(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    """A store with the sample event loaded through the command line."""
    code, _, err = run_cli(capsys, "--db", sqlite_url, "event", "load", str(SAMPLE))
    assert code == 0, err
    return sqlite_url


@pytest.fixture
def store(db: str) -> Iterator[sa.Engine]:
    engine = open_store(db)
    yield engine
    engine.dispose()


def _edited(tmp_path: Path, old: str, new: str, name: str = "event.toml") -> Path:
    assert SAMPLE_TEXT.count(old) == 1, old
    path = tmp_path / name
    path.write_text(SAMPLE_TEXT.replace(old, new), encoding="utf-8")
    return path


def _state(engine: sa.Engine) -> tuple[dict[str, int], dict[str, int], int]:
    """Row counts, room capacities and journal length: what a bad command must not touch."""
    with Session(engine) as db:
        capacities = {r.key: r.capacity for r in db.exec(select(Room))}
        journal = len(db.exec(select(Journal)).all())
    return table_counts(engine), capacities, journal


def _enrol_someone_in_cloture(engine: sa.Engine) -> None:
    with Session(engine) as db:
        event_id = db.exec(select(EventSession.event_id)).first()
        person = Attendee(event_id=event_id, code="W-0042", first_name="Inès", last_name="Fournier")
        db.add(person)
        db.flush()
        cloture = db.exec(select(EventSession).where(EventSession.key == "cloture")).one()
        db.add(Enrollment(attendee_id=person.id, session_id=cloture.id))
        db.commit()


def test_loading_the_sample_event(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, out, err = run_cli(capsys, "--db", sqlite_url, "event", "load", str(SAMPLE))
    assert code == 0, err
    assert out.startswith("Loaded. created: 1 event, 8 categories, 10 professions, 8 rooms, "
                          "5 tracks, 15 sessions, 37 people; updated: nothing; removed: nothing.")
    assert err == ""
    code, out, _ = run_cli(capsys, "--db", sqlite_url, "event", "load", str(SAMPLE))
    assert code == 0
    assert out.strip() == "Loaded. created: nothing; updated: nothing; removed: nothing."


@pytest.mark.parametrize("suffix", ["toml", "xlsx", "csv"])
def test_export_then_load_changes_nothing(
        capsys: pytest.CaptureFixture[str], db: str, store: sa.Engine, tmp_path: Path,
        suffix: str) -> None:
    path = tmp_path / f"pop-up.{suffix}"
    code, out, err = run_cli(capsys, "--db", db, "event", "export", str(path))
    assert code == 0, err
    assert out.strip() == f"{path}: 15 sessions, 8 rooms, 5 tracks written."
    before = _state(store)

    code, out, err = run_cli(capsys, "--db", db, "event", "load", str(path))

    assert code == 0, err
    assert out.strip() == "Loaded. created: nothing; updated: nothing; removed: nothing."
    assert _state(store) == before


def test_an_edited_capacity_is_shown_and_journaled(
        capsys: pytest.CaptureFixture[str], db: str, store: sa.Engine, tmp_path: Path) -> None:
    path = _edited(tmp_path, "capacity = 30", "capacity = 35")
    code, out, err = run_cli(capsys, "--db", db, "event", "load", str(path))
    assert code == 0, err
    assert out.splitlines() == [
        "Loaded. created: nothing; updated: 1 room; removed: nothing.",
        "  room 'beffroi': capacity 30 → 35",
    ]
    with Session(store) as session:
        row = session.exec(select(Journal).order_by(Journal.id.desc())).first()
    assert row is not None and (row.action, row.actor) == ("programme_load", "cli")
    assert row.details["changes"] == ["room 'beffroi': capacity 30 → 35"]


def test_json_output(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    path = _edited(tmp_path, "capacity = 30", "capacity = 35")
    code, out, _ = run_cli(capsys, "--db", db, "event", "load", str(path), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["updated"] == {"room": 1}
    assert report["changes"] == ["room 'beffroi': capacity 30 → 35"]
    assert report["dry_run"] is False


def test_dry_run_reports_and_writes_nothing(
        capsys: pytest.CaptureFixture[str], db: str, store: sa.Engine, tmp_path: Path) -> None:
    before = _state(store)
    path = _edited(tmp_path, "capacity = 30", "capacity = 35")
    code, out, err = run_cli(capsys, "--db", db, "event", "load", str(path), "--dry-run")
    assert code == 0, err
    assert out.startswith("Dry run, nothing written. Would have created: nothing; updated: 1 room;")
    assert "room 'beffroi': capacity 30 → 35" in out
    assert _state(store) == before


INVALID = {
    "toml": ('room = "somme"\nstart = "10:15"', 'room = "grenier"\nstart = "10:15"',
             re.compile(r"  - \[\[sessions\]\] #2 'emergence-matin' \(line \d+\): "
                        r"unknown room 'grenier'")),
    "toml-syntax": ('key = "cloture"', 'key = "cloture\n',
                    re.compile(rf"  - .*event\.toml: Illegal character .* \(at line {CLOTURE_LINE}, column 15\)")),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_event_file_exits_2_naming_the_entry(
        capsys: pytest.CaptureFixture[str], db: str, store: sa.Engine, tmp_path: Path,
        case: str) -> None:
    old, new, expected = INVALID[case]
    text = SAMPLE_TEXT.replace(old, new).replace("capacity = 30", "capacity = 35")
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    before = _state(store)

    code, out, err = run_cli(capsys, "--db", db, "event", "load", str(path))

    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f"checkin: {path}: not loaded, nothing was written:"
    assert len(lines) == 2 and expected.fullmatch(lines[1]), err
    assert _state(store) == before  # the valid capacity edit was not applied either


def test_invalid_sheet_lists_every_bad_row(
        capsys: pytest.CaptureFixture[str], db: str, store: sa.Engine, tmp_path: Path) -> None:
    path = tmp_path / "programme.csv"
    path.write_text("Titre;Salle;Début;Fin\n"
                    "Ouverture;Grand auditorium;9h15;10h00\n"
                    "Atelier;Grenier;14h00;15h00\n"
                    "Concours;auditorium;16h00;15h00\n", encoding="utf-8")
    before = _state(store)

    code, out, err = run_cli(capsys, "--db", db, "event", "load", str(path))

    assert code == 2 and out == ""
    assert err.splitlines()[1:] == [
        "  - programme.csv row 3: unknown room 'Grenier'",
        "  - programme.csv row 4: ends at 15:00, not after its start 16:00",
    ]
    assert _state(store) == before


def test_removing_an_enrolled_session_is_refused_then_forced(
        capsys: pytest.CaptureFixture[str], db: str, store: sa.Engine, tmp_path: Path) -> None:
    _enrol_someone_in_cloture(store)
    path = _edited(tmp_path, CLOTURE, "")
    before = _state(store)

    code, out, err = run_cli(capsys, "--db", db, "event", "load", str(path))

    assert code == 1 and out == ""
    assert "session 'cloture' is not in the file but 1 people are enrolled" in err
    assert "--force" in err
    assert "  - Inès Fournier (W-0042, booked) — session 'cloture'" in err.splitlines()
    assert _state(store) == before

    code, out, err = run_cli(capsys, "--db", db, "event", "load", str(path), "--force")

    assert code == 0, err
    assert "removed: 1 session." in out
    assert "Enrollments removed with their sessions:" in out
    assert "Inès Fournier (W-0042, booked) — session 'cloture'" in out
    with Session(store) as session:
        assert session.exec(select(EventSession).where(EventSession.key == "cloture")).first() is None
        assert session.exec(select(Attendee).where(Attendee.code == "W-0042")).one()


def test_a_sheet_needs_event_when_the_store_has_two(
        capsys: pytest.CaptureFixture[str], db: str, store: sa.Engine, tmp_path: Path) -> None:
    other = _edited(tmp_path, 'key = "popup-irev-amiens"', 'key = "popup-irev-lille"', "lille.toml")
    assert run_cli(capsys, "--db", db, "event", "load", str(other))[0] == 0
    sheet = tmp_path / "programme.csv"
    code, _, err = run_cli(capsys, "--db", db, "event", "export", str(sheet))
    assert code == 2
    assert "--event" in err and "popup-irev-amiens" in err and "popup-irev-lille" in err
    assert run_cli(capsys, "--db", db, "event", "export", str(sheet), "--event", "popup-irev-lille")[0] == 0
    sheet.write_text(sheet.read_text(encoding="utf-8-sig").replace(";17:15;17:45;", ";17:20;17:50;"),
                     encoding="utf-8")
    before = _state(store)

    code, out, err = run_cli(capsys, "--db", db, "event", "load", str(sheet))

    assert code == 2 and out == ""
    assert err.startswith("checkin: this store has several events; say which with --event")
    assert _state(store) == before

    code, out, err = run_cli(capsys, "--db", db, "event", "load", str(sheet), "--event", "popup-irev-lille")

    assert code == 0, err
    assert "  session 'cloture': start 17:15 → 17:20, end 17:45 → 17:50" in out.splitlines()
    with Session(store) as session:
        moved = session.exec(select(EventSession.event_id, EventSession.starts_at)
                             .where(EventSession.key == "cloture")
                             .order_by(EventSession.event_id)).all()
    assert [(t.hour, t.minute) for _, t in moved] == [(16, 15), (16, 20)]  # only Lille's moved


@pytest.mark.parametrize("argv", [
    ("event", "load", "{sheet}", "--event", "popup-inconnu"),
    ("event", "export", "{tmp}/out.toml", "--event", "popup-inconnu"),
    ("event", "load", str(SAMPLE), "--event", "popup-inconnu"),
], ids=["load-sheet", "export", "load-event-file"])
def test_unknown_event_exits_2(
        capsys: pytest.CaptureFixture[str], db: str, store: sa.Engine, tmp_path: Path,
        argv: tuple[str, ...]) -> None:
    sheet = tmp_path / "programme.csv"
    assert run_cli(capsys, "--db", db, "event", "export", str(sheet))[0] == 0
    before = _state(store)
    argv = tuple(a.format(sheet=sheet, tmp=tmp_path) for a in argv)

    code, out, err = run_cli(capsys, "--db", db, *argv)

    assert code == 2 and out == ""
    assert "popup-inconnu" in err
    assert _state(store) == before
    assert not (tmp_path / "out.toml").exists()


def test_bad_paths_exit_2(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path,
                          sqlite_url: str) -> None:
    code, _, err = run_cli(capsys, "--db", db, "event", "load", str(tmp_path / "absent.xlsx"))
    assert code == 2 and "no such file" in err
    code, _, err = run_cli(capsys, "--db", db, "event", "load", str(tmp_path / "absent.toml"))
    assert code == 2 and "no such file" in err
    code, _, err = run_cli(capsys, "--db", db, "event", "export", str(tmp_path / "no-dir" / "x.toml"))
    assert code == 2 and "cannot write" in err


def test_an_empty_store_asks_for_an_event_file_first(
        capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path) -> None:
    sheet = tmp_path / "programme.csv"
    sheet.write_text("Titre;Début;Fin\nOuverture;9h15;10h00\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "--db", sqlite_url, "event", "load", str(sheet))
    assert code == 2 and out == ""
    assert "load an event file (.toml) first" in err
