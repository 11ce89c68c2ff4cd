"""Time: every rule that depends on "now" takes a Clock, so tests and `--at` can set it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    if moment.tzinfo is None:
        raise ValueError("a fixed clock needs an aware datetime")
    return lambda: moment


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def local_moment(day: date, hhmm: str | time, tz: ZoneInfo) -> datetime:
    """Event-local wall-clock time on a day -> aware UTC datetime."""
    t = hhmm if isinstance(hhmm, time) else parse_hhmm(hhmm)
    return datetime.combine(day, t, tzinfo=tz).astimezone(UTC)


def parse_hhmm(text: str) -> time:
    """"9:05", "09:05" or "09h05" -> time; ValueError with the text otherwise."""
    raw = str(text).strip().lower().replace("h", ":")
    parts = raw.split(":")
    if len(parts) == 2 and parts[1] == "":
        parts[1] = "0"
    try:
        hours, minutes = (int(p) for p in parts[:2]) if len(parts) in (2, 3) else (None, None)
        return time(hours, minutes)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{text!r} is not a time (expected HH:MM)") from None
