"""The front desk as the UI tests drive it: a badge scanned, and the answer panel read."""

from __future__ import annotations

from PySide6.QtCore import Qt

from checkin.ui.main_window import MainWindow
from checkin.ui.result_panel import ResultPanel
from tests.helpers.keyboard import press_at_focus, type_at_focus


def scan(code: str) -> None:
    """A USB scanner: the code typed very fast, then Enter, wherever the focus is — the
    desk must take a burst into whichever field a volunteer left the cursor in."""
    type_at_focus(code)
    press_at_focus(Qt.Key.Key_Return)


def panel(window: MainWindow) -> ResultPanel:
    """The answer panel of the window's desk: what the volunteer reads after a scan."""
    desk = window.desk_view()
    assert desk is not None, "no desk in this window (no event open?)"
    return desk.panel
