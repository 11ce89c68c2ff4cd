"""Migrations are frozen: they import nothing of checkin that may change, and the copies
they hold instead (checkin/store/migrations/frozen_*.py) still agree with today's code.

A migration runs years after it shipped, on a store written by that old checkin. Had it
imported today's models or search code, a future column or folding rule would break the
upgrade or change what it writes. So no migration imports checkin outside
checkin.store.migrations, and 0003's frozen copy of the search index is compared here
with the live one: the same registrants must get byte-for-byte the same rows.

When that comparison fails because the live index changed on purpose, do not edit the
frozen copy: ship a migration that rebuilds the index by the new rules, and compare this
test's frozen side with what it produced before (the committed stores of
tests/store/fixtures hold it too).
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from hypothesis import given, settings
from hypothesis import strategies as st

from checkin.core.search import index as live
from checkin.core.search.lookup import search
from checkin.core.text import fold as live_fold
from checkin.store import open_store
from checkin.store.migrate import MIGRATIONS, alembic_config
from checkin.store.migrations import frozen_0003 as frozen

ALLOWED = "checkin.store.migrations"
# env.py is not a migration: it runs them, and names the models only for autogenerate's
# comparison; no upgrade step reads them.
NOT_MIGRATIONS = {"env.py", "__init__.py"}


def _under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _dotted(node: ast.AST) -> str | None:
    """`a.b.c` of an attribute chain on a plain name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def checkin_imports(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) for every checkin module outside checkin.store.migrations that
    `source` (a module of `package`) imports or reaches, at any depth: imports in
    functions, relative imports, importlib.import_module("…") and __import__("…") with a
    literal name, and `checkin.x.y` attribute chains (an `import checkin.store.migrations.z`
    binds `checkin`, through which checkin.store.types would be reachable)."""
    found: list[tuple[int, str]] = []

    def check(line: int, name: str) -> None:
        if _under(name, "checkin") and not _under(name, ALLOWED):
            found.append((line, name))

    tree = ast.parse(source)
    inner = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                check(node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if not _under(base, ALLOWED):
                for alias in node.names:  # `from checkin.store import migrations` is fine
                    check(node.lineno, f"{base}.{alias.name}")
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            called = _dotted(node.func) or ""
            if called.split(".")[-1] in ("import_module", "__import__"):
                check(node.lineno, node.args[0].value)
        elif isinstance(node, ast.Attribute) and id(node) not in inner:
            dotted = _dotted(node)
            if dotted:
                check(node.lineno, dotted)
    return sorted(set(found))


def migration_files() -> list[tuple[Path, str]]:
    """Every migration and helper module of checkin/store/migrations, with its package."""
    files = [(p, f"{ALLOWED}.versions") for p in sorted((MIGRATIONS / "versions").glob("*.py"))
             if p.name not in NOT_MIGRATIONS]
    files += [(p, ALLOWED) for p in sorted(MIGRATIONS.glob("*.py")) if p.name not in NOT_MIGRATIONS]
    return files


def test_the_scan_covers_every_migration() -> None:
    names = {p.name for p, _ in migration_files()}
    assert {f"{n:04}" for n in range(1, 9)} <= {name[:4] for name in names}
    assert "frozen_0003.py" in names


@pytest.mark.parametrize("path, package", [pytest.param(p, pkg, id=p.name) for p, pkg in migration_files()])
def test_no_migration_imports_checkin_code_that_may_change(path: Path, package: str) -> None:
    found = checkin_imports(path.read_text(encoding="utf-8"), package)
    assert found == [], (
        f"{path.name} uses checkin code that may change ({found}): copy what it needs into the "
        "migration or a frozen module under checkin/store/migrations instead")


def test_the_scan_reports_what_it_must() -> None:
    """The check above can fail: each way in is reported, and only those."""
    snippet = textwrap.dedent("""
        import sqlalchemy as sa
        import checkin.core.search.index
        from checkin.store import models
        from checkin.store.migrations.frozen_0003 import index_existing_registrants
        from checkin.store import migrations
        import checkin.store.migrations.frozen_0003

        def upgrade():
            from checkin.store.vocabulary import VENUE
            from checkin import store
            from ... import types
            from . import sibling
            importlib.import_module("checkin.core.text")
            sa.Column("at", checkin.store.types.UTCDateTime())
            checkin.store.migrations.frozen_0003.fold("x")
    """)
    found = {name for _, name in checkin_imports(snippet, f"{ALLOWED}.versions")}
    assert found == {"checkin.core.search.index", "checkin.store.models",
                     "checkin.store.vocabulary.VENUE", "checkin.store", "checkin.store.types",
                     "checkin.core.text", "checkin.store.types.UTCDateTime"}


# Names as registrant lists hold them: accents, ligatures, hyphens, apostrophes, particles,
# empty fields, other scripts, stray spaces, and values longer than the index keeps.
PEOPLE = [
    ("Hélène", "L'Hôte", "Préfecture de la Somme", "helene.lhote@somme.gouv.fr"),
    ("Jean-Noël", "Le Gall", "CHU Amiens-Picardie", "jn.legall@chu-amiens.fr"),
    ("Anne-Sophie", "Cœurderoy", "Mairie d'Abbeville", ""),
    ("Zoé", "de La Fontaine", "", "zoe.dlf@example.org"),
    ("François", "Dupré-Müller", "Ville de Saint-Quentin", "FDupre2@Exemple.fr"),
    ("Œdipe", "Æsir", "Straße & Söhne GmbH", "œdipe@exemple.fr"),
    ("", "", "", ""),
    ("Ng", "O", "A", "a@b.c"),
    ("Ana María", "García Márquez y de los Ríos", "Universidad de Sevilla", "ana.garcia-marquez@us.es"),
    ("Łukasz", "Żółć", "Politechnika Łódzka", "lukasz.zolc@p.lodz.pl"),
    ("Dmitri", "Шостакович", "Московская консерватория", "шостакович@mail.ru"),
    ("李", "小龙", "北京大学", "li@pku.edu.cn"),
    ("D'Artagnan", "d'Ornano-Lévêque du Plessis", "Cie des Mousquetaires", "dartagnan@mousquetaires.fr"),
    ("x" * 150, "y" * 150, "z" * 250, "w" * 70 + "@ex.fr"),
    ("Jean", "Dupont", "Préfecture de la Somme", "jean.dupont@somme.gouv.fr"),
    ("Jean", "Dupont", "Préfecture de la Somme", "jdupont@somme.gouv.fr"),
    ("  Marie  ", "  O'Neil ", " The Health & Care Trust ", " marie.oneil@nhs.uk "),
    ("Ève", "L'Écuyer", "Lycée Émile-Zola", "eve.lecuyer@ac-amiens.fr"),
    ("Jean-Pierre", "Van der Berg", "Ville d’Amiens", "jp.vanderberg@amiens.fr"),
    ("ﬁona", "Ｍüller", "Cafe\u0301 des Arts", "fiona@cafe.fr"),
    ("Åsa", "Nøkleby-Ødegård", "A/S Ærø", "asa_n@aero.no"),
    ("La", "Le", "Les", "la.le@les.fr"),
]


def _people(names: list[tuple[str, str, str, str]]) -> list[tuple]:
    """(id, event, first, last, organisation, email), over two events."""
    return [(i, 1 + i % 2, first, last, org, email)
            for i, (first, last, org, email) in enumerate(names, start=1)]


def test_the_frozen_constants_are_todays() -> None:
    assert frozen.STOPWORDS == live.STOPWORDS
    assert (frozen.MAX_WORD, frozen.MAX_VALUE, frozen.MAX_SORT) == \
        (live.MAX_WORD, live.MAX_VALUE, live.MAX_SORT)
    assert (frozen.LAST_NAME, frozen.FIRST_NAME, frozen.ORGANISATION, frozen.EMAIL) == \
        (live.LAST_NAME, live.FIRST_NAME, live.ORGANISATION, live.EMAIL)
    assert frozen.PERSON_COLUMNS == live._PERSON_COLUMNS


def test_the_frozen_index_rows_are_todays_on_varied_names() -> None:
    people = _people(PEOPLE)
    rows = frozen.person_rows(people)
    assert rows == live._rows(people)
    assert frozen.term_rows(rows) == live._terms(rows)
    for first, last, org, email in PEOPLE:
        for text in (first, last, org, email):
            assert frozen.fold(text) == live_fold(text)
            assert frozen.field_value(text) == live.field_value(text)
        assert frozen.sort_key(first, last) == live.sort_key(first, last)
        words = [live.field_value(t)[1] for t in (last, first, org)]
        assert frozen.email_value(email, *words) == live.email_value(email, *words)


# Letters of many scripts, ligatures, combining accents, full-width forms and punctuation.
_ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '-.@_&/’"
             "éèêëàâäîïôöûüùçÿœŒæÆßñøåłŁżźćńšžčřğışŞİ\u0301\u00a0ﬁﬂＡｚШостаковичΑθήνα李小龍🙂")
_TEXT = st.text(alphabet=_ALPHABET, max_size=90)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT, _TEXT), min_size=1, max_size=6))
def test_the_frozen_index_rows_are_todays_on_any_text(names: list) -> None:
    people = _people(names)
    rows = frozen.person_rows(people)
    assert rows == live._rows(people)
    assert frozen.term_rows(rows) == live._terms(rows)


T = "2026-12-10 08:00:00"


def _search_rows(engine: sa.Engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {t: sorted(map(tuple, conn.execute(sa.text(f"SELECT * FROM {t}")).all()))
                for t in ("search_person", "search_term")}


def test_upgrading_past_0003_indexes_registrants_as_todays_code_would(store_url: str) -> None:
    """End to end on each backend: a store of 0002 with registrants, upgraded, holds the
    very rows today's reindex_event writes for them."""
    raw = sa.create_engine(store_url)
    with raw.begin() as conn:
        command.upgrade(alembic_config(conn), "0002")
        for e in (1, 2):
            conn.execute(sa.text(
                "INSERT INTO event (id, key, name, venue, address, timezone, starts_at, ends_at, "
                "created_at, updated_at) VALUES (:e, :k, 'E', '', '', 'Europe/Paris', :t, :t, :t, :t)"),
                {"e": e, "k": f"e{e}", "t": T})
        for aid, eid, first, last, org, email in _people(PEOPLE):
            conn.execute(sa.text(
                "INSERT INTO attendee (id, event_id, code, source, source_id, source_order, first_name, "
                "last_name, email, phone, organisation, job_title, profession, city, postcode, notes, "
                "attention, attention_text, consent, status, walk_in, search_text, created_at, updated_at) "
                "VALUES (:i, :e, :c, 'x', '', '', :f, :l, :m, '', :o, '', '', '', '', '', false, '', false, "
                "'registered', false, '', :t, :t)"),
                {"i": aid, "e": eid, "c": f"C{aid}", "f": first, "l": last, "m": email, "o": org, "t": T})
    raw.dispose()
    engine = open_store(store_url)
    try:
        upgraded = _search_rows(engine)
        assert len(upgraded["search_person"]) == len(PEOPLE)
        with engine.begin() as conn:
            for e in (1, 2):
                live.reindex_event(conn, e)
        assert _search_rows(engine) == upgraded
        lhote = next(i for i, _, _, last, _, _ in _people(PEOPLE) if last == "L'Hôte")
        assert [h.attendee_id for h in search(engine, 1 + lhote % 2, "lhot")] == [lhote]
    finally:
        engine.dispose()
