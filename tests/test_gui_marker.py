"""The `gui` marker is put on what needs a QApplication, and only on that: tests in
tests/ui/ and tests that use qtbot, even through another fixture — so `-m "not gui"` runs
the rest of the suite on a machine without a display or Qt's libraries."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]

CONFTEST = '''
from pathlib import Path

import pytest

from tests.helpers.markers import mark_gui_items


def pytest_collection_modifyitems(items):
    mark_gui_items(items, Path(__file__).parent / "ui")


@pytest.fixture
def window(qtbot):
    return None
'''


def gui_markers(node: pytest.Item) -> list[str]:
    return [m.name for m in node.iter_markers("gui")]


def test_a_test_outside_ui_without_qtbot_is_not_gui(request: pytest.FixtureRequest) -> None:
    assert gui_markers(request.node) == []


def test_a_test_outside_ui_with_qtbot_is_gui(qtbot, request: pytest.FixtureRequest) -> None:
    assert gui_markers(request.node) == ["gui"]


@pytest.fixture
def tree(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A made-up suite: a ui/ folder, and a core/ folder with qtbot used three ways."""
    monkeypatch.syspath_prepend(str(REPO))  # `tests.helpers` for its conftest
    pytester.makeini("[pytest]\naddopts = --strict-markers\nqt_api = pyside6\n"
                     "markers =\n    gui: needs a QApplication\n")
    pytester.makeconftest(CONFTEST)
    pytester.mkdir("ui")
    pytester.mkdir("core")
    pytester.path.joinpath("ui", "test_view.py").write_text(
        "def test_plain_in_ui():\n    pass\n")
    pytester.path.joinpath("core", "test_rules.py").write_text(
        "def test_plain():\n    pass\n\n"
        "def test_direct(qtbot):\n    pass\n\n"
        "def test_through_a_fixture(window):\n    pass\n")
    return pytester


def test_the_hook_marks_ui_tests_and_qtbot_users_only(tree: pytest.Pytester) -> None:
    items, _ = tree.inline_genitems()
    marked = {item.name: gui_markers(item) for item in items}
    assert marked == {"test_plain_in_ui": ["gui"], "test_plain": [], "test_direct": ["gui"],
                      "test_through_a_fixture": ["gui"]}


def test_not_gui_runs_only_what_needs_no_qapplication(tree: pytest.Pytester) -> None:
    result = tree.runpytest("-m", "not gui", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, deselected=3)
