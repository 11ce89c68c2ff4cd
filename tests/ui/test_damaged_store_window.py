"""A desk window started on a damaged store says so in French first, then how to rescue it."""

from __future__ import annotations

import sqlite3

import pytest

from checkin import app
from checkin.core.demo import load_demo
from checkin.store import StoreCorrupt, open_store
from checkin.ui.dialogs import ConfirmDialog


def test_the_window_refuses_a_damaged_store_in_french(qtbot, tmp_path, monkeypatch) -> None:
    db = tmp_path / "event.sqlite3"
    engine = open_store(f"sqlite:///{db}")
    load_demo(engine, 300)
    engine.dispose()
    conn = sqlite3.connect(db)
    page = conn.execute("SELECT pageno FROM dbstat WHERE name = 'attendee' "
                        "AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2").fetchone()[0]
    conn.close()
    with db.open("r+b") as f:
        f.seek((page - 1) * 4096 + 8)
        f.write(b"\xff" * 4000)
    said: list[str] = []
    monkeypatch.setattr(ConfirmDialog, "error", staticmethod(lambda _p, _t, text: said.append(text)))
    monkeypatch.setenv("CHECKIN_LANG", "fr")
    with pytest.raises(StoreCorrupt):
        app.main(f"sqlite:///{db}")
    assert len(said) == 1
    lead, detail = said[0].split("\n\n")
    assert lead.startswith("Ce fichier d'événement est endommagé") and "rien n'y a été écrit" in lead
    assert f"checkin db recover {db} NEW.sqlite3" in detail
