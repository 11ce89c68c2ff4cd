"""Registrant search as a volunteer uses it: whatever the accents, case and punctuation
typed, the right person comes first, cancelled people are shown as such, a typo still
finds someone when nothing else does, and garbage finds nobody without a fuss."""

from __future__ import annotations

import time
from datetime import UTC

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from checkin.core.demo import load_demo
from checkin.core.search.index import reindex_attendees
from checkin.core.search.lookup import Hit, search
from checkin.store.models import Attendee, Event, SearchTerm
from checkin.store.vocabulary import AttendeeStatus


def find(engine: sa.Engine, event: int, text: str, limit: int = 20) -> list[Hit]:
    return search(engine, event, text, limit)


def ids(hits: list[Hit]) -> list[int]:
    return [h.attendee_id for h in hits]


def test_accents_case_and_punctuation_do_not_matter(engine, sample_event, person) -> None:
    helene = person(first_name="Hélène", last_name="Dupré", organisation="Mairie de Quimper")
    jean_noel = person(first_name="Jean-Noël", last_name="L'Hôte-Kerbrat")
    for typed, who in (("helene", helene), ("HELENE", helene), ("dupre", helene),
                       ("Dupré", helene), ("hélène dupré", helene), ("lhote", jean_noel),
                       ("l'hote", jean_noel), ("L’HÔTE", jean_noel), ("jean noel", jean_noel),
                       ("jean-noël", jean_noel), ("noel jean", jean_noel), ("kerb", jean_noel),
                       ("lhote kerbrat", jean_noel), ("  dupre  ", helene), ("quimp", helene)):
        assert who in ids(find(engine, sample_event, typed)), typed


def test_every_typed_word_must_begin_a_word_of_the_person(engine, sample_event, person) -> None:
    jean_noel = person(first_name="Jean-Noël", last_name="Quéré")
    person(first_name="Jean", last_name="Quentin")
    assert ids(find(engine, sample_event, "jean quer")) == [jean_noel]
    assert len(find(engine, sample_event, "jean que")) == 2
    assert ids(find(engine, sample_event, "j qu")) != []
    assert find(engine, sample_event, "jean qx") == []
    assert find(engine, sample_event, "oel") == []  # inside a word is not a beginning


def test_ranking_code_then_last_name_first_name_organisation_email(engine, sample_event,
                                                                   person) -> None:
    branly = person(first_name="Zoé", last_name="Branly")
    brandt = person(first_name="Yves", last_name="Brandt")
    brandon = person(first_name="Brandon", last_name="Abel")
    branche = person(first_name="Luc", last_name="Aaron", organisation="Branche Verte")
    branwen = person(first_name="Lise", last_name="Aubry", email="branwen@example.org")
    coded = person(first_name="Paul", last_name="Codey", code="BRAN42")
    hits = find(engine, sample_event, "bran")
    assert ids(hits) == [brandt, branly, brandon, branche, branwen, coded]
    assert [h.matched for h in hits] == ["last_name", "last_name", "first_name", "organisation",
                                         "email", "code_prefix"]
    exact = person(first_name="Anne", last_name="Codey", code="BRANLY")
    assert ids(find(engine, sample_event, "branly")) == [exact, branly]
    assert find(engine, sample_event, "branly")[0].matched == "code"


def test_ties_by_last_name_then_first_name(engine, sample_event, person) -> None:
    zoe = person(first_name="Zoé", last_name="Quillet")
    anne = person(first_name="Anne", last_name="Quillet")
    emile = person(first_name="Émile", last_name="Quillet")
    quil = person(first_name="Bruno", last_name="Quilès")
    assert ids(find(engine, sample_event, "quil")) == [quil, anne, emile, zoe]


