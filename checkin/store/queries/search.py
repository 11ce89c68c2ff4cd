"""The registrant search (checkin.core.search): finding people by code or by typed words,
and keeping the search index (search_person, search_term) in step with the attendees.

A search sends one statement per step (exact code, words, code prefix, close words), its
text chosen by the shape of what was typed: how many words, which one leads, which carry
typo candidates. Those shapes are a handful, each built once from the fixed field columns
below and kept (lru_cache); the typed text itself is only ever a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import sqlalchemy as sa

from checkin.store.query import Id, Query

# search_term.field and the search_person column holding that field's value (their rank
# too: a last-name match comes before a first-name one). checkin.core.search.index
# names them LAST_NAME, FIRST_NAME, ORGANISATION, EMAIL.
FIELD_COLUMNS = {1: "last_words", 2: "first_words", 3: "organisation_words", 4: "email_words"}
_EMAIL = 4


class Found(NamedTuple):
    """A registrant as a search result shows them."""

    id: int
    code: str
    first_name: str | None
    last_name: str | None
    organisation: str | None
    category: str | None
    status: str


class Ranked(NamedTuple):
    """A registrant found by words, and the field of their weakest matching word."""

    id: int
    code: str
    first_name: str | None
    last_name: str | None
    organisation: str | None
    category: str | None
    status: str
    field: int


_SHOWN = "a.id, a.code, a.first_name, a.last_name, a.organisation, c.name, a.status"
_FROM_SHOWN = "attendee a LEFT OUTER JOIN category c ON c.id = a.category_id"

# The ticket whose code is one of a few spellings of the text (the attendee table's index).
EXACT_CODE = Query(f"SELECT {_SHOWN} FROM {_FROM_SHOWN} "
                   "WHERE a.event_id = :e AND a.code IN :codes ORDER BY a.id", Found)


@lru_cache(maxsize=8)
def code_prefix(variants: int) -> Query[Found]:
    """Codes that begin with one of `variants` spellings (:lo<i>, below :hi<i>), the first
    :n of each in code order: a range of the attendee table's index; the substr() test
    keeps the answer exact under any collation."""
    parts = [f"SELECT * FROM (SELECT {_SHOWN} FROM {_FROM_SHOWN} WHERE a.event_id = :e "
             f"AND a.code >= :lo{i} AND a.code < :hi{i} AND substr(a.code, 1, :len) = :lo{i} "
             f"ORDER BY a.code LIMIT :n) AS v{i}" for i in range(variants)]
    return Query(" UNION ALL ".join(parts), Found)


def _values(i: int, field: int, fuzzy: bool) -> str:
    """The values of a field that hold a word matching typed word i (:lo<i> to :hi<i>,
    or one of the :close<i> words when it may carry a typo)."""
    match = f"(word >= :lo{i} AND word < :hi{i})"
    if fuzzy:
        match = f"({match} OR word IN :close{i})"
    return f"SELECT words FROM search_term WHERE event_id = :e AND field = {field} AND {match}"


def _holds(i: int, field: int, fuzzy: bool) -> str:
    column = FIELD_COLUMNS[field]
    test = f"{column} IN ({_values(i, field, fuzzy)})"
    return f"({column} != '' AND {test})" if field == _EMAIL else test


@lru_cache(maxsize=256)
def words_query(count: int, lead: int, fuzzy: tuple[bool, ...]) -> Query[Ranked]:
    """The best :n people found by every one of `count` typed words, ranked by the field
    of their weakest word, then by name. Word `lead` picks the candidates, the others only
    check them; `fuzzy[i]`: word i may also match its :close<i> list."""
    if count == 1:
        # Each field's index gives its people in name order: the best `n` of each field
        # are enough to make the best `n` overall.
        branches = " UNION ALL ".join(
            f"SELECT * FROM (SELECT attendee_id, {field} AS f, sort_key AS s FROM search_person "
            f"WHERE event_id = :e AND {_holds(0, field, fuzzy[0])} "
            f"ORDER BY sort_key, attendee_id LIMIT :n) AS b{field}" for field in FIELD_COLUMNS)
        top = (f"SELECT attendee_id, MIN(f) AS r, MIN(s) AS s FROM ({branches}) AS u "
               "GROUP BY attendee_id ORDER BY r, s, attendee_id LIMIT :n")
    else:
        lead_people = " UNION ".join(
            f"SELECT attendee_id FROM search_person WHERE event_id = :e AND "
            f"{_holds(lead, field, fuzzy[lead])}" for field in FIELD_COLUMNS)
        # r<i>: the best field typed word i is found in (NULL: not found).
        ranks = ", ".join(
            "CASE " + " ".join(f"WHEN {_holds(i, field, fuzzy[i])} THEN {field}"
                               for field in FIELD_COLUMNS) + f" END AS r{i}"
            for i in range(count))
        weakest = "r0"
        for i in range(1, count):
            weakest = f"CASE WHEN r{i} > {weakest} THEN r{i} ELSE {weakest} END"
        found = " AND ".join(f"r{i} IS NOT NULL" for i in range(count))
        top = (f"SELECT attendee_id, {weakest} AS r, s FROM ("
               f"SELECT p.attendee_id, p.sort_key AS s, {ranks} FROM ({lead_people}) AS l "
               f"JOIN search_person p ON p.attendee_id = l.attendee_id) AS x "
               f"WHERE {found} ORDER BY r, s, attendee_id LIMIT :n")
    return Query(
        f"SELECT {_SHOWN}, top.r FROM ({top}) AS top "
        f"JOIN attendee a ON a.id = top.attendee_id LEFT OUTER JOIN category c "
        f"ON c.id = a.category_id WHERE a.event_id = :e ORDER BY top.r, top.s, top.attendee_id",
        Ranked)


class Word(NamedTuple):
    word: str


# The event's words in two ranges (a first letter, or the first two swapped): what a
# typed word may be a typo of.
CLOSE_CANDIDATES = Query(
    "SELECT DISTINCT word FROM search_term WHERE event_id = :e "
    "AND ((word >= :lo1 AND word < :hi1) OR (word >= :lo2 AND word < :hi2))", Word)


# ---- the index ------------------------------------------------------------------------

class ToIndex(NamedTuple):
    """What a registrant is found by, as the attendee table holds it."""

    id: int
    event_id: int
    first_name: str | None
    last_name: str | None
    organisation: str | None
    email: str | None


_TO_INDEX = "SELECT id, event_id, first_name, last_name, organisation, email FROM attendee"
TO_INDEX = Query(f"{_TO_INDEX} WHERE id IN :ids", ToIndex)
EVENT_TO_INDEX = Query(f"{_TO_INDEX} WHERE event_id = :event ORDER BY id", ToIndex)


class Indexed(NamedTuple):
    """A search_person row: each field's folded words and the name to rank by."""

    attendee_id: int
    event_id: int
    sort_key: str
    last_words: str
    first_words: str
    organisation_words: str
    email_words: str


