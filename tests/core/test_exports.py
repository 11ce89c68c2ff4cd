"""End-of-day tables as the staff open them in a spreadsheet: who came when, through
which desk, which sessions, who did not come; times in the event's time zone."""

from __future__ import annotations

import importlib
import csv
import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from checkin.core.exports.files import ExportError
from checkin.core.exports.run import ExportRefused, run_export
from checkin.core.roles import Role
from checkin.store.models import Journal
from tests.helpers.export_day import book_carole_elsewhere, make_day


@pytest.fixture
def day(engine, sample_event, make_attendee):
    return make_day(engine, sample_event, make_attendee)


def read_csv(path, delimiter=","):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def by_code(rows, column="Code billet"):
    head = rows[0]
    return {r[head.index(column)]: dict(zip(head, r)) for r in rows[1:]}


def test_attendance_lists_who_came_with_local_times_desk_sessions_and_badge(engine, day, tmp_path):
    out = tmp_path / "presences.csv"
    report = run_export(engine, day.event_id, "attendance", out, actor="staff", desk="d1")
    rows = by_code(read_csv(out))
    assert set(rows) == {"ALICE", "MAL", rows and next(c for c in rows if c.startswith("WI"))}
    alice = rows["ALICE"]
    assert alice["Arrivée"] == "2026-12-10 08:45:00"  # 07:45 UTC is 08:45 in Paris
    assert alice["Poste d'accueil"] == "Accueil 1"
    assert alice["Badge imprimé"] == "oui" and rows["MAL"]["Badge imprimé"] == "non"
    assert alice["Sessions suivies (entrée–sortie)"] == \
        "Relier les acteurs du territoire autour de l'émergence de projets (10:20–11:55)"
    assert report.rows == 3


def test_someone_only_seen_at_a_door_arrived_there(engine, day, tmp_path):
    """Bob never passed the entrance; the room's door admitted him: that is his arrival."""
    from checkin.core.admission.scan import ScanService
    from checkin.core.clock import fixed_clock
    from tests.helpers.export_day import utc

    door = ScanService(engine, day.event_id, desk="Porte Somme", clock=fixed_clock(utc(9, 25)))
    assert door.scan("BOB", session_id=day.session_id).result == "admitted"
    out = tmp_path / "presences.csv"
    run_export(engine, day.event_id, "attendance", out)
    bob = by_code(read_csv(out))["BOB"]
    assert bob["Arrivée"] == "2026-12-10 10:25:00" and bob["Poste d'accueil"] == "Porte Somme"
    run_export(engine, day.event_id, "absent", tmp_path / "absents.csv")
    absent = by_code(read_csv(tmp_path / "absents.csv"))
    assert "BOB" not in absent and "CAROL" in absent


def test_absent_has_the_no_shows_with_contacts_but_not_the_cancelled(engine, day, tmp_path):
    out = tmp_path / "absents.csv"
    run_export(engine, day.event_id, "absent", out)
    rows = by_code(read_csv(out))
    assert {"BOB", "CAROL"} <= set(rows)  # Carole's entry was undone
    assert not {"ALICE", "MAL", "DAN"} & set(rows)  # came, came, cancelled
    assert rows["BOB"]["Courriel"] == "bob@example.fr"
    assert rows["BOB"]["Sessions réservées"] == "1"


def test_walk_ins_and_the_full_scan_log_in_english(engine, day, tmp_path):
    out = tmp_path / "walk.csv"
    run_export(engine, day.event_id, "walk-ins", out, lang="en")
    rows = read_csv(out)
    assert rows[0][:3] == ["Ticket code", "Last name", "First name"]
    assert [r[1] for r in rows[1:]] == ["Nouvelle"]
    assert rows[1][rows[0].index("Arrival")] == "2026-12-10 09:10:00"
    log = tmp_path / "scans.csv"
    run_export(engine, day.event_id, "scans", log, lang="en")
    scans = read_csv(log)
    head = scans[0]
    undone = [r for r in scans[1:] if r[head.index("Ticket code")] == "CAROL"]
    assert [(r[head.index("Kind")], r[head.index("Undone")]) for r in undone] == \
        [("entry", "yes"), ("undo", "no")]
    assert len(scans) - 1 == 8


def test_sessions_lists_bookings_and_door_entries(engine, day, tmp_path):
    out = tmp_path / "sessions.csv"
    run_export(engine, day.event_id, "sessions", out)
    rows = [r for r in read_csv(out)[1:] if r[0] == "emergence-matin"]
    head = read_csv(out)[0]
    got = {r[head.index("Nom")]: (r[head.index("Inscription")], r[head.index("Entrée en salle")],
                                  r[head.index("Sortie de salle")]) for r in rows}
    assert got == {"Martin": ("réservé", "2026-12-10 10:20:00", "2026-12-10 11:55:00"),
                   "Durand": ("réservé", "", ""),
                   "Nouvelle": ("sans réservation", "2026-12-10 10:30:00", "")}


