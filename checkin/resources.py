"""Where the shipped data lives (sample events, translations, badge layouts, fonts, sounds).

`resources/` sits at the top of the repository, beside the package. A wheel carries it
inside the package as `checkin/_resources/` (pyproject.toml maps that package directory
to the folder), found here through importlib.resources. An editable install
(`pip install -e .`) and a plain checkout (`python main.py`) have no `_resources/` in
the package: the folder beside the package is used. CHECKIN_RESOURCES points elsewhere
for packagers.

Callers get real file paths: Qt's translators, QSoundEffect and fpdf2's fonts open files
by name. Every way checkin ships puts the package on disk (a wheel, an editable install,
a one-folder bundle), so the files are used where they are.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from pathlib import Path

PACKAGED = "_resources"  # the directory inside the package, in a wheel


def resources_dir() -> Path:
    override = os.environ.get("CHECKIN_RESOURCES")
    if override:
        return Path(override)
    return _located()


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


@cache
def _located() -> Path:
    shipped = Path(str(files("checkin").joinpath(PACKAGED)))
    if shipped.is_dir():
        return shipped  # an installed wheel
    beside = shipped.parent.parent / "resources"  # editable install, or a checkout
    # Neither: name the wheel's place, where a broken install would be missing it.
    return beside if beside.is_dir() else shipped


SAMPLE_EVENT = ("events", "pop-up-amiens.toml")
