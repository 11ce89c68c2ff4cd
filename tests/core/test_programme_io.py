"""The programme as coordinators move it around: exported and loaded back unchanged, typed
into a French spreadsheet, fixed after a message that names the row, edited (capacities,
sessions taken out) without losing anyone's enrollment or a single door scan."""

from __future__ import annotations

import re
import tomllib
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from checkin.core.monitoring.overview import table_counts
from checkin.core.programme.event_file import (
    ProgrammeError, parse_programme, read_programme, sample_event_path,
)
from checkin.core.programme.files import (
    export_programme, read_programme_sheet, write_event_file, write_programme_sheet,
)
from checkin.core.programme.load import LoadReport, ProgrammeConflict, load_programme
from checkin.store import open_store
from checkin.store.models import Attendee, Category, Enrollment, EventSession, Journal, Room, Scan, Track
from checkin.store.vocabulary import AttendeeStatus, EnrollmentStatus, ScanKind, ScanResult, SessionKind

SAMPLE_TEXT = sample_event_path().read_text(encoding="utf-8")
UTC = UTC
DAY = (2026, 12, 10)  # the sample's date; Europe/Paris is UTC+1 in December


def _raw() -> dict[str, Any]:
    """A fresh copy of the sample file's tables, to edit."""
    return tomllib.loads(SAMPLE_TEXT)


def _without(raw: dict[str, Any], section: str, key: str) -> dict[str, Any]:
    before = len(raw[section])
    raw[section] = [e for e in raw[section] if e["key"] != key]
    assert len(raw[section]) == before - 1, f"no {key!r} in [[{section}]]"
    return raw


def _journal(engine: sa.Engine) -> list[Journal]:
    with Session(engine) as db:
        return list(db.exec(select(Journal).order_by(Journal.id)))


def _sessions(engine: sa.Engine) -> dict[str, EventSession]:
    with Session(engine) as db:
        return {s.key: s for s in db.exec(select(EventSession))}


def _by_key(engine: sa.Engine, model: Any, key: str) -> Any:
    with Session(engine) as db:
        return db.exec(select(model).where(model.key == key)).one()


def _by_key_person(engine: sa.Engine, key: str) -> Attendee:
    with Session(engine) as db:
        return db.exec(select(Attendee).where(Attendee.source_id == key)).one()


def _with_beffroi(capacity: int) -> dict[str, Any]:
    raw = _raw()
    next(r for r in raw["rooms"] if r["key"] == "beffroi")["capacity"] = capacity
    return raw


def _load_sheet(engine: sa.Engine, event_id: int, path: Path, **kwargs: Any) -> LoadReport:
    """What `checkin event load SHEET` and the desk do: the sheet replaces the sessions."""
    current = export_programme(engine, event_id)
    return load_programme(engine, parse_programme(read_programme_sheet(path, current)), **kwargs)


def _snapshot(engine: sa.Engine, event_id: int) -> tuple[dict[str, int], dict[str, Any]]:
    """Row counts and the whole programme: equal before and after means nothing was written."""
    return table_counts(engine), export_programme(engine, event_id)


def _enrol(engine: sa.Engine, attendee_id: int, session_key: str,
           status: str = EnrollmentStatus.BOOKED) -> None:
    with Session(engine) as db:
        db.add(Enrollment(attendee_id=attendee_id, session_id=_by_key(engine, EventSession, session_key).id,
                          status=status))
        db.commit()


# --- round trips ------------------------------------------------------------------------

def test_exported_event_file_loads_back_unchanged(
        engine: sa.Engine, sample_event: int, tmp_path: Path) -> None:
    before = _snapshot(engine, sample_event)
    journal = len(_journal(engine))
    path = tmp_path / "export.toml"
    write_event_file(export_programme(engine, sample_event), path)

    report = load_programme(engine, read_programme(path))

    assert report.event_id == sample_event
    assert not report.changed and report.changes == [], report.changes
    assert _snapshot(engine, sample_event) == before
    assert len(_journal(engine)) == journal
    # The file holds the whole event: a new store loaded from it exports the same programme.
    other = open_store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        other_id = load_programme(other, read_programme(path)).event_id
        assert export_programme(other, other_id) == before[1]
    finally:
        other.dispose()


