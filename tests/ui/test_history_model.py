"""The desk's last answers: newest first, at most 20, each saying when, who and what, with
an outcome the desk colours and sounds by."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from checkin.core.admission.scan import ScanAnswer
from checkin.ui.models.history import MAX_ANSWERS, HistoryModel
from checkin.ui.outcomes import outcome_of
from tests.helpers.model_validator import ModelValidator

MORNING = datetime(2026, 12, 10, 8, 12, tzinfo=UTC)  # 09:12 in Amiens


def answer(result: str = "admitted", **fields) -> ScanAnswer:
    values = dict(code="POP-001", scan_id=1, attendee_id=1, first_name="Hélène",
                  last_name="Dupré", organisation="Mairie de Quimper", category="Participant")
    values.update(fields)
    return ScanAnswer(result=result, **values)


def texts(model: HistoryModel) -> list[str]:
    return [model.data(model.index(r)) for r in range(model.rowCount())]


@pytest.mark.parametrize("result, attention, expected", [
    ("admitted", "", "admitted"),
    ("admitted", "Interprète LSF réservée", "warning"),
    ("exited", "", "admitted"),
    ("undone", "", "undone"),
    ("already_in", "", "warning"),
    ("unknown_code", "", "refused"),
    ("cancelled", "", "refused"),
    ("not_eligible", "", "refused"),
    ("session_full", "", "refused"),
    ("not_inside", "", "refused"),
])
def test_outcome_of_each_result(result, attention, expected) -> None:
    assert outcome_of(answer(result, attention_text=attention)) == expected


def test_model_passes_qtmodeltester(model_validator: ModelValidator) -> None:
    model = HistoryModel()
    model_validator.set_model(model)  # empty, then checked on each answer and after the last
    for i, result in enumerate(("admitted", "already_in", "unknown_code")):
        model.add(answer(result, scan_id=i), at=MORNING)
    assert model.rowCount() == 3


def test_a_line_says_when_in_event_time_who_and_what(model_validator: ModelValidator) -> None:
    model = HistoryModel(timezone="Europe/Paris")
    model_validator.set_model(model)
    model.add(answer(), at=MORNING)
    assert texts(model) == ["09:12 ✓ Hélène Dupré — admitted"]


def test_an_unknown_code_is_shown_by_its_code(model_validator: ModelValidator) -> None:
    model = HistoryModel()
    model_validator.set_model(model)
    model.add(answer("unknown_code", code="XYZ-9", first_name="", last_name="",
                     attendee_id=None, reason="no registrant has this code"), at=MORNING)
    assert texts(model) == ["09:12 ✗ XYZ-9 — unknown code"]
    assert model.data(model.index(0), Qt.ItemDataRole.ToolTipRole) == \
        "no registrant has this code"


def test_newest_first_with_outcome_colour_and_reason(model_validator: ModelValidator) -> None:
    model = HistoryModel()
    model_validator.set_model(model)
    model.add(answer("admitted", first_name="Ana", last_name="Roux"), at=MORNING)
    model.add(answer("already_in", first_name="Léo", last_name="Blanc",
                     reason="came in at 09:05 (Desk 1)"), at=MORNING + timedelta(minutes=1))
    model.add(answer("session_full", first_name="Zoé", last_name="Petit",
                     session_title="Atelier émergence", reason="no seat left"),
              at=MORNING + timedelta(minutes=2))

    assert texts(model) == ["09:14 ✗ Zoé Petit — session full · Atelier émergence",
                            "09:13 ! Léo Blanc — already in",
                            "09:12 ✓ Ana Roux — admitted"]
    outcomes = [model.data(model.index(r), HistoryModel.OutcomeRole) for r in range(3)]
    assert outcomes == ["refused", "warning", "admitted"]
    colours = [model.data(model.index(r), Qt.ItemDataRole.DecorationRole) for r in range(3)]
    assert all(isinstance(c, QColor) for c in colours)
    assert len({c.name() for c in colours}) == 3
    assert model.data(model.index(1), Qt.ItemDataRole.ToolTipRole) == \
        "came in at 09:05 (Desk 1)"
    assert model.data(model.index(0), HistoryModel.AnswerRole).session_title == \
        "Atelier émergence"


def test_attention_text_makes_a_warning_and_shows_in_the_tooltip(
        model_validator: ModelValidator) -> None:
    model = HistoryModel()
    model_validator.set_model(model)
    model.add(answer(attention_text="Fauteuil roulant : ascenseur B", reason=""), at=MORNING)
    assert model.data(model.index(0), HistoryModel.OutcomeRole) == "warning"
    assert texts(model) == ["09:12 ! Hélène Dupré — admitted"]
    assert model.data(model.index(0), Qt.ItemDataRole.ToolTipRole) == \
        "Fauteuil roulant : ascenseur B"


def test_only_the_last_twenty_answers_are_kept(qtbot, model_validator: ModelValidator) -> None:
    model = HistoryModel()
    model_validator.set_model(model)
    for i in range(MAX_ANSWERS):
        model.add(answer(last_name=f"N{i:02d}", scan_id=i), at=MORNING)
    assert model.rowCount() == 20
    with qtbot.waitSignal(model.rowsRemoved, timeout=100):
        model.add(answer(last_name="Last", scan_id=99), at=MORNING)
    assert model.rowCount() == 20
    assert "Last" in texts(model)[0]
    assert "N01" in texts(model)[-1]  # N00, the oldest, is gone
    assert not any("N00" in t for t in texts(model))


def test_without_a_time_the_clock_stamps_the_answer(model_validator: ModelValidator) -> None:
    model = HistoryModel(clock=lambda: MORNING, timezone="UTC")
    model_validator.set_model(model)
    model.add(answer())
    assert texts(model)[0].startswith("08:12 ")
    model.set_timezone("Europe/Paris")
    assert texts(model)[0].startswith("09:12 ")


def test_outcome_words_follow_the_desk_language(qapp, model_validator: ModelValidator) -> None:
    from checkin.app import install_translators

    model = HistoryModel()
    model_validator.set_model(model)
    model.add(answer("already_in"), at=MORNING)
    install_translators(qapp, "fr")
    try:
        assert texts(model) == ["09:12 ! Hélène Dupré — entrée déjà enregistrée"]  # neutral French
    finally:
        install_translators(qapp, "en")
    assert texts(model) == ["09:12 ! Hélène Dupré — already in"]
