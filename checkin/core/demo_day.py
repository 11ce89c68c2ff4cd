"""The day the sample event takes place: its file's own, or one the demo is asked for
(checkin.core.demo.load_demo moves a stored one).

Someone trying the desk today wants the sample to happen today: a scan routes to the
sessions of the hour, the rooms tab fills, no wrong-day banner. Every time keeps its
wall-clock time in the event's zone (09:15 stays 09:15 in Amiens, across a change
between summer and winter time), so the programme is the same on whichever day it is put.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from checkin.core.clock import local_moment, zone
from checkin.core.programme.event_file import Programme, read_programme, sample_event_path


def sample_zone() -> ZoneInfo:
    return zone(read_programme(sample_event_path()).event["timezone"])


def sample_today(now: datetime) -> date:
    """The calendar day `now` falls on where the sample event takes place."""
    return now.astimezone(sample_zone()).date()


def shifted(moment: datetime, days: int, tz: ZoneInfo) -> datetime:
    """The same wall-clock time `days` later (or earlier) in `tz`, as UTC."""
    local = moment.astimezone(tz)
    return local_moment(local.date() + timedelta(days=days), local.time(), tz)


def programme_on(programme: Programme, day: date) -> Programme:
    """The parsed event file, every time moved to `day` (nothing else changes)."""
    tz = zone(programme.event["timezone"])
    days = (day - programme.event["starts_at"].astimezone(tz).date()).days
    if not days:
        return programme
    event = dict(programme.event, date=day)
    for name in ("starts_at", "ends_at"):
        event[name] = shifted(event[name], days, tz)
    sessions = [dict(s, starts_at=shifted(s["starts_at"], days, tz),
                     ends_at=shifted(s["ends_at"], days, tz)) for s in programme.sessions]
    return replace(programme, event=event, sessions=sessions)
