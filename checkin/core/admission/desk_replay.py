"""Sending a desk's outbox to the server, one entry at a time (checkin.store.replica): each
scan with its UUID and the moment it was made — a scan the server already has is answered
as it was, never recorded twice — and each name corrected offline by its ticket code."""

from __future__ import annotations

import json
import logging
from datetime import datetime

from checkin.core.admission.desk_backend import ScanRequest, StoreBackend
from checkin.core.admission.scan import When
from checkin.store import StoreError, StoreUnavailable
from checkin.store import replica as rep
from checkin.store.link import Link, LinkSilent

log = logging.getLogger(__name__)
REPLAY_DEADLINE = 5.0  # s for one replayed scan (the server may be finishing a lock wait)
CORRECTION = "correct"  # an outbox row's kind besides scans: a name corrected offline


def replay_one(entry: rep.Outboxed, link: Link, backend: StoreBackend, event: int,
               desk: str) -> str:
    """One outbox entry sent on `link` (within REPLAY_DEADLINE); the server's result, or
    "refused: why". LinkSilent and StoreUnavailable come through: the queue stops there."""
    sent = json.loads(entry.request)
    if sent.get("kind") == rep.BADGE_PRINT:
        return _replay_badge_print(sent, link, event)
    when = When(datetime.fromisoformat(entry.at), datetime.fromisoformat(entry.desk_time))
    if sent.get("kind") == CORRECTION:
        return _replay_correction(sent, when, link, event, desk)
    request = ScanRequest(**sent)
    for attempt in (1, 2):
        try:
            decision = link.call(lambda: backend.decide(request, when=when, routed=False),
                                 REPLAY_DEADLINE)
        except (LinkSilent, StoreUnavailable):
            raise
        except (StoreError, ValueError) as exc:
            # Once more first: the scan's own first try may have committed meanwhile
            # (its UUID taken), which the second try answers. Then refused for good (a
            # walk-in's category gone…): kept with its reason, never retried forever
            # in front of the scans behind it.
            if attempt == 2:
                log.warning("replayed scan %s refused: %s", entry.uuid, exc)
                return f"refused: {exc}"[:200]
        else:
            return decision.answer.result if decision is not None else "not_a_code"
    raise AssertionError("unreachable")


def _replay_correction(sent: dict, when: When, link: Link, event: int, desk: str) -> str:
    """A correction made offline, on the server: by code, with the moment it was made.
    Sent twice (a kill between the server's commit and the local mark), the second
    finds nothing to change."""
    from checkin.core.registrants.corrections import correct_attendee

    fields = {k: sent[k] for k in ("first_name", "last_name", "organisation")}
    try:
        changes = link.call(lambda: correct_attendee(
            link.engine, event, None, code=sent["code"], actor=sent["operator"], desk=desk,
            clock=lambda: when.at, **fields), REPLAY_DEADLINE)
    except (LinkSilent, StoreUnavailable):
        raise
    except (StoreError, ValueError) as exc:
        log.warning("replayed correction of %s refused: %s", sent["code"], exc)
        return f"refused: {exc}"[:200]
    return "corrected" if changes else "unchanged"


def _replay_badge_print(sent: dict, link: Link, event: int) -> str:
    """A badge printed from the desk's copy, logged on the server (once: a kill before the
    local mark finds it there the second time)."""
    from checkin.store.queries import badges as q
    from checkin.store.queries.registrants import ID_BY_CODE
    from checkin.store.rows import aware

    printed_at = aware(sent["printed_at"])

    def on_server() -> str:
        with link.engine.begin() as conn:
            person = ID_BY_CODE.one(conn, event=event, code=sent["code"])
            if person is None:
                return "refused: unknown code"
            if q.PRINT_RECORDED.one(conn, attendee=person.id, desk=sent["desk"],
                                    printed_at=printed_at) is None:
                q.RECORD_PRINT.run(conn, attendee_id=person.id, layout=sent["layout"],
                                   desk=sent["desk"], operator=sent["operator"],
                                   printer=sent["printer"], reprint=bool(sent["reprint"]),
                                   printed_at=printed_at)
            return "printed"

    try:
        return link.call(on_server, REPLAY_DEADLINE)
    except (LinkSilent, StoreUnavailable):
        raise
    except StoreError as exc:
        log.warning("replayed badge print of %s refused: %s", sent["code"], exc)
        return f"refused: {exc}"[:200]


BATCH = 50  # scans replayed per server transaction: one commit (and its sync) for all


def kind_of(entry: rep.Outboxed) -> str:
    """"scan", CORRECTION or rep.BADGE_PRINT."""
    return json.loads(entry.request).get("kind", "scan")


def is_scan(entry: rep.Outboxed) -> bool:
    return kind_of(entry) == "scan"


def replay_batch(entries: list[rep.Outboxed], link: Link, backend: StoreBackend) -> list[str]:
    """Scan entries sent in one server transaction (a replay of 1 000 queued scans is then
    20 commits, not 1 000); the server's results in order. Any failure rolls the whole
    batch back: the caller sends those entries one at a time instead."""
    requests = [(ScanRequest(**json.loads(e.request)),
                 When(datetime.fromisoformat(e.at), datetime.fromisoformat(e.desk_time)))
                for e in entries]

    def run() -> list[str]:
        with link.engine.begin() as conn, backend.within(conn):
            out = []
            for request, when in requests:
                decision = backend.decide(request, when=when, routed=False)
                out.append(decision.answer.result if decision is not None else "not_a_code")
            return out

    return link.call(run, REPLAY_DEADLINE + 0.02 * len(entries))
