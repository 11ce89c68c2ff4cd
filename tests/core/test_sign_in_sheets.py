"""The sign-in sheets as a funder reads them (issue 18): a plenary nobody was scanned into
lists the people on site, marked apart from door scans; long names keep their first name;
waitlisted people and walk-ins carry a mark on their own row.
The sheets are read cell by cell, as a person reads them (tests/helpers/sign_in_reader.py)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from checkin.core.exports.pdf import new_document
from checkin.core.exports.run import run_export
from checkin.core.exports.sign_in_sheets import (
    BODY_PT, NAME_W, ROW_H, TALL_ROW_H, name_pieces,
)
from tests.helpers.export_day import AFTER_THE_DAY, door, enroll, entrance, make_day, session_id, utc
from tests.helpers.sign_in_reader import sheet_rows

LONG = "de La Rochefoucauld-Montmorency d'Argenson"


@pytest.fixture
def day(engine, sample_event, make_attendee):
    """make_day, and around the opening plenary (09:15–10:00 Paris, nobody scanned at its
    door): Bob arrives at 10:30, after it; Mallory leaves at 09:00, before it; Zoé arrives
    at 09:40, during it. Alice (08:45) and Eve (walk-in, 09:10) stay."""
    day = make_day(engine, sample_event, make_attendee)
    day.ids["zoe"] = make_attendee(code="ZOE", first_name="Zoé", last_name="Tardive",
                                   organisation="ADIE")
    assert entrance(engine, day.event_id, "BOB", utc(9, 30)) == "admitted"
    assert entrance(engine, day.event_id, "MAL", utc(8, 0), exit=True) == "exited"
    assert entrance(engine, day.event_id, "ZOE", utc(8, 40)) == "admitted"
    return day


def one_sheet(engine, day, tmp_path, key: str, lang: str = "fr") -> tuple[list[dict], str, int]:
    out = tmp_path / f"{key}-{lang}.pdf"
    report = run_export(engine, day.event_id, "sign-in", out, lang=lang,
                        session_id=session_id(engine, day.event_id, key), clock=AFTER_THE_DAY)
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    return sheet_rows(out), text, report.rows


def named(rows: list[dict]) -> dict[str, dict]:
    return {row["name"]: row for row in rows if row.get("name")}


def test_a_plenary_nobody_was_scanned_into_lists_the_people_on_site(engine, day, tmp_path):
    rows, text, count = one_sheet(engine, day, tmp_path, "ouverture")
    assert "Aucun inscrit ni entrée enregistrée" not in text
    assert ("Aucune entrée scannée à la porte de cette session : sont listées les personnes "
            "présentes sur le site pendant la session") in " ".join(text.split())
    people = named(rows)
    assert list(people) == ["MARTIN Alice", "NOUVELLE Eve / inscrit·e sur place", "TARDIVE Zoé"]
    assert count == 3
    assert people["MARTIN Alice"]["signature"] == "présent·e sur le site depuis 08:45"
    assert people["MARTIN Alice"]["arrival"] == "08:45"
    assert people["TARDIVE Zoé"]["signature"] == "présent·e sur le site depuis 09:40"
    assert "signé électroniquement" not in text  # nobody was scanned at this door


def test_on_site_is_grey_and_a_door_scan_is_black(engine, day, tmp_path):
    out = tmp_path / "all.pdf"
    run_export(engine, day.event_id, "sign-in", out, clock=AFTER_THE_DAY)
    signatures = [row for row in sheet_rows(out) if row.get("signature")]
    on_site = [row for row in signatures if "présent·e sur le site" in row["signature"]]
    signed = [row for row in signatures if "signé électroniquement" in row["signature"]]
    assert on_site and signed
    assert all(row["signature grey"] == row["signature"] for row in on_site)
    assert not any("signature grey" in row for row in signed)


def test_a_plenary_scanned_at_its_door_lists_its_door_scans_only(engine, day, tmp_path):
    plenary = session_id(engine, day.event_id, "ouverture")
    door(engine, day.event_id, day.ids["alice"], "ALICE", plenary, "session_entry", utc(8, 20))
    rows, text, count = one_sheet(engine, day, tmp_path, "ouverture")
    assert [row.get("name") for row in rows if row.get("name")] == ["MARTIN Alice"]
    assert rows[0]["signature"] == "signé électroniquement à 09:20" and count == 1
    assert "présent·e sur le site" not in text and "Aucune entrée scannée" not in text


@pytest.mark.parametrize("key", ["emergence-aprem", "atelier-charte"])
def test_sessions_not_open_to_all_are_not_filled_from_the_venue(engine, day, tmp_path, key):
    """Parallel sessions: people on site were in other rooms. A track session or a
    workshop for one profession with no booking and no door scan lists nobody."""
    rows, text, count = one_sheet(engine, day, tmp_path, key)
    assert count == 0 and "Aucun inscrit ni entrée enregistrée." in text
    assert "présent·e sur le site" not in text


def test_the_closing_plenary_lists_who_is_still_on_site(engine, day, tmp_path):
    """17:15–17:45: Bob came at 10:30 and never left, Mallory left in the morning."""
    rows, _text, _count = one_sheet(engine, day, tmp_path, "cloture")
    people = named(rows)
    assert "DURAND Bob" in people and "@SUM(A1) -2+3" not in people
    assert people["DURAND Bob"]["signature"] == "présent·e sur le site depuis 10:30"


def test_the_on_site_words_in_english(engine, day, tmp_path):
    rows, text, _count = one_sheet(engine, day, tmp_path, "ouverture", lang="en")
    assert "No door scans at this session: listed are the people on site" in " ".join(text.split())
    people = named(rows)
    assert people["MARTIN Alice"]["signature"] == "on site since 08:45"
    assert "NOUVELLE Eve / walk-in" in people


def test_a_family_with_a_long_name_is_three_different_rows(engine, day, make_attendee, tmp_path):
    for first in ("Marie-Antoinette", "Jean-Baptiste", "Marie-Christine"):
        enroll(engine, make_attendee(first_name=first, last_name=LONG,
                                     organisation="Conseil départemental de la Somme"),
               day.session_id)
    rows, _text, _count = one_sheet(engine, day, tmp_path, "emergence-matin")
    family = [row["name"] for row in rows if "ROCHEFOUCAULD" in row.get("name", "")]
    assert family == [
        "DE LA ROCHEFOUCAULD-MONTMORENCY / D'ARGENSON Jean-Baptiste",
        "DE LA ROCHEFOUCAULD-MONTMORENCY / D'ARGENSON Marie-Antoinette",
        "DE LA ROCHEFOUCAULD-MONTMORENCY / D'ARGENSON Marie-Christine",
    ]


def test_a_last_name_that_cannot_break_is_cut_and_the_first_name_stays(engine, day,
                                                                       make_attendee, tmp_path):
    enroll(engine, make_attendee(first_name="Hubert", organisation="ANCT",
                                 last_name="Wolfeschlegelsteinhausenbergerdorffwelchevoralternwaren"),
           day.session_id)
    rows, _text, _count = one_sheet(engine, day, tmp_path, "emergence-matin")
    name = next(row["name"] for row in rows if "WOLFE" in row.get("name", ""))
    first_line, second_line = name.split(" / ")
    assert first_line.endswith("…") and "WOLFESCHLEGELSTEIN".startswith(first_line[:18])
    assert second_line == "Hubert"


def test_a_name_a_little_too_long_shrinks_on_one_line():
    pdf = new_document("fr")
    pdf.add_page()
    pdf.set_font("DejaVu", "", BODY_PT)
    for last, first in (("Dubois-Martel", "Anne-Sophie"), ("Ould Mohamed Salem", "Marie-Hélène")):
        pieces = name_pieces(pdf, last, first)
        assert [p[4] for p in pieces] == [f"{last.upper()} {first}"]
        assert {p[3] for p in pieces} == {0}  # one line
    short = name_pieces(pdf, "Martin", "Alice")
    assert short == [(BODY_PT, False, 0.0, 0, "MARTIN Alice")]
    assert ROW_H < TALL_ROW_H <= 2 * ROW_H and NAME_W > 50  # room to sign on a tall row too


def test_waitlisted_and_walk_ins_are_marked_on_their_row(engine, day, tmp_path):
    enroll(engine, day.ids["carol"], day.session_id, status="waitlisted")
    rows, _text, count = one_sheet(engine, day, tmp_path, "emergence-matin")
    people = named(rows)
    assert count == 4
    assert people["PETIT Carole / liste d'attente"]["name grey"] == "liste d'attente"
    eve = people["NOUVELLE Eve / inscrit·e sur place"]
    assert eve["name grey"] == "inscrit·e sur place"
    assert eve["signature"] == "signé électroniquement à 10:30"
    # Booked and registered beforehand: no mark.
    assert "MARTIN Alice" in people and "DURAND Bob" in people


def test_a_waitlisted_member_of_the_long_family_keeps_name_and_mark(engine, day,
                                                                    make_attendee, tmp_path):
    enroll(engine, make_attendee(first_name="Marie-Christine", last_name=LONG,
                                 organisation="Conseil départemental de la Somme"),
           day.session_id, status="waitlisted")
    rows, _text, _count = one_sheet(engine, day, tmp_path, "emergence-matin")
    row = named(rows)[
        "DE LA ROCHEFOUCAULD-MONTMORENCY / D'ARGENSON Marie-Christine (liste d'attente)"]
    assert row["name grey"] == "(liste d'attente)"


def test_nobody_is_on_site_for_what_has_not_happened_yet(engine, day, tmp_path):
    """Exported at 09:30 (Paris), during the plenary's first quarter of an hour: Zoé, in at
    09:40, is not listed yet; the closing plenary, at 17:15, lists nobody."""
    from checkin.core.clock import fixed_clock
    from tests.helpers.export_day import utc

    out = tmp_path / "mid-morning.pdf"
    run_export(engine, day.event_id, "sign-in", out, clock=fixed_clock(utc(8, 30)),
               session_id=session_id(engine, day.event_id, "ouverture"))
    assert "TARDIVE Zoé" not in named(sheet_rows(out))
    assert "MARTIN Alice" in named(sheet_rows(out))
    closing = tmp_path / "closing.pdf"
    report = run_export(engine, day.event_id, "sign-in", closing, clock=fixed_clock(utc(8, 30)),
                        session_id=session_id(engine, day.event_id, "cloture"))
    assert report.rows == 0
    assert "Aucun inscrit ni entrée enregistrée" in PdfReader(closing).pages[0].extract_text()
