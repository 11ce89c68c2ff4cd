"""A volunteer types plain ASCII on a desk keyboard; names come with accents, apostrophes,
hyphens and ligatures. Folding makes the two meet."""

from __future__ import annotations

import pytest

from checkin.core.text import fold, search_text


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


def test_apostrophe_name_is_found_by_each_word_and_joined() -> None:
    words = search_text("Cécile", "L'Hôte").split()
    assert {"cecile", "l", "hote", "lhote"} <= set(words)


def test_hyphenated_name_is_found_joined_and_by_parts() -> None:
    words = search_text("Jean-Noël", "Dupré").split()
    assert {"jean", "noel", "jeannoel", "dupre"} <= set(words)


def test_ligature_in_search_text() -> None:
    assert "boeuf" in search_text("Marc", "Bœuf").split()


def test_search_text_has_no_duplicates_and_skips_empty_fields() -> None:
    text = search_text("Noël", "Noël", "", "Ville de Noël")
    words = text.split()
    assert len(words) == len(set(words))
    assert words[0] == "noel"
    assert "villedenoel" in words
