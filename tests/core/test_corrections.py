"""Correcting a misspelt name at the desk: the person is found by the new spelling, not
the old one, the journal says who changed what, and a no-op writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from checkin.core.clock import fixed_clock
from checkin.core.registrants.corrections import correct_attendee
from checkin.core.search.lookup import search
from checkin.store.models import Attendee, Journal

NOON = datetime(2025, 6, 12, 10, 0, tzinfo=UTC)


def journal(engine: sa.Engine) -> list[Journal]:
    with Session(engine) as db:
        return list(db.exec(select(Journal).where(Journal.action == "correct")
                            .order_by(Journal.id)))


def attendee(engine: sa.Engine, aid: int) -> Attendee:
    with Session(engine) as db:
        found = db.get(Attendee, aid)
        assert found is not None
        return found


def found_ids(engine: sa.Engine, event: int, text: str) -> list[int]:
    """Who `text` finds as typed (not by the typo-tolerant fallback, which is meant to
    find "dupree" for Dupré)."""
    return [h.attendee_id for h in search(engine, event, text) if not h.fuzzy]


def test_a_corrected_name_is_found_by_its_new_spelling_only(engine, sample_event, person):
    aid = person(first_name="Helene", last_name="Dupree", organisation="Mairie de Quimpr",
                 code="POP-001")
    assert aid in found_ids(engine, sample_event, "dupree")

    changes = correct_attendee(engine, sample_event, aid, first_name="Hélène",
                               last_name="Dupré", organisation="Mairie de Quimper",
                               actor="volunteer", desk="Desk 2", clock=fixed_clock(NOON))

    assert changes == {"first_name": ["Helene", "Hélène"], "last_name": ["Dupree", "Dupré"],
                       "organisation": ["Mairie de Quimpr", "Mairie de Quimper"]}
    assert aid in found_ids(engine, sample_event, "dupré")
    assert aid in found_ids(engine, sample_event, "hélène dupre")
    assert aid in found_ids(engine, sample_event, "quimper")
    assert aid not in found_ids(engine, sample_event, "dupree")
    assert aid not in found_ids(engine, sample_event, "quimpr")
    row = attendee(engine, aid)
    assert (row.first_name, row.last_name, row.organisation) == \
        ("Hélène", "Dupré", "Mairie de Quimper")
    assert row.updated_at == NOON


def test_the_journal_records_who_changed_which_field_from_what(engine, sample_event, person):
    aid = person(first_name="Jean-Noel", last_name="L'Hôte", organisation="IREV",
                 code="POP-042")

    correct_attendee(engine, sample_event, aid, first_name="Jean-Noël", last_name="L'Hôte",
                     organisation="IREV", actor="coordinator", desk="Accueil 1")

    rows = journal(engine)
    assert len(rows) == 1
    entry = rows[0]
    assert (entry.event_id, entry.action, entry.actor, entry.desk, entry.subject) == \
        (sample_event, "correct", "coordinator", "Accueil 1", "POP-042")
    assert entry.details == {"first_name": ["Jean-Noel", "Jean-Noël"]}  # changed fields only


def test_whitespace_is_normalised_and_an_unchanged_person_writes_nothing(
        engine, sample_event, person):
    aid = person(first_name="Camille", last_name="Martin", organisation="ADIE")

    assert correct_attendee(engine, sample_event, aid, first_name="  Camille ",
                            last_name="Martin\t", organisation=" ADIE", actor="v",
                            desk="d") == {}
    assert journal(engine) == []

    changes = correct_attendee(engine, sample_event, aid, first_name="Camille",
                               last_name="Martin", organisation="  Fondation   de  France ",
                               actor="v", desk="d")
    assert changes == {"organisation": ["ADIE", "Fondation de France"]}
    assert attendee(engine, aid).organisation == "Fondation de France"


def test_an_empty_name_is_refused_and_nothing_changes(engine, sample_event, person):
    aid = person(first_name="Camille", last_name="Martin")

    with pytest.raises(ValueError):
        correct_attendee(engine, sample_event, aid, first_name="  ", last_name="",
                         organisation="IREV", actor="v", desk="d")

    assert attendee(engine, aid).last_name == "Martin"
    assert journal(engine) == []
    assert aid in found_ids(engine, sample_event, "martin")


def test_one_name_is_enough(engine, sample_event, person):
    aid = person(first_name="Camille", last_name="Martin")
    correct_attendee(engine, sample_event, aid, first_name="", last_name="Martin",
                     organisation="IREV", actor="v", desk="d")
    assert attendee(engine, aid).first_name == ""
    assert aid not in found_ids(engine, sample_event, "camille")


def test_someone_of_another_event_or_nobody_is_refused(engine, sample_event, person):
    aid = person(first_name="Camille", last_name="Martin")
    with pytest.raises(ValueError):
        correct_attendee(engine, sample_event + 1, aid, first_name="X", last_name="Y",
                         organisation="", actor="v", desk="d")
    with pytest.raises(ValueError):
        correct_attendee(engine, sample_event, aid + 1000, first_name="X", last_name="Y",
                         organisation="", actor="v", desk="d")
    assert journal(engine) == []


def test_another_person_keeping_the_old_spelling_is_still_found(engine, sample_event, person):
    """Two people from one organisation: correcting one must not unindex the other."""
    first = person(first_name="Ana", last_name="Roux", organisation="Kerlabo")
    other = person(first_name="Léo", last_name="Blanc", organisation="Kerlabo")

    correct_attendee(engine, sample_event, first, first_name="Ana", last_name="Roux",
                     organisation="Kerlabo Sud", actor="v", desk="d")

    assert set(found_ids(engine, sample_event, "kerlabo")) == {other, first}
    assert found_ids(engine, sample_event, "kerlabo sud") == [first]


def test_a_name_typed_in_the_wrong_field_is_gone_from_the_search(engine, sample_event, person):
    aid = person(first_name="Zacharie", last_name="Vasseur")
    correct_attendee(engine, sample_event, aid, first_name="Noémie", last_name="Vasseur",
                     organisation="", actor="v", desk="d")
    assert search(engine, sample_event, "zacharie") == []
    assert found_ids(engine, sample_event, "noemie vasseur") == [aid]

