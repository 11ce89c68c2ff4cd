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
listed people by name keep only how many, and entries about one person (a correction, an
override, their data given out) name them ANON-<id> and keep no value. The search index is
rebuilt, so nobody can be found by a former name. The purge itself is journaled: who,
when, how many.

Erased must mean unreadable: the store's files are rewritten afterwards (checkin.store.scrub:
VACUUM and a verified checkpoint on SQLite, VACUUM FULL and CHECKPOINT on PostgreSQL), and
the report names what the purge cannot reach — the desks whose copy of a shared event
predates it (each erases its copy at its next sync), the files exported earlier with
personal data, and on PostgreSQL the server's own log and backups.

Scans are append-only except for this one rewrite of their code: erasure is the law's
exception to keeping everything.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.clock import Clock, system_clock
from checkin.core.exports.files import atomic_output
from checkin.core.exports.stats_qpv import QpvFigures, count_answers, kept_counts
from checkin.core.search.index import prune_terms, reindex_event
from checkin.core.registrants.corrections import CORRECT
from checkin.store.queries import desks, journal
from checkin.store.queries import privacy as q
from checkin.store.queries.monitoring import EVENT_HEAD
from checkin.store.scrub import scrub

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
    # Whether the store's files hold none of the erased bytes (checkin.store.scrub), and
    # what may still hold them: the server's WAL and backups, a desk reading meanwhile.
    files_scrubbed: bool = False
    still_held_by: list[str] = field(default_factory=list)
    # Desks of a shared event whose copy predates the purge (erased at their next sync).
    desks_pending: list[str] = field(default_factory=list)
    # Files exported earlier with personal data: the purge cannot reach them.
    exports: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def purge_event(engine: Engine, event_id: int, *, actor: str = "", desk: str = "",
                clock: Clock = system_clock) -> PurgeReport:
    """Erase the personal data of one event, in one transaction (all or nothing), then
    rewrite the store's files so that nothing erased can be read back from them.

    Run again, it finds nothing more to erase and finishes a rewrite that a desk reading
    at the time had held back."""
    now = clock()
    with engine.begin() as conn:
        head = EVENT_HEAD.one(conn, event=event_id)
        if head is None:
            raise LookupError(f"no event with id {event_id}")
        held = q.HELD.all(conn, e=event_id)
        qpv = _qpv_counts_to_keep(conn, event_id)
        answers = q.ERASE_QPV.run(conn, e=event_id)
        attendees = q.ERASE_PEOPLE.run(conn, e=event_id, now=now)
        recoded = q.RECODE_SCANS.run(conn, e=event_id)
        scrubbed = _scrub_journal(conn, event_id, held)
        reindex_event(conn, event_id)
        prune_terms(conn, event_id)
        journal.write(conn, event_id, "purge", at=now, actor=actor, desk=desk, subject=head.key,
                      details={"attendees": attendees, "scans_recoded": recoded,
                               "erased": list(ERASED), "kept": list(KEPT),
                               "journal_scrubbed": scrubbed, "qpv": qpv.to_details()})
    files = scrub(engine, q.ERASED_TABLES)
    with engine.connect() as conn:
        pending = [f"{d.name} (copy of {d.copied_at:%Y-%m-%d %H:%M} UTC)"
                   for d in desks.COPIED_BEFORE.all(conn, event=event_id, at=now)]
        exports = [_export_line(e) for e in journal.OF_EVENT.all(conn, event=event_id)
                   if _held_personal_data(e)]
    return PurgeReport(head.key, attendees, recoded, scrubbed, answers, files.complete,
                       files.left, pending, exports)


def _qpv_counts_to_keep(conn: sa.Connection, event_id: int) -> QpvFigures:
    """The QPV counts as the rows hold them; on a second purge (the rows say nothing any
    more), those the first one kept — never a count of erased answers as "unknown"."""
    now = count_answers(conn, event_id)
    if now.any_known:
        return now
    return kept_counts(conn, event_id) or now


_TOKEN = re.compile(r"[^\s\"',;:()\[\]{}→]+")


