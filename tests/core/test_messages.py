"""The core's message catalogue: every message reaches the French catalogue under its one
context, reasons stored in English are understood again, and numbers and times are written
as each language writes them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from checkin.core.badges.layout import available_layouts, shown_name, shown_stock
from checkin.core.messages import CATALOGUE, CONTEXT, ENGLISH, Words, import_counts, pick_language
from checkin.core.numbers import format_number, format_time

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "checkin_fr.ts"


def _french() -> dict[str, list[str]]:
    """English source -> its French text(s) (two forms for a plural), context "Messages"."""
    out = {}
    for ctx in ET.parse(TS).iter("context"):
        if ctx.findtext("name") != CONTEXT:
            continue
        for m in ctx.iter("message"):
            t = m.find("translation")
            forms = [f.text or "" for f in t.findall("numerusform")]
            out[m.findtext("source")] = forms or [t.text or ""]
    return out


def _ts_lookup(context: str, text: str, n: int) -> str:
    """The .ts itself as a lookup (French plural rule: 0 and 1 take the first form)."""
    forms = _french().get(text) if context == CONTEXT else None
    if not forms:
        return ""
    return forms[0] if n < 0 or len(forms) == 1 or n <= 1 else forms[1]


FRENCH = Words("fr", _ts_lookup)


def test_every_message_is_in_the_french_catalogue_under_one_context():
    french = _french()
    for message in CATALOGUE.values():
        assert message.text in french, f"{message.code} not extracted under {CONTEXT}"
        forms = french[message.text]
        assert all(f.strip() for f in forms), message.code
        assert len(forms) == (2 if message.counts else 1), message.code  # un / plusieurs


def test_plural_texts_hold_no_digits_of_their_own():
    """The window's lookup turns Qt's digits back into %n: no other digit may look like n."""
    french = _french()
    for message in CATALOGUE.values():
        if message.counts:
            for text in [message.text, *french[message.text]]:
                assert not re.search(r"(?<!%)\d", text), (message.code, text)


def test_counts_take_their_plural_form():
    assert FRENCH("export.written", "a.xlsx", n=1) == "Écrit : a.xlsx (1 ligne)."
    assert FRENCH("export.written", "a.xlsx", n=2) == "Écrit : a.xlsx (2 lignes)."
    assert FRENCH("export.written", "a.xlsx", n=1234) == "Écrit : a.xlsx (1\u202f234 lignes)."
    assert ENGLISH("export.written", "a.xlsx", n=1) == "Written: a.xlsx (1 row)."
    assert ENGLISH("export.written", "a.xlsx", n=1234) == "Written: a.xlsx (1,234 rows)."
    assert import_counts(FRENCH, added=1, updated=2, unchanged=0, cancelled=0, skipped=1,
                         enrollments=3, waitlisted=0) == (
        "1 personne ajoutée, 2 mises à jour, 0 inchangée, 0 annulée, 1 ligne ignorée ; "
        "3 inscriptions aux sessions (0 en liste d'attente).")
    assert import_counts(ENGLISH, added=2, updated=0, unchanged=0, cancelled=0, skipped=0,
                         enrollments=1, waitlisted=0) == (
        "2 added, 0 updated, 0 unchanged, 0 cancelled, 0 skipped; 1 enrollment (0 waitlisted).")


@pytest.mark.parametrize(("stored", "french"), [
    ("no registrant has this code", "aucune personne inscrite n'a ce code"),
    ("garbled: the scanner types for another keyboard layout",
     "illisible : le lecteur tape pour une autre disposition de clavier"),
    ("reserved for Services de l'État", "réservé à Services de l'État"),
    ("3 of 3 seats taken, 1 held for booked people",
     "places occupées : 3 sur 3, gardées pour des inscriptions : 1"),
    ("override: 12 of 12 seats taken", "dérogation : places occupées : 12 sur 12"),
    ("no session 9 in this event", "aucune session 9 dans cet événement"),
    ("something a newer desk wrote", "something a newer desk wrote"),  # unknown: as it is
])
def test_stored_reasons_are_understood_and_translated(stored, french):
    assert FRENCH.reason(stored) == french
    assert ENGLISH.reason(stored) == stored  # the English texts are the stored codes


def test_numbers_and_times_as_each_language_writes_them():
    assert format_number(3.1, "fr") == "3,1" and format_number(3.1, "en") == "3.1"
    assert format_number(1234567, "fr") == "1\u202f234\u202f567"
    assert format_number(1234, "en") == "1,234" and format_number(0.25, "fr", 1) == "0,2"
    nine = datetime(2026, 12, 10, 9, 12)
    assert format_time(nine, "fr") == "9\u00a0h\u00a012" and format_time(nine, "en") == "09:12"
    with pytest.raises(TypeError):
        format_number(True, "fr")


def test_one_language_rule_for_window_and_command_line(monkeypatch):
    monkeypatch.delenv("CHECKIN_LANG", raising=False)
    assert pick_language(None, "fr_FR") == "fr" and pick_language(None, "C") == "en"
    monkeypatch.setenv("CHECKIN_LANG", "fr")
    assert pick_language(None, "en_US") == "fr"
    assert pick_language("en", "fr_FR") == "en"  # the desk's own choice comes first


def test_shipped_badge_layouts_are_named_in_french():
    layouts = {lay.key: lay for lay in available_layouts()}
    for key, lay in layouts.items():
        assert CATALOGUE[f"layout.{key}.name"].text == lay.name
        assert CATALOGUE[f"layout.{key}.stock"].text == lay.stock
    assert shown_name(layouts["a6"], FRENCH) == "A6 portrait, 4 par A4"
    assert shown_stock(layouts["a7"], FRENCH) == "Carte A7, ou carte A4 coupée en huit (105 × 74 mm)"
    assert shown_name(layouts["a6"], ENGLISH) == "A6 portrait, 4 per A4"
