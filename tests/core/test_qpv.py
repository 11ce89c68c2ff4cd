"""Residents of quartiers prioritaires (QPV): read from the import, counted in the funders'
statistics (the workbook's cells, the PDF's text), kept as anonymous counts by the purge."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from checkin.core.clock import fixed_clock
from checkin.core.demo import load_demo
from checkin.core.exports.run import run_export
from checkin.core.privacy import person_data, purge_event
from checkin.core.registrants.importer import import_registrants, inspect_file, parse_map_option
from checkin.core.registrants.presets import HELLOASSO_LEGACY, WEEZEVENT, map_columns
from checkin.core.registrants.qpv import read_answer
from checkin.store.models import Attendee, Enrollment
from tests.helpers.export_day import make_day, utc

SHEET = "Résidents QPV"


@pytest.fixture(autouse=True)
def _own_config(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKIN_CONFIG_DIR", str(tmp_path / "config"))


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _import(engine, event_id, path, mapping=None, **kw):
    return import_registrants(engine, event_id, inspect_file(path, None, mapping), **kw)


def _answers(engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(sa.select(Attendee.email, Attendee.qpv)
                                 .where(Attendee.email != "")).all())


# --- the import --------------------------------------------------------------------------

@pytest.mark.parametrize("header", [
    "Résident QPV", "RESIDENT QPV", "résident-qpv", "RésidentQPV", "Quartier prioritaire",
    "QPV", "qpv", "Q.P.V.", "Habitant QPV", "Résident d'un quartier prioritaire",
    "QPV resident", "Lives in a priority neighbourhood", "Résident QPV #131480",
])
def test_the_qpv_column_is_recognised_by_its_usual_names(header):
    assert map_columns(["Nom", "Prénom", header], None)[header] == "qpv"


def test_platform_questions_about_qpv_are_recognised():
    weezevent = [*WEEZEVENT.signature, "Quartier prioritaire #131480"]
    assert map_columns(weezevent, WEEZEVENT)["Quartier prioritaire #131480"] == "qpv"
    helloasso = ["Numéro", "Formule", "Nom", "Prénom", "Statut", "Champ additionnel: Résident QPV"]
    assert map_columns(helloasso, HELLOASSO_LEGACY)["Champ additionnel: Résident QPV"] == "qpv"


def test_columns_that_only_look_alike_are_not_taken_for_qpv():
    mapping = map_columns(["Nom", "Quartier", "Résidence", "Prioritaire"], None)
    assert "qpv" not in mapping.values()


@pytest.mark.parametrize("cell, answer", [
    ("Oui", "yes"), ("OUI", "yes"), ("oui.", "yes"), ("Yes", "yes"), ("vrai", "yes"),
    ("TRUE", "yes"), ("1", "yes"), ("x", "yes"), ("X", "yes"), ("o", "yes"),
    ("Non", "no"), ("NON", "no"), ("no", "no"), ("Faux", "no"), ("false", "no"), ("0", "no"),
    ("n", "no"), ("", "unknown"), ("  ", "unknown"),
    ("Ne sait pas", None), ("Amiens Nord", None), ("peut-être", None), ("2", None),
])
def test_answers_are_read_in_any_spelling_and_the_rest_is_not_guessed(cell, answer):
    assert read_answer(cell) == answer


CSV = ("Nom,Prénom,Email,Résident QPV\n"
       "Dupré,Hélène,helene@example.fr,Oui\n"
       "L'Hôte,Cécile,cecile@example.fr,NON\n"
       "Martin,Alice,alice@example.fr,\n"
       "Petit,Carole,carole@example.fr,Ne sait pas\n"
       "Durand,Bob,bob@example.fr,x\n"
       "Roux,Dan,dan@example.fr,Amiens Nord\n"
       "Noël,Eve,eve@example.fr,ne sait pas\n")


def test_an_import_fills_qpv_and_counts_what_it_did_not_understand(engine, sample_event, tmp_path):
    report = _import(engine, sample_event, _write(tmp_path, "inscrits.csv", CSV))
    assert report.added == 7
    assert _answers(engine) == {
        "helene@example.fr": "yes", "cecile@example.fr": "no", "alice@example.fr": "unknown",
        "carole@example.fr": "unknown", "bob@example.fr": "yes", "dan@example.fr": "unknown",
        "eve@example.fr": "unknown"}
    # Not understood: left unknown (never a "no") and counted, spelling by spelling.
    assert report.qpv_unclear == {"Ne sait pas": 1, "Amiens Nord": 1, "ne sait pas": 1}


def test_the_import_summary_names_the_answers_not_understood(sqlite_url, tmp_path, capsys):
    from checkin.cli import main
    from checkin.core.programme.event_file import read_programme, sample_event_path
    from checkin.core.programme.load import load_programme
    from checkin.store import open_store

    load_programme(open_store(sqlite_url), read_programme(sample_event_path()))
    path = _write(tmp_path, "inscrits.csv", CSV)
    assert main(["--db", sqlite_url, "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert ('3 QPV answer(s) not understood, left unknown: "Ne sait pas" (1), '
            '"Amiens Nord" (1), "ne sait pas" (1)') in out


def test_a_reimport_updates_qpv_and_an_empty_cell_keeps_the_answer(engine, sample_event, tmp_path):
    _import(engine, sample_event, _write(tmp_path, "v1.csv", CSV))
    newer = ("Nom,Prénom,Email,Résident QPV\n"
             "Dupré,Hélène,helene@example.fr,Non\n"      # changed her answer
             "L'Hôte,Cécile,cecile@example.fr,\n"        # empty: what we knew stays
             "Martin,Alice,alice@example.fr,oui\n"       # answered at last
             "Petit,Carole,carole@example.fr,Ne sait pas\n")
    report = _import(engine, sample_event, _write(tmp_path, "v2.csv", newer))
    assert report.updated == 2
    answers = _answers(engine)
    assert (answers["helene@example.fr"], answers["cecile@example.fr"],
            answers["alice@example.fr"], answers["carole@example.fr"]) == ("no", "no", "yes", "unknown")


def test_a_custom_question_is_mapped_to_qpv_explicitly(engine, sample_event, tmp_path):
    text = ("Nom,Prénom,Email,Habitez-vous dans un quartier de la politique de la ville ?\n"
            "Dupré,Hélène,helene@example.fr,oui\n"
            "L'Hôte,Cécile,cecile@example.fr,non\n")
    path = _write(tmp_path, "formulaire.csv", text)
    question = "Habitez-vous dans un quartier de la politique de la ville ?"
    assert "qpv" not in inspect_file(path).mapping.values()  # not a name we guess
    mapping = parse_map_option([f"{question}=qpv"])
    assert mapping == {question: "qpv"}
    _import(engine, sample_event, path, mapping)
    assert _answers(engine) == {"helene@example.fr": "yes", "cecile@example.fr": "no"}


# --- the statistics ----------------------------------------------------------------------

@pytest.fixture
def day(engine, sample_event, make_attendee):
    """The export day with QPV answers: Alice yes (came, entered the morning session), Bob
    no (booked, never came), Carole yes (her entry undone), Mallory no (came), Eve unknown
    (a walk-in who entered the session), Dan cancelled (yes, not counted). The sample
    event's own people (speakers, jury) are set aside as cancelled: the figures are these six."""
    with engine.begin() as conn:
        conn.execute(sa.update(Attendee).values(status="cancelled"))
    day = make_day(engine, sample_event, make_attendee)
    answers = {"alice": "yes", "bob": "no", "carol": "yes", "mallory": "no", "dan": "yes"}
    with engine.begin() as conn:
        for who, answer in answers.items():
            conn.execute(sa.update(Attendee).where(Attendee.id == day.ids[who]).values(qpv=answer))
    return day


