"""The main window as the UI tests open it: in English, closed with the test, and with the
English words put back afterwards.

A test may switch the desk's language; the translators it leaves installed would otherwise
turn the next test's English expectations into French.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from checkin.app import create_window, install_translators
from checkin.core.roles import Role
from checkin.ui.main_window import MainWindow


@contextmanager
def english_window(qtbot: Any, db_url: str, *, show: bool = False) -> Iterator[MainWindow]:
    """The window on `db_url`, registered with qtbot (which closes it after the test)."""
    win = create_window(db_url, language="en")
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    if show:
        win.show()
    try:
        yield win
    finally:
        install_translators(QApplication.instance(), "en")


def hand_desk_to(window: MainWindow, role: Role) -> None:
    """The desk taken over by `role` as if its PIN had been typed, and the window redrawn
    for it: what a role may do is under test here, the role dialog has tests of its own."""
    window._desk.switch_to(role)
    window._apply_role()


def menu_action(window: MainWindow, name: str) -> QAction:
    """A menu action by its object name (importAction, exportAction, printBadgesAction,
    editProgrammeAction, printOnCheckinAction…), as automation finds it."""
    action = window.findChild(QAction, name)
    assert action is not None, f"no action {name!r} in the window"
    return action


@contextmanager
def desk_window(qtbot: Any, db_url: str, language: str = "en") -> Iterator[MainWindow]:
    """The window shown on `db_url`, its desk ready for keys (the search field focused, its
    first reads done); afterwards the desk stops catching keys and English is back."""
    win = create_window(db_url, language=language)
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    desk = win.desk_view()
    assert desk is not None
    desk.search_input.setFocus()
    qtbot.waitUntil(lambda: not desk.busy(), timeout=5000)
    try:
        yield win
    finally:
        desk.detach()
        install_translators(QApplication.instance(), "en")
