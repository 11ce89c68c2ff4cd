"""Every UI string has its French translation, and the .qm shipped matches the .ts."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "checkin_fr.ts"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        pytest.fail(f"{name} not found (it comes with PySide6-Essentials)")
    return found


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    return {(ctx.findtext("name"), m.findtext("source")): m.find("translation")
            for ctx in tree.iter("context") for m in ctx.iter("message")}


def _translated(translation) -> bool:
    """A text, or for a %n string every plural form (un / plusieurs)."""
    forms = translation.findall("numerusform")
    if forms:
        return all((f.text or "").strip() for f in forms)
    return bool((translation.text or "").strip())


def test_every_ui_string_of_the_code_is_translated_to_french(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = [str(p) for p in (ROOT / "checkin").rglob("*.py")]
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(fresh)],
                   check=True, capture_output=True)
    in_code = {k for k in _messages(fresh)}
    shipped = _messages(TS)
    untranslated = sorted(
        src for key, src in ((k, k[1]) for k in in_code)
        if key not in shipped or not _translated(shipped[key])
        or shipped[key].get("type") in ("unfinished", "obsolete", "vanished"))
    assert not untranslated, f"strings without French translation: {untranslated}"


def test_compiled_french_catalogue_is_up_to_date(tmp_path):
    out = tmp_path / "fr.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (TS.with_suffix(".qm")).read_bytes(), \
        "run scripts/i18n to rebuild resources/i18n/checkin_fr.qm"
