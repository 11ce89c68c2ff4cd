"""Fixing a typo in a registrant's name or organisation at the desk.

A badge with a misspelt name is the most common complaint of the day, and the correction
must show up everywhere at once: the attendee row, the search index (a volunteer looking
for the new spelling finds the person; the old spelling no longer does) and the journal
(who changed what, from which desk — funders' sign-in sheets are built from these names).
All three happen in one transaction, so no desk ever sees one without the others.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.clock import Clock, system_clock
from checkin.core.search.index import reindex_attendees
from checkin.store import IMMEDIATE
from checkin.store.queries import journal
from checkin.store.queries import registrants as q

CORRECT = "correct"  # Journal.action
FIELDS = ("first_name", "last_name", "organisation")
_LIMITS = {"first_name": 200, "last_name": 200, "organisation": 300}  # the columns' sizes


def tidy(text: str) -> str:
    """One space between words, none around: what a hurried volunteer typed, cleaned."""
    return " ".join(str(text or "").split())


def correct_attendee(engine: Engine, event_id: int, attendee_id: int | None, *,
                     first_name: str, last_name: str, organisation: str, actor: str, desk: str,
                     clock: Clock = system_clock, code: str | None = None,
                     also_write: Callable[[sa.Connection, dict], None] | None = None,
                     ) -> dict[str, list[str]]:
    """Set a registrant's names and organisation; returns what changed as
    {field: [old, new]} (empty when nothing did — then nothing is written).

    The registrant by id, or by `code` when `attendee_id` is None (an offline desk's
    correction replayed on the server, where the desk's own ids mean nothing).
    `also_write(conn, changes)` runs in the same transaction (the desk's outbox row).

    Raises ValueError when both names would be empty, when a value is too long for the
    store, or when the attendee is not one of this event's.
    """
    new = {"first_name": tidy(first_name), "last_name": tidy(last_name),
           "organisation": tidy(organisation)}
    if not (new["first_name"] or new["last_name"]):
        raise ValueError("a registrant needs a name")
    for field, limit in _LIMITS.items():
        if len(new[field]) > limit:
            raise ValueError(f"{field} is longer than {limit} characters")
    # SQLite: take the write lock before reading, so that two desks correcting the same
    # person at once are serialised and the journal's "old" values are the true ones.
    with engine.execution_options(**{IMMEDIATE: True}).begin() as conn:
        if attendee_id is None:
            found = q.ID_BY_CODE.one(conn, event=event_id, code=code or "")
            if found is None:
                raise ValueError(f"no registrant {code!r} in event {event_id}")
            attendee_id = found.id
        names = q.NAMES_FOR_UPDATE if conn.dialect.name == "postgresql" else q.NAMES
        row = names.one(conn, attendee=attendee_id, event=event_id)
        if row is None:
            raise ValueError(f"no registrant {attendee_id} in event {event_id}")
        old = {f: getattr(row, f) or "" for f in FIELDS}
        changes = {f: [old[f], new[f]] for f in FIELDS if old[f] != new[f]}
        if not changes:
            return {}
        now = clock()
        q.update_registrant(tuple(changes)).run(conn, id=attendee_id, now=now,
                                                **{f: new[f] for f in changes})
        reindex_attendees(conn, [attendee_id])
        journal.write(conn, event_id, CORRECT, actor=actor, desk=desk, subject=row.code,
                      details=changes, at=now)
        if also_write is not None:
            also_write(conn, changes)
    return changes
