"""The `gui` marker, applied by where a test lives and what it uses rather than by hand.

A test needs a QApplication when it lives in tests/ui/ or when it asks for `qtbot`, even
through another fixture; a hand-written marker would be forgotten on the next such test,
and `-m "not gui"` (a machine without a display, a quick run of the rules) would then run
it anyway.
"""

from __future__ import annotations

from pathlib import Path

import pytest

GUI = "gui"


def needs_gui(item: pytest.Item, ui_dir: Path) -> bool:
    """Whether `item` uses qtbot (directly or through a fixture) or lives under `ui_dir`."""
    if "qtbot" in getattr(item, "fixturenames", ()):
        return True
    return Path(item.path).is_relative_to(ui_dir)


def mark_gui_items(items: list[pytest.Item], ui_dir: Path) -> None:
    """Add the `gui` marker to every item that needs a QApplication (see needs_gui)."""
    for item in items:
        if needs_gui(item, ui_dir):
            item.add_marker(GUI)