def test_the_sessions_list_of_one_session(engine, day, tmp_path):
    other = book_carole_elsewhere(engine, day)
    report = run_export(engine, day.event_id, "sessions", tmp_path / "one.csv",
                        session_id=day.session_id)
    rows = read_csv(tmp_path / "one.csv")[1:]
    assert report.rows == 3 and {r[0] for r in rows} == {"emergence-matin"}
    mine = run_export(engine, day.event_id, "sessions", tmp_path / "other.xlsx", session_id=other)
    sheet = load_workbook(tmp_path / "other.xlsx").active
    assert mine.rows == 1 and [c.value for c in sheet[2]][0] == "potentiel-matin"


def test_french_excel_csv_uses_semicolons(engine, day, tmp_path):
    out = tmp_path / "fr.csv"
    run_export(engine, day.event_id, "absent", out, delimiter=";")
    text = out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Code billet;Nom;Prénom;")
    assert all(len(r) == 8 for r in read_csv(out, ";"))


def test_xlsx_has_a_frozen_filtered_header_and_real_times(engine, day, tmp_path):
    out = tmp_path / "presences.xlsx"
    run_export(engine, day.event_id, "attendance", out)
    sheet = load_workbook(out).active
    assert sheet.title == "Présences"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J4"
    assert sheet["A1"].value == "Code billet"
    arrival = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "ALICE")[6]
    assert arrival.strftime("%H:%M") == "08:45"
    assert sheet.column_dimensions["I"].width > sheet.column_dimensions["F"].width


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_formulas_typed_by_registrants_come_out_inert(engine, day, tmp_path, suffix):
    out = tmp_path / f"attendance.{suffix}"
    run_export(engine, day.event_id, "attendance", out)
    if suffix == "csv":
        cells = [c for row in read_csv(out) for c in row]
        assert "'@SUM(A1)" in cells and "'-2+3" in cells and "'+cmd|' /C calc'!A0" in cells
        assert "'=HYPERLINK(\"http://evil\",\"x\")" in cells
        assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
        return
    sheet = load_workbook(out).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells), "no formula cell"
    values = {c.value for c in cells}
    assert {"@SUM(A1)", "-2+3", '=HYPERLINK("http://evil","x")'} <= values


def test_every_export_is_journaled(engine, day, tmp_path):
    run_export(engine, day.event_id, "absent", tmp_path / "a.xlsx", actor="staff", desk="d1")
    with engine.connect() as conn:
        row = conn.execute(sa.select(Journal.action, Journal.actor, Journal.desk, Journal.subject,
                                     Journal.details).where(Journal.action == "export")).one()
    assert row[:4] == ("export", "staff", "d1", "absent")
    assert row[4]["rows"] > 2 and row[4]["format"] == "xlsx" and row[4]["personal"] is True


def test_volunteers_and_coordinators_get_only_anonymous_statistics(engine, day, tmp_path):
    for role in (Role.VOLUNTEER, Role.COORDINATOR):
        with pytest.raises(ExportRefused):
            run_export(engine, day.event_id, "attendance", tmp_path / "a.csv", role=role)
    assert not (tmp_path / "a.csv").exists()
    run_export(engine, day.event_id, "stats", tmp_path / "s.xlsx", role=Role.VOLUNTEER)
    assert (tmp_path / "s.xlsx").exists()


@pytest.mark.parametrize("kind, name, message", [
    ("everyone", "a.csv", "unknown export"), ("attendance", "a.doc", "cannot tell the format"),
    ("sign-in", "a.csv", "written as pdf"), ("attendance", "missing/a.csv", "does not exist"),
])
def test_bad_requests_write_nothing(engine, day, tmp_path, kind, name, message):
    with pytest.raises(ExportError, match=message):
        run_export(engine, day.event_id, kind, tmp_path / name)
    assert [p.name for p in tmp_path.iterdir() if p.suffix not in (".sqlite3", ".ini")
            and not p.name.startswith("store")] == []


def test_a_failed_export_keeps_the_previous_file(engine, day, tmp_path, monkeypatch):
    out = tmp_path / "a.csv"
    out.write_text("previous")
    import checkin.core.exports.queries as q

    def broken(*_a):
        def rows():
            yield ("x",) * 10
            raise RuntimeError("disk on fire")
        return 2, rows()

    monkeypatch.setitem(importlib.import_module("checkin.core.exports.run").TABULAR, "attendance",
                        (broken, q.ATTENDANCE))
    with pytest.raises(RuntimeError):
        run_export(engine, day.event_id, "attendance", out)
    assert out.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