def test_export_leaves_out_people_taken_out_of_the_file(
        engine: sa.Engine, sample_event: int, tmp_path: Path) -> None:
    """Re-loading an export made after someone was removed must not bring them back."""
    load_programme(engine, parse_programme(_without(_raw(), "people", "copas")))
    path = tmp_path / "export.toml"
    write_event_file(export_programme(engine, sample_event), path)

    report = load_programme(engine, read_programme(path))

    assert not report.changed, report.changes
    assert _by_key_person(engine, "copas").status == AttendeeStatus.CANCELLED


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_programme_sheet_loads_back_unchanged(
        engine: sa.Engine, sample_event: int, tmp_path: Path, suffix: str) -> None:
    before = _snapshot(engine, sample_event)
    journal = len(_journal(engine))
    path = tmp_path / f"programme.{suffix}"
    write_programme_sheet(export_programme(engine, sample_event), path)

    report = _load_sheet(engine, sample_event, path)

    assert not report.changed and report.changes == [], report.changes
    assert _snapshot(engine, sample_event) == before
    assert len(_journal(engine)) == journal


def test_csv_sheet_opens_in_french_excel(engine: sa.Engine, sample_event: int, tmp_path: Path) -> None:
    """A BOM so Excel reads the accents as UTF-8, and `;` so it splits the columns."""
    path = tmp_path / "programme.csv"
    write_programme_sheet(export_programme(engine, sample_event), path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].split(";")[:3] == ["key", "title", "kind"]
    assert "Atelier réseau : l'émergence, entre chefs de projet Citéslab" in text


# --- programme sheets as coordinators make them -----------------------------------------------

FRENCH_CSV = (
    "Programme du Pop-Up de l'IREV — jeudi 10 décembre 2026\r\n"
    "Titre;Type;Parcours;Salle;Début;Fin;Places;Intervenants\r\n"
    "Ouverture officielle;Plénière;;Grand auditorium;9h15;10h00;;Gaëlle Velay, Milouda Ala\r\n"
    "Coopérer pour l'emploi;Session de parcours;Coopération;Salle Beffroi;10h15;12h15;25;Karim Kaci\r\n"
    "L'émergence entre chefs de projet Citéslab;Atelier réseau;;Salle Beffroi;14h00;15h45;12;"
    "Élodie Bouchez\r\n"
)


def test_french_csv_in_windows_1252_loads_into_the_right_rooms_and_times(
        engine: sa.Engine, sample_event: int, tmp_path: Path) -> None:
    data = FRENCH_CSV.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really what Excel "CSV (séparateur: point-virgule)" saves
    path = tmp_path / "programme.csv"
    path.write_bytes(data)

    report = _load_sheet(engine, sample_event, path)

    assert report.created == {"session": 3}
    assert report.removed == {"session": 15}  # the sheet is the whole programme now
    beffroi = _by_key(engine, Room, "beffroi")
    auditorium = _by_key(engine, Room, "auditorium")
    cooperation = _by_key(engine, Track, "cooperation")
    sessions = {s.title: s for s in _sessions(engine).values()}
    assert set(sessions) == {"Ouverture officielle", "Coopérer pour l'emploi",
                             "L'émergence entre chefs de projet Citéslab"}
    opening = sessions["Ouverture officielle"]
    assert (opening.kind, opening.room_id, opening.track_id) == (SessionKind.PLENARY, auditorium.id, None)
    assert opening.starts_at == datetime(*DAY, 8, 15, tzinfo=UTC)
    assert opening.speakers == ["velay", "ala"]
    coop = sessions["Coopérer pour l'emploi"]
    assert (coop.kind, coop.room_id, coop.track_id) == (SessionKind.TRACK, beffroi.id, cooperation.id)
    assert coop.capacity == 25
    workshop = sessions["L'émergence entre chefs de projet Citéslab"]
    assert (workshop.kind, workshop.room_id) == (SessionKind.WORKSHOP, beffroi.id)
    assert (workshop.starts_at, workshop.ends_at) == (datetime(*DAY, 13, 0, tzinfo=UTC),
                                                      datetime(*DAY, 14, 45, tzinfo=UTC))
    assert workshop.capacity == 12
    assert workshop.speakers == ["bouchez"]
    # Loading the same sheet again finds the same sessions (keys made from the titles).
    again = _load_sheet(engine, sample_event, path)
    assert not again.changed, again.changes