def _qpv_sheet(path) -> list[list]:
    return [list(r) for r in load_workbook(path)[SHEET].iter_rows(values_only=True)]


def _row(sheet, first: str) -> list:
    return next(r for r in sheet if r[0] and r[0].startswith(first))


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_the_workbook_counts_qpv_among_registered_present_and_per_session(engine, day, tmp_path):
    out = tmp_path / "stats.xlsx"
    run_export(engine, day.event_id, "stats", out)
    sheet = _qpv_sheet(out)
    assert sheet[0] == ["Groupe", "Base", "Oui", "Non", "Inconnu", "Total",
                        "% QPV parmi les réponses connues", "% QPV parmi l'ensemble",
                        "% réponses inconnues"]
    # Registered: Alice, Carole yes; Bob, Mallory no; Eve unknown (Dan is cancelled).
    assert _row(sheet, "Inscrits")[2:] == [2, 2, 1, 5, 50.0, 40.0, 20.0]
    # Came: Alice, Mallory, Eve (Carole's entry was undone).
    assert _row(sheet, "Présents")[2:] == [1, 1, 1, 3, 50.0, 33.3, 33.3]
    # The morning session: Alice and Eve were scanned at its door.
    morning = _row(sheet, "Relier les acteurs")
    assert morning[1] == "entrées en salle" and morning[2:6] == [1, 0, 1, 2]
    sentences = [_plain(r[0]) for r in sheet if r[0] and r[1] is None]
    assert ("Inscrits (hors annulations) : 50 % des réponses connues (2 sur 4), soit 40 % de "
            "l'ensemble (2 sur 5) ; 20 % de réponses inconnues") in sentences
    assert any(s.startswith("Source : réponses des inscrits") for s in sentences)


