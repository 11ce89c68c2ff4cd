"""Fixtures more than one test folder uses, registered by tests/conftest.py (pytest_plugins).

They build on tests/conftest.py's store fixtures (engine, make_attendee) and on pytest-qt's;
they live here, not in the conftest, so the conftest stays about the stores themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa

from tests.helpers.model_validator import ModelValidator

if TYPE_CHECKING:
    from pytestqt.modeltest import ModelTester


@pytest.fixture
def model_validator(qtmodeltester: ModelTester) -> Iterator[ModelValidator]:
    """`model_validator.set_model(model)`: the model is checked then, on each change, and
    once more after the test, in the state the test left it."""
    validator = ModelValidator(qtmodeltester)
    yield validator
    validator.finish()


@pytest.fixture
def person(engine: sa.Engine, make_attendee: Callable[..., int]) -> Callable[..., int]:
    """make_attendee, then indexed, as every writer of attendees does: search finds them."""
    from checkin.core.search.index import reindex_attendees

    def make(**fields: Any) -> int:
        aid = make_attendee(**fields)
        with engine.begin() as conn:
            reindex_attendees(conn, [aid])
        return aid

    return make


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the test PostgreSQL server, for a test that talks to it as
    another process would (a relay between them, a `checkin` subprocess): skipped
    without a server, failed under CI=true, dropped afterwards."""
    from tests.conftest import _new_pg_database

    url, drop = _new_pg_database()
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def coordinator_window(qtbot: Any, demo_url: str) -> Iterator[Any]:
    """The English window on the test module's `demo_url` store, handed to a coordinator
    (the Rooms tab is there), shown."""
    from checkin.app import create_window
    from checkin.core.roles import Role
    from tests.helpers.window import hand_desk_to

    win = create_window(demo_url, language="en")
    qtbot.addWidget(win)
    hand_desk_to(win, Role.COORDINATOR)
    win.show()
    yield win
    win.close()
