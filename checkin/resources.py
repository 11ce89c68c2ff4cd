"""Where the shipped data lives (sample events, translations, badge layouts, fonts, sounds).

`resources/` sits at the top of the repository, beside the package. A wheel carries it
inside the package as `checkin/_resources/` (pyproject.toml maps that package directory
to the folder), found here through importlib.resources. An editable install
(`pip install -e .`) and a plain checkout (`python main.py`) have no `_resources/` in
the package: the folder beside the package is used. CHECKIN_RESOURCES points elsewhere
for packagers.

Callers get real file paths: Qt's translators, QSoundEffect and fpdf2's fonts open files
by name. An installed wheel is files on disk, used where they are; only a package
imported from a zip (zipapp, zipimport) is extracted, once, to a temporary folder.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
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
    shipped = files("checkin").joinpath(PACKAGED)
    if isinstance(shipped, Path):
        if shipped.is_dir():
            return shipped  # an installed wheel
        beside = shipped.parent.parent / "resources"  # editable install, or a checkout
        # Neither: name the wheel's place, where a broken install would be missing it.
        return beside if beside.is_dir() else shipped
    return _extracted(shipped)


def _extracted(tree: Traversable) -> Path:
    """A copy of `tree` (in a zip) as real files, removed when the process ends."""
    target = Path(tempfile.mkdtemp(prefix="checkin-resources-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    _copy(tree, target)
    return target


def _copy(tree: Traversable, target: Path) -> None:
    for item in tree.iterdir():
        if item.is_dir():
            (target / item.name).mkdir()
            _copy(item, target / item.name)
        else:
            (target / item.name).write_bytes(item.read_bytes())


SAMPLE_EVENT = ("events", "pop-up-amiens.toml")
