"""Finding a registrant by what a volunteer types: a few letters of a name, an
organisation, an email, or a ticket code.

Typing is forgiving: accents, case and punctuation are ignored ("lhote" finds L'Hôte,
"jean noel" finds Jean-Noël) and each typed word must begin some word of the person.
Results are ranked: the exact ticket code first, then last-name matches, first-name
matches, organisation, email (ties by last name, then first name), then codes that begin
with the text (in code order). Only when nothing matches may typed words of 4 letters or
more carry a typo: edit distance ≤ 1 up to 6 letters, ≤ 2 beyond (a swap counts as one).

Cancelled registrants are found too, and flagged: the desk has to see them to turn them
away. Garbage (empty, punctuation, pasted pages, control characters) finds nothing, fast.
The index this reads is kept by checkin.core.search.index.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.search.index import (
    CODE_PREFIX, EMAIL, EXACT_CODE, FIELD_COLUMNS, FIELD_NAMES, MAX_WORD, STOPWORDS,
    reindex_attendees, reindex_event, split_words,
)
from checkin.store.vocabulary import AttendeeStatus

__all__ = ["Hit", "search", "query_words", "reindex_attendees", "reindex_event"]

MAX_TEXT = 200  # longer is a paste or a scanner gone wrong, not a name
MAX_WORDS = 8
MAX_LIMIT = 500
MAX_CODE = 128  # attendee.code
FUZZY_MIN = 4  # shorter typed words must match exactly
MAX_CLOSE = 50  # close words tried per typed word

@dataclass(frozen=True)
class Hit:
    attendee_id: int
    code: str
    first_name: str
    last_name: str
    organisation: str
    category: str
    status: str
    matched: str  # why: code, last_name, first_name, organisation, email, code_prefix
    fuzzy: bool = False  # found by the typo-tolerant fallback

    @property
    def cancelled(self) -> bool:
        return self.status == AttendeeStatus.CANCELLED

    def to_json(self) -> dict[str, Any]:
        """Only what a desk may show: no email, no phone."""
        return {**asdict(self), "cancelled": self.cancelled}


def query_words(text: Any) -> list[str]:
    """The folded words to look for, or [] for input no person could match."""
    if not isinstance(text, str) or not text or len(text) > MAX_TEXT:
        return []
    typed = split_words(text)
    # "de", "l'"… are skipped when another word follows: "prefecture de la somme".
    words = [w[:MAX_WORD] for i, w in enumerate(typed)
             if w not in STOPWORDS or i == len(typed) - 1]
    words = list(dict.fromkeys(words))
    # A typed word that begins another one adds nothing: "jean j" is "jean".
    words = [w for w in words if not any(o != w and o.startswith(w) for o in words)]
    return words if len(words) <= MAX_WORDS else []


def search(engine: Engine, event_id: int, text: str, limit: int = 20) -> list[Hit]:
    """The registrants of the event that `text` finds, best first (at most `limit`)."""
    if not isinstance(text, str) or len(text) > MAX_TEXT or not isinstance(limit, int) \
            or limit <= 0:
        return []
    limit = min(limit, MAX_LIMIT)
    words = query_words(text)
    code = text.strip()
    code = code if 0 < len(code) <= MAX_CODE and code.isprintable() else ""
    if not words and not code:
        return []
    with engine.connect() as conn:
        hits = _by_code(conn, event_id, code) if code else []
        if hits and len(words) == 1 and not words[0].isalpha():
            return hits[:limit]  # a ticket code, scanned or typed: no name holds it
        if words:
            seen = {h.attendee_id for h in hits}
            hits += [h for h in _by_words(conn, event_id, words, limit, {})
                     if h.attendee_id not in seen]
        if not hits and code:
            hits = _by_code_prefix(conn, event_id, code, limit)
        elif len(hits) < limit and code and not any(h.matched == "code" for h in hits):
            seen = {h.attendee_id for h in hits}
            hits += [h for h in _by_code_prefix(conn, event_id, code, limit)
                     if h.attendee_id not in seen]
        if not hits and words:
            close = _close_words(conn, event_id, words)
            if close:
                hits = _by_words(conn, event_id, words, limit, close)
    return hits[:limit]




# The queries are plain SQL, the same on SQLite and PostgreSQL, written once per shape:
# building them with SQLAlchemy's expression language on every keystroke cost more than
# running them.
_SHOWN = ("a.id, a.code, a.first_name, a.last_name, a.organisation, c.name, a.status")
_FROM_SHOWN = "attendee a LEFT OUTER JOIN category c ON c.id = a.category_id"


def _hit(row: Any, matched: int, fuzzy: bool = False) -> Hit:
    aid, code, first, last, org, category, status = row[:7]
    return Hit(aid, code, first or "", last or "", org or "", category or "", status,
               FIELD_NAMES[matched], fuzzy)


_EXACT_CODE = sa.text(f"SELECT {_SHOWN} FROM {_FROM_SHOWN} "
                      "WHERE a.event_id = :e AND a.code IN :codes ORDER BY a.id"
                      ).bindparams(sa.bindparam("codes", expanding=True))


def _by_code(conn: sa.Connection, event_id: int, code: str) -> list[Hit]:
    """The ticket whose code is the text, whatever its case (the attendee table's index)."""
    codes = sorted({code, code.upper(), code.lower()})
    return [_hit(r, EXACT_CODE) for r in conn.execute(_EXACT_CODE, {"e": event_id, "codes": codes})]


def _by_code_prefix(conn: sa.Connection, event_id: int, code: str, limit: int) -> list[Hit]:
    """Tickets whose code begins with the text, in code order: a range of the attendee
    table's index; the substr() test keeps the answer exact under any collation."""
    if len(code) < 2 or not (code.isascii() and code.isalnum()):
        return []
    variants = sorted({code, code.upper(), code.lower()})
    params: dict[str, Any] = {"e": event_id, "n": limit, "len": len(code)}
    for i, v in enumerate(variants):
        params[f"lo{i}"], params[f"hi{i}"] = v, _alnum_after(v) or "\uffff"
    rows = sorted(conn.execute(_code_prefix_query(len(variants)), params).all(),
                  key=lambda r: (r[1], r[0]))
    return [_hit(r, CODE_PREFIX) for r in rows[:limit]]


@lru_cache(maxsize=8)
def _code_prefix_query(variants: int) -> sa.TextClause:
    parts = [f"SELECT * FROM (SELECT {_SHOWN} FROM {_FROM_SHOWN} WHERE a.event_id = :e "
             f"AND a.code >= :lo{i} AND a.code < :hi{i} AND substr(a.code, 1, :len) = :lo{i} "
             f"ORDER BY a.code LIMIT :n) AS v{i}" for i in range(variants)]
    return sa.text(" UNION ALL ".join(parts))


def _alnum_after(prefix: str) -> str:
    """A string above every string that begins with `prefix`, under bytewise order and
    under the usual language collations (which may skip punctuation): the next letter or
    digit, carrying over a final z or Z; "" when there is none."""
    while prefix:
        last = prefix[-1]
        if last in "zZ":
            prefix = prefix[:-1]
            continue
        return prefix[:-1] + ("A" if last == "9" else chr(ord(last) + 1))
    return ""


def _after(prefix: str) -> str:
    """The smallest string above every word that begins with `prefix` (bytewise)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _by_words(conn: sa.Connection, event_id: int, words: list[str], limit: int,
              close: dict[str, list[str]]) -> list[Hit]:
    """One query: the best `limit` people found by every typed word, ranked by the field
    of their weakest word, then by name."""
    params: dict[str, Any] = {"e": event_id, "n": limit}
    for i, w in enumerate(words):
        params[f"lo{i}"], params[f"hi{i}"] = w, _after(w)
        if close.get(w):
            params[f"close{i}"] = close[w]
    # The longest typed word is likely the rarest: it picks the candidates, the others
    # only check them.
    lead = max(range(len(words)), key=lambda i: len(words[i]))
    query = _words_query(len(words), lead, tuple(bool(close.get(w)) for w in words))
    return [_hit(r, r[7], bool(close)) for r in conn.execute(query, params)]


def _values(i: int, field: int, fuzzy: bool) -> str:
    """The values of a field that hold a word matching typed word i."""
    match = f"(word >= :lo{i} AND word < :hi{i})"
    if fuzzy:
        match = f"({match} OR word IN :close{i})"
    return f"SELECT words FROM search_term WHERE event_id = :e AND field = {field} AND {match}"


def _holds(i: int, field: int, fuzzy: bool) -> str:
    column = FIELD_COLUMNS[field]
    test = f"{column} IN ({_values(i, field, fuzzy)})"
    return f"({column} != '' AND {test})" if field == EMAIL else test


@lru_cache(maxsize=256)
def _words_query(count: int, lead: int, fuzzy: tuple[bool, ...]) -> sa.TextClause:
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
    query = sa.text(
        f"SELECT {_SHOWN}, top.r FROM ({top}) AS top "
        f"JOIN attendee a ON a.id = top.attendee_id LEFT OUTER JOIN category c "
        f"ON c.id = a.category_id WHERE a.event_id = :e ORDER BY top.r, top.s, top.attendee_id")
    expanding: list[sa.BindParameter[Any]] = [
        sa.bindparam(f"close{i}", expanding=True) for i in range(count) if fuzzy[i]]
    return query.bindparams(*expanding) if expanding else query


_CLOSE_CANDIDATES = sa.text(
    "SELECT DISTINCT word FROM search_term WHERE event_id = :e "
    "AND ((word >= :lo1 AND word < :hi1) OR (word >= :lo2 AND word < :hi2))")


def _close_words(conn: sa.Connection, event_id: int, words: list[str]) -> dict[str, list[str]]:
    """For each typed word long enough, the event's words it may be a typo of, against
    a whole word or its beginning. The first letter is taken as typed (or swapped with
    the second): it keeps the comparisons few on a big event, and is rarely the typo."""
    out: dict[str, list[str]] = {}
    for w in words:
        if len(w) < FUZZY_MIN or not w.isalpha():
            continue
        swapped = w[1] + w[0]
        terms = conn.execute(_CLOSE_CANDIDATES, {"e": event_id, "lo1": w[0], "hi1": _after(w[0]),
                                                 "lo2": swapped, "hi2": _after(swapped)}).scalars()
        k = 1 if len(w) <= 6 else 2
        found = [t for t in terms if t != w and _close(w, t, k)]
        if found:
            out[w] = sorted(found, key=lambda t: (abs(len(t) - len(w)), t))[:MAX_CLOSE]
    return out


def _close(typed: str, word: str, k: int) -> bool:
    n = len(typed)
    if len(word) < n - k:
        return False
    if len(word) <= n + k and _distance(typed, word, k) <= k:
        return True
    return len(word) > n and _distance(typed, word[:n], k) <= k


def _distance(a: str, b: str, k: int) -> int:
    """Edit distance, an adjacent swap counting as one edit; anything above k is k + 1."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > k:
        return k + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
        if min(cur) > k:
            return k + 1
        prev2, prev = prev, cur
    return prev[-1]
