"""The core's words for people, by a stable code: one catalogue for the desk window, the
command line and the import reports, in English here and in French in the Qt Linguist
catalogue (resources/i18n/checkin_fr.ts, context "Messages").

No Qt here: the English texts are marked the way pyside6-lupdate reads them (it looks at
the calls' shape, not at what they import), and whoever shows a message hands `Words` a
lookup into the compiled catalogue — Qt's installed translator in the window, a
QTranslator on the same .qm for the command line. Codes (a scan's `result` and `reason`)
stay in English in the store and in `--json`; only what a person reads is translated.

Counts go through Qt's plural forms (%n): the French catalogue fills both forms ("1 ligne",
"2 lignes"); untranslated English keeps its source, whose "(s)" is resolved here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from checkin.core.numbers import format_number, format_time

CONTEXT = "Messages"  # written out literally in each mark below: lupdate reads no variables
LANGUAGES = ("fr", "en")
LANG_ENV = "CHECKIN_LANG"

# (context, English source, n or -1) -> the catalogue's text, %n left in place; "" if none.
Lookup = Callable[[str, str, int], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for pyside6-lupdate and returns it unchanged, as Qt's macro does."""
    return text


class _Counted:
    """pyside6-lupdate has no QT_TRANSLATE_N_NOOP: it makes a message plural ("numerus")
    when it sees `….translate(context, text, disambiguation, <a literal number>)`. This
    no-op has that shape."""

    @staticmethod
    def translate(context: str, text: str, disambiguation: str = "", n: int = 0) -> str:
        return text


@dataclass(frozen=True)
class Message:
    code: str
    text: str             # the English source: %1, %2… for values, %n for the count
    counts: bool = False  # a plural message: say it with n=


