"""Sign-in sheets when fpdf2's internals are not what checkin/core/exports/pdf.py expects.

The sheets' rows go straight to the page through fpdf2's private API (FPDF._out,
_set_font_for_page, current_font_is_set_on_page: fpdf2 2.8.3 and later) and fall back to
the public text() and line() on AttributeError. Here a later fpdf2 is played: its own
code keeps its internals, but checkin's code finds them gone. The sheets must say the same.
"""

from __future__ import annotations

import sys

import fpdf
import pytest
from pypdf import PdfReader

import checkin.core.exports.pdf as sheets_module
from checkin.core.exports.run import run_export
from tests.helpers.export_day import AFTER_THE_DAY, make_day
from tests.helpers.sign_in_reader import sheet_rows

PRIVATE = ("current_font_is_set_on_page", "_set_font_for_page", "_out")


@pytest.fixture
def backend() -> str:
    return "sqlite"  # the fallback is fpdf2's business, not the store's


@pytest.fixture
def day(engine, sample_event, make_attendee):
    return make_day(engine, sample_event, make_attendee)


def fpdf_for_checkin_without(monkeypatch, hidden: tuple[str, ...]) -> list[str]:
    """fpdf.FPDF with `hidden` missing when read from the sheets' module; returns the list
    that collects every text drawn through the public text()."""
    drawn: list[str] = []

    class OtherInternals(fpdf.FPDF):
        def __getattribute__(self, name):
            if name in hidden and \
                    sys._getframe(1).f_globals.get("__name__") == sheets_module.__name__:
                raise AttributeError(name)
            return super().__getattribute__(name)

        def text(self, x, y, text=""):
            drawn.append(text)
            return super().text(x, y, text)

    monkeypatch.setattr(fpdf, "FPDF", OtherInternals)
    return drawn


def pages_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_the_rows_usually_take_the_fast_path(engine, day, tmp_path, monkeypatch):
    """So that the test below really exercises another path."""
    if not hasattr(fpdf.FPDF, "_set_font_for_page"):
        pytest.skip(f"fpdf2 {fpdf.__version__} has not the internals: always the fallback")
    drawn = fpdf_for_checkin_without(monkeypatch, ())
    run_export(engine, day.event_id, "sign-in", tmp_path / "usual.pdf", clock=AFTER_THE_DAY)
    assert "Feuille d'émargement" in drawn  # headings are drawn with text()
    assert "1" not in drawn and "MARTIN Alice" not in drawn  # rows are not


@pytest.mark.parametrize("hidden", [PRIVATE, *((name,) for name in PRIVATE)],
                         ids=["all", *PRIVATE])
def test_sign_in_sheets_without_fpdf2s_private_api_say_the_same(engine, day, tmp_path,
                                                                  monkeypatch, hidden):
    run_export(engine, day.event_id, "sign-in", tmp_path / "usual.pdf", clock=AFTER_THE_DAY)
    usual = pages_text(tmp_path / "usual.pdf")

    drawn = fpdf_for_checkin_without(monkeypatch, hidden)
    out = tmp_path / "fallback.pdf"
    report = run_export(engine, day.event_id, "sign-in", out, clock=AFTER_THE_DAY)

    # 3 in the morning session; Alice, Mallory and Eve on site during the two plenaries
    # and the contest, which nobody was scanned into.
    assert report.rows == 3 + 3 * 3
    assert out.read_bytes().startswith(b"%PDF")
    pages = pages_text(out)
    assert pages == usual
    sheet = next(p for p in pages if "Salle Somme" in p)
    assert "Feuille d'émargement" in sheet and "MARTIN Alice" in sheet
    assert "signé électroniquement à 10:20" in sheet
    assert "DURAND Bob" in sheet and "NOUVELLE Eve" in sheet and "inscrit·e sur place" in sheet
    assert sheet.count("signé électroniquement") == 2
    plenary = next(p for p in pages if "Ouverture" in p)
    assert "présent·e sur le site depuis 08:45" in plenary
    on_site = [row for row in sheet_rows(out) if "présent·e" in row.get("signature", "")]
    assert on_site and all(row["signature grey"] == row["signature"] for row in on_site)
    assert "1" in drawn  # a row's number went through text(): the fallback ran
    if hidden == PRIVATE:  # every row and every signature did, in grey for the on-site ones
        assert {"MARTIN Alice", "DURAND Bob", "signé électroniquement à 10:20",
                "présent·e sur le site depuis 08:45", "inscrit·e sur place"} <= set(drawn)
