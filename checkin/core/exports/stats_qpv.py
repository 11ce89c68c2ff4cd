"""Residents of quartiers prioritaires (QPV): the share politique-de-la-ville funders ask for.

Counted three ways, each as yes / no / unknown: among the registered (not cancelled), among
those who came (checkin.store.queries.exports.CAME: the entrance or a session door), and per
session among the people who entered it (a door scan admitted and not undone — the
"Entrées en salle" of the session table). A session nobody was scanned into (a plenary
without a door desk) is counted from its bookings of people who came to the event, and
says so: it is the best proof there is, and the reader must know it is not a door count.

Every figure gives the share of "yes" among the *known* answers and among *all*: an
unknown answer is never a "no", and a funder reading 31 % must also read how many did not
answer. The per-person answer is personal data (where someone lives): a privacy purge
keeps these counts, anonymous, in its journal entry (`to_details`) and erases the
answers; the statistics made after it read the kept counts and say where they come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from checkin.core.exports.queries import EventInfo, session_titles
from checkin.core.numbers import format_number
from checkin.store.queries import journal
from checkin.store.queries import stats as q
from checkin.store.vocabulary import QpvResidence

DOOR, BOOKED, NONE = "door", "booked", "none"  # what a session's count is based on
WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Résidents QPV", "long_title": "Résidents des quartiers prioritaires (QPV)",
        "per_session": "Résidents QPV par session",
        "registered": "Inscrits (hors annulations)",
        "came": "Présents (entrée ou porte de session)",
        "door": "entrées en salle", "booked": "réservations des présents (aucun scan à la porte)",
        "none": "aucun scan ni réservation", "everyone": "tous",
        "sentence": "{label} : {p_known} des réponses connues ({yes} sur {known}), soit {p_all} "
                    "de l'ensemble ({yes} sur {total}) ; {p_unknown} de réponses inconnues",
        "no_answer": "{label} : aucune réponse connue ({total} réponses inconnues)",
        "nobody": "{label} : personne",
        "per_session_note": "Par session : parmi les personnes entrées en salle (scan à la "
                            "porte) ; une session sans aucun scan à la porte est comptée sur ses "
                            "réservations de personnes venues.",
        "source_rows": "Source : réponses des inscrits à la question « résident QPV » "
                       "(oui / non ; inconnu si non posée ou non comprise).",
        "source_kept": "Source : comptes anonymes conservés lors de la purge des données "
                       "personnelles du {}, les réponses individuelles ayant été effacées.",
        "see_page": "Par session : page {}.",
        "percent": "{}\u00a0%",
    },
    "en": {
        "title": "QPV residents", "long_title": "Residents of priority neighbourhoods (QPV)",
        "per_session": "QPV residents per session",
        "registered": "Registered (not cancelled)", "came": "Came (entrance or session door)",
        "door": "room entries", "booked": "bookings of those who came (no door scan)",
        "none": "no scan, no booking", "everyone": "all",
        "sentence": "{label}: {p_known} of known answers ({yes} of {known}), that is {p_all} "
                    "of all ({yes} of {total}); {p_unknown} unknown answers",
        "no_answer": "{label}: no known answer ({total} unknown answers)",
        "nobody": "{label}: nobody",
        "per_session_note": "Per session: among the people who entered the room (a door scan); "
                            "a session without any door scan is counted from its bookings of "
                            "people who came.",
        "source_rows": "Source: the registrants' answers to the \"QPV resident\" question "
                       "(yes / no; unknown when not asked or not understood).",
        "source_kept": "Source: anonymous counts kept when personal data was purged on {}; "
                       "the individual answers have been erased.",
        "see_page": "Per session: page {}.",
        "percent": "{}%",
    },
}
COLUMNS = (("Groupe", "Group"), ("Base", "Based on"), ("Oui", "Yes"), ("Non", "No"),
           ("Inconnu", "Unknown"), ("Total", "Total"),
           ("% QPV parmi les réponses connues", "QPV % of known answers"),
           ("% QPV parmi l'ensemble", "QPV % of all"), ("% réponses inconnues", "Unknown answers %"))


@dataclass(frozen=True)
class QpvCount:
    yes: int = 0
    no: int = 0
    unknown: int = 0

    @property
    def total(self) -> int:
        return self.yes + self.no + self.unknown

    @property
    def known(self) -> int:
        return self.yes + self.no

    def share_known(self) -> float | None:
        """% of "yes" among the yes and no answers; None when nobody answered."""
        return _rate(self.yes, self.known)

    def share_all(self) -> float | None:
        return _rate(self.yes, self.total)

    def share_unknown(self) -> float | None:
        return _rate(self.unknown, self.total)

    def as_list(self) -> list[int]:
        return [self.yes, self.no, self.unknown]


@dataclass
class SessionQpv:
    key: str
    basis: str  # DOOR, BOOKED or NONE
    count: QpvCount


@dataclass
class QpvFigures:
    registered: QpvCount
    came: QpvCount
    sessions: list[SessionQpv] = field(default_factory=list)
    kept_at: datetime | None = None  # the purge whose kept counts these are, if any

    def to_details(self) -> dict[str, Any]:
        """The anonymous counts, JSON-ready, for the purge's journal entry."""
        return {"registered": self.registered.as_list(), "came": self.came.as_list(),
                "sessions": [[s.key, s.basis, *s.count.as_list()] for s in self.sessions]}

    @property
    def any_known(self) -> bool:
        return bool(self.registered.known or self.came.known
                    or any(s.count.known for s in self.sessions))

    @classmethod
    def from_details(cls, details: dict[str, Any], kept_at: datetime | None) -> QpvFigures:
        return cls(QpvCount(*details["registered"]), QpvCount(*details["came"]),
                   [SessionQpv(key, basis, QpvCount(*counts))
                    for key, basis, *counts in details["sessions"]], kept_at)


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _count(pairs: Any) -> QpvCount:
    """(qpv, n) rows -> a count; an unexpected value is an unknown answer."""
    got = {QpvResidence.YES: 0, QpvResidence.NO: 0, QpvResidence.UNKNOWN: 0}
    for answer, n in pairs:
        key = answer if answer in got else QpvResidence.UNKNOWN
        got[key] += int(n)
    return QpvCount(got[QpvResidence.YES], got[QpvResidence.NO], got[QpvResidence.UNKNOWN])


