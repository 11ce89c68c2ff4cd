"""Turning one spreadsheet row into a registrant record: names, statuses, dates, flags."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from checkin.core.text import fold

_TRUE = {"oui", "yes", "true", "vrai", "1", "x", "o", "y"}
_CANCELLED = ("annul", "rembours", "cancel", "refund", "deleted", "not attending", "supprim",
              "expire", "invalide")
_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?:[ T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*$")

# Category guesses from ticket types ("Tarif intervenant", "Press pass"…) -> category key.
CATEGORY_WORDS = (
    (("intervenant", "speaker", "orateur", "conferencier"), "intervenant"),
    (("presse", "press", "journalist", "media"), "presse"),
    (("benevole", "volunteer"), "benevole"),
    (("jury",), "jury"),
    (("porteur", "candidat", "laureat"), "porteur-de-projet"),
    (("partenaire", "partner", "sponsor", "financeur", "exposant"), "partenaire"),
    (("organisat", "staff", "equipe"), "organisateur"),
)


def text(value: Any) -> str:
    if value is None:
        return ""
    if type(value) is str:
        stripped = value.strip()
        # Plain `in` tests: cheaper than a regex for the common, clean cell (a million a load).
        if ("  " not in stripped and "\n" not in stripped and "\t" not in stripped
                and "\r" not in stripped and "\u00a0" not in stripped):
            return stripped
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code or a postcode that Excel stored as a number
    return " ".join(str(value).replace("\u00a0", " ").split())


def truthy(value: Any) -> bool:
    return fold(text(value)) in _TRUE


def is_cancelled(status: str) -> bool:
    folded = fold(status)
    return any(word in folded for word in _CANCELLED)


def split_full_name(full: str) -> tuple[str, str]:
    """'Hélène DUPRÉ' -> ('Hélène', 'DUPRÉ'); 'Jean-Noël de La Tour' -> ('Jean-Noël', 'de La Tour').

    Exports in capitals mark the family name; otherwise the first word is the given name.
    """
    words = full.split()
    if len(words) < 2:
        return "", full
    caps = [w for w in words if w.isupper() and len(w) > 1]
    if caps and len(caps) < len(words):
        first = [w for w in words if w not in caps]
        return " ".join(first), " ".join(caps)
    return words[0], " ".join(words[1:])


def parse_when(value: Any, tz: ZoneInfo) -> datetime | None:
    """Order dates: Excel cells, ISO text, or French dd/mm/yyyy [hh:mm]."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=tz)).astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=tz).astimezone(UTC)
    raw = text(value)
    m = _DATE.match(raw)
    try:
        if m:
            d, mo, y, hh, mm, ss = m.groups()
            year = int(y) + (2000 if len(y) == 2 else 0)
            moment = datetime(year, int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0), tzinfo=tz)
            return moment.astimezone(UTC)
        moment = datetime.fromisoformat(raw)
        return (moment if moment.tzinfo else moment.replace(tzinfo=tz)).astimezone(UTC)
    except ValueError:
        return None


def guess_category(value: str, categories: dict[str, str], overrides: dict[str, str]) -> str | None:
    """A ticket type/rate -> category key: explicit mapping, then the category's own
    key/name/label, then words, else the first category (usually "participant")."""
    folded = fold(value)
    if folded in overrides:
        return overrides[folded]
    if folded in categories:
        return categories[folded]
    for words, key in CATEGORY_WORDS:
        if any(w in folded for w in words) and key in categories.values():
            return key
    return None
