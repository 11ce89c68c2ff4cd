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


def search_text(*fields: str) -> str:
    """The folded words of a person's searchable fields, plus each field's words joined.

    Joining lets "lhote" find "L'Hôte" and "jeannoel" find "Jean-Noël" while the single
    words let "hote" or "noel" find them too.
    """
    words: list[str] = []
    for field in fields:
        folded = fold(field)
        if not folded:
            continue
        words.extend(folded.split())
        joined = folded.replace(" ", "")
        if " " in folded and len(joined) <= 60:
            words.append(joined)
    return " ".join(dict.fromkeys(words))


@lru_cache(maxsize=65536)
def _names_words(first: str, last: str) -> str:
    return search_text(first, last)


@lru_cache(maxsize=8192)
def _organisation_words(organisation: str) -> str:
    return search_text(organisation)


def person_search_text(first: str, last: str, organisation: str, email: str) -> str:
    """search_text() for a registrant, cached by part: loads of 100 000 people repeat
    first names, family names and organisations a lot (emails are folded as they are)."""
    parts = (_names_words(first, last), _organisation_words(organisation), email.lower())
    return " ".join(p for p in parts if p)