def test_several_words_rank_by_the_weakest(engine, sample_event, person) -> None:
    by_names = person(first_name="Jeanne", last_name="Quinton")
    by_org = person(first_name="Marc", last_name="Quinton", organisation="Jeanne d'Arc")
    assert ids(find(engine, sample_event, "quinton jeanne")) == [by_names, by_org]
    assert [h.matched for h in find(engine, sample_event, "quinton jeanne")] == [
        "first_name", "organisation"]


def test_code_lookup(engine, sample_event, person) -> None:
    aid = person(first_name="Inès", last_name="Zerbib", code="PU7K9QX2MT")
    other = person(first_name="Rémi", last_name="Zerbib", code="PU7K9ZZZZZ")
    for typed in ("PU7K9QX2MT", "pu7k9qx2mt", " PU7K9QX2MT\n"):
        hits = find(engine, sample_event, typed)
        assert ids(hits) == [aid] and hits[0].matched == "code", typed
    prefix = find(engine, sample_event, "pu7k9")
    assert ids(prefix) == [aid, other]  # in code order
    assert {h.matched for h in prefix} == {"code_prefix"}
    assert find(engine, sample_event, "PU7K9QX2MX") == []


def test_cancelled_registrants_are_found_and_flagged(engine, sample_event, person) -> None:
    gone = person(first_name="Océane", last_name="Vauclair", status=AttendeeStatus.CANCELLED)
    here = person(first_name="Théo", last_name="Vauclair")
    hits = {h.attendee_id: h for h in find(engine, sample_event, "vauclair")}
    assert set(hits) == {gone, here}
    assert hits[gone].cancelled and hits[gone].status == "cancelled"
    assert not hits[here].cancelled
    assert hits[gone].to_json()["cancelled"] is True


def test_hit_shows_what_the_desk_needs_and_no_contact_details(engine, sample_event,
                                                              person) -> None:
    person(first_name="Anaïs", last_name="Wargnier", organisation="BGE Picardie",
           email="anais.w@example.fr", phone="06 11 22 33 44")
    [hit] = find(engine, sample_event, "wargnier")
    assert (hit.first_name, hit.last_name, hit.organisation) == ("Anaïs", "Wargnier",
                                                                 "BGE Picardie")
    shown = hit.to_json()
    assert "email" not in shown and "phone" not in shown
    assert "06 11" not in repr(shown) and "example.fr" not in repr(shown)


def test_category_name_comes_with_the_hit(engine, sample_event) -> None:
    # The event file's speakers are registrants, indexed when the programme is loaded.
    [hit] = find(engine, sample_event, "velay")
    assert (hit.first_name, hit.category, hit.code) == ("Gaëlle", "Intervenant", "VELAY")


def test_typo_fallback_only_when_nothing_matches(engine, sample_event, person) -> None:
    dupont = person(first_name="Lucie", last_name="Dupont")
    lefebvre = person(first_name="Marc", last_name="Lefebvre")
    hits = find(engine, sample_event, "dupond")
    assert dupont in ids(hits) and all(h.fuzzy for h in hits)
    assert lefebvre in ids(find(engine, sample_event, "lefevbre"))
    assert dupont in ids(find(engine, sample_event, "lucie dupond"))
    # Once someone is really called Dupond, the fallback stays out of the way.
    dupond = person(first_name="Rémi", last_name="Dupond")
    hits = find(engine, sample_event, "dupond")
    assert ids(hits) == [dupond] and not hits[0].fuzzy
    # Short words must be typed right: three letters are too few to guess from.
    assert find(engine, sample_event, "dpu") == []
    assert find(engine, sample_event, "qwxzv") == []


@pytest.mark.parametrize("garbage", [
    "", " ", "\t\n", "!!!", "'-.,;:", "%", "_%_", "' OR 1=1 --", "\x00", "\x00\x01\x1b[2J",
    "a" * 10_000, "dupont " * 2000, "é" * 300, "🙂🙂🙂", "\u200b\u200b", "--", "-- ; --",
])
def test_garbage_finds_nobody_fast(engine, sample_event, person, garbage) -> None:
    person(first_name="Hélène", last_name="Dupont")
    started = time.perf_counter()
    assert find(engine, sample_event, garbage) == []
    assert time.perf_counter() - started < 0.5


