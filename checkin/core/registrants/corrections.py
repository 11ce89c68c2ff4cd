"""Fixing a typo in a registrant's name or organisation at the desk.

A badge with a misspelt name is the most common complaint of the day, and the correction
must show up everywhere at once: the attendee row, the search index (a volunteer looking
for the new spelling finds the person; the old spelling no longer does) and the journal
(who changed what, from which desk — funders' sign-in sheets are built from these names).
All three happen in one transaction, so no desk ever sees one without the others.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from checkin.core.clock import Clock, system_clock
from checkin.core.search.index import reindex_attendees
from checkin.store import IMMEDIATE
from checkin.store.models import Attendee, Journal

CORRECT = "correct"  # Journal.action
FIELDS = ("first_name", "last_name", "organisation")
_LIMITS = {"first_name": 200, "last_name": 200, "organisation": 300}  # the columns' sizes

_attendee = Attendee.__table__  # type: ignore[attr-defined]
_journal = Journal.__table__  # type: ignore[attr-defined]


def tidy(text: str) -> str:
    """One space between words, none around: what a hurried volunteer typed, cleaned."""
    return " ".join(str(text or "").split())


def correct_attendee(engine: Engine, event_id: int, attendee_id: int, *, first_name: str,
                     last_name: str, organisation: str, actor: str, desk: str,
                     clock: Clock = system_clock) -> dict[str, list[str]]:
    """Set a registrant's names and organisation; returns what changed as
    {field: [old, new]} (empty when nothing did — then nothing is written).

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
        query = sa.select(_attendee.c.code, *(_attendee.c[f] for f in FIELDS)).where(
            _attendee.c.id == attendee_id, _attendee.c.event_id == event_id)
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise ValueError(f"no registrant {attendee_id} in event {event_id}")
        code, old = row[0], dict(zip(FIELDS, row[1:]))
        changes = {f: [old[f] or "", new[f]] for f in FIELDS if (old[f] or "") != new[f]}
        if not changes:
            return {}
        now = clock()
        conn.execute(_attendee.update().where(_attendee.c.id == attendee_id)
                     .values(updated_at=now, **{f: new[f] for f in changes}))
        reindex_attendees(conn, [attendee_id])
        conn.execute(_journal.insert().values(event_id=event_id, at=now, action=CORRECT,
                                              actor=actor, desk=desk, subject=code,
                                              details=changes))
    return changes
