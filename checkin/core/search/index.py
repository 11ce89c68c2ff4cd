"""The registrant search index: what each registrant can be found by.

Two tables, both small next to the registrants themselves:
- `search_person`, one row per registrant: each searchable field as its folded words
  (the field's *value*: "l hote", "jean noel", "prefecture de la somme") and the folded
  "last first" to rank by, with an index on (event, value, sort key) per field;
- `search_term`, one row per (word, field, value) of the event: names and organisations
  repeat, so this stays in the thousands for 100 000 registrants.
A typed prefix is a range of `search_term.word` (bytewise on every backend), giving the
values, then the people holding them come already in name order from the field's index.
One row per registrant (not per word) keeps a load of 100 000 people within a second or two.

Whoever writes attendees keeps the index in step, in the same transaction:
`reindex_attendees(conn, ids)` after inserting or editing a few, `index_new_attendees()`
after a bulk insert (demo, imports).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import sqlalchemy as sa

from checkin.core.text import fold
from checkin.store.queries import search as q
from checkin.store.queries.search import Indexed

# Why a registrant matched, best first; the rank of a match. Codes are looked up in the
# attendee table itself (its unique index), never copied here.
EXACT_CODE, LAST_NAME, FIRST_NAME, ORGANISATION, EMAIL, CODE_PREFIX = range(6)
FIELD_NAMES = {EXACT_CODE: "code", LAST_NAME: "last_name", FIRST_NAME: "first_name",
               ORGANISATION: "organisation", EMAIL: "email", CODE_PREFIX: "code_prefix"}
MAX_WORD = 64  # search_term.word
MAX_VALUE = 200  # search_person.*_words
MAX_SORT = 80  # search_person.sort_key
# Words too common to find anyone by (particles, elisions, "Ville de …"). They stay in the
# values, so "Le Gall" and "Gall" are told apart, but are not looked up on their own; a
# typed one is skipped when another word follows it (checkin.core.search.lookup).
STOPWORDS = frozenset("a au aux d de des du en et l la le les of the and for pour sur".split())
_WORD = re.compile(r"[a-z0-9]+")
_LETTERS = re.compile(r"[a-z]+")
_CHUNK = 500  # ids per IN (…) list
_REBUILD_ABOVE = 20000  # rows in one bulk insert whose indexes are built afterwards (SQLite)

# The search_person column holding each field's value. The ranks above are the numbers
# search_term.field stores, which the store names with its columns: checked once here.
FIELD_COLUMNS = q.FIELD_COLUMNS
assert list(FIELD_COLUMNS) == [LAST_NAME, FIRST_NAME, ORGANISATION, EMAIL]
_PERSON_COLUMNS = Indexed._fields  # search_person's, in its rows' order (migration 0003's too)
# (attendee id, event id, first name, last name, organisation, email): a ToIndex row
# (checkin.store.queries.search), or the same as a plain tuple (a walk-in just made).
Person = Sequence


def split_words(text: str) -> list[str]:
    """Folded words, split on anything that is not a letter or a digit."""
    return _WORD.findall(fold(text)) if text else []


@lru_cache(maxsize=65536)  # names and organisations repeat a lot
def field_value(text: str) -> tuple[str, tuple[str, ...]]:
    """A field's value (its folded words) and the words it can be found by: its words
    but particles and single letters, and all of them joined when it has a particle or an
    elision, so that "lhote" finds L'Hôte and "legall" Le Gall."""
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


@lru_cache(maxsize=65536)
def _value_words(value: str) -> tuple[str, ...]:
    """The words of a value made by field_value() (its words joined by spaces)."""
    return field_value(value)[1]


def email_value(email: str, last: tuple[str, ...] = (), first: tuple[str, ...] = (),
                org: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]]:
    """The words of the address before the @ that the names (`last`, `first`, `org`:
    their field_value() words) do not hold already ("jdupont" in jdupont@…): the domain
    and the digits find no one in particular."""
    local = email.partition("@")[0]
    local = local.lower() if local.isascii() else fold(local)
    words = [w[:MAX_WORD] for w in _LETTERS.findall(local) if len(w) > 1 and w not in last
             and w not in first and w not in org and w not in STOPWORDS]
    if not words:
        return "", ()
    words = list(dict.fromkeys(words))
    return " ".join(words)[:MAX_VALUE], tuple(words)


@lru_cache(maxsize=65536)
def sort_key(first: str, last: str) -> str:
    """Last name, then first name, folded; people without a last name go last."""
    last_key = "".join(split_words(last)) or "~"
    return f"{last_key} {''.join(split_words(first))}"[:MAX_SORT]