def test_odd_arguments_never_raise(engine, sample_event, person) -> None:
    person(first_name="Hélène", last_name="Dupont")
    assert find(engine, sample_event, "dupont", limit=0) == []
    assert find(engine, sample_event, "dupont", limit=-3) == []
    assert search(engine, sample_event, None, 20) == []  # type: ignore[arg-type]
    assert len(find(engine, sample_event, "d", limit=10**9)) >= 1
    assert find(engine, sample_event + 999, "dupont") == []


def test_limit_keeps_the_best(engine, sample_event, person) -> None:
    made = [person(first_name=f"P{i}", last_name=f"Xavier{chr(97 + i)}") for i in range(5)]
    assert ids(find(engine, sample_event, "xavier", limit=3)) == made[:3]


def test_reindex_after_a_name_change(engine, sample_event, person) -> None:
    aid = person(first_name="Maëlys", last_name="Ydier", organisation="Vilogia")
    with Session(engine) as db:
        row = db.get(Attendee, aid)
        row.last_name, row.organisation = "Yvart", "Habitat Amiénois"
        db.commit()
    with engine.begin() as conn:
        reindex_attendees(conn, [aid])
    assert ids(find(engine, sample_event, "yvart")) == [aid]
    assert find(engine, sample_event, "ydier") == []
    assert aid not in ids(find(engine, sample_event, "vilogia"))
    with engine.connect() as conn:
        words = set(conn.execute(sa.select(SearchTerm.word)).scalars())
    assert "ydier" not in words and "yvart" in words  # the old name does not linger
    # A registrant deleted, then reindexed, is forgotten.
    with engine.begin() as conn:
        conn.execute(sa.delete(Attendee).where(Attendee.id == aid))
        reindex_attendees(conn, [aid])
    assert find(engine, sample_event, "yvart") == []


def test_search_is_scoped_to_the_event(engine, sample_event, person) -> None:
    mine = person(first_name="Nour", last_name="Zemmouri")
    with Session(engine) as db:
        other = Event(key="other", name="Other", starts_at=_some_time(), ends_at=_some_time())
        db.add(other)
        db.commit()
        stranger = Attendee(event_id=other.id, code="T999999", first_name="Nour",
                            last_name="Zemmouri")
        db.add(stranger)
        db.commit()
        other_id, stranger_id = other.id, stranger.id
    with engine.begin() as conn:
        reindex_attendees(conn, [stranger_id])
    assert ids(find(engine, sample_event, "zemmouri")) == [mine]
    assert ids(find(engine, other_id, "zemmouri")) == [stranger_id]
    assert find(engine, other_id, "T000001") == []  # a code of the other event


def test_demo_registrants_are_searchable(engine) -> None:
    report = load_demo(engine, 60, seed=3)
    with engine.connect() as conn:
        people = conn.execute(sa.select(Attendee.id, Attendee.code, Attendee.first_name,
                                        Attendee.last_name)
                              .where(Attendee.source == "demo").order_by(Attendee.id)).all()
    for aid, code, first, last in people[::7]:
        assert ids(find(engine, report.event_id, code))[0] == aid
        assert aid in ids(find(engine, report.event_id, f"{first} {last}", limit=100)), (first, last)


def _some_time():
    from datetime import datetime

    return datetime(2026, 12, 10, 8, tzinfo=UTC)


