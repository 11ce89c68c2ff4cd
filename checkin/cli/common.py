"""What every command shares: exit codes, the usage error, output, progress on a terminal,
and naming the event, a session and a moment of its day.

Heavy imports (SQLAlchemy, the models) wait inside the functions, so that `checkin --help`
and a command's bad usage answer without loading the store.
"""

from __future__ import annotations

import argparse
import getpass
import json
import socket
import sys
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checkin.core.messages import Words

EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT = 0, 1, 2

Progress = Callable[[int, int], None]


class UsageError(Exception):
    """Bad input from the user: the message is printed and the exit status is 2."""


def json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def count(text: str) -> int:
    """An argparse type: a whole number, 0 or more (`100_000` is accepted)."""
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """The command's report: JSON with --json, else the text for a person."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str) if args.json else text)


def print_problems(title: str, lines: list[str]) -> None:
    """A refusal on stderr: one heading, then one line per problem."""
    print(f"checkin: {title}", file=sys.stderr)
    for line in lines:
        print(f"  - {line}", file=sys.stderr)


def progress(label: str) -> Progress:
    """`label: done/total` on a terminal's stderr; silent when stderr is a file or a pipe."""
    tty = sys.stderr.isatty()

    def report(done: int, total: int) -> None:
        if tty and total:
            end = "\n" if done >= total else ""
            print(f"\r{label}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return report


def user_words() -> Words:
    """The core's messages in the user's language: the desk's choice on this workstation,
    else $CHECKIN_LANG, else the system's (checkin.core.messages.pick_language, as the
    window), read from the same compiled catalogue the window loads. Qt's translator is
    used directly: no application object is needed for it. English if the catalogue
    cannot be read (words in one language, numbers written for it)."""
    from PySide6.QtCore import QLocale, QTranslator

    from checkin.core.messages import Words, pick_language
    from checkin.resources import resource_path
    from checkin.ui.desk_settings import DeskSettings, open_settings

    lang = pick_language(DeskSettings(open_settings()).language_override, QLocale.system().name())
    if lang == "en":
        return Words("en")
    translator = QTranslator()
    if not translator.load(str(resource_path("i18n", f"checkin_{lang}.qm"))):
        return Words("en")
    _keep.append(translator)
    return Words(lang, lambda context, text, n: translator.translate(context, text, None, n) or "")


_keep: list[Any] = []  # the translators handed out, alive as long as the command runs


def cli_actor() -> tuple[str, str]:
    """(actor, desk) recorded in the journal for a command-line action."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name in some containers
        user = "unknown"
    return f"cli:{user}", socket.gethostname()


def refuse_missing_store(db: str | None) -> None:
    """Looking must not create: a mistyped path would leave an empty store behind."""
    from sqlalchemy.engine import make_url

    from checkin.store import resolve_url

    url = make_url(resolve_url(db))
    database = url.database or ""
    if url.get_backend_name() == "sqlite" and database and not database.startswith("file:") \
            and database != ":memory:" and not Path(database).exists():
        raise UsageError(f"there is no store at {database}")


def pick_event(engine: Any, key: str | None) -> int:
    """The event named by --event, or the only one in the store."""
    from checkin.store.queries.cli import EVENT_KEYS

    with engine.connect() as conn:
        events = EVENT_KEYS.all(conn)
    keys = ", ".join(e.key for e in events)
    if key:
        for event in events:
            if event.key == key:
                return event.id
        raise UsageError(f"no event '{key}' in this store (events: {keys or 'none'})")
    if len(events) == 1:
        return events[0].id
    if not events:
        raise UsageError("this store has no event yet: load an event file (.toml) first")
    raise UsageError(f"this store has several events; say which with --event ({keys})")


def pick_session(engine: Any, event_id: int, ref: str) -> int:
    """A session named by its key (as in the event file) or its number."""
    from checkin.store.queries.cli import SESSION_KEYS

    with engine.connect() as conn:
        sessions = SESSION_KEYS.all(conn, event=event_id)
    for session in sessions:
        if ref == session.key or ref == str(session.id):
            return session.id
    raise UsageError(f"no session '{ref}' in this event (sessions: "
                     f"{', '.join(s.key for s in sessions) or 'none'})")


def event_moment(engine: Any, event_id: int, hhmm: str | None) -> datetime:
    """Now, or HH:MM on the event's day in the event's time zone (`--at`)."""
    from checkin.core.clock import local_moment, system_clock, zone

    if not hhmm:
        return system_clock()
    event = _event_head(engine, event_id)
    tzinfo_ = zone(event.timezone)
    try:
        return local_moment(event.starts_at.astimezone(tzinfo_).date(), hhmm, tzinfo_)
    except ValueError as exc:
        raise UsageError(f"--at: {exc}") from None


def event_zone(engine: Any, event_id: int) -> tzinfo:
    from checkin.core.clock import zone

    return zone(_event_head(engine, event_id).timezone)


def _event_head(engine: Any, event_id: int) -> Any:
    from checkin.store.queries.monitoring import EVENT_HEAD

    with engine.connect() as conn:
        event = EVENT_HEAD.one(conn, event=event_id)
    if event is None:
        raise UsageError(f"no event {event_id} in this store")
    return event


def hhmm(moment: datetime, tz: tzinfo) -> str:
    return f"{moment.astimezone(tz):%H:%M}"
