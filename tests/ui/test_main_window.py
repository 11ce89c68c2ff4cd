"""The first window, driven as a user would: empty store, load the sample, see sessions."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QStackedWidget, QTableView

from checkin.app import create_window, install_translators
from tests.helpers.window import english_window


@pytest.fixture
def window(qtbot, sqlite_url):
    with english_window(qtbot, sqlite_url, show=True) as win:
        yield win


def _page(win) -> str:
    return win.findChild(QStackedWidget).currentWidget().objectName()


def test_empty_store_offers_the_sample_event(window):
    assert _page(window) == "emptyPage"
    button = window.findChild(QPushButton, "loadSampleButton")
    assert button.isVisible() and button.isEnabled()


def test_loading_the_sample_shows_its_sessions_and_counts(qtbot, window):
    qtbot.mouseClick(window.findChild(QPushButton, "loadSampleButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=30_000)
    assert _page(window) == "eventPage"
    assert "Pop-Up" in window.findChild(QLabel, "eventTitle").text()
    counts = window.findChild(QLabel, "eventCounts").text()
    assert "registered" in counts and "15 sessions" in counts
    table = window.findChild(QTableView, "sessionTable")
    assert table.model().rowCount() == 15
    titles = {table.model().index(r, 1).data() for r in range(15)}
    assert "Atelier réseau : la charte entreprises et quartiers" in titles
    # Sorted by time: the opening plenary comes first.
    assert table.model().index(0, 0).data() == "09:15–10:00"


def test_window_opens_on_an_existing_event(qtbot, sqlite_url):
    from checkin.core.demo import load_demo
    from checkin.store import open_store

    load_demo(open_store(sqlite_url), 20, seed=5)
    win = create_window(sqlite_url, language="en")
    qtbot.addWidget(win)
    assert _page(win) == "eventPage"
    assert win.current_summary().registrants > 20


def test_french_interface(qtbot, sqlite_url):
    win = create_window(sqlite_url, language="fr")
    qtbot.addWidget(win)
    try:
        assert win.findChild(QPushButton, "loadSampleButton").text() == "Charger l'événement exemple"
        assert win.menuBar().actions()[0].text() == "&Fichier"
    finally:
        install_translators(QApplication.instance(), "en")