def count_answers(conn: sa.Connection, event_id: int) -> QpvFigures:
    """The figures from the registrants' rows as they are now."""
    registered: list[tuple[str, int]] = []
    came: list[tuple[str, int]] = []
    for r in q.QPV_REGISTERED.all(conn, e=event_id):
        registered.append((r.answer, r.n))
        if r.came:
            came.append((r.answer, r.n))
    door: dict[int, list[tuple[str, int]]] = {}
    for s in q.QPV_AT_DOORS.all(conn, e=event_id):
        door.setdefault(s.session_id, []).append((s.answer, s.n))
    booked: dict[int, list[tuple[str, int]]] = {}
    for s in q.QPV_BOOKED_WHO_CAME.all(conn, e=event_id):
        booked.setdefault(s.session_id, []).append((s.answer, s.n))
    sessions = []
    for session in session_titles(conn, event_id).values():
        if session.id in door:
            sessions.append(SessionQpv(session.key, DOOR, _count(door[session.id])))
        elif session.id in booked:
            sessions.append(SessionQpv(session.key, BOOKED, _count(booked[session.id])))
        else:
            sessions.append(SessionQpv(session.key, NONE, QpvCount()))
    return QpvFigures(_count(registered), _count(came), sessions)


def kept_counts(conn: sa.Connection, event_id: int) -> QpvFigures | None:
    """The counts the latest purge kept, if a purge kept any."""
    for purge in journal.PURGES.all(conn, event=event_id):
        details = journal.parsed(purge.details)
        if isinstance(details, dict) and isinstance(details.get("qpv"), dict):
            return QpvFigures.from_details(details["qpv"], purge.at)
    return None


def qpv_figures(conn: sa.Connection, event_id: int) -> QpvFigures:
    """What the statistics show: the rows' answers, or — once a purge has erased them —
    the counts it kept. A store whose rows hold answers again (people imported after the
    purge) is counted from its rows."""
    now = count_answers(conn, event_id)
    if now.any_known:
        return now
    kept = kept_counts(conn, event_id)
    return kept if kept is not None else now


def percent(value: float | None, lang: str) -> str:
    """A whole percentage for a sentence ("31 %"); "< 1 %" rather than a misleading 0."""
    words = WORDS[lang]
    if value is None:
        return "—"
    if 0 < value < 0.5:
        return words["percent"].format("< 1")
    return words["percent"].format(format_number(int(value + 0.5), lang))


def sentence(label: str, count: QpvCount, lang: str) -> str:
    """"Inscrits : 31 % des réponses connues (48 sur 155), soit 15 % de l'ensemble (48 sur
    327) ; 53 % de réponses inconnues": both shares, and how many did not answer."""
    words = WORDS[lang]
    if not count.total:
        return words["nobody"].format(label=label)
    if not count.known:
        return words["no_answer"].format(label=label, total=format_number(count.total, lang))
    n = lambda v: format_number(v, lang)  # noqa: E731
    return words["sentence"].format(
        label=label, yes=n(count.yes), known=n(count.known), total=n(count.total),
        p_known=percent(count.share_known(), lang), p_all=percent(count.share_all(), lang),
        p_unknown=percent(count.share_unknown(), lang))


def source_line(figures: QpvFigures, ev: EventInfo, lang: str) -> str:
    words = WORDS[lang]
    if figures.kept_at is None:
        return words["source_rows"]
    local = figures.kept_at.astimezone(ev.tz)
    return words["source_kept"].format(local.strftime("%d/%m/%Y %H:%M"))


def header(lang: str) -> list[str]:
    return [c[lang == "en"] for c in COLUMNS]


def table_rows(figures: QpvFigures, ev: EventInfo, titles: dict[str, str],
               lang: str) -> list[list[Any]]:
    """One row per group (registered, came, each session), then the sentences a reader
    quotes and where the counts come from."""
    words = WORDS[lang]

    def row(label: str, basis: str, count: QpvCount) -> list[Any]:
        return [label, basis, *count.as_list(), count.total, count.share_known(),
                count.share_all(), count.share_unknown()]

    rows = [row(words["registered"], words["everyone"], figures.registered),
            row(words["came"], words["everyone"], figures.came)]
    rows += [row(titles.get(s.key, s.key), words[s.basis], s.count) for s in figures.sessions]
    rows.append([])
    rows += [[sentence(words[k], getattr(figures, k), lang)] for k in ("registered", "came")]
    rows.append([words["per_session_note"]])
    rows.append([source_line(figures, ev, lang)])
    return rows


def session_title_by_key(conn: sa.Connection, event_id: int) -> dict[str, str]:
    return {s.key: s.title for s in session_titles(conn, event_id).values()}
