"""The desk a scanner cannot fool (issue 16): bursts typed the way the window system delivers
them — to the focused widget, shortcuts first — whatever was half typed, the keyboard's
layout, the case, the scanner's prefixes and terminator, and whatever has the focus.

An AZERTY desk is simulated as the OS does it: each character the US-set scanner means
becomes the character the French layout gives for the same key (tests.helpers.keyboard).
"""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QMenu, QTabWidget

from checkin.store import open_store
from checkin.ui.main_window import MainWindow
from tests.helpers.desk import panel
from tests.helpers.gui_thread import sql_on_gui_thread
from tests.helpers.keyboard import on_azerty, system_key, system_type
from tests.helpers.stores import demo_store
from tests.helpers.window import desk_window

PERSON = 3  # the demo registrant scanned (by position among those who may come in)


@pytest.fixture
def store(sqlite_url):
    engine = open_store(sqlite_url)
    _, codes = demo_store(engine, 40, seed=3)
    yield engine, codes
    engine.dispose()


@pytest.fixture
def window(qtbot, sqlite_url, store):
    with desk_window(qtbot, sqlite_url) as win:
        yield win


def _name(engine, code: str) -> str:
    with engine.connect() as conn:
        first, last = conn.execute(sa.text("SELECT first_name, last_name FROM attendee WHERE code = :c"),
                                   {"c": code}).one()
    return f"{first} {last}"


def _admissions(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(
            "SELECT code, result FROM scan WHERE kind = 'entry' ORDER BY id"))]


def _answered(qtbot, win: MainWindow, result: str) -> str:
    qtbot.waitUntil(lambda: panel(win).result == result, timeout=5000)
    return panel(win).text()


def _burst(text: str, end: Qt.Key | None = Qt.Key.Key_Return) -> None:
    system_type(text)           # a scanner: every key at once
    if end is not None:
        system_key(end)


# ---- 1. a name half typed --------------------------------------------------------------
def test_a_burst_while_a_name_is_half_typed_admits_the_scanned_person(qtbot, window, store):
    engine, codes = store
    desk = window.desk_view()
    system_type("dup", gap=0.1)   # a volunteer starts typing a name…
    qtbot.wait(120)
    _burst(codes[PERSON])         # …and the scanner reads the badge
    text = _answered(qtbot, window, "admitted")
    assert _name(engine, codes[PERSON]) in text
    assert _admissions(engine) == [(codes[PERSON], "admitted")]
    assert desk.search_input.text() == ""  # neither the burst nor the stale "dup" left behind


# ---- 2. a US-set scanner on an AZERTY keyboard -----------------------------------------
def test_a_us_scanner_on_an_azerty_desk_is_read_through_the_key_table(qtbot, window, store):
    engine, codes = store
    typed = on_azerty(codes[PERSON])
    assert typed != codes[PERSON]  # the demo's codes hold digits and a/q/z/w/m: garbled
    _burst(typed)
    assert _name(engine, codes[PERSON]) in _answered(qtbot, window, "admitted")
    assert _admissions(engine) == [(codes[PERSON], "admitted")]


def test_an_aim_prefix_typed_on_azerty_is_stripped(qtbot, window, store):
    engine, codes = store
    _burst(on_azerty("]Q1" + codes[PERSON]))  # arrives as $A&…
    assert _name(engine, codes[PERSON]) in _answered(qtbot, window, "admitted")


def test_a_garbled_burst_says_so_in_french(qtbot, sqlite_url, store):
    with desk_window(qtbot, sqlite_url, language="fr") as win:
        _burst(on_azerty("ZZ9Q0W17"))  # nobody's code, however it is read
        text = _answered(qtbot, win, "unknown_code")
        assert "Badge mal lu" in text and "Tester le lecteur" in text


# ---- 3. case -----------------------------------------------------------------------------
def test_a_code_in_the_wrong_case_is_found_when_only_one_matches(qtbot, window, store):
    engine, codes = store
    _burst(codes[PERSON].lower())     # Caps Lock, or a pretix secret typed in capitals
    assert _name(engine, codes[PERSON]) in _answered(qtbot, window, "admitted")
    assert _admissions(engine) == [(codes[PERSON], "admitted")]


