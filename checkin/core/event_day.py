"""The day itself: is the desk's today the event's day, and which rooms can be listed now.

A desk opened on another day still records every scan (a rehearsal, a test the week
before, a clock set wrong), but the volunteer must know, and a coordinator must know
why the rooms tab lists one session or none. Both are decided here, without Qt, from
the clock and the event's own dates, always in the event's time zone: at 00:30 in
Amiens it is already the event's day, whatever zone the desk's computer is set to.

Dates are written here, not by the operating system's locale: a desk's locale is often
wrong (English Windows in a French town hall), and French wants « 1er » for the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import Enum
from typing import Protocol

FRENCH_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")


def long_date(day: date, language: str = "fr", *, year: bool = True) -> str:
    """« samedi 12 décembre 2026 », « mardi 1er décembre »; "Saturday 12 December 2026"
    in English (any language but "fr")."""
    if language == "fr":
        number = "1er" if day.day == 1 else str(day.day)
        text = f"{FRENCH_WEEKDAYS[day.weekday()]} {number} {FRENCH_MONTHS[day.month - 1]}"
    else:
        text = f"{ENGLISH_WEEKDAYS[day.weekday()]} {day.day} {ENGLISH_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


@dataclass(frozen=True)
class DayCheck:
    """The desk's today and the event's day(s), both as calendar days in the event's zone."""

    today: date
    first_day: date
    last_day: date   # the same day for a one-day event; later if it ends after midnight

    @property
    def on_the_day(self) -> bool:
        return self.first_day <= self.today <= self.last_day

    @property
    def still_to_come(self) -> bool:
        return self.today < self.first_day

    def dates(self, language: str = "fr") -> tuple[str, str]:
        """(the event's day, today) as the banner writes them: the event with its year,
        today without it unless the years differ (« pas aujourd'hui (mardi 1er décembre) »)."""
        return (long_date(self.first_day, language),
                long_date(self.today, language, year=self.today.year != self.first_day.year))


def check_day(now: datetime, starts_at: datetime, ends_at: datetime, tz: tzinfo) -> DayCheck:
    """`now` from the desk's clock; the event's start and end as stored (aware)."""
    first = starts_at.astimezone(tz).date()
    return DayCheck(today=now.astimezone(tz).date(), first_day=first,
                    last_day=max(first, ends_at.astimezone(tz).date()))


class Timed(Protocol):
    @property
    def starts_at(self) -> datetime: ...

    @property
    def ends_at(self) -> datetime: ...


class Listing(Enum):
    """Why the rooms tab lists what it lists (see monitoring.occupancy.now_and_next)."""

    NO_SESSIONS = "no_sessions"      # the programme has none
    BEFORE_THE_DAY = "before"        # another, earlier day: only the first slot is next
    NOW_AND_NEXT = "now_and_next"    # under way, then the next slot to start
    NOW_ONLY = "now_only"            # under way; none starts later
    NEXT_ONLY = "next_only"          # nothing under way (a break): the next slot
    OVER = "over"                    # every session has ended


@dataclass(frozen=True)
class RoomsListing:
    kind: Listing
    event_day: date | None = None        # the day of the first session, in the event's zone
    next_start: datetime | None = None   # when the next slot listed starts
    on_another_day: bool = False         # today is not the day of the sessions


def rooms_listing(sessions: Sequence[Timed], at: datetime, tz: tzinfo) -> RoomsListing:
    """The rule of now_and_next told in words: sessions under way at `at`, then those of
    the next start time — so, on any day before the event's, its first slot only."""
    if not sessions:
        return RoomsListing(Listing.NO_SESSIONS)
    day = min(s.starts_at for s in sessions).astimezone(tz).date()
    last_day = max(s.ends_at for s in sessions).astimezone(tz).date()
    today = at.astimezone(tz).date()
    other_day = not day <= today <= last_day
    under_way = any(s.starts_at <= at < s.ends_at for s in sessions)
    later = [s.starts_at for s in sessions if s.starts_at > at]
    next_start = min(later) if later else None
    if next_start is None and not under_way:
        kind = Listing.OVER
    elif today < day:
        kind = Listing.BEFORE_THE_DAY
    elif under_way:
        kind = Listing.NOW_AND_NEXT if next_start else Listing.NOW_ONLY
    else:
        kind = Listing.NEXT_ONLY
    return RoomsListing(kind, day, next_start, other_day)
