"""Search as a volunteer types, beside sqlite3 running the same statements."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from checkin.bench.common import percentile, timed


def bench_search(path: Path, queries: int = 200) -> list[dict[str, Any]]:
    """Search on the demo store: p50/p95 for 1 to 4 typed letters of real last names
    (first 20 results), and exact ticket codes; beside raw sqlite3 running the same SQL
    statements (search's two queries: the code lookup and the ranked words query) on
    the same file, so the ratio is what checkin adds in Python and SQLAlchemy."""
    import random

    from checkin.core.search.lookup import query_words, search
    from checkin.store import open_store

    engine = open_store(f"sqlite:///{path}")
    with engine.connect() as conn:
        event_id = conn.exec_driver_sql("SELECT min(id) FROM event").scalar_one()
        people = conn.exec_driver_sql(
            "SELECT last_name, code FROM attendee WHERE event_id = ? ORDER BY id",
            (event_id,)).all()
    if not people:
        engine.dispose()
        return []
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA cache_size = -32768")  # as checkin's own connections
    raw.execute("PRAGMA temp_store = MEMORY")
    rng = random.Random(1)
    drawn = [rng.choice(people) for _ in range(queries)]
    results = []
    last_names = [words[0] for words in (query_words(p[0]) for p in drawn) if words]
    cases = [(f"{k} letter{'s' * (k > 1)}", k, [w[:k] for w in last_names]) for k in (1, 2, 3, 4)]
    cases.append(("exact code", 0, [p[1] for p in drawn]))
    for label, letters, texts in cases:
        for text in texts[:5]:  # warm up: statements compiled, pages cached
            search(engine, event_id, text)
            _raw_search(raw, event_id, text)
        mine = [timed(search, engine, event_id, text) for text in texts]
        base = [timed(_raw_search, raw, event_id, text) for text in texts]
        high = 99 if letters == 0 else 95
        m50, mhi = percentile(mine, 50), percentile(mine, high)
        b50, bhi = percentile(base, 50), percentile(base, high)
        name = f"search_{letters}_letters" if letters else "search_exact_code"
        what = (f"search, {label} of a last name, first 20 results" if letters
                else "search by an exact ticket code")
        results.append({
            "name": name, "what": what, "queries": len(texts),
            "p50_ms": round(m50, 3), f"p{high}_ms": round(mhi, 3),
            "baseline_p50_ms": round(b50, 3), f"baseline_p{high}_ms": round(bhi, 3),
            "baseline": "raw sqlite3 running the same SQL statements on the same store",
            "ratio": round(mhi / bhi, 1) if bhi else None,
            "line": (f"{what}: p50 {m50:.2f} ms, p{high} {mhi:.2f} ms (raw sqlite3, same SQL: "
                     f"p50 {b50:.2f} ms, p{high} {bhi:.2f} ms, ×{mhi / bhi:.1f})"),
        })
    raw.close()
    engine.dispose()
    return results


def _raw_search(conn: sqlite3.Connection, event_id: int, text: str) -> list[tuple]:
    """What search() sends for one typed word, sent by sqlite3 alone."""
    from checkin.core.search.lookup import _after, query_words
    from checkin.store.queries.search import EXACT_CODE, words_query

    code = text.strip()
    rows = _run_compiled(conn, EXACT_CODE.sql, {"e": event_id, "codes": sorted(
        {code, code.upper(), code.lower()})})
    word = query_words(text)[0]
    if rows and not word.isalpha():
        return rows  # as search(): an exact ticket code ends the search
    rows += _run_compiled(conn, words_query(1, 0, (False,)).sql,
                          {"e": event_id, "n": 20, "lo0": word, "hi0": _after(word)})
    return rows


def _run_compiled(conn: sqlite3.Connection, sql: str, params: dict[str, Any]) -> list[tuple]:
    """Run one of search's SQL texts through sqlite3, which takes the same :name style."""
    flat = {k: v for k, v in params.items() if not isinstance(v, list)}
    for k, values in params.items():
        if isinstance(values, list):
            names = [f"{k}_{i}" for i in range(len(values))]
            sql = sql.replace(f"IN :{k}", "IN (" + ", ".join(f":{n}" for n in names) + ")")
            flat.update(zip(names, values))
    return conn.execute(sql, flat).fetchall()