def test_a_case_that_fits_two_codes_is_refused(qtbot, window, store):
    engine, codes = store
    with engine.begin() as conn:  # two tickets that differ only by case
        for code in ("abcd-1234", "ABCD-1234"):
            conn.execute(sa.text(
                "INSERT INTO attendee (event_id, code, source, source_id, source_order, first_name, "
                "last_name, email, phone, organisation, job_title, profession, city, postcode, notes, "
                "attention, attention_text, consent, status, walk_in, created_at, updated_at) "
                "SELECT event_id, :c, 'test', '', '', 'A', 'B', '', '', '', '', '', '', '', '', false, "
                "'', false, 'registered', false, created_at, updated_at FROM attendee LIMIT 1"),
                {"c": code})
    _burst("Abcd-1234")
    _answered(qtbot, window, "unknown_code")


# ---- 4. prefixes and suffixes ------------------------------------------------------------
@pytest.mark.parametrize("aim", ["]Q1", "]C0", "]E0", "]d2"])
def test_aim_identifiers_are_stripped(qtbot, window, store, aim):
    engine, codes = store
    _burst(aim + codes[PERSON])
    assert _name(engine, codes[PERSON]) in _answered(qtbot, window, "admitted")


def test_the_desks_own_prefix_and_suffix_are_stripped(qtbot, window, store):
    engine, codes = store
    from checkin.core.admission.code_reading import ScannerSetup

    window.desk_view().controller.scanner = ScannerSetup(prefix="#ST", suffix="*")
    _burst("#ST" + codes[PERSON] + "*")
    assert _name(engine, codes[PERSON]) in _answered(qtbot, window, "admitted")
    assert _admissions(engine) == [(codes[PERSON], "admitted")]


# ---- 5. terminators ----------------------------------------------------------------------
def test_tab_as_terminator_admits_and_keeps_the_focus_for_the_next_scan(qtbot, window, store):
    engine, codes = store
    desk = window.desk_view()
    _burst(codes[PERSON], end=Qt.Key.Key_Tab)
    assert _name(engine, codes[PERSON]) in _answered(qtbot, window, "admitted")
    assert QApplication.focusWidget() is desk.search_input
    _burst(codes[PERSON + 1], end=Qt.Key.Key_Tab)  # the next badge lands as well
    qtbot.waitUntil(lambda: _name(engine, codes[PERSON + 1]) in panel(window).text(), timeout=5000)


def test_tab_typed_by_a_person_still_moves_the_focus(qtbot, window):
    desk = window.desk_view()
    system_type("du", gap=0.1)
    qtbot.wait(200)
    system_key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not desk.search_input


def test_a_scanner_with_no_terminator_still_scans(qtbot, window, store):
    engine, codes = store
    _burst(codes[PERSON], end=None)
    assert _name(engine, codes[PERSON]) in _answered(qtbot, window, "admitted")
    qtbot.waitUntil(lambda: window.desk_view().search_input.text() == "", timeout=2000)


def test_a_fast_burst_that_is_no_code_stays_typed_and_records_nothing(qtbot, window, store):
    engine, _ = store
    desk = window.desk_view()
    _burst("martin", end=None)  # a fast typist, no Enter: searched, never scanned
    qtbot.wait(400)
    qtbot.waitUntil(lambda: not desk.busy(), timeout=3000)
    assert desk.search_input.text() == "martin"
    assert _admissions(engine) == []


# ---- 6. Ctrl+Z ---------------------------------------------------------------------------
def test_ctrl_z_undoes_the_last_scan_whatever_has_the_focus(qtbot, window, store):
    engine, codes = store
    desk = window.desk_view()
    _burst(codes[PERSON])
    _answered(qtbot, window, "admitted")
    system_type("ab", gap=0.1)         # the focus is in the search field, holding text
    system_key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _answered(qtbot, window, "undone")
    assert desk.search_input.text() == "ab"  # the field's own undo did not run
    _burst(codes[PERSON])
    _answered(qtbot, window, "admitted")
    desk.door_choice.setFocus()        # another widget of the window
    system_key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _answered(qtbot, window, "undone")


def test_ctrl_z_in_a_dialog_edits_the_dialog(qtbot, window, store):
    from checkin.ui.walk_in_dialog import WalkInDialog

    engine, codes = store
    _burst(codes[PERSON])
    _answered(qtbot, window, "admitted")
    dialog = WalkInDialog(window, [("participant", "Participant")])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.first_name.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first_name, timeout=2000)
    system_type("Noé", gap=0.1)
    system_key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.first_name.text() == ""  # the field's typing undone…
    qtbot.wait(200)
    assert panel(window).result == "admitted"  # …and not the scan
    dialog.reject()