def _scrub_journal(conn: sa.Connection, event_id: int, held: list[q.Held]) -> int:
    """No entry keeps a name, contact or ticket code. Entries that listed people (a
    programme load removing booked sessions) keep how many; an entry about someone (it
    names their code: a correction, an override, their data given out, a certificate)
    names them ANON-<id>, as their scans do, and a correction keeps which fields changed,
    not their old and new values."""
    anon = {h.code: f"ANON-{h.id}" for h in held if h.code}
    personal = _personal_words(held)
    changed = 0
    for entry in journal.OF_EVENT.all(conn, event=event_id):
        details = before = journal.parsed(entry.details)
        subject = entry.subject
        if isinstance(details, dict) and isinstance(details.get("affected"), list):
            details = {**details, "affected": len(details["affected"])}
        text = f"{subject} {json.dumps(details, ensure_ascii=False)}"
        if any(token in anon for token in _TOKEN.findall(text)):
            if entry.action == CORRECT and isinstance(details, dict):
                details = {"fields": sorted(details)}
            subject = _without(subject, anon, personal)
            details = json.loads(_without(json.dumps(details, ensure_ascii=False), anon, personal))
        if subject != entry.subject or details != before:
            q.SET_ENTRY.run(conn, id=entry.id, subject=subject,
                            details=json.dumps(details, ensure_ascii=False))
            changed += 1
    return changed


def _personal_words(held: list[q.Held]) -> set[str]:
    """Names (word by word), emails and phones, as the journal's text may hold them."""
    words: set[str] = set()
    for h in held:
        words.update(w.casefold() for w in f"{h.first_name} {h.last_name}".split() if len(w) > 1)
        words.update(v.casefold() for v in (h.email, h.phone) if v)
    return words


def _without(text: str, anon: dict[str, str], personal: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in anon:
            return anon[token]
        return "…" if token.casefold() in personal else token

    return _TOKEN.sub(replace, text)


def _held_personal_data(entry: journal.Entry) -> bool:
    details = journal.parsed(entry.details) or {}
    if entry.action == "certificates":
        return True
    return entry.action == "export" and isinstance(details, dict) and bool(
        details.get("personal") or details.get("kind") == "person")


def _export_line(entry: journal.Entry) -> str:
    details = journal.parsed(entry.details) or {}
    where = details.get("path") or details.get("file")
    into = f" into {where}" if where else ""  # a person's data: printed, or saved anywhere
    who = f" by {entry.actor}" if entry.actor else ""
    desk = f" at {entry.desk}" if entry.desk else ""
    return f"{entry.at:%Y-%m-%d %H:%M} UTC, {entry.action} {entry.subject}{into}{who}{desk}"


def person_data(engine: Engine, event_id: int, code: str, *, actor: str = "",
                desk: str = "") -> dict[str, Any]:
    """Everything the store holds about one registrant (right of access), as JSON-ready
    data; LookupError for an unknown code. The access itself is journaled."""
    with engine.begin() as conn:
        person = q.PERSON.one(conn, e=event_id, code=code.strip())
        if person is None:
            raise LookupError(f"no registrant has the code {code.strip()!r} in this event")
        attendee: dict[str, Any] = person._asdict()
        for flag in q.PERSON_FLAGS:  # true or false, as the model's boolean columns give them
            attendee[flag] = bool(attendee[flag])
        aid = person.id
        category = (q.CATEGORY.one(conn, c=person.category_id)
                    if person.category_id is not None else None)
        event = EVENT_HEAD.one(conn, event=event_id)
        if event is None:
            raise LookupError(f"no event with id {event_id}")
        data = {
            "event": {"key": event.key, "name": event.name}, "attendee": attendee,
            "category": category._asdict() if category else None,
            "enrollments": [r._asdict() for r in q.ENROLLMENTS.all(conn, a=aid)],
            "scans": [r._asdict() for r in q.SCANS.all(conn, a=aid)],
            "badge_prints": [r._asdict() for r in q.BADGE_PRINTS.all(conn, a=aid)],
            "journal": _journal_about(conn, event_id, aid, code.strip(), attendee),
        }
        journal.write(conn, event_id, "export", actor=actor, desk=desk,
                      subject=f"person {code.strip()}",
                      details={"kind": "person", "attendee_id": aid})
    return data


def _journal_about(conn: sa.Connection, event_id: int, aid: int, code: str,
                   attendee: dict[str, Any]) -> list[dict[str, Any]]:
    """Entries naming this person: by code, by id, or by full name in the text."""
    name = f"{attendee['first_name']} {attendee['last_name']}".strip()
    out = []
    for entry in journal.OF_EVENT.all(conn, event=event_id):
        row = entry._replace(details=journal.parsed(entry.details))._asdict()
        text = f"{row['subject']} {json.dumps(row['details'], ensure_ascii=False)}"
        about = (code and code in text) or (row["details"] or {}).get("attendee_id") == aid \
            or (len(name) > 3 and name in text)
        if about:
            out.append(row)
    return out


def write_json(data: dict[str, Any], path: Path) -> None:
    with atomic_output(path) as tmp:
        tmp.write_text(to_json_text(data), encoding="utf-8")


def to_json_text(data: dict[str, Any]) -> str:
    def default(value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime) else str(value)

    return json.dumps(data, ensure_ascii=False, indent=2, default=default) + "\n"
