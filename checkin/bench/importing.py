"""`checkin bench`: importing a 100 000-row ticketing export, beside raw sqlite3."""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

WEEZEVENT_HEADER = ["Code-barres", "Nom participant", "Prénom participant", "Email participant",
                    "Tarif", "Groupe de tarif", "Date de commande", "Nom acheteur",
                    "Prénom acheteur", "Email acheteur", "Société #131470", "Atelier choisi #131474"]


def write_weezevent_csv(path: Path, rows: int, seed: int = 3) -> None:
    """A Weezevent-shaped export (`;`, UTF-8 with BOM, dd/mm/yyyy) of synthetic people;
    a third of them chose a track, as in the sample event's registration form."""
    from checkin.core.demo import _generate
    from checkin.store.types import utcnow

    people, _ = _generate(rows, seed, {c: 1 for c in ("participant", "partenaire", "organisateur",
                                                      "benevole", "presse")}, [], utcnow())
    rng = random.Random(seed)
    rates = ("Tarif normal", "Tarif réduit", "Tarif intervenant", "Presse")
    tracks = ("Coopération", "Territoires", "Potentiel urbain", "", "", "", "", "", "")
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(WEEZEVENT_HEADER)
        for p in people:
            out.writerow([p["code"], p["last_name"], p["first_name"], p["email"], rng.choice(rates),
                          "Public", f"{rng.randint(1, 28):02d}/11/2026 {rng.randint(8, 22):02d}:15",
                          "", "", "", p["organisation"], rng.choice(tracks)])


def bench_import(tmp: Path, rows: int) -> dict[str, Any]:
    from checkin.core.programme.event_file import read_programme, sample_event_path
    from checkin.core.programme.load import load_programme
    from checkin.core.registrants.importer import import_registrants, inspect_file
    from checkin.store import open_store

    tmp = tmp / "import"  # its own folder: other figures keep their files beside it
    tmp.mkdir(exist_ok=True)
    source = tmp / "weezevent.csv"
    write_weezevent_csv(source, rows)
    engine = open_store(f"sqlite:///{tmp / 'import.sqlite3'}")
    event_id = load_programme(engine, read_programme(sample_event_path())).event_id
    started = time.perf_counter()
    report = import_registrants(engine, event_id, inspect_file(source))
    seconds = time.perf_counter() - started
    engine.dispose()
    peak = _peak_memory_of_cli_import(source, tmp / "peak.sqlite3")
    baseline = _raw_baseline(source, tmp / "raw.sqlite3")
    return {
        "name": "import", "what": f"checkin import of a {rows}-row Weezevent CSV (detect, map, "
                                  "match, insert, index, enroll; one transaction)",
        "seconds": round(seconds, 3), "rows_per_second": round(rows / seconds),
        "added": report.added, "enrollments": report.enrollments,
        "peak_rss_mb": round(peak / 1e6, 1) if peak else None,
        "peak_rss": "maximum resident set size of `checkin import` of the same file into a "
                    "fresh store, run as its own process (the user's command, interpreter "
                    "included)",
        "baseline_seconds": round(baseline, 3),
        "baseline": "csv.reader + sqlite3 executemany of the same rows into the attendee "
                    "table with its indexes, WAL, synchronous=FULL",
        "ratio": round(seconds / baseline, 1) if baseline else None,
        "line": (f"import, {rows}-row Weezevent CSV: {seconds:.2f} s ({rows / seconds:,.0f} rows/s; "
                 f"raw csv + sqlite3 insert: {baseline:.2f} s, ×{seconds / baseline:.1f})"
                 + (f"; peak memory of `checkin import`: {peak / 1e6:,.0f} MB" if peak else "")),
    }


def _peak_memory_of_cli_import(source: Path, db: Path) -> int | None:
    """Bytes: the peak RSS of `checkin import SOURCE` into a fresh store with the sample
    event, read from that one child's own resource usage (os.wait4), not the bench's;
    None where there is no wait4 (Windows)."""
    if not hasattr(os, "wait4"):
        return None
    from checkin.core.programme.event_file import read_programme, sample_event_path
    from checkin.core.programme.load import load_programme
    from checkin.store import open_store

    engine = open_store(f"sqlite:///{db}")
    load_programme(engine, read_programme(sample_event_path()))
    engine.dispose()
    child = subprocess.Popen([sys.executable, "-m", "checkin", "--db", str(db), "import", str(source)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"checkin import {source} failed (exit {child.returncode})")
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    return usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)


def _raw_baseline(source: Path, db: Path) -> float:
    from checkin.bench.common import raw_attendee_store

    conn = raw_attendee_store(db)
    started = time.perf_counter()
    with source.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        next(reader)
        values = [(1, r[0], "weezevent", r[0], r[1], r[2], r[3], r[10]) for r in reader]
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO attendee (event_id, code, source, source_id, last_name, first_name, email, "
        "organisation, source_order, phone, job_title, profession, city, postcode, notes, "
        "attention, attention_text, consent, status, walk_in, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '', '', '', '', '', '', 0, '', 0, 'registered', 0, "
        "'2026-11-26 10:00:00.000000', '2026-11-26 10:00:00.000000')", values)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed
