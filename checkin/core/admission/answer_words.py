"""What a scan answer says to a person, in their language: the desk's headline and the
first words of `checkin scan`, one choice of words for both (checkin.core.messages).

The answer itself keeps its English codes (`result`, `reason`): the store and `--json`
depend on them; these functions only read them.
"""

from __future__ import annotations

from datetime import tzinfo

from checkin.core.admission.scan import GARBLED, ScanAnswer
from checkin.core.messages import ENGLISH, Words
from checkin.store.vocabulary import ScanResult

_HEADLINES = {
    ScanResult.UNKNOWN_CODE: "answer.unknown_code",
    ScanResult.CANCELLED: "answer.cancelled",
    ScanResult.NOT_ELIGIBLE: "answer.not_eligible",
    ScanResult.SESSION_FULL: "answer.session_full",
    ScanResult.EXITED: "answer.exited",
    ScanResult.NOT_INSIDE: "answer.not_inside",
    ScanResult.UNDONE: "answer.undone",
}


def headline(answer: ScanAnswer, words: Words, tz: tzinfo | None = None) -> str:
    """The answer in a few words. Someone already inside is told when and where they
    came in (in the event's time zone `tz`): the volunteer can say so."""
    a = answer
    if a.result == ScanResult.ADMITTED:
        if a.overridden:
            return words("answer.override")
        return words("answer.welcome_session" if a.session_title else "answer.welcome")
    if a.result == ScanResult.ALREADY_IN:
        if a.first_entry_at is None:
            return words("answer.already_in")
        since = a.first_entry_at.astimezone(tz) if tz else a.first_entry_at
        return words("answer.already_in_since", words.time(since), a.first_entry_desk or "?")
    if a.reason == GARBLED:
        return words("answer.misread")
    code = _HEADLINES.get(a.result)
    return words(code) if code else a.result


# Reasons that only say the headline again ("Cancelled ticket (this ticket was cancelled)").
_SAID_BY_HEADLINE = frozenset(ENGLISH(code) for code in (
    "reason.cancelled", "reason.not_inside", "reason.already_inside"))


def shown_reason(answer: ScanAnswer, words: Words) -> str:
    """Why, when a refusal or an override has a reason worth reading; else "". (Someone
    already inside is told when in the headline.)"""
    a = answer
    if (not a.reason or a.reason in _SAID_BY_HEADLINE or a.first_entry_at is not None
            or (a.accepted and not a.overridden)):
        return ""
    return words.reason(a.reason)


def seats_left(count: int, words: Words) -> str:
    return words("answer.seats_left", n=count)
