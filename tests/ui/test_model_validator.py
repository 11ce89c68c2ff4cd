"""The model_validator fixture fails a test whose model is broken when it is set, and one
whose model the test itself broke — even when nothing signalled the change, and although
pytest-qt does not fail a test for what qtmodeltester logs after the test body has run."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]  # where `tests.helpers` is importable from

INNER_TESTS = '''
import shiboken6
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt


class Sneaky(QAbstractListModel):
    """Two rows whose alignment turns invalid once `broken` is set, with no signal."""

    def __init__(self, broken=False):
        super().__init__()
        self.broken = broken

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return "row"
        if role == Qt.ItemDataRole.TextAlignmentRole and self.broken:
            return 0x7FFF0000  # no such alignment
        return None


def test_sound_model(model_validator):
    model = Sneaky()
    model_validator.set_model(model)
    model.beginResetModel()
    model.endResetModel()


def test_broken_when_set(model_validator):
    model_validator.set_model(Sneaky(broken=True))


def test_broken_by_the_test(model_validator):
    model = Sneaky()
    model_validator.set_model(model)
    model.broken = True


def test_deleted_before_teardown(model_validator):
    model = Sneaky()
    model_validator.set_model(model)
    shiboken6.delete(model)
'''


@pytest.fixture
def inner(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A made-up test tree that uses the real model_validator fixture, run in a process
    of its own so that its Qt message handlers and broken models stay there."""
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    monkeypatch.setenv("COLUMNS", "300")  # summary lines long enough to hold each reason
    pytester.makeini("[pytest]\nqt_api = pyside6\n")
    pytester.makeconftest('pytest_plugins = ("tests.helpers.fixtures",)\n')
    pytester.makepyfile(test_models=INNER_TESTS)
    return pytester


def test_each_broken_state_fails_and_a_sound_model_passes(inner: pytest.Pytester) -> None:
    result = inner.runpytest_subprocess("-p", "no:cacheprovider", "-rA")
    # Broken when set: the test fails, and its teardown check says the model is still
    # broken. Broken or deleted by the test: the body passes, the teardown check does not.
    result.assert_outcomes(passed=3, failed=1, errors=3)
    result.stdout.fnmatch_lines_random([
        "PASSED test_models.py::test_sound_model",
        "FAILED test_models.py::test_broken_when_set*qtmodeltester found, when the model was set*",
        "ERROR test_models.py::test_broken_when_set*qtmodeltester found, after the test*",
        "ERROR test_models.py::test_broken_by_the_test*qtmodeltester found, after the test*",
        "ERROR test_models.py::test_deleted_before_teardown*deleted before it could be checked*",
    ])
    assert "ERROR test_models.py::test_sound_model" not in result.stdout.str()
