"""`checkin scan CODE|-`: scans from the command line, one answer each.

With `-`, codes are read one per line from stdin as a USB scanner types them, and each
answer is printed (and flushed) only after its scan is committed. When the store is out of
reach (a lock held past the busy timeout, a server stopped or cut off), the stream does
not end: it says so on stderr, tries the same scan again — with the same scan UUID, so a
commit whose reply was lost is answered as it was, never doubled — and the codes scanned
meanwhile wait in order on stdin, unanswered, until it is back.

On a shared PostgreSQL server, `scan -` is a desk like the window
(checkin.core.admission.offline_desk): a scan the server does not answer within 1.5 s is
decided on the desk's local copy and queued, the link's state is said on stderr as it
changes, and the queue is sent in order when the server is back.
"""

from __future__ import annotations

import argparse
import itertools
import json
import socket
import sys
import time
import uuid
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from checkin.cli.common import (
    EXIT_OK, EXIT_REFUSED, UsageError, event_zone, json_flag, pick_event, pick_session, user_words,
)

if TYPE_CHECKING:
    from checkin.core.admission.scan import ScanAnswer, ScanService
    from checkin.core.messages import Words


def add_parser(sub: Any) -> None:
    scan = sub.add_parser("scan", help="scan a ticket code at the entrance (exit 0 admitted, "
                                       "1 refused: unknown, already in, cancelled…)")
    scan.add_argument("code", help="the ticket code, or - to read one code per line from stdin")
    scan.add_argument("--desk", metavar="D", help="desk name recorded with the scan "
                                                  "(default: this computer's name)")
    scan.add_argument("--session", metavar="ID",
                      help="scan at this session's door (its key, e.g. atelier-charte, or "
                           "number): full rooms and audience restrictions apply")
    scan.add_argument("--exit", action="store_true", help="a person leaving the venue "
                                                          "(or the session, with --session)")
    scan.add_argument("--override", action="store_true",
                      help="coordinator: admit at the door despite a full room or an audience "
                           "restriction (journaled)")
    scan.add_argument("--undo", action="store_true",
                      help="undo this person's last scan made at this desk")
    scan.add_argument("--event", metavar="KEY")
    json_flag(scan)
    scan.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from checkin.store import open_store, resolve_url

    if args.code == "-" and resolve_url(args.db).startswith("postgresql"):
        return _desk_stream(resolve_url(args.db), args)
    engine = open_store(args.db)
    event = pick_event(engine, args.event)
    session = pick_session(engine, event, args.session) if args.session else None
    if args.override and session is None:
        raise UsageError("--override is for a session door: name the session with --session")
    if args.override and args.exit:
        raise UsageError("--override admits someone; it does not apply to --exit")
    service = desk_service(engine, event, args)
    tz = event_zone(engine, event)
    words = None if args.json else user_words()
    def act(code: str, scan_uuid: str | None = None) -> ScanAnswer:
        if args.undo:
            return service.undo_last(code)
        return service.scan(code, exit=args.exit, session_id=session, override=args.override,
                            scan_uuid=scan_uuid)

    if args.code != "-":
        answer = act(args.code)
        print_answer(answer, args.json, tz, words)
        return EXIT_OK if answer.accepted else EXIT_REFUSED
    told = words or user_words()  # stderr speaks the user's language, --json or not
    for line in sys.stdin:
        if not line.strip():
            continue
        print_answer(until_recorded(act, line, told), args.json, tz, words)
    return EXIT_OK


RETRY_S = (0.5, 1.0, 2.0, 3.0)  # then every 3 s: a link's return is noticed within 3 s


def until_recorded(act: Any, line: str, words: Words,
                   sleep: Any = time.sleep) -> ScanAnswer:
    """The scan's answer once it is committed, however long the store is away. The UUID
    is made once, before the first try: a retry after a commit whose reply was lost gets
    that scan's answer back (ScanService's replay), not a second scan."""
    from checkin.store import StoreUnavailable

    scan_uuid = str(uuid.uuid4())
    waited_since: float | None = None
    for attempt in itertools.count():
        try:
            answer = act(line, scan_uuid)
        except StoreUnavailable as exc:
            if waited_since is None:
                waited_since = time.monotonic()
                print(f"checkin: {words('stream.waiting', exc, _seconds(RETRY_S[-1], words))}",
                      file=sys.stderr, flush=True)
            sleep(RETRY_S[min(attempt, len(RETRY_S) - 1)])
            continue
        if waited_since is not None:
            gone = _seconds(time.monotonic() - waited_since, words)
            print(f"checkin: {words('stream.back', gone)}",
                  file=sys.stderr, flush=True)
        return answer
    raise AssertionError("itertools.count() never ends")