def test_a_session_without_door_scans_is_counted_from_its_bookings_of_people_who_came(
        engine, day, tmp_path):
    with engine.begin() as conn:  # Mallory (no, came) and Bob (no-show) book a session
        other, title = conn.execute(sa.text(  # that nobody scans at
            "SELECT id, title FROM session WHERE key = 'potentiel-matin'")).one()
        conn.execute(sa.insert(Enrollment.__table__), [
            dict(attendee_id=day.ids[who], session_id=other, status="booked", position=0,
                 created_at=utc(7, 0), updated_at=utc(7, 0)) for who in ("mallory", "bob")])
    out = tmp_path / "stats.xlsx"
    run_export(engine, day.event_id, "stats", out)
    row = _row(_qpv_sheet(out), title)
    assert row[1] == "réservations des présents (aucun scan à la porte)"
    assert row[2:6] == [0, 1, 0, 1]  # Mallory; Bob did not come


def test_english_workbook_words(engine, day, tmp_path):
    out = tmp_path / "stats-en.xlsx"
    run_export(engine, day.event_id, "stats", out, lang="en")
    sheet = [list(r) for r in load_workbook(out)["QPV residents"].iter_rows(values_only=True)]
    assert sheet[0][:5] == ["Group", "Based on", "Yes", "No", "Unknown"]
    assert ("Registered (not cancelled): 50% of known answers (2 of 4), that is 40% of all "
            "(2 of 5); 20% unknown answers") in [_plain(r[0]) for r in sheet if r[0]]


def _pdf_pages(path) -> list[str]:
    return [_plain(page.extract_text()) for page in PdfReader(path).pages]


def test_the_pdf_says_the_qpv_share_on_its_first_page_and_per_session_on_the_next(
        engine, day, tmp_path):
    out = tmp_path / "stats.pdf"
    run_export(engine, day.event_id, "stats", out)
    first, per_session = _pdf_pages(out)
    assert "Résidents des quartiers prioritaires (QPV)" in first
    assert ("Inscrits (hors annulations) : 50 % des réponses connues (2 sur 4), soit 40 % de "
            "l'ensemble (2 sur 5) ; 20 % de réponses inconnues") in first
    assert ("Présents (entrée ou porte de session) : 50 % des réponses connues (1 sur 2), "
            "soit 33 % de l'ensemble (1 sur 3) ; 33 % de réponses inconnues") in first
    assert "Par session : page 2." in first
    assert "Résidents QPV par session" in per_session
    assert "Relier les acteurs du territoire autour de" in per_session
    assert "entrées en salle 1 0 1 100,0 50,0" in per_session  # Alice yes, Eve unknown


