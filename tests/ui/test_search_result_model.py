"""The desk's search results, filled from a real search on a store: a volunteer reads who is
who (name, organisation, category, ticket), best match first, sees at once that a ticket was
cancelled, and each new search shows only its own people."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from checkin.core.search.lookup import search
from checkin.store.models import Category
from checkin.store.vocabulary import AttendeeStatus
from checkin.ui.models.search_results import SearchResultModel
from tests.helpers.model_validator import ModelValidator


def category_id(engine: sa.Engine, event_id: int, key: str) -> int:
    """One of the sample event's categories, by the key its event file gives it."""
    with engine.connect() as conn:
        return conn.execute(sa.select(Category.id).where(
            Category.event_id == event_id, Category.key == key)).scalar_one()


def rows(model: SearchResultModel) -> list[str]:
    """The lines of the results list, top to bottom, as the volunteer reads them."""
    return [model.index(r).data() for r in range(model.rowCount())]


@pytest.fixture
def vauclairs(engine: sa.Engine, sample_event: int, person: Callable[..., int]) -> dict[str, int]:
    """Three Vauclairs (one cancelled, one with no organisation or category) and a company
    named after them; made out of name order so that the order shown is the search's."""
    return {
        "theo": person(code="VAU-T", first_name="Théo", last_name="Vauclair", organisation="ADIE",
                       category_id=category_id(engine, sample_event, "jury")),
        "conseil": person(code="AAR-L", first_name="Luc", last_name="Aaron",
                          organisation="Vauclair Conseil"),
        "oceane": person(code="VAU-O", first_name="Océane", last_name="Vauclair",
                         organisation="Mairie d'Amiens", status=AttendeeStatus.CANCELLED,
                         category_id=category_id(engine, sample_event, "participant")),
        "aline": person(code="VAU-A", first_name="Aline", last_name="Vauclair", organisation=""),
    }


def test_rows_show_name_organisation_category_and_code_best_match_first(
        engine: sa.Engine, sample_event: int, vauclairs: dict[str, int],
        model_validator: ModelValidator) -> None:
    model = SearchResultModel()
    model_validator.set_model(model)  # empty, as the desk opens; checked again after the test
    model.set_hits(search(engine, sample_event, "vauclair"))
    # Last names first, in name order; the company named Vauclair comes after the people.
    assert rows(model) == [
        "VAUCLAIR Aline   [VAU-A]",
        "VAUCLAIR Océane — Mairie d'Amiens — Participant   [VAU-O]   (cancelled)",
        "VAUCLAIR Théo — ADIE — Jury   [VAU-T]",
        "AARON Luc — Vauclair Conseil   [AAR-L]",
    ]
    # A screen reader says what the screen shows.
    assert [model.index(r).data(Qt.ItemDataRole.AccessibleTextRole)
            for r in range(model.rowCount())] == rows(model)
    # Enter on a row admits that row's ticket.
    assert [model.index(r).data(SearchResultModel.CodeRole) for r in range(model.rowCount())] == [
        "VAU-A", "VAU-O", "VAU-T", "AAR-L"]
    assert model.hit(2) is not None and model.hit(2).attendee_id == vauclairs["theo"]
    assert model.hit(4) is None and model.hit(-1) is None


def test_a_cancelled_ticket_is_greyed_and_says_so(
        engine: sa.Engine, sample_event: int, vauclairs: dict[str, int],
        model_validator: ModelValidator) -> None:
    model = SearchResultModel()
    model_validator.set_model(model)
    model.set_hits(search(engine, sample_event, "oceane vauclair"))
    [line] = rows(model)
    assert line.endswith("(cancelled)")
    cancelled = model.index(0)
    assert cancelled.data(Qt.ItemDataRole.ToolTipRole) == "This ticket was cancelled"
    assert cancelled.data(Qt.ItemDataRole.ForegroundRole) == QColor("#8a8a8a")
    assert model.hit(0) is not None and model.hit(0).cancelled
    model.set_hits(search(engine, sample_event, "theo vauclair"))
    registered = model.index(0)
    assert not rows(model)[0].endswith("(cancelled)")
    assert registered.data(Qt.ItemDataRole.ToolTipRole) == "Enter: admit this person"
    assert registered.data(Qt.ItemDataRole.ForegroundRole) is None  # the list's usual colour


def test_a_new_search_replaces_the_rows(
        qtbot, engine: sa.Engine, sample_event: int, vauclairs: dict[str, int],
        person: Callable[..., int], model_validator: ModelValidator) -> None:
    person(code="ZER-I", first_name="Inès", last_name="Zerbib", organisation="BGE Picardie")
    model = SearchResultModel()
    model_validator.set_model(model)
    model.set_hits(search(engine, sample_event, "vauclair"))
    assert model.rowCount() == 4
    with qtbot.waitSignal(model.modelReset, timeout=100):  # views forget the old rows
        model.set_hits(search(engine, sample_event, "zerbib"))
    assert rows(model) == ["ZERBIB Inès — BGE Picardie   [ZER-I]"]
    model.set_hits(search(engine, sample_event, "qwxzv"))  # nobody: an empty list
    assert model.rowCount() == 0 and rows(model) == []
    assert model.hit(0) is None
