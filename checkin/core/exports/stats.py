"""Funders' statistics: anonymous counts, one table per question a funder asks.

Only fields that a privacy purge keeps are read (category, organisation, city, postcode,
walk-in, status, enrollments, scans), so the statistics of an event are the same before
and after its personal data is erased — the report can be re-made at any time. The QPV
answers are the exception: the purge erases them and keeps their counts, which the QPV
table then reads (checkin.core.exports.stats_qpv).
"Registered" counts registrants not cancelled; "came" those who arrived at the entrance
or entered a session (checkin.store.queries.exports.CAME).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from checkin.core.exports.files import Table
from checkin.core.exports import stats_qpv
from checkin.core.exports.queries import EventInfo, session_titles
from checkin.core.text import fold
from checkin.store.queries import stats as q
from checkin.store.query import Count

SLOT_MINUTES = 15
# Table key -> (French title, English title), and its columns. The French counts name what
# is counted (inscriptions, présences), not people: whoever they are, the words agree.
TITLES = {
    "summary": ("Synthèse", "Summary"), "category": ("Par catégorie", "By category"),
    "session": ("Par session", "By session"), "track": ("Par parcours", "By track"),
    "organisation": ("Par structure", "By organisation"), "city": ("Par commune", "By city"),
    "postcode": ("Par code postal", "By postcode"),
    "departement": ("Par département", "By département"),
    "qpv": (stats_qpv.WORDS["fr"]["title"], stats_qpv.WORDS["en"]["title"]),
    "arrivals": ("Arrivées par 15 min", "Arrivals per 15 min"),
}
COLUMNS = {
    "summary": (("Indicateur", "Figure"), ("Valeur", "Value")),
    "category": (("Catégorie", "Category"), ("Inscriptions", "Registered"), ("Présences", "Came"),
                 ("Taux de présence %", "Attendance %")),
    "session": (("Session", "Session"), ("Parcours", "Track"), ("Salle", "Room"),
                ("Début", "Starts"), ("Places", "Seats"), ("Réservations", "Booked"),
                ("Liste d'attente", "Waitlisted"), ("Entrées en salle", "Entered")),
    "track": (("Parcours", "Track"), ("Sessions", "Sessions"), ("Réservations", "Booked"),
              ("Entrées en salle", "Entered")),
    "organisation": (("Structure", "Organisation"), ("Inscriptions", "Registered"), ("Présences", "Came")),
    "city": (("Commune", "City"), ("Inscriptions", "Registered"), ("Présences", "Came")),
    "postcode": (("Code postal", "Postcode"), ("Inscriptions", "Registered"), ("Présences", "Came")),
    "departement": (("Département", "Département"), ("Inscriptions", "Registered"), ("Présences", "Came")),
    "qpv": stats_qpv.COLUMNS,
    "arrivals": (("Créneau", "Slot"), ("Arrivées", "Arrivals"), ("Cumul", "Cumulative")),
}
FIGURES = {
    "registered": ("Inscriptions (hors annulations)", "Registered (not cancelled)"),
    "cancelled": ("Annulations", "Cancelled"), "came": ("Présences", "Came"),
    "absent": ("Absences", "No-shows"), "walk_ins": ("Inscriptions sur place", "Walk-ins"),
    "rate": ("Taux de présence %", "Attendance %"),
    "session_entries": ("Entrées en session", "Session entries"),
    "badges": ("Badges imprimés", "Badges printed"),
}
UNKNOWN = ("(non renseigné)", "(not given)")


def departement(postcode: str) -> str:
    """French département from a postcode: 2 digits, 2A/2B for Corsica (20000–20199 is
    Corse-du-Sud, above is Haute-Corse), 3 digits overseas (97x, 98x); '' if not French."""
    digits = "".join(postcode.split())
    if len(digits) != 5 or not digits.isdigit():
        return ""
    if digits.startswith(("97", "98")):
        return digits[:3]
    if digits.startswith("20"):
        return "2A" if digits < "20200" else "2B"
    return digits[:2]


@dataclass
class Stats:
    lang: str
    figures: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[list[Any]]] = field(default_factory=dict)
    qpv: stats_qpv.QpvFigures | None = None
    qpv_titles: dict[str, str] = field(default_factory=dict)  # session key -> title

    def title(self, key: str) -> str:
        return TITLES[key][self.lang == "en"]

    def header(self, key: str) -> list[str]:
        return [c[self.lang == "en"] for c in COLUMNS[key]]

    def as_tables(self) -> list[Table]:
        # The QPV sheet ends with sentences in its first column: wide enough to read them.
        return [Table(self.title(k), self.header(k), rows, len(rows),
                      {0: 45.0} if k == "qpv" else {}) for k, rows in self.tables.items()]


def build_stats(conn: sa.Connection, ev: EventInfo, lang: str = "fr") -> Stats:
    stats = Stats(lang)
    unknown = UNKNOWN[lang == "en"]
    groups: dict[str, dict[str, list]] = {k: {} for k in ("category", "organisation", "city",
                                                          "postcode", "departement")}
    registered = came = walk_ins = 0
    for group in q.GROUPS.all(conn, e=ev.id):
        n, has_come, postcode = group.n, bool(group.came), group.postcode or ""
        registered += n
        came += n if has_come else 0
        walk_ins += n if group.walk_in else 0
        for key, value in (("category", group.category), ("organisation", group.organisation),
                           ("city", group.city), ("postcode", postcode.strip()),
                           ("departement", departement(postcode))):
            shown = (value or "").strip() or unknown
            # Folded, so "IREV" and "Irev " are one organisation; the first spelling shows.
            entry = groups[key].setdefault(fold(shown) or shown, [shown, 0, 0])
            entry[1] += n
            entry[2] += n if has_come else 0
    cancelled = _count(q.CANCELLED.one(conn, e=ev.id))
    badges = _count(q.BADGES_PRINTED.one(conn, e=ev.id))
    per_session, track_rows = _sessions(conn, ev)
    stats.figures = {"registered": registered, "cancelled": cancelled, "came": came,
                     "absent": registered - came, "walk_ins": walk_ins,
                     "rate": _rate(came, registered),
                     "session_entries": sum(r[-1] for r in per_session), "badges": badges}
    stats.tables["summary"] = [[FIGURES[k][lang == "en"], v] for k, v in stats.figures.items()]
    category = sorted(groups.pop("category").values(), key=lambda e: (-e[1], e[0]))
    stats.tables["category"] = [[n, r, c, _rate(c, r)] for n, r, c in category]
    stats.tables["session"] = per_session
    stats.tables["track"] = track_rows
    for key in ("organisation", "city", "postcode", "departement"):
        order = (lambda e: e[0]) if key in ("postcode", "departement") else (lambda e: (-e[1], e[0]))
        stats.tables[key] = [list(e) for e in sorted(groups[key].values(), key=order)]
    stats.qpv = stats_qpv.qpv_figures(conn, ev.id)
    stats.qpv_titles = stats_qpv.session_title_by_key(conn, ev.id)
    stats.tables["qpv"] = stats_qpv.table_rows(stats.qpv, ev, stats.qpv_titles, lang)
    stats.tables["arrivals"] = _arrival_curve(conn, ev)
    return stats


def _rate(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _count(found: Count | None) -> int:
    return found.n if found is not None else 0


def _sessions(conn: sa.Connection, ev: EventInfo) -> tuple[list[list[Any]], list[list[Any]]]:
    titles = session_titles(conn, ev.id)
    booked: dict[tuple[int, str], int] = {
        (r.session_id, r.status): r.n for r in q.ENROLLED.all(conn, e=ev.id)}
    entered: dict[int, int] = {r.session_id: r.n for r in q.ENTERED.all(conn, e=ev.id)}
    per_session: list[list[Any]] = []
    tracks: dict[str, list[Any]] = {}
    for s in titles.values():
        b, w = booked.get((s.id, "booked"), 0), booked.get((s.id, "waitlisted"), 0)
        n = entered.get(s.id, 0)
        per_session.append([s.title, s.track or "", s.room or "", ev.local(s.starts_at), s.seats,
                            b, w, n])
        if s.track:
            t = tracks.setdefault(s.track, [s.track, 0, 0, 0])
            t[1], t[2], t[3] = t[1] + 1, t[2] + b, t[3] + n
    return per_session, list(tracks.values())


def _arrival_curve(conn: sa.Connection, ev: EventInfo) -> list[list[Any]]:
    """Arrivals per quarter hour of the event's local time, gaps included, with the
    running total: the shape of the morning rush."""
    counts: dict[datetime, int] = {}
    for arrival in q.ARRIVAL_TIMES.all(conn, e=ev.id):
        local = ev.local(arrival.at)
        if local is None:  # scan.recorded_at is NOT NULL, and the join to it is an inner one
            raise ValueError(f"arrival scan without a recorded_at in event {ev.id}")
        slot = local.replace(minute=local.minute - local.minute % SLOT_MINUTES, second=0,
                             microsecond=0)
        counts[slot] = counts.get(slot, 0) + 1
    if not counts:
        return []
    out, running, slot, last = [], 0, min(counts), max(counts)
    if last - slot > timedelta(days=1):  # scans on several days: list the slots that have any
        for slot in sorted(counts):
            running += counts[slot]
            out.append([slot.strftime("%Y-%m-%d %H:%M"), counts[slot], running])
        return out
    while slot <= last:
        running += counts.get(slot, 0)
        out.append([slot.strftime("%H:%M"), counts.get(slot, 0), running])
        slot += timedelta(minutes=SLOT_MINUTES)
    return out