def _seconds(value: float, words: Words) -> str:
    """Seconds as the words around them write numbers (0,5 in French)."""
    from checkin.core.numbers import format_number

    shown = round(value) if value >= 10 else round(value, 1)
    return format_number(int(shown) if shown == int(shown) else shown, words.lang)


SETTLE_S = 10.0  # at the stream's end, what a reachable server gets to take the queue


def _desk_stream(url: str, args: argparse.Namespace) -> int:
    """`scan -` on a shared server: a desk with its replica and outbox. It starts even when
    the server does not answer, from the copy of the event it kept last time."""
    import threading

    from checkin.core.admission.desk_backend import ScanRequest
    from checkin.core.admission.desk_status import DeskStatus, status_words
    from checkin.core.admission.offline_desk import OfflineDesk
    from checkin.store.replica import default_replica_path

    words = None if args.json else user_words()
    told = words or user_words()
    desk_name = args.desk or socket.gethostname()
    replica_path = default_replica_path(url, desk_name)
    event, session, tz = _desk_event(url, replica_path, args, told)
    said = ""
    lock = threading.Lock()

    def say(status: DeskStatus) -> None:
        nonlocal said
        line = status_words(status, told)
        shown = "online" if line == told("desk.online") else status.state.value
        with lock:  # once per change of state, not once per queued scan
            if shown == said:
                return
            said = shown
        print(f"checkin: {line}", file=sys.stderr, flush=True)

    desk = OfflineDesk(url, replica_path, event, desk=desk_name, on_status=say).start()
    try:
        def act(code: str, scan_uuid: str | None = None) -> ScanAnswer:
            decision = desk.decide(ScanRequest(
                code, "cli", exit=args.exit, session_id=session, override=args.override,
                undo=args.undo, uuid=scan_uuid))
            assert decision is not None  # only a terminator-less burst may be no scan
            return decision.answer

        for line in sys.stdin:
            if line.strip():
                print_answer(until_recorded(act, line, told), args.json, tz, words)
        left = desk.settle(SETTLE_S).waiting
        if left:
            print(f"checkin: {told('desk.left_waiting', n=left)}", file=sys.stderr, flush=True)
    finally:
        desk.close()
    return EXIT_OK


def _desk_event(url: str, replica_path: Any, args: argparse.Namespace,
                told: Words) -> tuple[int, int | None, tzinfo]:
    """The event, door and time zone the stream scans for: read on the server, else on the
    desk's copy; with neither, it waits for the server (it never exits on a store error)."""
    from checkin.store import StoreUnavailable, open_store
    from checkin.store.replica import open_replica

    def read(engine: Any) -> tuple[int, int | None, tzinfo]:
        event = pick_event(engine, args.event)
        session = pick_session(engine, event, args.session) if args.session else None
        if args.override and session is None:
            raise UsageError("--override is for a session door: name the session with --session")
        return event, session, event_zone(engine, event)

    waited = False
    while True:
        try:
            server = open_store(url)
        except StoreUnavailable as exc:
            if replica_path.exists():
                copy = open_replica(replica_path)
                try:
                    return read(copy)
                except UsageError:
                    pass  # no copy of the event yet (or not this one): wait for the server
                finally:
                    copy.dispose()
            if not waited:
                print(f"checkin: {told('stream.waiting', exc, _seconds(RETRY_S[-1], told))}",
                      file=sys.stderr, flush=True)
                waited = True
            time.sleep(RETRY_S[-1])
            continue
        try:
            return read(server)
        finally:
            server.dispose()


def desk_service(engine: Any, event: int, args: argparse.Namespace) -> ScanService:
    from checkin.core.admission.scan import ScanService

    return ScanService(engine, event, desk=args.desk or socket.gethostname(), operator="cli")


def print_answer(answer: ScanAnswer, as_json: bool, tz: tzinfo | None = None,
                 words: Words | None = None) -> None:
    """One line: JSON (English codes, for scripts), or for a person the answer's headline
    as the desk shows it, the code, who, where, and why — in `words`' language."""
    if as_json:
        out = json.dumps(answer.to_json(), ensure_ascii=False)
    else:
        from checkin.core.admission.answer_words import headline, seats_left, shown_reason
        from checkin.core.messages import ENGLISH

        words = words or ENGLISH
        who = f"{answer.first_name} {answer.last_name}".strip()
        parts = [headline(answer, words, tz), answer.code]
        if who:
            parts.append(who + (f" — {answer.organisation}" if answer.organisation else ""))
        if answer.session_title:
            seats = "" if answer.seats_left is None else ", " + seats_left(answer.seats_left, words)
            parts.append(f"[{answer.session_title} — {answer.room}{seats}]")
        if answer.attention_text:
            parts.append(words("answer.attention", answer.attention_text))
        reason = shown_reason(answer, words)
        if reason:
            parts.append(f"({reason})")
        out = "  ".join(parts)
    print(out, flush=True)  # only ever after the commit: a printed answer is durable
