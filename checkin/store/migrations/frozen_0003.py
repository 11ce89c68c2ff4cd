"""The search index as migration 0003 builds it: a frozen copy, not an import.

Why frozen: a migration must keep meaning what it meant when it shipped. 0003 used to call
`checkin.core.search.index.index_new_attendees`, which reads today's models and folding
rules; the day those change (a new column, a new stopword), upgrading a store written
before 0003 would either break or index its registrants by rules that did not exist yet.
So this module holds exactly the logic 0003 needs, copied from checkin.core.text.fold and
checkin.core.search.index as they were at 0003 (unchanged up to commit 7865b1c), and
imports only the standard library and third-party packages, never checkin.

Do not edit it to follow the live index code. tests/store/test_frozen_migrations.py
compares the two on varied names; if the live code changes on purpose, that test fails
by design: ship a new migration that rebuilds the index by the new rules (with its own
frozen copy), and keep this one as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import sqlalchemy as sa
from anyascii import anyascii

# search_term.field of each value (checkin.core.search.index: EXACT_CODE = 0, CODE_PREFIX =
# 5 are never stored).
LAST_NAME, FIRST_NAME, ORGANISATION, EMAIL = 1, 2, 3, 4
MAX_WORD = 64  # search_term.word
MAX_VALUE = 200  # search_person.*_words
MAX_SORT = 80  # search_person.sort_key
STOPWORDS = frozenset("a au aux d de des du en et l la le les of the and for pour sur".split())
PERSON_COLUMNS = ("attendee_id", "event_id", "sort_key", "last_words", "first_words",
                  "organisation_words", "email_words")
# (field, index in a search_person row) of the values that get search_term rows.
_VALUE_COLUMNS = ((LAST_NAME, 3), (FIRST_NAME, 4), (ORGANISATION, 5), (EMAIL, 6))
_NOT_WORD = re.compile(r"[^a-z0-9@.]+")
_WORD = re.compile(r"[a-z0-9]+")
_LETTERS = re.compile(r"[a-z]+")
_PG_CHUNK = 10000  # rows per multi-row INSERT on PostgreSQL
_CACHE = 65536  # names and organisations repeat a lot in a registrant list

# (attendee id, event id, first name, last name, organisation, email)
Person = Sequence


@lru_cache(maxsize=_CACHE)
def fold(text: str) -> str:
    """Lower-case ASCII words: "L'Hôte, Jean-Noël" -> "l hote jean noel"."""
    if not text:
        return ""
    if not text.isascii():
        text = anyascii(text)
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def split_words(text: str) -> list[str]:
    """Folded words, split on anything that is not a letter or a digit."""
    return _WORD.findall(fold(text)) if text else []


@lru_cache(maxsize=_CACHE)
def field_value(text: str) -> tuple[str, tuple[str, ...]]:
    """A field's value (its folded words) and the words it can be found by: its words but
    particles and single letters, plus all of them joined when it has a short word before
    the last ("lhote" finds L'Hôte, "legall" Le Gall)."""
    words = split_words(text)
    if not words:
        return "", ()
    terms = [w[:MAX_WORD] for w in words if len(w) > 1 and w not in STOPWORDS] or \
        [w[:MAX_WORD] for w in words]
    if len(words) > 1 and any(len(w) <= 3 for w in words[:-1]):
        joined = "".join(words)
        if len(joined) <= MAX_WORD:
            terms.append(joined)
    return " ".join(words)[:MAX_VALUE], tuple(dict.fromkeys(terms))


def email_value(email: str, last: tuple[str, ...] = (), first: tuple[str, ...] = (),
                org: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]]:
    """The words of the address before the @ that the names do not hold already: the
    domain and the digits find no one in particular."""
    local = email.partition("@")[0]
    local = local.lower() if local.isascii() else fold(local)
    words = [w[:MAX_WORD] for w in _LETTERS.findall(local) if len(w) > 1 and w not in last
             and w not in first and w not in org and w not in STOPWORDS]
    if not words:
        return "", ()
    words = list(dict.fromkeys(words))
    return " ".join(words)[:MAX_VALUE], tuple(words)


@lru_cache(maxsize=_CACHE)
def sort_key(first: str, last: str) -> str:
    """Last name, then first name, folded; people without a last name go last."""
    last_key = "".join(split_words(last)) or "~"
    return f"{last_key} {''.join(split_words(first))}"[:MAX_SORT]


def person_rows(people: Iterable[Person]) -> list[tuple]:
    """search_person rows (in PERSON_COLUMNS order) for (id, event, first, last, org, email)."""
    rows: list[tuple] = []
    for aid, eid, first, last, org, email in people:
        first, last = first or "", last or ""
        last_value, last_words = field_value(last)
        first_value, first_words = field_value(first)
        org_value, org_words = field_value(org or "")
        rows.append((aid, eid, sort_key(first, last), last_value, first_value, org_value,
                     email_value(email, last_words, first_words, org_words)[0] if email else ""))
    return rows


def term_rows(rows: Iterable[tuple]) -> set[tuple[int, str, int, str]]:
    """The search_term rows (event, word, field, value) of these search_person rows: each
    distinct value once, an email's value split on spaces, the others re-read as a field."""
    values = {(r[1], field, r[column]) for r in rows for field, column in _VALUE_COLUMNS
              if r[column]}
    return {(eid, w, field, value) for eid, field, value in values
            for w in (value.split() if field == EMAIL else field_value(value)[1])}


def index_existing_registrants(conn: sa.Connection) -> int:
    """Fill the empty search tables from every registrant in the store; returns how many.

    The caller creates search_person's indexes afterwards: one sort each costs about half
    of inserting into them row by row, as the live code does for big loads.
    """
    attendee = sa.table("attendee", *(sa.column(n) for n in (
        "id", "event_id", "first_name", "last_name", "organisation", "email")))
    people = conn.execute(sa.select(
        attendee.c.id, attendee.c.event_id, attendee.c.first_name, attendee.c.last_name,
        attendee.c.organisation, attendee.c.email).order_by(attendee.c.id)).all()
    try:
        rows = person_rows(people)
        _insert_people(conn, rows)
        _insert_terms(conn, term_rows(rows))
    finally:  # the migration runs once: its caches need not outlive it
        for cached in (fold, field_value, sort_key):
            cached.cache_clear()
    return len(rows)


def _insert_people(conn: sa.Connection, rows: list[tuple]) -> None:
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        # Plain tuples to the driver: per-row work in SQLAlchemy would cost more than SQLite's.
        conn.exec_driver_sql(f"INSERT INTO search_person ({', '.join(PERSON_COLUMNS)}) "
                             f"VALUES ({', '.join('?' * len(PERSON_COLUMNS))})", rows)
        return
    person = sa.table("search_person", *(sa.column(n) for n in PERSON_COLUMNS))
    for start in range(0, len(rows), _PG_CHUNK):
        conn.execute(sa.insert(person),
                     [dict(zip(PERSON_COLUMNS, r)) for r in rows[start:start + _PG_CHUNK]])


def _insert_terms(conn: sa.Connection, terms: set[tuple[int, str, int, str]]) -> None:
    if terms:
        conn.execute(sa.text("INSERT INTO search_term (event_id, word, field, words) "
                             "VALUES (:e, :w, :f, :v) ON CONFLICT DO NOTHING"),
                     [{"e": e, "w": w, "f": f, "v": v} for e, w, f, v in sorted(terms)])
