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
The index this reads is kept by checkin.core.search_index.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.search_index import (
    CODE_PREFIX, EMAIL, EXACT_CODE, FIELD_COLUMNS, FIELD_NAMES, MAX_WORD, STOPWORDS,
    reindex_attendees, reindex_event, split_words,
)
from checkin.store.models import Attendee, AttendeeStatus, Category, SearchPerson, SearchTerm

__all__ = ["Hit", "search", "query_words", "reindex_attendees", "reindex_event"]

MAX_TEXT = 200  # longer is a paste or a scanner gone wrong, not a name
MAX_WORDS = 8
MAX_LIMIT = 500
MAX_CODE = 128  # attendee.code
FUZZY_MIN = 4  # shorter typed words must match exactly
MAX_CLOSE = 50  # close words tried per typed word

_p = SearchPerson.__table__  # type: ignore[attr-defined]
_t = SearchTerm.__table__  # type: ignore[attr-defined]
_a = Attendee.__table__  # type: ignore[attr-defined]
_c = Category.__table__  # type: ignore[attr-defined]
_SHOWN = (_a.c.id, _a.c.code, _a.c.first_name, _a.c.last_name, _a.c.organisation, _c.c.name,
          _a.c.status)


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
        if words:
            seen = {h.attendee_id for h in hits}
            hits += [h for h in _by_words(conn, event_id, words, limit, {})
                     if h.attendee_id not in seen][:limit - len(hits)]
        if len(hits) < limit and code:
            seen = {h.attendee_id for h in hits}
            hits += [h for h in _by_code_prefix(conn, event_id, code, limit)
                     if h.attendee_id not in seen][:limit - len(hits)]
        if not hits and words:
            close = _close_words(conn, event_id, words)
            if close:
                hits = _by_words(conn, event_id, words, limit, close)
    return hits[:limit]


def _hit(row: Any, matched: int, fuzzy: bool = False) -> Hit:
    aid, code, first, last, org, category, status = row[:7]
    return Hit(aid, code, first or "", last or "", org or "", category or "", status,
               FIELD_NAMES[matched], fuzzy)


def _shown(query: sa.Select) -> sa.Select:
    return query.outerjoin(_c, _c.c.id == _a.c.category_id)


def _by_code(conn: sa.Connection, event_id: int, code: str) -> list[Hit]:
    """The ticket whose code is the text, whatever its case (the attendee table's index)."""
    rows = conn.execute(_shown(sa.select(*_SHOWN).select_from(_a)).where(
        _a.c.event_id == event_id, _a.c.code.in_(sorted({code, code.upper(), code.lower()})))
        .order_by(_a.c.id)).all()
    return [_hit(r, EXACT_CODE) for r in rows]


def _by_code_prefix(conn: sa.Connection, event_id: int, code: str, limit: int) -> list[Hit]:
    """Tickets whose code begins with the text, in code order (the attendee table's index,
    read as a range; the substr() test keeps the answer exact under any collation)."""
    if len(code) < 2 or not (code.isascii() and code.isalnum()):
        return []
    rows = []
    for variant in sorted({code, code.upper(), code.lower()}):
        query = _shown(sa.select(*_SHOWN).select_from(_a)).where(
            _a.c.event_id == event_id, _a.c.code >= variant,
            sa.func.substr(_a.c.code, 1, len(variant)) == variant)
        above = _alnum_after(variant)
        if above:
            query = query.where(_a.c.code < above)
        rows += conn.execute(query.order_by(_a.c.code).limit(limit)).all()
    rows.sort(key=lambda r: (r[1], r[0]))
    return [_hit(r, CODE_PREFIX) for r in rows]


def _alnum_after(prefix: str) -> str:
    """A string above every string that begins with `prefix`, under bytewise order and
    under the usual language collations (which may skip punctuation): the next letter or
    digit, carrying over a final z or Z."""
    while prefix:
        last = prefix[-1]
        if last in "zZ":
            prefix = prefix[:-1]
            continue
        following = "A" if last == "9" else chr(ord(last) + 1)
        return prefix[:-1] + following
    return ""


def _after(prefix: str) -> str:
    """The smallest string above every word that begins with `prefix` (bytewise)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _people_of(event_id: int, word: str, close: list[str], tag: int | None) -> list[sa.Select]:
    """Who holds, in some field, a value with a word beginning with `word` (or one of the
    close words): one SELECT per field, each read from that field's index."""
    found = sa.and_(_t.c.word >= word, _t.c.word < _after(word))
    if close:
        found = sa.or_(found, _t.c.word.in_(close))
    branches = []
    for field, column in FIELD_COLUMNS.items():
        values = sa.select(_t.c.words).where(_t.c.event_id == event_id, _t.c.field == field, found)
        where = [_p.c.event_id == event_id, column.in_(values)]
        if field == EMAIL:
            where.append(column != "")  # the email index holds only addresses with words
        columns = [_p.c.attendee_id, sa.literal_column(str(field)).label("f"),
                   _p.c.sort_key.label("s")]
        if tag is not None:
            columns.append(sa.literal_column(str(tag)).label("t"))
        branches.append(sa.select(*columns).where(*where))
    return branches


def _by_words(conn: sa.Connection, event_id: int, words: list[str], limit: int,
              close: dict[str, list[str]]) -> list[Hit]:
    """One query: the best `limit` people found by every typed word, ranked by the field
    of their weakest word, then by name."""
    if len(words) == 1:
        u = sa.union_all(*_people_of(event_id, words[0], close.get(words[0], []), None)).subquery()
        ranked = (sa.select(u.c.attendee_id, sa.func.min(u.c.f).label("r"),
                            sa.func.min(u.c.s).label("s"))
                  .group_by(u.c.attendee_id))
    else:
        u = sa.union_all(*[b for i, w in enumerate(words)
                           for b in _people_of(event_id, w, close.get(w, []), i)]).subquery()
        per_word = (sa.select(u.c.attendee_id, sa.func.min(u.c.f).label("f"),
                              sa.func.min(u.c.s).label("s"))
                    .group_by(u.c.attendee_id, u.c.t).subquery())
        ranked = (sa.select(per_word.c.attendee_id, sa.func.max(per_word.c.f).label("r"),
                            sa.func.min(per_word.c.s).label("s"))
                  .group_by(per_word.c.attendee_id)
                  .having(sa.func.count() == len(words)))
    top = ranked.order_by(sa.text("r"), sa.text("s"), sa.text("attendee_id")).limit(limit)
    top = top.subquery()
    rows = conn.execute(
        sa.select(*_SHOWN, top.c.r)
        .select_from(top.join(_a, _a.c.id == top.c.attendee_id)
                     .outerjoin(_c, _c.c.id == _a.c.category_id))
        .where(_a.c.event_id == event_id)
        .order_by(top.c.r, top.c.s, top.c.attendee_id)).all()
    return [_hit(r, r[7], bool(close)) for r in rows]


def _close_words(conn: sa.Connection, event_id: int, words: list[str]) -> dict[str, list[str]]:
    """For each typed word long enough, the event's words it may be a typo of, against
    a whole word or its beginning."""
    typed = [w for w in words if len(w) >= FUZZY_MIN and w.isalpha()]
    if not typed:
        return {}
    terms = conn.execute(sa.select(_t.c.word).where(_t.c.event_id == event_id)
                         .distinct()).scalars().all()
    out: dict[str, list[str]] = {}
    for w in typed:
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
