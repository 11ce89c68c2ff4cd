"""Numbers and clock times as a reader of each language writes them.

French: a decimal comma (3,1), thousands apart by a narrow no-break space (1 234, as the
Imprimerie nationale and CLDR have it), times as « 9 h 12 » with no-break spaces so that a
line never breaks inside them. English: 3.1, 1,234 and 09:12.
"""

from __future__ import annotations

from datetime import datetime

THIN_NBSP = "\u202f"  # between thousands, in French
NBSP = "\u00a0"       # inside « 9 h 12 »


def format_number(value: int | float, lang: str, decimals: int | None = None) -> str:
    """`value` for a reader of `lang` ("fr" or "en"). A float keeps its own digits
    (3.1 stays one decimal) unless `decimals` is given; a bool is not a number here."""
    if isinstance(value, bool):
        raise TypeError("a bool is not a number to show")
    if decimals is not None:
        text = f"{value:,.{decimals}f}"
    else:
        text = f"{value:,}"
    if lang != "fr":
        return text
    # Through a placeholder: "," (thousands) and "." (decimals) trade places.
    return text.replace(",", "\0").replace(".", ",").replace("\0", THIN_NBSP)


def format_time(moment: datetime, lang: str) -> str:
    """Hours and minutes of `moment` (already in the zone to show): « 9 h 12 » or 09:12."""
    if lang == "fr":
        return f"{moment.hour}{NBSP}h{NBSP}{moment.minute:02d}"
    return f"{moment.hour:02d}:{moment.minute:02d}"
