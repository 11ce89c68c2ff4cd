"""Stores written at each past schema (tests/store/fixtures/store_000N.sqlite3) upgrade to
the head keeping their data, and come out with what the migrations derive: the search
index (0003) and who is where (0006, then 0008's rule for session doors).

The stores are committed files, made once by tests/store/fixtures/make_stores.py: they
stand for the stores people have, which no later change to checkin's code rewrites.
Each test works on a copy.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkin.core.monitoring.occupancy import occupancy
from checkin.core.search.index import reindex_event
from checkin.core.search.lookup import search
from checkin.store import open_store
from checkin.store.migrate import current_revision, head_revision, script_directory

FIXTURES = Path(__file__).with_name("fixtures")
STORES = sorted(FIXTURES.glob("store_*.sqlite3"))
EVENT = 1

# What make_stores.py wrote, restated here so that a store that lost or changed a row fails.
PEOPLE = [(1, "FSS-0001", "Hélène", "L'Hôte", "helene.lhote@somme.gouv.fr", "Préfecture de la Somme"),
          (2, "FSS-0002", "Jean-Noël", "Le Gall", "jn.legall@chu-amiens.fr", "CHU Amiens-Picardie"),
          (3, "FSS-0003", "Anne-Sophie", "Cœurderoy", "", "Mairie d'Abbeville"),
          (4, "FSS-0004", "Zoé", "de La Fontaine", "zoe.dlf@example.org", ""),
          (5, "FSS-0005", "François", "Dupré-Müller", "fdupre@exemple.fr", "Ville de Saint-Quentin")]
ENROLLMENTS = [(1, 2, "booked"), (2, 2, "booked"), (3, 2, "waitlisted")]
# (id, attendee, kind, session, result, undoes)
SCANS = [(1, 1, "entry", None, "admitted", None), (2, 2, "entry", None, "admitted", None),
         (3, 2, "session_entry", 2, "admitted", None), (4, 3, "session_entry", 1, "admitted", None),
         (5, 4, "entry", None, "admitted", None), (6, 4, "exit", None, "exited", None),
         (7, None, "entry", None, "unknown_code", None), (8, 5, "entry", None, "admitted", None),
         (9, 5, "undo", None, "undone", 8), (10, 1, "entry", None, "already_in", None)]
# A few first letters, typed as a volunteer would, and whom they find.
QUERIES = {"Hél": [1], "lhot": [1], "jean no": [2], "legall": [2], "Cœu": [3], "abbev": [3],
           "fontaine": [4], "zoe": [4], "dupre m": [5], "fdupre": [5]}
# Who is where at the head, from the scans: (attendee, place, inside, scan). 1 and 2 came
# in at the entrance (2 then into the workshop, whose admission is the latest venue move);
# 3 was only ever admitted at the plenary's door (inside the venue since 0008); 4 left;
# 5's entry was undone; 1's second scan (already in) and the unknown code change nothing.
PRESENCE = [(1, 0, True, 1), (2, 0, True, 3), (3, 0, True, 4), (4, 0, False, 6),
            (3, 1, True, 4), (2, 2, True, 3)]
# From 0010 the desk wrote QPV answers and the event's organiser; an older store comes out
# of 0010 with "unknown" for everyone (nobody was asked: never a guessed "no") and no organiser.
QPV_0010 = [(1, "yes"), (2, "no"), (3, "unknown"), (4, "yes"), (5, "unknown")]
ORGANISER_0010 = "Agence régionale de santé Hauts-de-France"


def _revision(store: Path) -> str:
    return store.stem.removeprefix("store_")


def test_every_past_schema_has_a_committed_store() -> None:
    """Adding a migration makes the old head a past schema: its store must be here (run
    make_stores.py for the new head before the next migration comes)."""
    revisions = {r.revision for r in script_directory().walk_revisions()}
    have = {_revision(s) for s in STORES}
    assert revisions - {head_revision()} <= have, sorted(revisions - have)
    assert have <= revisions


@pytest.mark.parametrize("store", STORES, ids=_revision)
def test_a_past_store_upgrades_to_the_head_keeping_its_data(store: Path, tmp_path: Path) -> None:
    copy = tmp_path / store.name
    shutil.copyfile(store, copy)
    with closing(sqlite3.connect(copy)) as db:  # the file is the schema its name says
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(_revision(store),)]
    engine = open_store(f"sqlite:///{copy}")
    try:
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            q = lambda sql: [tuple(r) for r in conn.execute(sa.text(sql)).all()]  # noqa: E731
            assert q("SELECT id, code, first_name, last_name, email, organisation FROM attendee "
                     "ORDER BY id") == PEOPLE
            assert q("SELECT attendee_id, session_id, status FROM enrollment "
                     "ORDER BY attendee_id") == ENROLLMENTS
            assert q("SELECT id, attendee_id, kind, session_id, result, undoes_scan_id FROM scan "
                     "ORDER BY id") == SCANS
            assert q("SELECT recorded_at FROM scan WHERE id = 3") == [("2026-12-10 09:31:00.250000",)]
            assert q("SELECT key, seat_hold_minutes FROM event") == \
                [("forum-sante-2026", 15 if int(_revision(store)) >= 6 else 10)]
            assert q("SELECT count(*) FROM category") == [(3,)]
            assert q("SELECT key FROM session ORDER BY id") == [("ouverture",), ("atelier-coeur",)]
            assert q("SELECT count(*) FROM badge_print") == [(1,)]
            assert q("SELECT attendee_id, place, inside, scan_id FROM presence "
                     "ORDER BY place, attendee_id") == PRESENCE
            written_with_qpv = int(_revision(store)) >= 10
            assert q("SELECT id, qpv FROM attendee ORDER BY id") == (
                QPV_0010 if written_with_qpv else [(i, "unknown") for i, *_ in PEOPLE])
            assert q("SELECT organiser, signature FROM event") == \
                [(ORGANISER_0010 if written_with_qpv else "", None)]
    finally:
        engine.dispose()


def _index(conn: sa.Connection) -> list[list[tuple]]:
    """Every row of the search tables."""
    return [sorted(map(tuple, conn.execute(sa.text(f"SELECT * FROM {t}")).all()))
            for t in ("search_person", "search_term")]


@pytest.mark.parametrize("store", STORES, ids=_revision)
def test_a_past_store_is_searchable_and_counted_after_the_upgrade(store: Path, tmp_path: Path) -> None:
    """Search finds its registrants (0003 indexed those of older stores) by the very rows
    today's code would write, and the venue's figures come from the derived presence."""
    copy = tmp_path / store.name
    shutil.copyfile(store, copy)
    engine = open_store(f"sqlite:///{copy}")
    try:
        for typed, expected in QUERIES.items():
            assert [h.attendee_id for h in search(engine, EVENT, typed)] == expected, typed
        with engine.connect() as conn:
            upgraded = _index(conn)
        assert len(upgraded[0]) == len(PEOPLE)
        with engine.connect() as conn:  # rebuilt by today's code, then left as it was
            reindex_event(conn, EVENT)
            assert _index(conn) == upgraded
            conn.rollback()
        now = occupancy(engine, EVENT, datetime(2026, 12, 10, 10, 0, tzinfo=UTC))
        venue = now.venue
        assert (venue.registered, venue.arrived, venue.inside, venue.walk_ins) == (5, 4, 3, 1)
        # 3 in the plenary, 2 in the workshop; the workshop's two bookings and its waitlist.
        assert {s.key: (s.present, s.booked, s.waitlisted) for s in now.sessions} == \
            {"ouverture": (1, 0, 0), "atelier-coeur": (1, 2, 1)}
    finally:
        engine.dispose()
