"""Funders' statistics and the PDF documents: counts by category, session, territory,
the arrival curve, the one-page summary and the sign-in sheets."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from checkin.core.exports.stats import departement
from checkin.core.exports.run import run_export
from tests.helpers.export_day import AFTER_THE_DAY, book_carole_elsewhere, make_day


@pytest.fixture
def day(engine, sample_event, make_attendee):
    return make_day(engine, sample_event, make_attendee)


@pytest.mark.parametrize("postcode, expected", [
    ("80000", "80"), ("02100", "02"), ("20000", "2A"), ("20167", "2A"), ("20200", "2B"),
    ("20600", "2B"), ("97200", "972"), ("97411", "974"), ("98000", "980"), (" 75 011", "75"),
    ("", ""), ("B-1000", ""), ("1000", ""),
])
def test_departement_from_postcode(postcode, expected):
    assert departement(postcode) == expected


def sheets(path):
    book = load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def test_statistics_workbook_has_one_sheet_per_table(engine, day, tmp_path):
    out = tmp_path / "stats.xlsx"
    run_export(engine, day.event_id, "stats", out)
    book = sheets(out)
    assert list(book) == ["Synthèse", "Par catégorie", "Par session", "Par parcours",
                          "Par structure", "Par commune", "Par code postal", "Par département",
                          "Résidents QPV", "Arrivées par 15 min"]
    summary = dict(map(tuple, book["Synthèse"][1:]))
    assert summary["Présences"] == 3 and summary["Inscriptions sur place"] == 1
    assert summary["Annulations"] == 1
    dept = {r[0]: r[1:] for r in book["Par département"][1:]}
    assert dept["80"] == [1, 1] and dept["2A"] == [1, 0] and dept["2B"] == [1, 1]
    assert dept["972"] == [1, 0]
    session = next(r for r in book["Par session"][1:] if r[0].startswith("Relier les acteurs"))
    assert session[5:] == [2, 0, 2]  # booked, waitlisted, entered
    # Alice and Mallory at 08:45, Eve (walk-in) at 09:10; Carole's entry was undone.
    assert book["Arrivées par 15 min"][1:] == [["08:45", 2, 2], ["09:00", 1, 3]]


def pdf_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_one_page_summary_with_figures_and_chart(engine, day, tmp_path):
    out = tmp_path / "stats.pdf"
    run_export(engine, day.event_id, "stats", out)
    pages = pdf_text(out)
    assert len(pages) == 2  # the summary, then the QPV residents per session
    assert "Statistiques de fréquentation" in pages[0] and "Par catégorie" in pages[0]
    assert "Arrivées par quart d'heure" in pages[0]
    assert "Résidents des quartiers prioritaires (QPV)" in pages[0]
    assert "Résidents QPV par session" in pages[1] and "Statistiques" not in pages[1]


def test_sign_in_sheets_one_section_per_session_with_electronic_signatures(engine, day, tmp_path):
    out = tmp_path / "emargement.pdf"
    report = run_export(engine, day.event_id, "sign-in", out, clock=AFTER_THE_DAY)
    # Two bookings and one walk-in who entered; and the two plenaries and the contest,
    # which nobody was scanned into, list the 3 people on site (tests/core/test_sign_in_sheets.py).
    assert report.rows == 3 + 3 * 3
    pages = pdf_text(out)
    with engine.connect() as conn:
        sessions = conn.exec_driver_sql("SELECT COUNT(*) FROM session").scalar()
    assert len(pages) == sessions  # each short session on its own page
    sheet = next(p for p in pages if "Salle Somme" in p and "MARTIN Alice" in p)
    assert "Feuille d'émargement" in sheet and "Salle Somme" in sheet and "10/12/2026" in sheet
    assert "signé électroniquement à 10:20" in sheet
    assert "DURAND Bob" in sheet and "NOUVELLE Eve" in sheet
    assert sheet.count("signé électroniquement") == 2  # Bob signs by hand


def test_the_sign_in_sheet_of_one_session_lists_only_its_people(engine, day, tmp_path):
    other = book_carole_elsewhere(engine, day)
    assert run_export(engine, day.event_id, "sign-in", tmp_path / "all.pdf", clock=AFTER_THE_DAY).rows == 4 + 3 * 3
    report = run_export(engine, day.event_id, "sign-in", tmp_path / "one.pdf",
                        session_id=day.session_id, clock=AFTER_THE_DAY)
    assert report.rows == 3
    pages = pdf_text(tmp_path / "one.pdf")
    assert len(pages) == 1
    assert "MARTIN Alice" in pages[0] and "NOUVELLE Eve" in pages[0]
    assert "PETIT" not in pages[0]
    mine = run_export(engine, day.event_id, "sign-in", tmp_path / "other.pdf", session_id=other, clock=AFTER_THE_DAY)
    assert mine.rows == 1 and "PETIT Carole" in pdf_text(tmp_path / "other.pdf")[0]


def test_one_session_is_refused_for_other_exports_and_unknown_sessions(engine, day, tmp_path):
    from checkin.core.exports.files import ExportError

    with pytest.raises(ExportError, match="sessions and sign-in exports"):
        run_export(engine, day.event_id, "attendance", tmp_path / "a.csv", session_id=day.session_id)
    with pytest.raises(ExportError, match="no session 999999"):
        run_export(engine, day.event_id, "sign-in", tmp_path / "b.pdf", session_id=999999, clock=AFTER_THE_DAY)
    assert not (tmp_path / "a.csv").exists() and not (tmp_path / "b.pdf").exists()