# ---- 7. F5 and every shortcut ------------------------------------------------------------
def test_f5_reprints_the_badge(qtbot, window, store, monkeypatch):
    from checkin.ui.badge_printing import BadgeDialogs
    from checkin.ui.desk_printing import DeskPrinting

    from checkin.ui import badge_printing

    monkeypatch.setattr(badge_printing, "available_printers", lambda: [])  # a desk with none
    monkeypatch.setattr(BadgeDialogs, "choose_pdf", staticmethod(lambda *a: ""))  # no printer: cancel
    engine, codes = store
    desk = window.desk_view()
    _burst(codes[PERSON])
    _answered(qtbot, window, "admitted")
    with qtbot.waitSignal(desk.reprint_requested, timeout=2000) as asked:
        system_key(Qt.Key.Key_F5)
    assert asked.args == [desk.current.attendee_id]
    printing = window.findChild(DeskPrinting)
    qtbot.waitUntil(lambda: not printing.is_busy(), timeout=20_000)


def _window_keys(win: MainWindow) -> list[tuple[str, str]]:
    """(key, what it does) for every shortcut and mnemonic the main window answers to."""
    keys: list[tuple[str, str]] = []
    for shortcut in win.findChildren(QShortcut):
        keys.append((shortcut.key().toString(), shortcut.objectName()))
    for action in win.findChildren(QAction):
        for key in action.shortcuts():
            keys.append((key.toString(), action.text()))
    for menu in win.menuBar().findChildren(QMenu):
        if menu.menuAction().text():
            keys.append((QKeySequence.mnemonic(menu.title()).toString(), menu.title()))
    for button in win.findChildren(QAbstractButton):  # its shortcut: the mnemonic, or set
        if not button.shortcut().isEmpty():
            keys.append((button.shortcut().toString(), button.text()))
    return keys


def _menu_mnemonics(win: MainWindow) -> dict[str, list[str]]:
    """Per menu, the Alt+letter of each of its items (unique within their menu)."""
    return {menu.title(): [QKeySequence.mnemonic(a.text()).toString() for a in menu.actions()
                           if not a.isSeparator() and not QKeySequence.mnemonic(a.text()).isEmpty()]
            for menu in win.menuBar().findChildren(QMenu)}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_shortcut_of_the_window_is_unique(qtbot, sqlite_url, store, language):
    with desk_window(qtbot, sqlite_url, language=language) as win:
        keys = _window_keys(win)
        assert {"Ctrl+Z", "F5", "Ctrl+R"} <= {k for k, _ in keys}
        clashes = {k: [w for kk, w in keys if kk == k] for k, _ in keys
                   if sum(kk == k for kk, _ in keys) > 1}
        assert clashes == {}
        for title, letters in _menu_mnemonics(win).items():
            assert len(letters) == len(set(letters)), (title, letters)


# ---- 8. keys typed in a dialog -----------------------------------------------------------
def test_keys_typed_in_a_dialog_stay_in_the_dialog(qtbot, window, store):
    from checkin.ui.walk_in_dialog import WalkInDialog

    desk = window.desk_view()
    dialog = WalkInDialog(window, [("participant", "Participant"), ("benevole", "Bénévole")])
    qtbot.addWidget(dialog)
    dialog.setModal(True)
    dialog.show()
    dialog.activateWindow()
    dialog.category.setFocus()  # a list that takes no text: its own keyboard search
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.category, timeout=2000)
    system_type("b", gap=0.1)
    assert desk.search_input.text() == ""
    assert dialog.category.currentData() == "benevole"
    dialog.reject()


def test_a_burst_while_a_dialog_is_open_is_still_a_scan(qtbot, window, store):
    from checkin.ui.walk_in_dialog import WalkInDialog

    engine, codes = store
    dialog = WalkInDialog(window, [("participant", "Participant")])
    qtbot.addWidget(dialog)
    dialog.setModal(True)
    dialog.show()
    dialog.activateWindow()
    dialog.first_name.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first_name, timeout=2000)
    system_type("Li", gap=0.1)
    qtbot.wait(100)
    _burst(codes[PERSON])
    assert _name(engine, codes[PERSON]) in _answered(qtbot, window, "admitted")
    assert dialog.first_name.text() == "Li" and dialog.isVisible()  # not typed, not accepted
    dialog.reject()