def test_xlsx_with_real_time_cells(engine: sa.Engine, sample_event: int, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"] = "Pop-Up IREV — programme de l'après-midi"
    sheet.append([])
    sheet.append(["Intitulé", "Format", "Lieu", "Heure de début", "Heure de fin", "Jauge",
                  "Intervenants"])
    sheet.append(["Atelier réseau : la charte", "Atelier réseau", "Salle de l'incubateur",
                  time(14, 0), time(15, 45), 18, "Thibault Rousseau"])
    sheet.append(["Remise du prix", "Plénière", "auditorium", time(17, 15), time(17, 45), None,
                  "ala"])
    for row in (4, 5):
        for col in ("D", "E"):
            sheet[f"{col}{row}"].number_format = "hh:mm"
    path = tmp_path / "programme.xlsx"
    book.save(path)

    report = _load_sheet(engine, sample_event, path)

    assert report.created == {"session": 2}
    sessions = {s.title: s for s in _sessions(engine).values()}
    charte = sessions["Atelier réseau : la charte"]
    assert charte.kind == SessionKind.WORKSHOP
    assert charte.room_id == _by_key(engine, Room, "incubateur").id
    assert (charte.starts_at, charte.ends_at) == (datetime(*DAY, 13, 0, tzinfo=UTC),
                                                  datetime(*DAY, 14, 45, tzinfo=UTC))
    assert charte.capacity == 18
    assert charte.speakers == ["rousseau"]
    prize = sessions["Remise du prix"]
    assert prize.room_id == _by_key(engine, Room, "auditorium").id
    assert prize.starts_at == datetime(*DAY, 16, 15, tzinfo=UTC)


# Row 3 has a description on two lines; the faulty row is row 4 as a spreadsheet shows it.
SHEET_HEADER = "Titre;Type;Salle;Début;Fin;Places;Description"
SHEET_ROW_3 = 'Ouverture;Plénière;Grand auditorium;9h15;10h00;;"Accueil\ndes élus"'
SHEET_ERRORS = {
    "unknown-room": ("Atelier;Atelier réseau;Salle des fêtes;14h00;15h00;12;",
                     "unknown room 'Salle des fêtes'"),
    "end-before-start": ("Atelier;Atelier réseau;Salle Beffroi;14h00;13h30;12;",
                         "ends at 13:30, not after its start 14:00"),
    "capacity-in-words": ("Atelier;Atelier réseau;Salle Beffroi;14h00;15h00;douze;", "douze"),
    "bad-time": ("Atelier;Atelier réseau;Salle Beffroi;quatorze heures;15h00;12;",
                 "'quatorze heures' is not a time"),
    "outside-the-day": ("Atelier;Atelier réseau;Salle Beffroi;17h30;19h00;12;", "outside the day"),
}


@pytest.mark.parametrize("case", sorted(SHEET_ERRORS))
def test_sheet_error_names_the_row_and_writes_nothing(
        engine: sa.Engine, sample_event: int, tmp_path: Path, case: str) -> None:
    row, expected = SHEET_ERRORS[case]
    path = tmp_path / "programme.csv"
    path.write_text(f"Programme du 10 décembre\n{SHEET_HEADER}\n{SHEET_ROW_3}\n{row}\n",
                    encoding="utf-8")
    before = _snapshot(engine, sample_event)
    journal = len(_journal(engine))

    with pytest.raises(ProgrammeError) as err:
        _load_sheet(engine, sample_event, path)

    assert len(err.value.problems) == 1, err.value.problems
    assert re.match(r"programme\.csv row 4\b", err.value.problems[0]), err.value.problems
    assert expected in err.value.problems[0]
    assert _snapshot(engine, sample_event) == before
    assert len(_journal(engine)) == journal


def test_sheet_without_a_title_column_says_so(
        engine: sa.Engine, sample_event: int, tmp_path: Path) -> None:
    path = tmp_path / "programme.csv"
    path.write_text("Sujet;Salle;Début;Fin\nAtelier;Salle Beffroi;14h00;15h00\n", encoding="utf-8")
    before = _snapshot(engine, sample_event)

    with pytest.raises(ProgrammeError) as err:
        _load_sheet(engine, sample_event, path)

    assert "no column for title" in str(err.value)
    assert "Sujet" in str(err.value)  # shows the header it found
    assert _snapshot(engine, sample_event) == before


def test_xlsx_error_names_the_row_shown_by_excel(
        engine: sa.Engine, sample_event: int, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["B2"] = "Programme"  # rows 1 and 3 stay empty
    sheet.append(["Titre", "Salle", "Début", "Fin"])
    sheet.append(["Ouverture", "auditorium", time(9, 15), time(10, 0)])
    sheet.append(["Atelier", "Grenier", time(14, 0), time(15, 0)])
    path = tmp_path / "programme.xlsx"
    book.save(path)
    assert sheet.max_row == 5

    with pytest.raises(ProgrammeError) as err:
        _load_sheet(engine, sample_event, path)

    assert err.value.problems == ["programme.xlsx row 5: unknown room 'Grenier'"]


# --- event file errors ----------------------------------------------------------------------

def _entry_line(text: str, section: str, key: str) -> int:
    """The line of the `[[section]]` header above `key = "…"`, counted by hand."""
    lines = text.splitlines()
    at = lines.index(f'key = "{key}"')
    while lines[at].strip() != f"[[{section}]]":
        at -= 1
    return at + 1


@pytest.mark.parametrize(("section", "key", "old", "new", "expected"), [
    ("sessions", "atelier-emergence", 'room = "verriere"', 'room = "grenier"', "unknown room 'grenier'"),
    ("people", "copas", 'category = "partenaire"', 'category = "mecene"', "unknown category 'mecene'"),
    ("rooms", "beffroi", "capacity = 30", 'capacity = "trente"', "capacity must be a whole number ≥ 0"),
], ids=["session", "person", "room"])
def test_event_file_error_names_the_entry_and_its_line(
        tmp_path: Path, section: str, key: str, old: str, new: str, expected: str) -> None:
    assert SAMPLE_TEXT.count(old) == 1
    text = SAMPLE_TEXT.replace(old, new)
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    number = [e["key"] for e in tomllib.loads(text)[section]].index(key) + 1

    with pytest.raises(ProgrammeError) as err:
        read_programme(path)

    line = _entry_line(text, section, key)
    assert err.value.problems == [f"[[{section}]] #{number} '{key}' (line {line}): {expected}"]


def test_commented_out_entry_does_not_shift_the_line_numbers(tmp_path: Path) -> None:
    text = SAMPLE_TEXT.replace('[[sessions]]\nkey = "ouverture"',
                               '# [[sessions]]\n# key = "brouillon"\n\n[[sessions]]\nkey = "ouverture"')
    text = text.replace('speakers = ["bouchez"]', 'speakers = ["inconnu"]')
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProgrammeError) as err:
        read_programme(path)
    line = _entry_line(text, "sessions", "atelier-emergence")
    assert f"'atelier-emergence' (line {line})" in str(err.value)


# --- editing the event ------------------------------------------------------------------------

def test_room_capacity_change_is_reported_and_journaled(engine: sa.Engine, sample_event: int) -> None:
    journal = _journal(engine)

    trial = load_programme(engine, parse_programme(_with_beffroi(35)), dry_run=True)

    assert trial.dry_run
    assert trial.changes == ["room 'beffroi': capacity 30 → 35"]
    assert trial.updated == {"room": 1}
    assert _by_key(engine, Room, "beffroi").capacity == 30
    assert len(_journal(engine)) == len(journal)

    report = load_programme(engine, parse_programme(_with_beffroi(35)), actor="Claire",
                            desk="accueil-2", action="programme_edit")

    assert not report.dry_run
    assert report.changes == ["room 'beffroi': capacity 30 → 35"]
    assert _by_key(engine, Room, "beffroi").capacity == 35
    rows = _journal(engine)
    assert len(rows) == len(journal) + 1
    row = rows[-1]
    assert (row.event_id, row.action, row.actor, row.desk) == (sample_event, "programme_edit",
                                                               "Claire", "accueil-2")
    assert row.details["changes"] == ["room 'beffroi': capacity 30 → 35"]
    assert row.details["updated"] == {"room": 1}
    assert (row.details["created"], row.details["removed"]) == ({}, {})


def test_moving_a_session_reads_in_local_times_and_room_keys(
        engine: sa.Engine, sample_event: int) -> None:
    raw = _raw()
    cloture = next(s for s in raw["sessions"] if s["key"] == "cloture")
    cloture.update(room="verriere", start="17:20", end="17:50")
    next(p for p in raw["people"] if p["key"] == "copas")["category"] = "jury"

    report = load_programme(engine, parse_programme(raw))

    assert report.changes == [
        "session 'cloture': room 'auditorium' → 'verriere', start 17:15 → 17:20, end 17:45 → 17:50",
        "person 'copas': category 'partenaire' → 'jury'",
    ]
    assert _journal(engine)[-1].details["changes"] == report.changes


def test_removing_a_session_nobody_is_enrolled_in(engine: sa.Engine, sample_event: int) -> None:
    report = load_programme(engine, parse_programme(_without(_raw(), "sessions", "cloture")))
    assert report.removed == {"session": 1}
    assert "session 'cloture': removed" in report.changes
    assert "cloture" not in _sessions(engine)
    assert _journal(engine)[-1].details["removed"] == {"session": 1}


def test_removing_a_session_with_enrollments_is_refused_then_forced(
        engine: sa.Engine, sample_event: int, make_attendee: Callable[..., int]) -> None:
    ines = make_attendee(first_name="Inès", last_name="Fournier", code="FOURNIER-1")
    _enrol(engine, ines, "cloture")
    before = _snapshot(engine, sample_event)
    journal = len(_journal(engine))
    without = _without(_raw(), "sessions", "cloture")

    with pytest.raises(ProgrammeConflict) as err:
        load_programme(engine, parse_programme(without))

    assert any("'cloture'" in p and "1 people are enrolled" in p for p in err.value.problems)
    assert len(err.value.people) == 1 and "Inès Fournier" in err.value.people[0]
    assert "FOURNIER-1" in err.value.people[0]
    assert _snapshot(engine, sample_event) == before
    assert len(_journal(engine)) == journal

    report = load_programme(engine, parse_programme(_without(_raw(), "sessions", "cloture")),
                            force=True)

    assert report.removed == {"session": 1}
    assert len(report.affected) == 1 and "Inès Fournier" in report.affected[0]
    assert "cloture" not in _sessions(engine)
    with Session(engine) as db:
        person = db.get(Attendee, ines)
        assert person is not None and person.status == AttendeeStatus.REGISTERED
        assert db.exec(select(Enrollment).where(Enrollment.attendee_id == ines)).all() == []
    assert "Inès Fournier" in _journal(engine)[-1].details["affected"][0]


def test_a_cancelled_enrollment_does_not_hold_a_session_back(
        engine: sa.Engine, sample_event: int, make_attendee: Callable[..., int]) -> None:
    _enrol(engine, make_attendee(), "cloture", EnrollmentStatus.CANCELLED)
    report = load_programme(engine, parse_programme(_without(_raw(), "sessions", "cloture")))
    assert report.removed == {"session": 1}
    assert report.affected == []


def test_a_session_with_door_scans_is_never_removed(
        engine: sa.Engine, sample_event: int, make_attendee: Callable[..., int]) -> None:
    person = make_attendee()
    session_id = _by_key(engine, EventSession, "cloture").id
    with Session(engine) as db:
        db.add(Scan(uuid=str(uuid.uuid4()), event_id=sample_event, code="T000001",
                    attendee_id=person, kind=ScanKind.SESSION_ENTRY, session_id=session_id,
                    desk="porte-auditorium", desk_time=datetime(*DAY, 16, 20, tzinfo=UTC),
                    result=ScanResult.ADMITTED))
        db.commit()
    before = _snapshot(engine, sample_event)

    for force in (False, True):
        with pytest.raises(ProgrammeConflict) as err:
            load_programme(engine, parse_programme(_without(_raw(), "sessions", "cloture")),
                           force=force)
        assert any("'cloture'" in p and "door scans" in p for p in err.value.problems)

    assert _snapshot(engine, sample_event) == before
    with Session(engine) as db:
        assert db.exec(select(Scan.session_id)).all() == [session_id]


def test_a_category_still_given_to_registrants(
        engine: sa.Engine, sample_event: int, make_attendee: Callable[..., int]) -> None:
    press = _by_key(engine, Category, "presse")
    reporter = make_attendee(first_name="Yann", last_name="Le Gall", category_id=press.id)

    with pytest.raises(ProgrammeConflict) as err:
        load_programme(engine, parse_programme(_without(_raw(), "categories", "presse")))
    assert any("'presse'" in p and "1 registrants" in p for p in err.value.problems)

    report = load_programme(engine, parse_programme(_without(_raw(), "categories", "presse")),
                            force=True)
    assert report.removed == {"category": 1}
    with Session(engine) as db:
        person = db.get(Attendee, reporter)
        assert person is not None and person.category_id is None


def test_person_taken_out_of_the_file_is_cancelled_not_deleted(
        engine: sa.Engine, sample_event: int) -> None:
    before = _by_key_person(engine, "copas")

    report = load_programme(engine, parse_programme(_without(_raw(), "people", "copas")))

    assert report.removed == {"person": 1}
    assert "person 'copas': cancelled (no longer in the file)" in report.changes
    after = _by_key_person(engine, "copas")
    assert (after.id, after.code, after.last_name) == (before.id, "COPAS", "Demarcq")
    assert after.status == AttendeeStatus.CANCELLED
    # Put back in the file, the same registrant is registered again (no second badge).
    load_programme(engine, read_programme(sample_event_path()))
    again = _by_key_person(engine, "copas")
    assert (again.id, again.status) == (before.id, AttendeeStatus.REGISTERED)
