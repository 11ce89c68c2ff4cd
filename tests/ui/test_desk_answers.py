"""The answer a volunteer can trust (issue 17): an undone scan looks, sounds and reads like
nothing else, and the desk's buttons act on the person on screen or on nobody. Keys go to the
focused widget as the window system delivers them, shortcuts included."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checkin.app import install_translators
from checkin.store import open_store
from tests.helpers.desk import panel
from tests.helpers.keyboard import system_key, system_type
from tests.helpers.stores import demo_store
from tests.helpers.window import desk_window

ACTIONS = ("undo_button", "correct_button", "checkout_button", "reprint_button")


@pytest.fixture
def store(sqlite_url):
    engine = open_store(sqlite_url)
    _, codes = demo_store(engine, 20, seed=5)
    yield engine, codes
    engine.dispose()


@pytest.fixture
def window(qtbot, sqlite_url, store):
    with desk_window(qtbot, sqlite_url, language="fr") as win:
        yield win


def _scan(code: str) -> None:
    system_type(code)
    system_key(Qt.Key.Key_Return)


def _rows(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text("SELECT kind, result FROM scan ORDER BY id"))]


def test_an_undone_scan_has_its_own_colour_mark_sound_and_words(qtbot, window, store):
    engine, codes = store
    desk = window.desk_view()
    heard: list[str] = []
    desk.sounds.played.connect(heard.append)
    _scan(codes[0])
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    admitted = (panel(window).outcome, panel(window).property("outcome"), panel(window).text())
    system_key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel(window).result == "undone", timeout=5000)
    text = panel(window).text()
    assert panel(window).outcome == "undone" != admitted[0]
    assert panel(window).property("outcome") == "undone"  # the colour the panel is painted in
    assert text.startswith("↶") and "Scan annulé : il ne compte plus" in text and "✓" not in text
    assert heard == ["admitted", "undone"]
    assert _rows(engine) == [("entry", "admitted"), ("undo", "undone")]


def test_after_the_answer_clears_the_buttons_act_on_nobody(qtbot, window, store):
    engine, codes = store
    desk = window.desk_view()
    desk.panel._clear.setInterval(300)  # the answer's delay, shortened for the test
    _scan(codes[1])
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    assert all(getattr(desk, b).isEnabled() for b in ACTIONS)
    qtbot.waitUntil(lambda: panel(window).result == "", timeout=3000)  # back to "Prêt"
    assert not any(getattr(desk, b).isEnabled() for b in ACTIONS)
    with qtbot.assertNotEmitted(desk.reprint_requested, wait=300):
        system_key(Qt.Key.Key_F5)
    system_key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)
    qtbot.waitUntil(lambda: not desk.busy(), timeout=3000)
    assert _rows(engine) == [("entry", "admitted")]  # the earlier person was not undone


def test_an_unknown_code_leaves_no_one_for_the_buttons(qtbot, window, store):
    engine, codes = store
    desk = window.desk_view()
    _scan(codes[2])
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    _scan("NOBODY-HAS-THIS")
    qtbot.waitUntil(lambda: panel(window).result == "unknown_code", timeout=5000)
    assert not any(getattr(desk, b).isEnabled() for b in ACTIONS)
    system_key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)
    qtbot.waitUntil(lambda: not desk.busy(), timeout=3000)
    assert [r for r in _rows(engine) if r[0] == "undo"] == []


def _session(engine, key: str) -> tuple[int, str, str]:
    with engine.connect() as conn:
        return tuple(conn.execute(sa.text(
            "SELECT s.id, s.title, r.name FROM session s JOIN room r ON r.id = s.room_id "
            "WHERE s.key = :k"), {"k": key}).one())


def test_door_mode_shows_a_banner_and_asks_before_admitting_anyway(qtbot, window, store, monkeypatch):
    from checkin.core.roles import Role
    from checkin.ui.dialogs import ConfirmDialog
    from tests.helpers.window import hand_desk_to

    engine, _ = store
    hand_desk_to(window, Role.COORDINATOR)
    desk = window.desk_view()
    session, title, room = _session(engine, "atelier-charte")
    qtbot.waitUntil(lambda: desk.door_choice.findData(session) >= 0, timeout=5000)
    assert not desk.door_banner.isVisible()  # the entrance: no banner
    toolbar_x = desk.walk_in_button.x()
    desk.set_door(session)
    qtbot.waitUntil(lambda: "places libres : " in desk.door_banner.text()
                    and "…" not in desk.door_banner.text(), timeout=5000)
    banner = desk.door_banner.text()
    assert desk.door_banner.isVisible() and banner.startswith("PORTE de " + room) and title in banner
    with engine.connect() as conn:  # someone this workshop is not for
        code = conn.execute(sa.text(
            "SELECT code FROM attendee WHERE profession NOT IN ('etat', 'animateur-charte') "
            "AND status = 'registered' ORDER BY id LIMIT 1")).scalar_one()
    desk.search_input.setFocus()
    _scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "not_eligible", timeout=5000)
    assert "Appelez la coordination" in panel(window).text()
    assert desk.override_button.isVisible() and desk.walk_in_button.x() == toolbar_x  # no jump
    assert window.minimumSizeHint().width() <= 1366  # still fits a common laptop screen
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366, timeout=2000)
    assert desk.search_input.width() >= 400  # the door's long titles do not squeeze the search
    asked: list[str] = []
    monkeypatch.setattr(ConfirmDialog, "ask", staticmethod(lambda _p, _t, text: asked.append(text) or False))
    system_key(Qt.Key.Key_F7)
    qtbot.wait(300)
    assert len(asked) == 1 and "quand même" in asked[0] and panel(window).result == "not_eligible"
    assert _rows(engine) == [("session_entry", "not_eligible")]


@pytest.mark.parametrize(("language", "seats", "words"), [
    ("fr", 1, "1 place libre"), ("fr", 2, "2 places libres"),
    ("en", 1, "1 seat left"), ("en", 2, "2 seats left")])
def test_seats_left_read_as_the_language_says_them(qtbot, language, seats, words):
    from datetime import UTC

    from checkin.core.admission.scan import ScanAnswer
    from checkin.ui.result_panel import ResultPanel

    install_translators(QApplication.instance(), language)
    try:
        shown = ResultPanel()
        qtbot.addWidget(shown)
        shown.show_answer(ScanAnswer(result="admitted", code="X", scan_id=1, attendee_id=1,
                                     first_name="Léa", session_id=3, session_title="Atelier",
                                     room="Salle Somme", seats_left=seats), None, UTC)
        assert words in shown.text() and "(s)" not in shown.text()
    finally:
        install_translators(QApplication.instance(), "en")
