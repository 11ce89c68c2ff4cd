"""Checking an item model with pytest-qt's qtmodeltester before and after a test changes it
(after qutebrowser's tests/helpers/fixtures.py ModelValidator).

A model may be sound when it is filled and broken after a reset, an insert or an edit: the
check at set_model covers the first state, the tester it leaves attached checks each change
as its signals arrive, and the check at teardown covers the state the test left.

The last check needs care: qtmodeltester's Qt (C++) tester reports a problem as a
"qt.modeltest" warning, and pytest-qt turns those into failures only for warnings logged
while the test body runs. At teardown a warning would be printed and the test would still
pass, so each check here collects those warnings itself and fails on them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QMessageLogContext, QtMsgType, qInstallMessageHandler

if TYPE_CHECKING:  # importable only once pytest-qt has chosen its Qt binding
    from pytestqt.modeltest import ModelTester

MODELTEST_CATEGORY = "qt.modeltest"


class ModelValidator:
    """Runs qtmodeltester.check on the model given to set_model, then again at teardown."""

    def __init__(self, modeltester: ModelTester) -> None:
        self._modeltester = modeltester
        self._model: QAbstractItemModel | None = None

    def set_model(self, model: QAbstractItemModel) -> None:
        """Check `model` now and keep a tester on it for the rest of the test."""
        self._model = model
        self.check("when the model was set")

    def check(self, when: str = "now") -> None:
        """Check the model as it is now; an AssertionError lists what the tester found and
        `when` (set, now, after the test), since a model may be sound in one state only."""
        model = self._model
        assert model is not None, "set_model() first: there is no model to check"
        assert shiboken6.isValid(model), (
            f"the model was deleted before it could be checked {when}: validate a model the "
            "test owns, not one a closed widget takes with it")
        problems = _modeltest_warnings_of(lambda: self._modeltester.check(model))
        assert not problems, f"qtmodeltester found, {when}:\n" + "\n".join(problems)

    def finish(self) -> None:
        """The teardown check, on the state the test left (nothing if no model was set)."""
        if self._model is not None:
            self.check("after the test")


def _modeltest_warnings_of(run: Callable[[], None]) -> list[str]:
    """The qt.modeltest warnings logged while `run()` runs; every message still reaches the
    handler installed before (pytest-qt's, during a test), so its report shows them too."""
    found: list[str] = []

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if context.category == MODELTEST_CATEGORY and mode != QtMsgType.QtDebugMsg:
            found.append(message)
        if previous is not None:
            previous(mode, context, message)

    previous = qInstallMessageHandler(handler)
    try:
        run()
    finally:
        qInstallMessageHandler(previous)
    return found
