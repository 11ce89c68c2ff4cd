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
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.search.index import (
    CODE_PREFIX, EXACT_CODE, FIELD_NAMES, MAX_WORD, STOPWORDS, reindex_attendees, reindex_event,
    split_words,
)
from checkin.store.queries import search as q
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


# The statements (checkin.store.queries.search) are plain SQL, one text per shape of what
# was typed, run on the driver's cursor: building them on every keystroke, or SQLAlchemy's
# compile and result set-up, cost more than running them.
def _hit(row: q.Found | q.Ranked, matched: int, fuzzy: bool = False) -> Hit:
    return Hit(row.id, row.code, row.first_name or "", row.last_name or "",
               row.organisation or "", row.category or "", row.status, FIELD_NAMES[matched], fuzzy)


def _by_code(conn: sa.Connection, event_id: int, code: str) -> list[Hit]:
    """The ticket whose code is the text, whatever its case (the attendee table's index)."""
    codes = sorted({code, code.upper(), code.lower()})
    return [_hit(r, EXACT_CODE) for r in q.EXACT_CODE.all(conn, e=event_id, codes=codes)]


def _by_code_prefix(conn: sa.Connection, event_id: int, code: str, limit: int) -> list[Hit]:
    """Tickets whose code begins with the text, in code order."""
    if len(code) < 2 or not (code.isascii() and code.isalnum()):
        return []
    variants = sorted({code, code.upper(), code.lower()})
    params: dict[str, Any] = {"e": event_id, "n": limit, "len": len(code)}
    for i, v in enumerate(variants):
        params[f"lo{i}"], params[f"hi{i}"] = v, _alnum_after(v) or "\uffff"
    rows = sorted(q.code_prefix(len(variants)).all(conn, **params), key=lambda r: (r.code, r.id))
    return [_hit(r, CODE_PREFIX) for r in rows[:limit]]


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
    query = q.words_query(len(words), lead, tuple(bool(close.get(w)) for w in words))
    return [_hit(r, r.field, bool(close)) for r in query.all(conn, **params)]


def _close_words(conn: sa.Connection, event_id: int, words: list[str]) -> dict[str, list[str]]:
    """For each typed word long enough, the event's words it may be a typo of, against
    a whole word or its beginning. The first letter is taken as typed (or swapped with
    the second): it keeps the comparisons few on a big event, and is rarely the typo."""
    out: dict[str, list[str]] = {}
    for w in words:
        if len(w) < FUZZY_MIN or not w.isalpha():
            continue
        swapped = w[1] + w[0]
        terms = q.CLOSE_CANDIDATES.all(conn, e=event_id, lo1=w[0], hi1=_after(w[0]),
                                       lo2=swapped, hi2=_after(swapped))
        k = 1 if len(w) <= 6 else 2
        found = [t.word for t in terms if t.word != w and _close(w, t.word, k)]
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
