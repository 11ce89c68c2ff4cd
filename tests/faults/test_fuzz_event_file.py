"""Fuzzing the event file with values nobody planned for: any TOML value in any field of the
sample event, whole random TOML documents, and bytes that are not TOML at all.

The contract a coordinator relies on: `checkin event load` either loads the file or refuses
it with ProgrammeError, one line per problem — never another exception — and a refused file
writes nothing.
"""

from __future__ import annotations

import copy
import tempfile
import tomllib
from collections.abc import Iterator
from datetime import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import event as event_note
from hypothesis import strategies as st

from checkin.core.monitoring.overview import table_counts
from checkin.core.programme.event_file import ProgrammeError, read_programme, sample_event_path
from checkin.core.programme.load import load_programme

pytestmark = pytest.mark.slow

SAMPLE = tomllib.loads(sample_event_path().read_text(encoding="utf-8"))
SECTIONS = ("categories", "rooms", "tracks", "sessions", "people")
# The fields the file knows, plus made-up ones.
FIELDS = sorted({name for section in SECTIONS for entry in SAMPLE[section] for name in entry}
                | set(SAMPLE["event"]) | {"colour", "signature", "organiser", "badge_label"})
# TOML's own integers are 64-bit; tomllib reads larger ones, so they are tried too.
INTEGERS = st.one_of(st.integers(-5, 500), st.integers(), st.sampled_from(
    [2**31 - 1, 2**31, 2**63 - 1, 2**63, 10**20, -(2**31) - 1]))
TEXTS = st.one_of(st.text(max_size=20), st.sampled_from(
    ["", "#1F6FB2", "#1f6fb2", "red; background:url(x)", "#FFF", "=HYPERLINK(\"x\")",
     "auditorium", "participant", "09:30", "25:00", "Europe/Paris", "../../etc/passwd",
     "a\nb", "\x00", "x" * 301, "x" * 3000]))
SCALARS = st.one_of(INTEGERS, TEXTS, st.booleans(),
                    st.floats(allow_nan=True, allow_infinity=True), st.dates(),
                    st.times(), st.datetimes())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=8)
FUZZ: dict[str, Any] = dict(deadline=None, database=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def store(sqlite_engine: sa.Engine) -> Iterator[tuple[sa.Engine, Path]]:
    """A store holding the sample event (so a file may update it) and a folder for files."""
    load_programme(sqlite_engine, read_programme(sample_event_path()))
    with tempfile.TemporaryDirectory(prefix="fuzz-event-") as folder:
        yield sqlite_engine, Path(folder)


def _load(store: tuple[sa.Engine, Path], data: bytes) -> None:
    """Read and load the bytes as `checkin event load` does; a refusal writes nothing."""
    engine, folder = store
    path = folder / "event.toml"
    path.write_bytes(data)
    before = table_counts(engine)
    try:
        load_programme(engine, read_programme(path), dry_run=True)
        event_note("loaded")
    except ProgrammeError as exc:
        event_note("refused")
        assert exc.problems, "a refusal says why"
        for problem in exc.problems:
            assert isinstance(problem, str) and problem and len(problem.splitlines()) == 1, problem
        assert table_counts(engine) == before


def _toml(data: dict[str, Any]) -> bytes:
    return tomli_w.dumps(data).encode("utf-8")


def _tomlable(value: Any) -> bool:
    """Whether tomli_w can write it (a naive time only; any date or datetime)."""
    if isinstance(value, dict):
        return all(_tomlable(v) for v in value.values())
    if isinstance(value, list):
        return all(_tomlable(v) for v in value)
    return not isinstance(value, time) or value.tzinfo is None


@settings(max_examples=120, **FUZZ)
@given(section=st.sampled_from(("event", *SECTIONS)), index=st.integers(0, 40),
       name=st.sampled_from(FIELDS), value=VALUES)
def test_any_value_in_any_field_is_loaded_or_refused(store, section: str, index: int,
                                                     name: str, value: Any) -> None:
    if not _tomlable(value):
        return
    data = copy.deepcopy(SAMPLE)
    entry = data[section] if section == "event" else data[section][index % len(data[section])]
    entry[name] = value
    _load(store, _toml(data))


@settings(max_examples=40, **FUZZ)
@given(section=st.sampled_from(("event", "professions", *SECTIONS)), value=VALUES)
def test_any_value_as_a_whole_section_is_loaded_or_refused(store, section: str,
                                                           value: Any) -> None:
    if not _tomlable(value):
        return
    _load(store, _toml(dict(SAMPLE, **{section: value})))


@settings(max_examples=40, **FUZZ)
@given(data=st.dictionaries(st.sampled_from(("event", "professions", *SECTIONS, "other")),
                            VALUES, max_size=6))
def test_random_toml_documents_are_loaded_or_refused(store, data: dict[str, Any]) -> None:
    if _tomlable(data):
        _load(store, _toml(data))


@settings(max_examples=60, **FUZZ)
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=400).map(str.encode),
                      st.sampled_from([b"a = " + b"9" * 5000, b"a = " + b"[" * 5000,
                                       b"[event]\nkey = '\xff'", b"\xef\xbb\xbf[event]"])))
def test_bytes_that_are_not_an_event_file_are_refused(store, data: bytes) -> None:
    _load(store, data)


def test_the_fuzzing_reaches_the_checks_it_is_for(store) -> None:
    """The strategies above do make the values this file's checks are about."""
    for section, field, value in (("rooms", "capacity", 10**20), ("categories", "colour", "red"),
                                  ("sessions", "title", "x" * 301)):
        data = copy.deepcopy(SAMPLE)
        data[section][0][field] = value
        with pytest.raises(ProgrammeError):
            read_programme(_write(store, _toml(data)))


def _write(store: tuple[sa.Engine, Path], data: bytes) -> Path:
    path = store[1] / "check.toml"
    path.write_bytes(data)
    return path
