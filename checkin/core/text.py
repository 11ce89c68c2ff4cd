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


# What str.splitlines() breaks on: a key or a value quoted in a message may hold one.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def one_line(message: str) -> str:
    """The message on one line, its line breaks written as escapes (`\\n`)."""
    return _LINE_BREAKS.sub(lambda m: m.group().encode("unicode_escape").decode(), message)