_MESSAGES = (
    # The catalogue's own language ("fr" in the French one), as Qt's QT_LAYOUT_DIRECTION:
    # numbers and times are written for whoever reads the words around them.
    Message("language", QT_TRANSLATE_NOOP("Messages", "en")),
    # What a scan answer says first: the desk's headline, the first words of `checkin scan`.
    Message("answer.welcome", QT_TRANSLATE_NOOP("Messages", "Welcome!")),
    Message("answer.welcome_session", QT_TRANSLATE_NOOP("Messages", "Welcome to the session")),
    Message("answer.override", QT_TRANSLATE_NOOP("Messages", "Admitted by override")),
    Message("answer.already_in", QT_TRANSLATE_NOOP("Messages", "Already in")),
    Message("answer.already_in_since",
            QT_TRANSLATE_NOOP("Messages", "Already in since %1 (desk %2)")),
    Message("answer.misread", QT_TRANSLATE_NOOP("Messages", "Badge misread")),
    Message("answer.unknown_code", QT_TRANSLATE_NOOP("Messages", "Unknown code")),
    Message("answer.cancelled", QT_TRANSLATE_NOOP("Messages", "Cancelled ticket")),
    Message("answer.not_eligible", QT_TRANSLATE_NOOP("Messages", "Not for this workshop")),
    Message("answer.session_full", QT_TRANSLATE_NOOP("Messages", "Room full")),
    Message("answer.exited", QT_TRANSLATE_NOOP("Messages", "Checked out — see you soon")),
    Message("answer.not_inside", QT_TRANSLATE_NOOP("Messages", "Not inside")),
    Message("answer.undone", QT_TRANSLATE_NOOP("Messages", "Scan undone: it no longer counts")),
    Message("answer.seats_left", _Counted.translate("Messages", "%n seat(s) left", "", 0), True),
    Message("answer.attention", QT_TRANSLATE_NOOP("Messages", "Attention: %1")),
    # Why a scan was refused (or let through): the English texts are the `reason` codes
    # the store and --json keep, so a stored reason (a replayed scan) is understood too.
    Message("reason.empty", QT_TRANSLATE_NOOP("Messages", "empty scan")),
    Message("reason.garbled", QT_TRANSLATE_NOOP(
        "Messages", "garbled: the scanner types for another keyboard layout")),
    Message("reason.unknown", QT_TRANSLATE_NOOP("Messages", "no registrant has this code")),
    Message("reason.no_session", QT_TRANSLATE_NOOP("Messages", "no session %1 in this event")),
    Message("reason.cancelled", QT_TRANSLATE_NOOP("Messages", "this ticket was cancelled")),
    Message("reason.not_inside", QT_TRANSLATE_NOOP("Messages", "not inside")),
    Message("reason.already_inside", QT_TRANSLATE_NOOP("Messages", "already inside")),
    Message("reason.reserved_for", QT_TRANSLATE_NOOP("Messages", "reserved for %1")),
    Message("reason.seats_taken", QT_TRANSLATE_NOOP("Messages", "%1 of %2 seats taken")),
    Message("reason.seats_taken_held", QT_TRANSLATE_NOOP(
        "Messages", "%1 of %2 seats taken, %3 held for booked people")),
    Message("reason.override", QT_TRANSLATE_NOOP("Messages", "override: %1")),
    Message("reason.walk_in", QT_TRANSLATE_NOOP("Messages", "walk-in")),
    Message("reason.nothing_to_undo", QT_TRANSLATE_NOOP("Messages", "nothing to undo at this desk")),
    Message("reason.undoes", QT_TRANSLATE_NOOP("Messages", "undoes scan %1 (%2)")),
    # Exports: what the window and `checkin export` say once the file is written.
    Message("export.written", _Counted.translate("Messages", "Written: %1 (%n row(s)).", "", 0),
            True),
    Message("export.written_stats", _Counted.translate(
        "Messages", "Written: %1 (%n registrant(s) counted).", "", 0), True),
    Message("export.done", _Counted.translate(
        "Messages", "%1: %n row(s) (%2, %3) in %4 s.", "", 0), True),
    Message("export.done_stats", _Counted.translate(
        "Messages", "%1: %n registrant(s) counted (%2, %3) in %4 s.", "", 0), True),
    # Imports: a file's rows, and what an import did (one count per part of the summary).
    Message("import.layout_rows", _Counted.translate("Messages", "Layout: %1 · %n row(s)", "", 0),
            True),
    Message("import.added", _Counted.translate("Messages", "%n added", "", 0), True),
    Message("import.updated", _Counted.translate("Messages", "%n updated", "", 0), True),
    Message("import.unchanged", _Counted.translate("Messages", "%n unchanged", "", 0), True),
    Message("import.cancelled", _Counted.translate("Messages", "%n cancelled", "", 0), True),
    Message("import.skipped", _Counted.translate("Messages", "%n skipped", "", 0), True),
    Message("import.enrollments", _Counted.translate("Messages", "%n enrollment(s)", "", 0), True),
    Message("import.waitlisted", _Counted.translate("Messages", "(%n waitlisted)", "", 0), True),
    Message("import.summary", QT_TRANSLATE_NOOP("Messages", "%1; %2 %3.")),
    # `checkin scan -` when the store is out of reach: it waits, it never exits (stderr).
    Message("stream.waiting", QT_TRANSLATE_NOOP(
        "Messages", "Store unavailable: %1 — this scan and the next ones wait, unanswered, "
                    "until it is back (trying again every %2 s).")),
    Message("stream.back", QT_TRANSLATE_NOOP(
        "Messages", "Store back after %1 s: the waiting scans are being recorded.")),
    # A desk on a shared server: the link's state, in the window and on stderr for `scan -`.
    Message("desk.online", QT_TRANSLATE_NOOP("Messages", "Online")),
    Message("desk.offline", _Counted.translate(
        "Messages", "Offline — %n scan(s) waiting", "", 0), True),
    Message("desk.syncing", _Counted.translate(
        "Messages", "Synchronising… %n scan(s) to send", "", 0), True),
    Message("desk.left_waiting", _Counted.translate(
        "Messages", "%n scan(s) still wait on this desk: they are sent at its next start.",
        "", 0), True),
    Message("desk.no_copy", QT_TRANSLATE_NOOP(
        "Messages", "Offline, and this desk has no copy of the event yet: the scan waits "
                    "until the server answers.")),
    # The shipped badge layouts (resources/badges/*.toml): their name and stock, by file.
    Message("layout.a6.name", QT_TRANSLATE_NOOP("Messages", "A6 portrait, 4 per A4")),
    Message("layout.a6.stock", QT_TRANSLATE_NOOP(
        "Messages", "A6 card or A4 card cut in four (105 × 148 mm)")),
    Message("layout.a7.name", QT_TRANSLATE_NOOP("Messages", "A7 landscape, 8 per A4")),
    Message("layout.a7.stock", QT_TRANSLATE_NOOP(
        "Messages", "A7 card or A4 card cut in eight (105 × 74 mm)")),
    Message("layout.brother-ql-62x100.name",
            QT_TRANSLATE_NOOP("Messages", "Brother QL 62×100 mm die-cut")),
    Message("layout.brother-ql-62x100.stock", QT_TRANSLATE_NOOP(
        "Messages", "Brother QL-series label printer, DK-11202 die-cut 62 × 100 mm "
                    "(printed landscape)")),
    Message("layout.durable-1456.name",
            QT_TRANSLATE_NOOP("Messages", "DURABLE 1456, 90×60 mm, 8 per A4")),
    Message("layout.durable-1456.stock", QT_TRANSLATE_NOOP(
        "Messages", "DURABLE 1456 micro-perforated A4 card for 60 × 90 mm badge holders, 2 × 4")),
    Message("layout.dymo-30856.name", QT_TRANSLATE_NOOP("Messages", "DYMO 30856, 62×106 mm")),
    Message("layout.dymo-30856.stock", QT_TRANSLATE_NOOP(
        "Messages", "DYMO LabelWriter 30856 name badge cards, 62 × 106 mm (printed landscape)")),
    Message("layout.insert-4x3in.name",
            QT_TRANSLATE_NOOP("Messages", "4×3 in inserts, 6 per Letter")),
    Message("layout.insert-4x3in.stock", QT_TRANSLATE_NOOP(
        "Messages", "4 × 3 in badge inserts, micro-perforated Letter card "
                    "(e.g. Avery 5392 / 74459 style)")),
    Message("layout.label-80x50.name",
            QT_TRANSLATE_NOOP("Messages", "80×50 mm labels, 10 per A4")),
    Message("layout.label-80x50.stock", QT_TRANSLATE_NOOP(
        "Messages", "HERMA 4412 / Avery L4785 self-adhesive name badges, 80 × 50 mm, 2 × 5 on A4")),
)
CATALOGUE: dict[str, Message] = {m.code: m for m in _MESSAGES}
_PLACEHOLDER = re.compile(r"%(\d)")
# A stored reason back to its message and values ("reserved for X" -> reason.reserved_for, X).
# Those that open with words are tried first: "override: 3 of 3 seats taken" is an override
# of a full room, not a room whose "override: 3" seats are taken.
_REASONS = [(m.code, re.compile(_PLACEHOLDER.sub("(.+)", re.escape(m.text).replace(r"\%", "%"))))
            for m in sorted(_MESSAGES, key=lambda m: m.text.startswith("%"))
            if m.code.startswith("reason.")]


