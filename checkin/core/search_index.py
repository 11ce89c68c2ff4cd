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
from functools import lru_cache
from typing import Iterable, Sequence

import sqlalchemy as sa

from checkin.core.text import fold
from checkin.store.models import Attendee, SearchPerson, SearchTerm

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
# typed one is skipped when another word follows it (checkin.core.search).
STOPWORDS = frozenset("a au aux d de des du en et l la le les of the and for pour sur".split())
_WORD = re.compile(r"[a-z0-9]+")
_LETTERS = re.compile(r"[a-z]+")
_CHUNK = 500  # ids per IN (…) list

_person = SearchPerson.__table__  # type: ignore[attr-defined]
_term = SearchTerm.__table__  # type: ignore[attr-defined]
FIELD_COLUMNS = {LAST_NAME: _person.c.last_words, FIRST_NAME: _person.c.first_words,
                 ORGANISATION: _person.c.organisation_words, EMAIL: _person.c.email_words}
_PERSON_COLUMNS = ("attendee_id", "event_id", "sort_key", "last_words", "first_words",
                   "organisation_words", "email_words")
# (attendee id, event id, first name, last name, organisation, email)
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


def email_value(email: str, *known: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The words of the address before the @ that the names do not hold already
    ("jdupont" in jdupont@…): the domain and the digits find no one in particular."""
    local = email.partition("@")[0]
    local = local.lower() if local.isascii() else fold(local)
    last, first, org = known
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
    rows: list[tuple] = []
    terms: set[tuple[int, str, int, str]] = set()
    seen: set[tuple[int, int, str]] = set()  # values whose words are in `terms` already
    for aid, eid, first, last, org, email in people:
        first, last, org = first or "", last or "", org or ""
        last_value, last_words = field_value(last)
        first_value, first_words = field_value(first)
        org_value, org_words = field_value(org)
        email_v, email_words = email_value(email, last_words, first_words, org_words) \
            if email else ("", ())
        for field, value, words in ((LAST_NAME, last_value, last_words),
                                    (FIRST_NAME, first_value, first_words),
                                    (ORGANISATION, org_value, org_words),
                                    (EMAIL, email_v, email_words)):
            if words and (eid, field, value) not in seen:
                seen.add((eid, field, value))
                terms.update((eid, w, field, value) for w in words)
        rows.append((aid, eid, sort_key(first, last), last_value, first_value, org_value,
                     email_v))
    _insert_people(conn, rows)
    _insert_terms(conn, terms)
    return len(rows)


def reindex_attendees(conn: sa.Connection, attendee_ids: Iterable[int]) -> int:
    """Forget and re-read these registrants, inside the caller's transaction.

    Call it after inserting registrants or changing a name, organisation or email (codes
    are read from the attendee table itself). Ids that no longer exist are forgotten.
    """
    ids = sorted({int(i) for i in attendee_ids})
    done = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        old = conn.execute(sa.select(_person).where(_person.c.attendee_id.in_(chunk))).all()
        if old:
            conn.execute(sa.delete(_person).where(_person.c.attendee_id.in_(chunk)))
        people = conn.execute(sa.select(
            Attendee.id, Attendee.event_id, Attendee.first_name, Attendee.last_name,
            Attendee.organisation, Attendee.email).where(Attendee.id.in_(chunk))).all()
        done += index_new_attendees(conn, people)
        stale = {(r.event_id, field, getattr(r, col.name)) for r in old
                 for field, col in FIELD_COLUMNS.items() if getattr(r, col.name)}
        _prune(conn, stale)
    return done


def reindex_event(conn: sa.Connection, event_id: int) -> int:
    """Rebuild an event's whole index (after an upgrade, or to repair it)."""
    conn.execute(sa.delete(_person).where(_person.c.event_id == event_id))
    conn.execute(sa.delete(_term).where(_term.c.event_id == event_id))
    people = conn.execute(sa.select(
        Attendee.id, Attendee.event_id, Attendee.first_name, Attendee.last_name,
        Attendee.organisation, Attendee.email)
        .where(Attendee.event_id == event_id).order_by(Attendee.id)).all()
    return index_new_attendees(conn, people)


def prune_terms(conn: sa.Connection, event_id: int) -> None:
    """Drop the words of values nobody holds any more, e.g. after registrants were
    deleted (their search rows go with them): names must not outlive a purge."""
    for field, column in FIELD_COLUMNS.items():
        holders = sa.select(sa.literal(1)).where(_person.c.event_id == event_id,
                                                 column == _term.c.words)
        conn.execute(sa.delete(_term).where(_term.c.event_id == event_id,
                                            _term.c.field == field, ~sa.exists(holders)))


def _prune(conn: sa.Connection, values: set[tuple[int, int, str]]) -> None:
    """Drop the words of these values if nobody holds them any more (a name changed)."""
    for eid, field, value in values:
        column = FIELD_COLUMNS[field]
        held = conn.execute(sa.select(sa.literal(1)).where(
            _person.c.event_id == eid, column == value).limit(1)).first()
        if held is None:
            conn.execute(sa.delete(_term).where(_term.c.event_id == eid, _term.c.field == field,
                                                _term.c.words == value))


def _insert_people(conn: sa.Connection, rows: list[tuple]) -> None:
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        # Plain tuples to the driver: the ORM's per-row work would cost more than SQLite's.
        conn.exec_driver_sql(f"INSERT INTO search_person ({', '.join(_PERSON_COLUMNS)}) "
                             f"VALUES ({', '.join('?' * len(_PERSON_COLUMNS))})", rows)
        return
    for start in range(0, len(rows), 10000):
        conn.execute(sa.insert(_person),
                     [dict(zip(_PERSON_COLUMNS, r)) for r in rows[start:start + 10000]])


def _insert_terms(conn: sa.Connection, terms: set[tuple[int, str, int, str]]) -> None:
    if not terms:
        return
    for eid in {t[0] for t in terms}:
        new = sorted(t for t in terms if t[0] == eid)
        if len(new) > 100:  # a bulk load: most words are known already
            known = {tuple(r) for r in conn.execute(sa.select(
                _term.c.event_id, _term.c.word, _term.c.field, _term.c.words)
                .where(_term.c.event_id == eid))}
            new = [t for t in new if t not in known]
        if new:
            # Another desk may add the same word meanwhile: the same SQL on both backends.
            conn.execute(sa.text("INSERT INTO search_term (event_id, word, field, words) "
                                 "VALUES (:e, :w, :f, :v) ON CONFLICT DO NOTHING"),
                         [{"e": e, "w": w, "f": f, "v": v} for e, w, f, v in new])
