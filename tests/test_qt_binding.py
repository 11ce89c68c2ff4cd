"""The Qt binding the desk runs on keeps a window alive for a whole day.

PySide6 6.12.0 on Python 3.11 took a reference from None at every call of a method that
returns nothing: a desk window died ("Fatal Python error: none_dealloc") after a few
thousand label updates and event-loop turns, minutes into the day. A binding that does
that fails here, before it reaches a desk.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_a_day_of_widget_calls_leaves_none_alone(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(2000):
        label.setText(str(i))
        label.update()
        QApplication.processEvents()
    assert sys.getrefcount(None) > before - 500
