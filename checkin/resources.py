"""Where the shipped data lives (sample events, translations, badge layouts, sounds).

`resources/` sits beside the package in the source tree; the app is installed editable
(`pip install -e .`), so the folder is found next to `checkin/`. CHECKIN_RESOURCES
points elsewhere for packagers.
"""

from __future__ import annotations

import os
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("CHECKIN_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


SAMPLE_EVENT = ("events", "pop-up-amiens.toml")