def test_loading_the_event_file_again_keeps_its_people_indexed(engine, sample_event) -> None:
    from checkin.core.programme.event_file import read_programme, sample_event_path
    from checkin.core.programme.load import load_programme

    programme = read_programme(sample_event_path())
    velay = next(p for p in programme.people if p["last_name"] == "Velay")
    velay["last_name"], velay["organisation"] = "Velay-Ternois", "Banque des Territoires"
    load_programme(engine, programme)
    [hit] = find(engine, sample_event, "ternois")
    assert (hit.code, hit.organisation) == ("VELAY", "Banque des Territoires")
    assert find(engine, sample_event, "velay")[0].matched == "code"  # her code, no name now
    assert [h.code for h in find(engine, sample_event, "velay gaelle")] == ["VELAY"]


def test_upgrading_an_older_store_indexes_its_registrants(tmp_path) -> None:
    from alembic import command

    from checkin.store import open_store
    from checkin.store.engine import create_store_engine
    from checkin.store.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = create_store_engine(url)
    with old.begin() as conn:
        command.upgrade(alembic_config(conn), "0002")
    with old.begin() as conn:  # raw SQL: the 0002 schema is not today's models
        event_id = conn.execute(sa.text(
            "INSERT INTO event (key, name, venue, address, timezone, starts_at, ends_at, "
            "created_at, updated_at) VALUES ('old', 'Old', '', '', 'Europe/Paris', :t, :t, :t, :t) "
            "RETURNING id"), {"t": "2026-12-10 08:00:00.000000"}).scalar_one()
        conn.execute(sa.text(
            "INSERT INTO attendee (event_id, code, source, source_id, source_order, first_name, "
            "last_name, email, phone, organisation, job_title, profession, city, postcode, notes, "
            "attention, attention_text, consent, status, walk_in, search_text, created_at, "
            "updated_at) VALUES (:e, 'OLD1', '', '', '', 'Bérénice', 'D''Hondt', '', '', "
            "'Vilogia', '', '', '', '', '', 0, '', 0, 'registered', 0, '', :t, :t)"),
            {"e": event_id, "t": "2026-11-01 10:00:00.000000"})
    old.dispose()
    engine = open_store(url)
    try:
        assert [h.code for h in search(engine, event_id, "dhondt")] == ["OLD1"]
        assert [h.code for h in search(engine, event_id, "berenice hon")] == ["OLD1"]
    finally:
        engine.dispose()


def test_a_big_load_rebuilds_the_indexes_it_needs(engine, monkeypatch) -> None:
    """Above a size, a bulk load builds the field indexes after inserting (SQLite): the
    store must come out with the very indexes its migrations made."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    import checkin.core.search.index as search_index

    monkeypatch.setattr(search_index, "_REBUILD_ABOVE", 10)
    report = load_demo(engine, 40, seed=5)
    with engine.connect() as conn:
        first, last, code = conn.execute(
            sa.select(Attendee.first_name, Attendee.last_name, Attendee.code)
            .where(Attendee.source == "demo").order_by(Attendee.id.desc()).limit(1)).one()
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                SQLModel.metadata) == []
    assert code in [h.code for h in find(engine, report.event_id, f"{last} {first}", 100)]


def test_rebuilding_and_pruning(engine, sample_event, person) -> None:
    from checkin.core.search.index import prune_terms
    from checkin.core.search.lookup import reindex_event
    from checkin.store.models import SearchPerson

    aid = person(first_name="Bérénice", last_name="Wasquehal")
    with engine.begin() as conn:
        conn.execute(sa.delete(SearchPerson))
        conn.execute(sa.delete(SearchTerm))
    assert find(engine, sample_event, "wasquehal") == []
    with engine.begin() as conn:
        assert reindex_event(conn, sample_event) > 30  # the event file's people too
    assert ids(find(engine, sample_event, "wasquehal")) == [aid]
    # Deleting a registrant drops their search row (foreign key); pruning drops their words.
    with engine.begin() as conn:
        conn.execute(sa.delete(Attendee).where(Attendee.id == aid))
        prune_terms(conn, sample_event)
        words = set(conn.execute(sa.select(SearchTerm.word)).scalars())
    assert "wasquehal" not in words and "velay" in words
    assert find(engine, sample_event, "wasquehal") == []
