"""`checkin bench` runs end to end on a small store and reports each figure beside its
baseline (the figures themselves are for people to read, not for tests to judge)."""

import json

from checkin.cli import main


def test_bench_reports_every_figure_with_its_baseline(capsys):
    assert main(["bench", "--attendees", "300", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    names = [r["name"] for r in report["results"]]
    assert names[0] == "demo_load" and "import" in names
    assert any(n.startswith("search") for n in names)
    assert {"occupancy_refresh", "cold_start", "scan_decision", "desk_key_to_results",
            "desk_burst_to_answer"} <= set(names)
    scans = next(r for r in report["results"] if r["name"] == "scan_decision")
    assert scans["results"].get("admitted", 0) > 0 and scans["p99_ms"] >= scans["p50_ms"] > 0
    for r in report["results"]:
        assert r["baseline"] and r["ratio"] is not None and r["line"]
    assert report["machine"]["cpus"] >= 1
