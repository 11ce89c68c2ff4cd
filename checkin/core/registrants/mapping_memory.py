"""Column mappings remembered per workstation for files of the same shape (same header)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from checkin.core.text import fold

CONFIG_ENV = "CHECKIN_CONFIG_DIR"


def _store() -> Path:
    folder = os.environ.get(CONFIG_ENV)
    if folder:
        return Path(folder) / "import-mappings.json"
    from platformdirs import user_config_path

    return user_config_path("checkin", appauthor=False) / "import-mappings.json"


def shape(header: list[str]) -> str:
    return hashlib.sha1("\x1f".join(fold(h) for h in header).encode()).hexdigest()


def remembered_mapping(header: list[str]) -> dict[str, str]:
    try:
        data = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    mapping = data.get(shape(header), {})
    return {c: f for c, f in mapping.items() if c in header} if isinstance(mapping, dict) else {}


def remember_mapping(header: list[str], mapping: dict[str, str]) -> None:
    path = _store()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data[shape(header)] = mapping
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError:
        pass  # remembering is a convenience; the import itself has succeeded
