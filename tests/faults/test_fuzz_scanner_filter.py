"""Fuzzing the desk's keyboard: random key bursts (scanner-fast or human-slow, control keys,
Enter in the middle, Ctrl/Alt chords, unicode) sent wherever the focus is.

The desk must never raise from its event filter (pytest-qt fails the test on any
exception in a Qt handler), and after the noise a real badge still scans.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from checkin.app import create_window
from checkin.store import open_store
from tests.helpers.stores import demo_store

pytestmark = pytest.mark.slow

SPECIAL = [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Backspace, Qt.Key.Key_Tab,
           Qt.Key.Key_Escape, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Delete]
MODIFIERS = [Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.NoModifier,
             Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier,
             Qt.KeyboardModifier.AltModifier]
KEY = st.one_of(
    st.tuples(st.just(Qt.Key.Key_unknown), st.text(min_size=1, max_size=1), st.sampled_from(MODIFIERS)),
    st.tuples(st.sampled_from(SPECIAL), st.just(""), st.sampled_from(MODIFIERS)),
)


@pytest.fixture
def window(qtbot, sqlite_url):
    engine = open_store(sqlite_url)
    _, codes = demo_store(engine, 20, seed=2)
    engine.dispose()
    win = create_window(sqlite_url, language="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win, codes
    win.desk_view().detach()


def _send(window, key: Qt.Key, text: str, modifiers: Qt.KeyboardModifier) -> None:
    target = QApplication.focusWidget() or window
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))


@settings(max_examples=30, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(bursts=st.lists(st.tuples(st.lists(KEY, max_size=20), st.sampled_from([0.0, 0.0, 0.09])),
                       min_size=1, max_size=3))
def test_random_key_bursts_never_break_the_desk(qtbot, window, bursts) -> None:
    win, _ = window
    for keys, gap in bursts:
        for key, text, modifiers in (keys[:3] if gap else keys):  # people type a few keys
            _send(win, key, text, modifiers)
            if gap:
                time.sleep(gap)  # a person typing: slower than a scanner
                QApplication.processEvents()
        QApplication.processEvents()
    desk = win.desk_view()
    qtbot.waitUntil(lambda: not desk.busy(), timeout=5000)
    for dialog in QApplication.topLevelWidgets():  # an Enter may have opened nothing modal
        assert not (dialog.isModal() and dialog.isVisible()), dialog


def test_after_the_noise_a_real_badge_still_scans(qtbot, window) -> None:
    win, codes = window
    for ch in "\x00é€\t;|" * 3:
        _send(win, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
    _send(win, Qt.Key.Key_Return, "", Qt.KeyboardModifier.NoModifier)
    qtbot.wait(150)
    for ch in codes[0]:
        _send(win, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
    _send(win, Qt.Key.Key_Return, "", Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: win.desk_view().panel.result == "admitted", timeout=5000)