_INDEXED = ", ".join(Indexed._fields)
INDEXED = Query(f"SELECT {_INDEXED} FROM search_person WHERE attendee_id IN :ids", Indexed)
INSERT_INDEXED: Query[tuple] = Query(
    f"INSERT INTO search_person ({_INDEXED}) VALUES "
    f"({', '.join(':' + name for name in Indexed._fields)})")
FORGET_INDEXED: Query[tuple] = Query("DELETE FROM search_person WHERE attendee_id IN :ids")
FORGET_EVENT_INDEXED: Query[tuple] = Query("DELETE FROM search_person WHERE event_id = :event")
FORGET_EVENT_TERMS: Query[tuple] = Query("DELETE FROM search_term WHERE event_id = :event")
# Known words are skipped by the database; another desk may add the same meanwhile.
INSERT_TERM: Query[tuple] = Query(
    "INSERT INTO search_term (event_id, word, field, words) VALUES (:event, :word, :field, "
    ":words) ON CONFLICT DO NOTHING")
# Someone who still holds a value (one statement per field: its own column), if anyone.
HOLDER = {field: Query(f"SELECT attendee_id FROM search_person WHERE event_id = :event "
                       f"AND {column} = :value LIMIT 1", Id) for field, column in FIELD_COLUMNS.items()}
FORGET_VALUE_TERMS: Query[tuple] = Query(
    "DELETE FROM search_term WHERE event_id = :event AND field = :field AND words = :value")
# The words of the values nobody of the event holds any more, one field at a time.
FORGET_UNHELD_TERMS: dict[int, Query[tuple]] = {field: Query(
    "DELETE FROM search_term WHERE event_id = :event AND field = :field AND NOT EXISTS "
    f"(SELECT 1 FROM search_person p WHERE p.event_id = :event AND p.{column} = search_term.words)"
) for field, column in FIELD_COLUMNS.items()}

# INSERT_INDEXED's statement as SQLite's driver takes plain tuples (positional).
_INSERT_TUPLES = (f"INSERT INTO search_person ({_INDEXED}) "
                  f"VALUES ({', '.join('?' * len(Indexed._fields))})")


def insert_indexed(conn: sa.Connection, rows: Sequence[Indexed], rebuild_indexes: bool = False) -> None:
    """search_person rows for people just inserted (a demo or an import: up to 100 000);
    `rebuild_indexes`: a big load, whose field indexes are built after it (SQLite)."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        INSERT_INDEXED.many(conn, [row._asdict() for row in rows])
        return
    # SQLite: the rows as they are, plain tuples, to the driver: many()'s dictionaries
    # cost three times SQLite's own work on a load (1.0 s against 0.3 s per 100 000).
    # For a big load, building the field indexes afterwards (one sort each) costs half
    # of inserting into them row by row; other connections keep reading the old state
    # until this transaction commits, and a failure rolls the indexes back too. The
    # indexes are the models' own (as the migrations made them), read only then.
    rebuild: list[sa.Index] = []
    if rebuild_indexes:
        from checkin.store.models import SearchPerson

        rebuild = list(SearchPerson.__table__.indexes)  # type: ignore[attr-defined]
    for index in rebuild:
        index.drop(conn)
    conn.exec_driver_sql(_INSERT_TUPLES, list(rows))
    for index in rebuild:
        index.create(conn)
