"""Fuzzing the command line: random arguments for the `checkin` commands on a small store.

The contract (DESIGN.md, "Contracts"): whatever is typed, `checkin` ends with 0 done, 1
refused or 2 bad usage or bad input, and says why on stderr without a traceback.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checkin.cli import main
from checkin.core.demo import load_demo
from checkin.core.programme.event_file import sample_event_path
from checkin.resources import resource_path
from checkin.store import open_store

pytestmark = pytest.mark.slow

KNOWN_EXITS = {0, 1, 2}
VALUES = ["", "-", "--", "0", "-1", "99999999999999999999", "1e400", "nan", "25:61", "09:30",
          "ouverture", "auditorium", "participant", "pop-up-amiens", "x.pdf", "x.csv",
          "x.xlsx", "x.toml", "dir", "missing.toml", "=HYPERLINK(\"x\")", "a\nb", "é" * 300,
          "first=last_name", "Nom=last_name"]
# Files the arguments may name (made in `folder`): hostile ones, and good ones.
FILES = ["bad-logo.toml", "big-capacity.toml", "a6-copy.toml", "event.toml",
         "registrants.csv", "x.pdf", "x.csv", "x.xlsx", "dir"]
ANY = st.one_of(st.sampled_from(VALUES + FILES), st.text(max_size=10))
FILE = st.one_of(st.sampled_from(FILES), st.sampled_from(FILES), ANY)
# The commands that answer at once on a small store: not the window, the benchmarks, the
# demo (it builds stores), the endless `occupancy --watch`, nor `scan -` (it reads stdin).
# Each: its positional arguments, then its options (None: a flag) and what they take.
COMMANDS: dict[str, tuple[list, dict[str, st.SearchStrategy | None]]] = {
    "event": ([st.sampled_from(["load", "export"]), FILE],
              {"--event": ANY, "--force": None, "--overflow": st.sampled_from(["keep", "x"]),
               "--dry-run": None, "--json": None}),
    "search": ([ANY], {"--limit": ANY, "--event": ANY, "--json": None}),
    # "-" reads codes from stdin until it ends: a stream, not a command that answers at once
    "scan": ([ANY.filter(lambda v: v.strip() != "-")],
             {"--desk": ANY, "--session": ANY, "--exit": None, "--override": None,
              "--undo": None, "--event": ANY, "--json": None}),
    "walk-in": ([ANY, ANY], {"--organisation": ANY, "--category": ANY, "--email": ANY,
                             "--desk": ANY, "--event": ANY, "--json": None}),
    "route": ([ANY], {"--at": ANY, "--event": ANY, "--json": None}),
    "occupancy": ([], {"--at": ANY, "--event": ANY, "--json": None}),
    "export": ([st.sampled_from(["attendance", "sessions", "absent", "walk-ins", "scans",
                                 "stats", "sign-in", "x"])],
               {"--out": FILE, "--event": ANY, "--session": ANY,
                "--format": st.sampled_from(["csv", "xlsx", "pdf", "x"]),
                "--lang": st.sampled_from(["fr", "en", "x"]), "--delimiter": ANY,
                "--excel-fr": None, "--json": None}),
    "badges": ([], {"--out": FILE, "--layout": FILE, "--category": ANY, "--only": ANY,
                    "--not-printed": None, "--event": ANY, "--dpi": ANY, "--json": None}),
    "import": ([FILE], {"--preset": ANY, "--map": ANY, "--category": ANY, "--event": ANY,
                        "--dry-run": None, "--json": None}),
    "db": ([st.sampled_from(["info", "upgrade", "x"])], {"--json": None}),
}
FUZZ: dict[str, Any] = dict(deadline=None, database=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """A store with the demo event and a few files the arguments may name."""
    with tempfile.TemporaryDirectory(prefix="fuzz-cli-") as name:
        path = Path(name)
        engine = open_store(str(path / "store.sqlite3"))
        load_demo(engine, 10, seed=1)
        engine.dispose()
        (path / "dir").mkdir()
        a6 = resource_path("badges", "a6.toml").read_text(encoding="utf-8")
        (path / "a6-copy.toml").write_text(a6, encoding="utf-8")
        (path / "bad-logo.toml").write_text(a6 + '[logo]\nfile = "event.toml"\n'
                                            'box = [6, 6, 20, 12]\n', encoding="utf-8")
        event = sample_event_path().read_text(encoding="utf-8")
        (path / "event.toml").write_text(event, encoding="utf-8")
        (path / "big-capacity.toml").write_text(
            event.replace("capacity = 220", f"capacity = {10**20}"), encoding="utf-8")
        (path / "registrants.csv").write_text("Nom;Prénom\nMartin;Alice\n", encoding="utf-8")
        yield path


@pytest.fixture(autouse=True)
def inside(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths land in the fuzzing's folder; messages in English."""
    monkeypatch.chdir(folder)
    monkeypatch.setenv("CHECKIN_LANG", "en")


@st.composite
def _argv(draw: st.DrawFn, command: str) -> list[str]:
    """The command, its positional arguments, some of its options, in any order, and
    now and then a word of its own (or one missing)."""
    positionals, options = COMMANDS[command]
    words = [draw(p) for p in positionals]
    for flag in draw(st.lists(st.sampled_from(sorted(options)), max_size=4, unique=True)):
        value = options[flag]
        words[draw(st.integers(0, len(words))):0] = [flag] if value is None else [flag, draw(value)]
    if draw(st.integers(0, 9)) == 0:
        words.insert(draw(st.integers(0, len(words))), draw(ANY))
    if words and draw(st.integers(0, 9)) == 0:
        del words[draw(st.integers(0, len(words) - 1))]
    return [command, *words]


@settings(max_examples=150, **FUZZ)
@given(argv=st.sampled_from(sorted(COMMANDS)).flatmap(_argv))
@example(argv=["event", "load", "big-capacity.toml"])  # issue 20: tracebacks before
@example(argv=["badges", "--layout", "bad-logo.toml", "--out", "x.pdf"])
def test_any_arguments_end_in_a_known_status_without_a_traceback(
        folder, capsys, argv: list[str]) -> None:
    try:
        code = main(["--db", str(folder / "store.sqlite3"), *argv])
    except SystemExit as exc:  # argparse: --help (0) and bad usage (2)
        code = exc.code if isinstance(exc.code, int) else 2
    err = capsys.readouterr().err
    assert code in KNOWN_EXITS, (argv, code, err)
    assert "Traceback" not in err, (argv, err)
