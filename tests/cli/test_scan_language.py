"""`checkin scan` and `checkin export` in the user's language: the answer as the desk says
it, the reason why, counts in their plural form; `--json` keeps its English codes."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime

import pytest

from checkin.core.admission.scan import ScanService
from checkin.core.demo import load_demo
from checkin.store import open_store
from checkin.ui.desk_settings import DeskSettings, open_settings
from tests.helpers.cli import run_cli

NINE_TWELVE = datetime(2026, 12, 10, 8, 12, tzinfo=UTC)  # 9:12 in Paris, the event's zone


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    db = tmp_path_factory.mktemp("lang") / "demo.sqlite3"
    engine = open_store(str(db))
    load_demo(engine, 60, seed=1)  # one of them cancelled
    engine.dispose()  # everything in the main file, none left in its write-ahead log
    return db


@pytest.fixture
def db(demo_file, tmp_path):
    copy = tmp_path / "s.sqlite3"
    copy.write_bytes(demo_file.read_bytes())
    return str(copy)


def _person(db: str, where: str) -> tuple[str, str]:
    """(code, "First Last — Organisation") of the first registrant matching `where`."""
    with sqlite3.connect(db) as conn:
        code, first, last, org = conn.execute(
            "SELECT code, first_name, last_name, organisation FROM attendee "
            f"WHERE source = 'demo' AND {where} ORDER BY id LIMIT 1").fetchone()
    return code, f"{first} {last}" + (f" — {org}" if org else "")


def _scan(capsys, db: str, *argv: str) -> tuple[int, str]:
    code, out, err = run_cli(capsys, "--db", db, "scan", *argv)
    assert err == ""
    return code, out


def test_a_french_desk_is_answered_in_french(db, capsys, monkeypatch):
    monkeypatch.setenv("CHECKIN_LANG", "fr")
    assert _scan(capsys, db, "NOPE") == (1, "Code inconnu  NOPE  (aucune personne inscrite n'a ce code)\n")
    cancelled, who = _person(db, "status = 'cancelled'")
    assert _scan(capsys, db, cancelled) == (1, f"Billet annulé  {cancelled}  {who}\n")
    code, who = _person(db, "status = 'registered' AND attention = 0")
    ScanService(open_store(db), 1, desk="Accueil 1", clock=lambda: NINE_TWELVE).scan(code)
    assert _scan(capsys, db, code, "--desk", "Accueil 2") == (
        1, f"Entrée déjà enregistrée à 9\u00a0h\u00a012 (poste Accueil 1)  {code}  {who}\n")
    assert _scan(capsys, db, "&é\"'(-è_çà")[1].startswith("Badge mal lu  &é\"'(-è_çà  (illisible : ")


def test_english_otherwise_with_its_own_time_style(db, capsys, monkeypatch):
    monkeypatch.setenv("CHECKIN_LANG", "en")
    assert _scan(capsys, db, "NOPE") == (1, "Unknown code  NOPE  (no registrant has this code)\n")
    code, who = _person(db, "status = 'registered' AND attention = 0")
    assert _scan(capsys, db, code, "--desk", "Accueil 1") == (0, f"Welcome!  {code}  {who}\n")
    ScanService(open_store(db), 1, desk="Accueil 1", clock=lambda: NINE_TWELVE).undo_last(code)
    ScanService(open_store(db), 1, desk="Accueil 1", clock=lambda: NINE_TWELVE).scan(code)
    assert _scan(capsys, db, code) == (1, f"Already in since 09:12 (desk Accueil 1)  {code}  {who}\n")


def test_the_desk_choice_of_language_comes_first(db, capsys, monkeypatch):
    """The workstation set to French in the window: its command line answers in French too."""
    monkeypatch.setenv("CHECKIN_LANG", "en")
    DeskSettings(open_settings()).language = "fr"
    assert _scan(capsys, db, "NOPE")[1].startswith("Code inconnu  NOPE")


def test_a_door_refusal_and_its_seats_in_french(db, capsys, monkeypatch):
    monkeypatch.setenv("CHECKIN_LANG", "fr")
    code, who = _person(db, "status = 'registered' AND profession = '' AND attention = 0")
    status, out = _scan(capsys, db, code, "--session", "atelier-charte", "--desk", "porte")
    assert status == 1
    assert re.fullmatch(rf"Atelier réservé à d'autres publics  {code}  {re.escape(who)}  "
                        r"\[Atelier réseau : la charte entreprises et quartiers — [^,]+, "
                        r"\d+ places libres\]  \(réservé à Services de l'État, [^)]+\)\n", out), out
    status, out = _scan(capsys, db, code, "--session", "atelier-charte", "--override")
    assert status == 0 and out.startswith("Entrée par dérogation  ")
    assert out.endswith("  (dérogation : réservé à Services de l'État, "
                        "Animateur local de la charte entreprises et quartiers)\n")


def test_json_keeps_the_english_codes_and_its_shape(db, capsys, monkeypatch):
    monkeypatch.setenv("CHECKIN_LANG", "fr")
    code, out, _err = run_cli(capsys, "--db", db, "scan", "NOPE", "--json")
    answer = json.loads(out)
    assert code == 1 and answer["result"] == "unknown_code"
    assert answer["reason"] == "no registrant has this code"
    assert list(answer) == ["result", "code", "scan_id", "attendee_id", "first_name", "last_name",
                            "organisation", "category", "attention_text", "reason",
                            "first_entry_at", "first_entry_desk", "session_id", "session_title",
                            "room", "seats_left", "reserved_for", "overridden"]


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", r"{out} : 1 ligne \(attendance, csv\) en \d+,\d s\.\n"),
    ("en", r"{out}: 1 row \(attendance, csv\) in \d+\.\d s\.\n")])
def test_an_export_counts_its_rows_in_the_plural_they_take(db, capsys, monkeypatch, tmp_path,
                                                           lang, expected):
    monkeypatch.setenv("CHECKIN_LANG", lang)
    code, _who = _person(db, "status = 'registered'")
    _scan(capsys, db, code)
    out = tmp_path / "p.csv"
    status, said, _err = run_cli(capsys, "--db", db, "export", "attendance", "--out", str(out))
    assert status == 0
    assert re.fullmatch(expected.format(out=re.escape(str(out))), said), said
