"""The day itself, without a screen: French dates, the desk's today against the event's
day in the event's zone, and why the rooms tab lists what it lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from checkin.core.event_day import Listing, check_day, long_date, rooms_listing

PARIS = ZoneInfo("Europe/Paris")
STARTS = datetime(2026, 12, 10, 7, 30, tzinfo=UTC)   # 08:30 in Amiens
ENDS = datetime(2026, 12, 10, 17, 0, tzinfo=UTC)     # 18:00


@pytest.mark.parametrize(("day", "language", "year", "text"), [
    (date(2026, 12, 12), "fr", True, "samedi 12 décembre 2026"),
    (date(2026, 12, 1), "fr", False, "mardi 1er décembre"),
    (date(2027, 8, 1), "fr", True, "dimanche 1er août 2027"),
    (date(2026, 2, 11), "fr", True, "mercredi 11 février 2026"),
    (date(2026, 12, 1), "en", True, "Tuesday 1 December 2026"),
])
def test_long_dates_are_written_as_people_write_them(day, language, year, text):
    assert long_date(day, language, year=year) == text


def test_the_event_day_is_the_day_in_the_event_zone_not_in_utc():
    just_after_midnight = datetime(2026, 12, 9, 23, 30, tzinfo=UTC)  # 00:30 on the 10th in Amiens
    assert check_day(just_after_midnight, STARTS, ENDS, PARIS).on_the_day
    late_the_day_before = datetime(2026, 12, 9, 22, 30, tzinfo=UTC)  # 23:30 on the 9th
    check = check_day(late_the_day_before, STARTS, ENDS, PARIS)
    assert not check.on_the_day and check.still_to_come


def test_another_day_gives_both_dates_today_without_its_year():
    check = check_day(datetime(2026, 12, 1, 9, 0, tzinfo=UTC), STARTS, ENDS, PARIS)
    assert check.dates("fr") == ("jeudi 10 décembre 2026", "mardi 1er décembre")
    later = check_day(datetime(2027, 1, 4, 9, 0, tzinfo=UTC), STARTS, ENDS, PARIS)
    assert not later.still_to_come
    assert later.dates("fr") == ("jeudi 10 décembre 2026", "lundi 4 janvier 2027")


@dataclass
class Slot:
    starts_at: datetime
    ends_at: datetime


def _at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=PARIS)


PROGRAMME = [Slot(_at(9, 15), _at(10)), Slot(_at(10, 30), _at(12)), Slot(_at(10, 30), _at(12)),
             Slot(_at(14), _at(17))]


@pytest.mark.parametrize(("now", "kind", "next_hour"), [
    (_at(9, 0, day=1), Listing.BEFORE_THE_DAY, 9),
    (_at(8, 0), Listing.NEXT_ONLY, 9),           # the day, before the first session
    (_at(9, 30), Listing.NOW_AND_NEXT, 10),
    (_at(12, 30), Listing.NEXT_ONLY, 14),        # the lunch break
    (_at(15, 0), Listing.NOW_ONLY, None),
    (_at(17, 30), Listing.OVER, None),
])
def test_the_rooms_listing_follows_now_and_next(now, kind, next_hour):
    listing = rooms_listing(PROGRAMME, now, PARIS)
    assert listing.kind is kind
    assert (listing.next_start.astimezone(PARIS).hour if listing.next_start else None) == next_hour
    assert listing.event_day == date(2026, 12, 10)


def test_after_the_event_day_nothing_is_listed_and_it_says_why():
    listing = rooms_listing(PROGRAMME, _at(10, day=11), PARIS)
    assert listing.kind is Listing.OVER and listing.on_another_day
    assert rooms_listing(PROGRAMME, _at(18), PARIS).on_another_day is False
    assert rooms_listing([], _at(9), PARIS).kind is Listing.NO_SESSIONS