def english_plural(text: str, count: int) -> str:
    """An untranslated "%n seat(s) left" reads right in English too: "(s)" goes or stays."""
    return text.replace("(s)", "" if count == 1 else "s")


def pick_language(requested: str | None, system: str) -> str:
    """"fr" or "en": the desk's choice, else $CHECKIN_LANG, else the system's language (a
    locale name such as "fr_FR"). The window and the command line both ask here."""
    lang = (requested or os.environ.get(LANG_ENV) or system).lower()
    return "fr" if lang.startswith("fr") else "en"


def _untranslated(context: str, text: str, n: int) -> str:
    return ""


@dataclass(frozen=True)
class Words:
    """The catalogue in one language: `words("answer.unknown_code")`,
    `words("export.written", path, n=rows)`. Without a lookup, English."""

    lang: str = "en"
    lookup: Lookup = _untranslated

    def __call__(self, code: str, *values: object, n: int | None = None) -> str:
        message = CATALOGUE[code]
        if message.counts != (n is not None):
            raise TypeError(f"{code}: a count {'is' if message.counts else 'is not'} expected")
        text = self.lookup(CONTEXT, message.text, -1 if n is None else n) or message.text
        if n is not None:
            if text == message.text:
                text = english_plural(text, n)
            text = text.replace("%n", self.number(n))
        return _fill(text, values)

    def known(self, text: str) -> str:
        """A text that may be one of the catalogue's English sources (a shipped layout's
        name), translated; anything else as it is (a layout a user wrote)."""
        return self.lookup(CONTEXT, text, -1) or text

    def reason(self, reason: str) -> str:
        """A scan's stored reason, in words; one the catalogue does not know, as it is."""
        for code, pattern in _REASONS:
            found = pattern.fullmatch(reason)
            if found:
                return self(code, *(self.reason(v) for v in found.groups()))
        return reason

    def number(self, value: int | float, decimals: int | None = None) -> str:
        return format_number(value, self.lang, decimals)

    def time(self, moment: datetime) -> str:
        return format_time(moment, self.lang)


ENGLISH = Words()


def import_counts(words: Words, *, added: int, updated: int, unchanged: int, cancelled: int,
                  skipped: int, enrollments: int, waitlisted: int) -> str:
    """What an import did, one plural per count: "2 added, 0 updated, …; 84 enrollments
    (0 waitlisted)." (a sentence of seven counts has no single plural form)."""
    people = ", ".join(words(code, n=count) for code, count in (
        ("import.added", added), ("import.updated", updated), ("import.unchanged", unchanged),
        ("import.cancelled", cancelled), ("import.skipped", skipped)))
    return words("import.summary", people, words("import.enrollments", n=enrollments),
                 words("import.waitlisted", n=waitlisted))


def _fill(text: str, values: tuple[object, ...]) -> str:
    """%1, %2… replaced in one pass: a value holding "%2" is not filled again."""
    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if 0 <= index < len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, text) if values else text