def index_new_attendees(conn: sa.Connection, people: Iterable[Person]) -> int:
    """Index registrants that are not indexed yet (just inserted); returns how many.

    `people` are tuples (id, event id, first name, last name, organisation, email).
    """
    rows = _rows(people)
    q.insert_indexed(conn, rows, rebuild_indexes=len(rows) >= _REBUILD_ABOVE)
    _insert_terms(conn, _terms(rows))
    return len(rows)


def reindex_attendees(conn: sa.Connection, attendee_ids: Iterable[int]) -> int:
    """Bring these registrants' search rows up to date, inside the caller's transaction;
    returns how many changed. Ids that no longer exist are forgotten.

    Call it after inserting registrants or changing a name, organisation or email (codes
    are read from the attendee table itself). Unchanged people cost a read, no write.
    """
    ids = sorted({int(i) for i in attendee_ids})
    changed = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        old = {r.attendee_id: r for r in q.INDEXED.all(conn, ids=chunk)}
        new = {r.attendee_id: r for r in _rows(q.TO_INDEX.all(conn, ids=chunk))}
        moved = [aid for aid in chunk if old.get(aid) != new.get(aid)]
        gone = [aid for aid in moved if aid in old]
        if gone:
            q.FORGET_INDEXED.run(conn, ids=gone)
        rows = [new[aid] for aid in moved if aid in new]
        q.insert_indexed(conn, rows, rebuild_indexes=len(rows) >= _REBUILD_ABOVE)
        _insert_terms(conn, _terms(rows))
        _prune(conn, _values([old[aid] for aid in gone]) - _values(rows))
        changed += len(moved)
    return changed


def _rows(people: Iterable[Person]) -> list[Indexed]:
    """search_person rows for (id, event, first, last, org, email)."""
    rows: list[Indexed] = []
    append, names_of, value_of, email_of = rows.append, _names, field_value, email_value
    for aid, eid, first, last, org, email in people:  # 100 000 times for a demo: kept lean
        key, last_value, last_words, first_value, first_words = names_of(first or "", last or "")
        org_value, org_words = value_of(org or "")
        append(Indexed(aid, eid, key, last_value, first_value, org_value,
                       email_of(email, last_words, first_words, org_words)[0] if email else ""))
    return rows


@lru_cache(maxsize=65536)  # first and last names pair up again and again
def _names(first: str, last: str) -> tuple[str, str, tuple[str, ...], str, tuple[str, ...]]:
    return (sort_key(first, last), *field_value(last), *field_value(first))


def _values(rows: Iterable[Sequence]) -> set[tuple[int, int, str]]:
    """The distinct (event, field, value) of search_person rows (Indexed, or tuples in its
    order: what migration 0003 wrote, checked against these in the tests)."""
    return {(eid, field, value) for _aid, eid, _key, last, first, org, email in rows
            for field, value in ((LAST_NAME, last), (FIRST_NAME, first),
                                 (ORGANISATION, org), (EMAIL, email)) if value}


def _terms(rows: Sequence[Sequence]) -> set[tuple[int, str, int, str]]:
    """The search_term rows for these people's values: names and organisations repeat,
    so each distinct value is split once."""
    return {(eid, w, field, value) for eid, field, value in _values(rows)
            for w in (value.split() if field == EMAIL else _value_words(value))}


def reindex_event(conn: sa.Connection, event_id: int) -> int:
    """Rebuild an event's whole index (after an upgrade, or to repair it)."""
    q.FORGET_EVENT_INDEXED.run(conn, event=event_id)
    q.FORGET_EVENT_TERMS.run(conn, event=event_id)
    return index_new_attendees(conn, q.EVENT_TO_INDEX.all(conn, event=event_id))


def prune_terms(conn: sa.Connection, event_id: int) -> None:
    """Drop the words of values nobody holds any more, e.g. after registrants were
    deleted (their search rows go with them): names must not outlive a purge."""
    for field, forget in q.FORGET_UNHELD_TERMS.items():
        forget.run(conn, event=event_id, field=field)


def _prune(conn: sa.Connection, values: set[tuple[int, int, str]]) -> None:
    """Drop the words of these values if nobody holds them any more (a name changed)."""
    for eid, field, value in values:
        if q.HOLDER[field].one(conn, event=eid, value=value) is None:
            q.FORGET_VALUE_TERMS.run(conn, event=eid, field=field, value=value)


def _insert_terms(conn: sa.Connection, terms: set[tuple[int, str, int, str]]) -> None:
    q.INSERT_TERM.many(conn, [{"event": e, "word": w, "field": f, "words": v}
                              for e, w, f, v in sorted(terms)])
