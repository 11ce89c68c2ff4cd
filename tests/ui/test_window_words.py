"""The window speaks the core's catalogue: the answer panel's headline as `checkin scan` says
it, counts in their plural form with French numbers, files suggested under French names."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from checkin.app import install_translators
from checkin.core.admission.scan import ScanAnswer
from checkin.core.demo import load_demo
from checkin.core.exports.run import ExportReport
from checkin.core.roles import Role
from checkin.store import open_store
from checkin.ui.export_dialog import ExportDialog
from checkin.ui.import_dialog import FileDialog, ImportDialog
from checkin.ui.result_panel import ResultPanel

PARIS = ZoneInfo("Europe/Paris")
NINE_TWELVE = datetime(2026, 12, 10, 8, 12, tzinfo=UTC)


@pytest.fixture(params=["fr", "en"])
def language(request, qapp) -> Iterator[str]:
    install_translators(QApplication.instance(), request.param)
    try:
        yield request.param
    finally:
        install_translators(QApplication.instance(), "en")


HEADLINES = {"fr": ["Entrée déjà enregistrée à 9\u00a0h\u00a012 (poste Accueil 1)", "Entrée par dérogation",
                    "Aucune entrée enregistrée"],
             "en": ["Already in since 09:12 (desk Accueil 1)", "Admitted by override", "Not inside"]}


def test_the_panel_says_what_the_command_line_says(qtbot, language):
    panel = ResultPanel()
    qtbot.addWidget(panel)
    said = []
    for answer in (ScanAnswer("already_in", "C1", 1, 1, "Léa", "Martin", first_entry_at=NINE_TWELVE,
                              first_entry_desk="Accueil 1"),
                   ScanAnswer("admitted", "C1", 2, 1, "Léa", "Martin", overridden=True,
                              reason="override: reserved for Services de l'État"),
                   ScanAnswer("not_inside", "C1", 3, 1, "Léa", "Martin", reason="not inside")):
        panel.show_answer(answer, None, PARIS)
        said.append(panel.text().splitlines()[1])
    assert said == HEADLINES[language]


WRITTEN = {"fr": ["Écrit : /tmp/p.xlsx (1 ligne).", "Écrit : /tmp/p.xlsx (1\u202f234 lignes).",
                  "Écrit : /tmp/s.pdf (96 inscriptions comptées)."],
           "en": ["Written: /tmp/p.xlsx (1 row).", "Written: /tmp/p.xlsx (1,234 rows).",
                  "Written: /tmp/s.pdf (96 registrants counted)."]}


def test_the_export_dialog_counts_rows_in_the_plural_they_take(qtbot, sqlite_url, language,
                                                               monkeypatch):
    engine = open_store(sqlite_url)
    load_demo(engine, 5)
    dialog = ExportDialog(engine, 1, Role.STAFF, actor="staff", desk="d")
    qtbot.addWidget(dialog)
    said = []
    for report in (ExportReport("attendance", "/tmp/p.xlsx", "xlsx", 1, 0.1),
                   ExportReport("attendance", "/tmp/p.xlsx", "xlsx", 1234, 0.1),
                   ExportReport("stats", "/tmp/s.pdf", "pdf", 96, 0.1)):
        dialog._on_done(report)
        said.append(dialog.status.text())
    assert said == WRITTEN[language]
    suggested = []
    monkeypatch.setattr(FileDialog, "save_file", staticmethod(lambda *a: suggested.append(a[3]) or ""))
    for kind, headers in (("attendance", "fr"), ("stats", "fr"), ("attendance", "en")):
        dialog.choose(kind, "xlsx")
        dialog.lang.setCurrentIndex(dialog.lang.findData(headers))
        dialog.export_button.click()
    assert suggested == ["presences.xlsx", "statistiques.xlsx", "attendance.xlsx"]


def test_the_import_dialog_counts_rows_in_the_plural_they_take(qtbot, sqlite_url, tmp_path,
                                                               language):
    engine = open_store(sqlite_url)
    load_demo(engine, 5)
    one = tmp_path / "one.csv"
    one.write_text("Nom,Prénom,Email\nDurand,Anne,anne@example.org\n", encoding="utf-8")
    dialog = ImportDialog(engine, 1, str(one), actor="staff", desk="d")
    qtbot.addWidget(dialog)
    summary = dialog.findChild(QPlainTextEdit, "importSummary").toPlainText()
    assert summary == {"fr": "Format : generic · 1 ligne", "en": "Layout: generic · 1 row"}[language]


COUNTS = {"fr": "1\u202f234 inscriptions · 1 annulation · 1 session",
          "en": "1,234 registered · 1 cancelled · 1 session"}


def test_the_programme_tab_counts_each_thing_in_its_own_plural(qtbot, language):
    from checkin.core.monitoring.overview import EventSummary
    from checkin.ui.programme_tab import ProgrammeTab

    tab = ProgrammeTab()
    qtbot.addWidget(tab)
    summary = EventSummary(id=1, key="e", name="E", venue="V", timezone="Europe/Paris",
                           starts_at=NINE_TWELVE, ends_at=NINE_TWELVE, registrants=1234,
                           cancelled=1, sessions=[object()])  # type: ignore[list-item]
    tab.show_summary(summary)
    assert tab.findChild(type(tab._counts), "eventCounts").text() == COUNTS[language]
