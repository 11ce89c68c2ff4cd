"""Every test in tests/ui/ carries the `gui` marker, qtbot or not (tests/conftest.py's hook):
the folder is for what needs a QApplication, and models are tested without qtbot."""

from __future__ import annotations

import pytest


def test_a_ui_test_without_qtbot_is_gui(request: pytest.FixtureRequest) -> None:
    assert "qtbot" not in request.fixturenames
    assert [m.name for m in request.node.iter_markers("gui")] == ["gui"]
