"""The funders' one-page statistics write numbers as their reader does: 42,9 in French,
42.9 in English (the workbook keeps real numbers: the spreadsheet formats them)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from checkin.core.exports.run import run_export
from tests.helpers.export_day import make_day


@pytest.fixture
def day(engine, sample_event, make_attendee):
    return make_day(engine, sample_event, make_attendee)


def test_the_attendance_rate_has_a_decimal_comma_in_french(engine, day, tmp_path):
    run_export(engine, day.event_id, "stats", tmp_path / "stats.xlsx")
    summary = dict(map(tuple, list(load_workbook(tmp_path / "stats.xlsx")["Synthèse"].values)[1:]))
    rate = summary["Taux de présence %"]
    assert isinstance(rate, float) and rate != int(rate)  # a rate with decimals to write
    dotted, comma = f"{rate}", f"{rate}".replace(".", ",")
    for lang, shown, not_shown in (("fr", comma, dotted), ("en", dotted, comma)):
        out = tmp_path / f"stats-{lang}.pdf"
        run_export(engine, day.event_id, "stats", out, lang=lang)
        text = PdfReader(out).pages[0].extract_text()
        assert shown in text.split() and not_shown not in text.split(), (lang, text)
