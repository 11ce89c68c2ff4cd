"""A volunteer types plain ASCII on a desk keyboard; names come with accents, apostrophes,
hyphens and ligatures. Folding makes the two meet."""

from __future__ import annotations

import pytest

from checkin.core.text import fold


@pytest.mark.parametrize(("text", "folded"), [
    ("Hélène", "helene"),
    ("L'Hôte", "l hote"),
    ("L’Hôte", "l hote"),  # typographic apostrophe, as some exports write it
    ("Jean-Noël", "jean noel"),
    ("Œillet", "oeillet"),
    ("Bœuf", "boeuf"),
    ("Cœurdevey", "coeurdevey"),
    ("FAÇON", "facon"),
    ("  Saint-Exupéry ,  Amiens ", "saint exupery amiens"),
    ("", ""),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_plain_ascii_is_only_lower_cased() -> None:
    assert fold("Martin DUPONT") == "martin dupont"


def test_email_keeps_its_at_and_dots() -> None:
    assert fold("Hélène.Dupré@Example.FR") == "helene.dupre@example.fr"
