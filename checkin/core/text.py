"""Folding text so that a volunteer's typing matches whatever the ticketing export holds."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_NOT_WORD = re.compile(r"[^a-z0-9@.]+")


@lru_cache(maxsize=65536)  # names and organisations repeat a lot in a registrant list
def fold(text: str) -> str:
    """Lower-case ASCII words: "L'Hôte, Jean-Noël" -> "l hote jean noel"."""
    if not text:
        return ""
    if not text.isascii():
        text = anyascii(text)
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())
