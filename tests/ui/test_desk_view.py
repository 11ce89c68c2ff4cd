"""The front desk driven as a volunteer would: scanner bursts, searches with accents,
the answer panel, undo and check-out (offscreen, SQLite)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QListView, QWidget

from checkin.app import create_window
from checkin.core.demo import load_demo
from checkin.store import open_store
from checkin.ui.desk_printing import DeskPrinting
from tests.helpers.desk import panel, scan
from tests.helpers.keyboard import press_at_focus, type_at_focus


@pytest.fixture
def demo_url(sqlite_url):
    load_demo(open_store(sqlite_url), 40, seed=2)
    return sqlite_url


@pytest.fixture
def window(qtbot, demo_url):
    win = create_window(demo_url, language="en")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.desk_view().detach()


def _registrant(url: str, where: str = "1 = 1") -> tuple[str, str, str]:
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT code, first_name, last_name FROM attendee WHERE source = 'demo' "
                            f"AND status = 'registered' AND {where} ORDER BY id LIMIT 1").fetchone()


def type_text(_widget: QWidget, text: str, gap: float = 0.0) -> None:
    type_at_focus(text, gap)


def press(_widget: QWidget, key: Qt.Key) -> None:
    press_at_focus(key)


def test_a_scanner_burst_admits_and_a_second_scan_is_already_in(qtbot, window, demo_url):
    code, first, last = _registrant(demo_url)
    window.findChild(QLineEdit, "searchInput").setFocus()
    scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    assert panel(window).outcome == "admitted"
    assert window.findChild(QLineEdit, "searchInput").text() == ""  # the burst was taken back
    scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "already_in", timeout=5000)
    assert panel(window).outcome == "warning"
    history = window.findChild(QListView, "deskHistory")  # follows the answer's own frame
    qtbot.waitUntil(lambda: history.model().rowCount() == 2, timeout=2000)
    assert last in history.model().index(1, 0).data()


def test_a_scan_while_the_results_list_has_focus(qtbot, window, demo_url):
    code, _, _ = _registrant(demo_url)
    window.findChild(QListView, "searchResults").setFocus()
    scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)


def test_scanner_garbage_is_refused_not_crashed(qtbot, window):
    window.findChild(QLineEdit, "scanInput").setFocus()
    scan("]C1\x1b#@!~" + "x" * 300)
    qtbot.waitUntil(lambda: panel(window).result == "unknown_code", timeout=5000)
    assert panel(window).outcome == "refused"


def test_searching_with_accents_then_enter_on_a_result_admits(qtbot, window, demo_url):
    code, first, last = _registrant(demo_url, "last_name LIKE '%é%' OR first_name LIKE '%é%'")
    search = window.findChild(QLineEdit, "searchInput")
    search.setFocus()
    words = (last if "é" in last else first)
    type_text(search, words[:5].lower(), gap=0.09)  # human speed
    view = window.findChild(QListView, "searchResults")
    qtbot.waitUntil(lambda: view.isVisible() and view.model().rowCount() > 0, timeout=3000)
    codes = [view.model().index(r, 0).data(view.model().CodeRole) for r in range(view.model().rowCount())]
    assert code in codes
    press(search, Qt.Key.Key_Down)
    assert view.hasFocus()
    view.setCurrentIndex(view.model().index(codes.index(code), 0))
    press(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    assert window.desk_view().current.code == code


def test_undo_and_check_out_act_on_the_last_person(qtbot, window, demo_url):
    code, _, _ = _registrant(demo_url)
    desk = window.desk_view()
    assert not desk.undo_button.isEnabled()
    scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    desk.undo_button.click()
    qtbot.waitUntil(lambda: panel(window).result == "undone", timeout=5000)
    scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    desk.checkout_button.click()
    qtbot.waitUntil(lambda: panel(window).result == "exited", timeout=5000)


def test_attention_text_must_be_acknowledged(qtbot, window, demo_url):
    path = demo_url.removeprefix("sqlite:///")
    code, _, _ = _registrant(demo_url)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE attendee SET attention = 1, attention_text = 'Fauteuil roulant' WHERE code = ?", (code,))
    scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    p = panel(window)
    assert p.outcome == "warning" and p.needs_acknowledgement
    p.show_idle()  # the timer cannot clear it before it is read
    assert p.result == "admitted"
    p.findChild(QWidget, "acknowledgeButton").click()
    assert not p.needs_acknowledgement


def test_reprint_goes_to_the_badge_printer_and_is_logged(qtbot, window, demo_url, tmp_path, monkeypatch):
    from checkin.ui.badge_printing import BadgeDialogs

    from checkin.ui import badge_printing

    target = tmp_path / "badge.pdf"
    monkeypatch.setattr(BadgeDialogs, "choose_pdf", staticmethod(lambda *a: str(target)))
    monkeypatch.setattr(badge_printing, "available_printers", lambda: [])  # a desk with none
    code, _, _ = _registrant(demo_url)
    scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    window.desk_view().reprint_button.click()  # no printer here: the badge becomes a PDF
    printing = window.findChild(DeskPrinting)
    qtbot.waitUntil(lambda: not printing.is_busy(), timeout=20_000)
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("SELECT count(*) FROM badge_print").fetchone()[0] == 1


def test_the_camera_reads_a_qr_frame_once(qtbot):
    import io

    import qrcode
    from PySide6.QtGui import QImage

    from checkin.ui.camera import CameraScanner, decode_qr

    buffer = io.BytesIO()
    qrcode.make("PUQJKMY6R8", border=4).save(buffer, format="PNG")
    frame = QImage.fromData(buffer.getvalue())
    assert decode_qr(frame) == ["PUQJKMY6R8"]
    camera = CameraScanner()
    seen: list[str] = []
    camera.scanned.connect(seen.append)
    camera.take(decode_qr(frame))
    camera.take(decode_qr(frame))  # the badge is still in front of the camera
    assert seen == ["PUQJKMY6R8"]


def test_a_walk_in_from_the_desk_is_registered_and_admitted(qtbot, window, monkeypatch):
    from checkin.ui.walk_in_dialog import WalkInDialog

    monkeypatch.setattr(WalkInDialog, "ask", staticmethod(lambda parent, categories: dict(
        first_name="Noémie", last_name="Lefèvre", organisation="Citéslab Creil",
        category=categories[0][0], email="")))
    qtbot.keyClick(window.desk_view(), Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    assert window.desk_view().current.code.startswith("WI")
    assert window.desk_view().current.last_name == "Lefèvre"


def test_correcting_a_name_is_journaled_and_searchable(qtbot, window, demo_url, monkeypatch):
    from checkin.core.search.lookup import search
    from checkin.ui.correct_dialog import CorrectDialog

    code, first, last = _registrant(demo_url)
    scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    monkeypatch.setattr(CorrectDialog, "ask", staticmethod(lambda parent, first, last, org: (first, "Zyrgoviç", org)))
    window.desk_view().correct_button.click()
    qtbot.waitUntil(lambda: "Zyrgoviç" in panel(window).text(), timeout=5000)
    engine = open_store(demo_url)
    try:
        assert [h.code for h in search(engine, window.desk_view().event_id, "zyrgovic")] == [code]
    finally:
        engine.dispose()
    with sqlite3.connect(demo_url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("SELECT count(*) FROM journal WHERE action = 'correct'").fetchone()[0] == 1


def test_each_answer_plays_its_sound_unless_muted(qtbot, window, demo_url):
    code, _, _ = _registrant(demo_url)
    played: list[str] = []
    window.desk_view().sounds.played.connect(played.append)
    scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "admitted", timeout=5000)
    scan("NOPE-NOPE")
    qtbot.waitUntil(lambda: panel(window).result == "unknown_code", timeout=5000)
    assert played == ["admitted", "refused"]
    window.desk_view().sounds.muted = True
    scan(code)
    qtbot.waitUntil(lambda: panel(window).result == "already_in", timeout=5000)
    assert played == ["admitted", "refused"]


def test_switching_the_language_rebuilds_the_window_in_french(qtbot, window, monkeypatch):
    from checkin.app import _windows, install_translators
    from checkin.ui.settings_dialog import SettingsDialog

    desk = window._desk
    monkeypatch.setattr(SettingsDialog, "ask", staticmethod(lambda parent, d: dict(
        desk=d.desk, language="fr", sound=d.sound, text_scale=d.text_scale)))
    try:
        window.findChild(type(window.menuBar().actions()[0]), "settingsAction").trigger()
        qtbot.waitUntil(lambda: _windows and _windows[0] is not window, timeout=3000)
        french = _windows[0]
        qtbot.addWidget(french)
        assert french.menuBar().actions()[0].text() == "&Fichier"
        assert french.findChild(QLineEdit, "searchInput").placeholderText().startswith("Scannez")
        assert desk.language == "fr"  # remembered for the next start
        french.desk_view().detach()
    finally:
        desk.language = "system"
        install_translators(QApplication.instance(), "en")