# --- the purge ---------------------------------------------------------------------------

def test_the_purge_erases_the_answers_and_keeps_their_counts(engine, day, tmp_path):
    run_export(engine, day.event_id, "stats", tmp_path / "before.xlsx")
    moment = datetime(2026, 12, 20, 17, 30, tzinfo=UTC)
    report = purge_event(engine, day.event_id, clock=fixed_clock(moment))
    assert report.qpv_answers == 5  # Dan's (cancelled) too: it is his personal data
    with engine.connect() as conn:
        assert set(conn.execute(sa.select(Attendee.qpv)).scalars()) == {"unknown"}
    with engine.connect() as conn:
        details = conn.execute(sa.text("SELECT details FROM journal WHERE action = 'purge'")).scalar()
    details = details if isinstance(details, dict) else json.loads(details)
    assert details["qpv"]["registered"] == [2, 2, 1] and details["qpv"]["came"] == [1, 1, 1]
    assert ["emergence-matin", "door", 1, 0, 1] in details["qpv"]["sessions"]
    assert "qpv" in details["erased"]

    run_export(engine, day.event_id, "stats", tmp_path / "after.xlsx")
    before, after = _qpv_sheet(tmp_path / "before.xlsx"), _qpv_sheet(tmp_path / "after.xlsx")
    assert before[:-1] == after[:-1]  # the same figures, and sentences
    assert _plain(after[-1][0]) == ("Source : comptes anonymes conservés lors de la purge des "
                                    "données personnelles du 20/12/2026 18:30, les réponses "
                                    "individuelles ayant été effacées.")
    out = tmp_path / "after.pdf"
    run_export(engine, day.event_id, "stats", out)
    first = _pdf_pages(out)[0]
    assert "50 % des réponses connues (2 sur 4)" in first
    assert "comptes anonymes conservés lors de la purge" in first


def test_a_second_purge_keeps_the_counts_of_the_first(engine, day, tmp_path):
    purge_event(engine, day.event_id)
    purge_event(engine, day.event_id)
    out = tmp_path / "after.xlsx"
    run_export(engine, day.event_id, "stats", out)
    assert _row(_qpv_sheet(out), "Inscrits")[2:6] == [2, 2, 1, 5]


def test_a_person_gets_their_qpv_answer_with_their_data(engine, day):
    data = person_data(engine, day.event_id, "ALICE")
    assert data["attendee"]["qpv"] == "yes"


# --- the demo ----------------------------------------------------------------------------

def test_the_demo_answers_the_qpv_question(engine):
    load_demo(engine, 200)
    with engine.connect() as conn:
        counts = dict(conn.execute(sa.text(
            "SELECT qpv, COUNT(*) FROM attendee WHERE source = 'demo' GROUP BY qpv")).all())
    assert counts.keys() == {"yes", "no", "unknown"}
    assert 40 <= counts["yes"] <= 80 and 70 <= counts["no"] <= 130 and 20 <= counts["unknown"] <= 60


def test_a_reimport_to_add_qpv_answers_keeps_everyones_category(engine, sample_event, tmp_path):
    """A plain list (names, email, QPV) re-imported over people of other categories: their
    QPV answers change, their categories do not (the file has no ticket type to say so)."""
    _import(engine, sample_event, _write(tmp_path, "v1.csv", "Nom,Prénom,Email,Catégorie\n"
                                         "Dupré,Hélène,helene@example.fr,Presse\n"))
    _import(engine, sample_event, _write(tmp_path, "v2.csv", "Nom,Prénom,Email,Résident QPV\n"
                                         "Dupré,Hélène,helene@example.fr,Oui\n"))
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT c.key, a.qpv FROM attendee a JOIN category c "
                                   "ON c.id = a.category_id WHERE a.email = 'helene@example.fr'")).one()
    assert tuple(row) == ("presse", "yes")