# ---- the GUI thread runs no SQL -------------------------------------------------------------
def test_no_sql_on_the_gui_thread_during_a_search_a_scan_and_a_print(qtbot, window, store, tmp_path,
                                                                    monkeypatch):
    from checkin.ui.badge_printing import BadgeDialogs
    from checkin.ui.desk_printing import DeskPrinting

    engine, codes = store
    desk = window.desk_view()
    target = tmp_path / "badge.pdf"
    monkeypatch.setattr(BadgeDialogs, "choose_pdf", staticmethod(lambda *a: str(target)))
    from checkin.ui import badge_printing

    monkeypatch.setattr(badge_printing, "available_printers", lambda: [])  # a desk with none
    printing = window.findChild(DeskPrinting)
    with sql_on_gui_thread(window._engine) as seen:
        system_type(_name(engine, codes[PERSON]).split()[-1][:4], gap=0.1)
        qtbot.waitUntil(desk.result_list.isVisible, timeout=3000)
        desk.clear_search()
        _burst(codes[PERSON])
        _answered(qtbot, window, "admitted")
        system_key(Qt.Key.Key_F5)           # reprint: no printer here, a PDF
        qtbot.waitUntil(lambda: target.exists() and not printing.is_busy(), timeout=20_000)
        _burst(codes[PERSON], end=Qt.Key.Key_Tab)
        _answered(qtbot, window, "already_in")
        time.sleep(0.05)
    assert seen == []


# ---- what a review found: other tabs, late terminators, slow keys, a tested desk ----------
def test_a_badge_scanned_on_another_tab_is_a_scan_and_shows_the_desk(qtbot, window, store):
    engine, codes = store
    tabs = window.findChild(QTabWidget, "mainTabs")
    tabs.setCurrentIndex(1)  # the programme and its seats
    qtbot.waitUntil(lambda: not window.desk_view().isVisible(), timeout=2000)
    table = tabs.currentWidget().findChild(QAbstractItemView)
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=2000)
    _burst(codes[PERSON])
    assert _name(engine, codes[PERSON]) in _answered(qtbot, window, "admitted")
    assert window.desk_view().isVisible()


def test_an_enter_after_the_burst_ended_by_its_pause_scans_once(qtbot, window, store):
    engine, codes = store
    desk = window.desk_view()
    _burst(codes[PERSON], end=None)
    qtbot.wait(250)          # the pause ended the burst; the scanner's Enter comes late
    system_key(Qt.Key.Key_Return)
    _answered(qtbot, window, "admitted")
    qtbot.waitUntil(lambda: not desk.busy(), timeout=3000)
    qtbot.wait(200)
    assert _admissions(engine) == [(codes[PERSON], "admitted")]
    assert QApplication.focusWidget() is desk.search_input


def test_a_late_tab_does_not_move_the_focus(qtbot, window, store):
    engine, codes = store
    desk = window.desk_view()
    _burst(codes[PERSON], end=None)
    qtbot.wait(250)
    system_key(Qt.Key.Key_Tab)
    _answered(qtbot, window, "admitted")
    assert QApplication.focusWidget() is desk.search_input


def test_one_slow_key_inside_a_burst_does_not_cut_it(qtbot, window, store):
    engine, codes = store
    code = codes[PERSON]
    system_type(code[:4])
    time.sleep(0.07)   # a Bluetooth scanner's hiccup: slower than a scanner, faster than a pause
    system_type(code[4:])
    system_key(Qt.Key.Key_Return)
    assert _name(engine, code) in _answered(qtbot, window, "admitted")
    assert _admissions(engine) == [(code, "admitted")]


def test_a_desk_set_to_us_on_azerty_says_unknown_not_misread(qtbot, sqlite_url, store):
    from checkin.core.admission.code_reading import LAYOUT_US_ON_FRENCH, ScannerSetup

    with desk_window(qtbot, sqlite_url, language="fr") as win:
        win.desk_view().controller.scanner = ScannerSetup(layout=LAYOUT_US_ON_FRENCH)
        _burst(on_azerty("3200000000003"))  # read right through the table: nobody has it
        text = _answered(qtbot, win, "unknown_code")
        assert "Code inconnu" in text and "Badge mal lu" not in text
