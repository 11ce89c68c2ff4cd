"""Personal data after the event (RGPD): erase an event's, or give one person theirs.

What a purge keeps is exactly what the funders' statistics read (checkin.core.exports.stats):
category, organisation (a structure, not a person), city and postcode (the territory a
funder reports on), profession, walk-in, status, consent, registration date, and every
enrollment, scan and badge-print row. So the statistics are the same before and after.
What goes: names, email, phone, job title, notes, attention text, the QPV answer (where
someone lives: its counts — registered, came, per session — are kept, anonymous, in the
purge's journal entry, and the statistics read them from there), the ticketing platform's
ids, and the ticket code (replaced by ANON-<id> in the registrant and their scans, since
the platform's export would map it back to a name). Unknown-code scans lose what was
typed (a volunteer may have typed a name into the scan field). Journal entries that
listed people by name keep only how many. The search index is rebuilt, so nobody can be
found by a former name. The purge itself is journaled: who, when, how many.

Scans are append-only except for this one rewrite of their code: erasure is the law's
exception to keeping everything.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.clock import Clock, system_clock
from checkin.core.exports.files import atomic_output
from checkin.core.exports.stats_qpv import QpvFigures, count_answers, kept_counts
from checkin.core.search.index import prune_terms, reindex_event
from checkin.store.models import Attendee, Journal
from checkin.store.types import UTCDateTime
from checkin.store.vocabulary import QpvResidence

ERASED = ("first_name", "last_name", "email", "phone", "job_title", "notes", "attention_text",
          "source_id", "source_order", "code", "qpv")
KEPT = ("category", "organisation", "city", "postcode", "profession", "walk_in", "status",
        "consent", "created_at", "enrollments", "scans", "badge_prints", "qpv_counts")


@dataclass
class PurgeReport:
    event_key: str
    attendees: int
    scans_recoded: int
    journal_scrubbed: int
    qpv_answers: int = 0  # known QPV answers (yes or no) erased, their counts kept

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def purge_event(engine: Engine, event_id: int, *, actor: str = "", desk: str = "",
                clock: Clock = system_clock) -> PurgeReport:
    """Erase the personal data of one event, in one transaction (all or nothing)."""
    stamp = UTCDateTime().bind_processor(engine.dialect)
    now = clock()
    when = stamp(now) if stamp else now
    with engine.begin() as conn:
        key = conn.execute(sa.text("SELECT key FROM event WHERE id = :e"), {"e": event_id}).scalar()
        if key is None:
            raise LookupError(f"no event with id {event_id}")
        qpv = _qpv_counts_to_keep(conn, event_id)
        answers = conn.execute(sa.text(
            "UPDATE attendee SET qpv = :unknown WHERE event_id = :e AND qpv <> :unknown"),
            {"e": event_id, "unknown": QpvResidence.UNKNOWN}).rowcount
        attendees = conn.execute(sa.text(
            "UPDATE attendee SET first_name = '', last_name = '', email = '', phone = '', "
            "job_title = '', notes = '', attention = false, attention_text = '', source_id = '', "
            "source_order = '', code = 'ANON-' || CAST(id AS VARCHAR(20)), updated_at = :now "
            "WHERE event_id = :e"), {"e": event_id, "now": when}).rowcount
        recoded = conn.execute(sa.text(
            "UPDATE scan SET code = COALESCE((SELECT a.code FROM attendee a "
            "WHERE a.id = scan.attendee_id), '') WHERE event_id = :e"), {"e": event_id}).rowcount
        scrubbed = _scrub_journal(conn, event_id)
        reindex_event(conn, event_id)
        prune_terms(conn, event_id)
        conn.execute(sa.insert(Journal.__table__).values(
            event_id=event_id, at=now, action="purge", actor=actor, desk=desk, subject=key,
            details={"attendees": attendees, "scans_recoded": recoded, "erased": list(ERASED),
                     "kept": list(KEPT), "journal_scrubbed": scrubbed,
                     "qpv": qpv.to_details()}))
    return PurgeReport(key, attendees, recoded, scrubbed, answers)


def _qpv_counts_to_keep(conn: sa.Connection, event_id: int) -> QpvFigures:
    """The QPV counts as the rows hold them; on a second purge (the rows say nothing any
    more), those the first one kept — never a count of erased answers as "unknown"."""
    now = count_answers(conn, event_id)
    if now.any_known:
        return now
    return kept_counts(conn, event_id) or now


def _scrub_journal(conn: sa.Connection, event_id: int) -> int:
    """Entries that listed people (a programme load removing booked sessions) keep counts."""
    journal = Journal.__table__
    changed = 0
    for jid, details in conn.execute(sa.select(journal.c.id, journal.c.details)
                                     .where(journal.c.event_id == event_id)):
        if isinstance(details, dict) and details.get("affected"):
            kept = {**details, "affected": len(details["affected"])}
            conn.execute(sa.update(journal).where(journal.c.id == jid).values(details=kept))
            changed += 1
    return changed


def person_data(engine: Engine, event_id: int, code: str, *, actor: str = "",
                desk: str = "") -> dict[str, Any]:
    """Everything the store holds about one registrant (right of access), as JSON-ready
    data; LookupError for an unknown code. The access itself is journaled."""
    with engine.begin() as conn:
        table = Attendee.__table__
        person = conn.execute(sa.select(table).where(
            table.c.event_id == event_id, table.c.code == code.strip())).mappings().first()
        if person is None:
            raise LookupError(f"no registrant has the code {code.strip()!r} in this event")
        attendee = dict(person)
        aid = attendee["id"]
        category = conn.execute(sa.text("SELECT key, name FROM category WHERE id = :c"),
                                {"c": attendee.get("category_id")}).mappings().first()
        event = conn.execute(sa.text("SELECT key, name FROM event WHERE id = :e"),
                             {"e": event_id}).mappings().one()
        data = {
            "event": dict(event), "attendee": attendee,
            "category": dict(category) if category else None,
            "enrollments": _rows(conn, "SELECT s.key AS session_key, s.title AS session, e.status, "
                                       "e.position, e.created_at, e.updated_at FROM enrollment e "
                                       "JOIN session s ON s.id = e.session_id WHERE e.attendee_id = :a "
                                       "ORDER BY s.starts_at", aid, "created_at", "updated_at"),
            "scans": _rows(conn, "SELECT sc.id, sc.uuid, sc.kind, sc.result, sc.reason, sc.code, "
                                 "s.key AS session_key, sc.desk, sc.operator, sc.desk_time, "
                                 "sc.recorded_at, sc.undoes_scan_id FROM scan sc LEFT JOIN session s "
                                 "ON s.id = sc.session_id WHERE sc.attendee_id = :a ORDER BY sc.id",
                           aid, "desk_time", "recorded_at"),
            "badge_prints": _rows(conn, "SELECT layout, desk, operator, printer, reprint, printed_at "
                                        "FROM badge_print WHERE attendee_id = :a ORDER BY id",
                                  aid, "printed_at"),
            "journal": _journal_about(conn, event_id, aid, code.strip(), attendee),
        }
        conn.execute(sa.insert(Journal.__table__).values(
            event_id=event_id, action="export", actor=actor, desk=desk, subject=f"person {code.strip()}",
            details={"kind": "person", "attendee_id": aid}))
    return data


def _rows(conn: sa.Connection, sql: str, aid: int, *times: str) -> list[dict[str, Any]]:
    query = sa.text(sql).columns(**{t: UTCDateTime for t in times})
    return [dict(r) for r in conn.execute(query, {"a": aid}).mappings()]


def _journal_about(conn: sa.Connection, event_id: int, aid: int, code: str,
                   attendee: dict[str, Any]) -> list[dict[str, Any]]:
    """Entries naming this person: by code, by id, or by full name in the text."""
    journal = Journal.__table__
    name = f"{attendee['first_name']} {attendee['last_name']}".strip()
    out = []
    for row in conn.execute(sa.select(journal).where(journal.c.event_id == event_id)
                            .order_by(journal.c.id)).mappings():
        text = f"{row['subject']} {json.dumps(row['details'], ensure_ascii=False)}"
        about = (code and code in text) or (row["details"] or {}).get("attendee_id") == aid \
            or (len(name) > 3 and name in text)
        if about:
            out.append(dict(row))
    return out


def write_json(data: dict[str, Any], path: Path) -> None:
    with atomic_output(path) as tmp:
        tmp.write_text(to_json_text(data), encoding="utf-8")


def to_json_text(data: dict[str, Any]) -> str:
    def default(value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime) else str(value)

    return json.dumps(data, ensure_ascii=False, indent=2, default=default) + "\n"
