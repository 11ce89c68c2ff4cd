"""checkin as a real package: the wheel carries `resources/` (as checkin/_resources) and
declares every library the code imports; installed from the wheel alone, not editable and
with the checkout out of reach, it loads the sample event, prints badges, writes sign-in
sheets and opens its window in French. A plain checkout (`python main.py`) still runs.

The cheap checks read pyproject.toml, the source of the wheel's metadata; the slow ones
build the wheel and install it in a fresh virtual environment.
"""

from __future__ import annotations

import ast
import email.parser
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from importlib.metadata import packages_distributions, version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "checkin"
PYPROJECT = ROOT / "pyproject.toml"
SHIPPED = "checkin._resources"       # the package that carries resources/ in the wheel
NOT_SHIPPED = ("screenshots",)        # resources/ folders left out of the wheel


def pyproject() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(requirements: list[str]) -> set[str]:
    """Distribution names of requirements that always apply (not those of an extra)."""
    names = set()
    for line in requirements:
        spec, _, marker = line.partition(";")
        if "extra" in marker:
            continue
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
        assert match, line
        names.add(canonical(match.group(1)))
    return names


def third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported anywhere under checkin/ (function level included) that are
    neither the standard library nor checkin itself -> the files importing them."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                if top not in sys.stdlib_module_names and top not in ("checkin", "__future__"):
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def undeclared(requirements: list[str]) -> dict[str, str]:
    """Imported modules that no requirement provides -> what provides them, and where."""
    declared = requirement_names(requirements)
    providers = packages_distributions()
    missing = {}
    for module, files in sorted(third_party_imports().items()):
        dists = {canonical(d) for d in providers.get(module, [])}
        if not dists & declared:
            missing[module] = (f"from {', '.join(sorted(dists)) or 'no installed distribution'}, "
                               f"imported in {', '.join(sorted(files)[:3])}")
    return missing


# --- cheap: pyproject.toml -----------------------------------------------------------------


def test_every_library_the_code_imports_is_a_dependency() -> None:
    project = pyproject()["project"]
    assert "dependencies" not in project.get("dynamic", [])  # Requires-Dist is this list
    imports = third_party_imports()
    assert {"sqlalchemy", "PySide6", "fpdf"} <= set(imports)  # the walk really read imports
    assert undeclared(project["dependencies"]) == {}


def test_the_check_above_can_fail() -> None:
    """Without sqlalchemy in the list (as before), the check names it."""
    deps = [d for d in pyproject()["project"]["dependencies"]
            if requirement_names([d]) != {"sqlalchemy"}]
    assert "sqlalchemy" in undeclared(deps)


def test_every_package_under_checkin_is_listed() -> None:
    """pyproject.toml lists the packages (find cannot see checkin._resources): a package
    added under checkin/ and not listed would be missing from the wheel, not from a checkout."""
    listed = set(pyproject()["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")}
    assert listed - {SHIPPED} == on_disk
    assert pyproject()["tool"]["setuptools"]["package-dir"] == {SHIPPED: "resources"}


def test_every_resource_but_the_screenshots_is_package_data() -> None:
    patterns = pyproject()["tool"]["setuptools"]["package-data"][SHIPPED]
    resources = ROOT / "resources"
    matched = {p for pattern in patterns for p in resources.glob(pattern) if p.is_file()}
    present = {p for p in resources.rglob("*") if p.is_file()
               and p.relative_to(resources).parts[0] not in NOT_SHIPPED
               and not p.name.startswith(".")}
    assert present - matched == set(), "add their folder to [tool.setuptools.package-data]"
    assert not [p for p in matched if p.relative_to(resources).parts[0] in NOT_SHIPPED]


def test_a_checkout_finds_the_folder_beside_the_package(monkeypatch) -> None:
    import checkin
    from checkin import resources

    if Path(checkin.__file__).resolve().parent != PACKAGE:
        pytest.skip(f"checkin imported from {checkin.__file__}, not from this checkout")
    monkeypatch.delenv("CHECKIN_RESOURCES", raising=False)
    assert resources.resources_dir() == ROOT / "resources"
    assert resources.resource_path(*resources.SAMPLE_EVENT).is_file()
    monkeypatch.setenv("CHECKIN_RESOURCES", "/elsewhere")
    assert resources.resource_path("fonts", "x.ttf") == Path("/elsewhere/fonts/x.ttf")


# --- slow: the wheel, installed alone ----------------------------------------------------

IGNORED = (".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis",
           ".pytest_cache", ".ruff_cache", ".mypy_cache", ".pgdata", "*.sqlite3", "*.db*")


def _build_requirements_met() -> bool:
    """Whether this environment has what [build-system] requires, to build offline."""
    try:
        from packaging.requirements import Requirement
    except ImportError:
        return False
    for line in pyproject()["build-system"]["requires"]:
        req = Requirement(line)
        try:
            if not req.specifier.contains(version(req.name), prereleases=True):
                return False
        except Exception:  # not installed, or no usable version
            return False
    return True


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the checkout: building in place would leave build/
    and egg-info behind, and two builds at once would share them."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*IGNORED), symlinks=True)
    out = base / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(src)]
    if _build_requirements_met():
        cmd.insert(4, "--no-build-isolation")  # offline: this environment's setuptools
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=240, env=env)
    assert done.returncode == 0, f"{' '.join(cmd)}\n{done.stdout}\n{done.stderr}"
    (built,) = out.glob("checkin-*.whl")
    return built


def _site_packages_of_this_environment() -> list[Path]:
    paths = {Path(sysconfig.get_path(key)).resolve() for key in ("purelib", "platlib")}
    return sorted(p for p in paths if p.is_dir())


def _is_checkin_install(name: str) -> bool:
    """What an install of checkin leaves in site-packages: the package, its dist-info or
    egg-link, and an editable install's finder module and .pth (and their __pycache__)."""
    lowered = name.lower()
    return (lowered == "checkin" or lowered.startswith(("checkin-", "checkin.", "__editable__"))
            or lowered.endswith(".pth") or lowered == "__pycache__")


def _link_dependencies(target: Path) -> None:
    """This environment's third-party packages, as links in `target`, minus checkin.

    The fresh environment reaches them through a path line in a .pth file: a directory
    added that way is not a site directory, so no .pth file in it runs (this environment's
    editable finder never installs), and checkin's own files are not linked at all, so
    neither its import finder nor its metadata can be found there."""
    target.mkdir()
    for site_dir in _site_packages_of_this_environment():
        for entry in site_dir.iterdir():
            if _is_checkin_install(entry.name) or (target / entry.name).exists():
                continue
            try:
                (target / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
            except OSError as exc:
                pytest.skip(f"cannot make symbolic links here: {exc}")


def _run(cmd: list[str | Path], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=180,
                          env=env, cwd=cwd)
    assert done.returncode == 0, f"{cmd}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


class Venv:
    def __init__(self, root: Path, base: Path) -> None:
        self.root = root
        self.base = base
        bin_dir = root / ("Scripts" if os.name == "nt" else "bin")
        self.python = bin_dir / ("python.exe" if os.name == "nt" else "python")
        self.checkin = bin_dir / ("checkin.exe" if os.name == "nt" else "checkin")

    def env(self, safe_path: bool = True) -> dict[str, str]:
        """No PYTHONPATH, no CHECKIN_* of the caller, user folders in the test's tmp."""
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PYTHON", "CHECKIN_", "VIRTUAL_ENV", "__PYVENV"))}
        home = self.base / "home"
        env.update(QT_QPA_PLATFORM="offscreen", PYTHONNOUSERSITE="1", HOME=str(home),
                   XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
                   XDG_CACHE_HOME=str(home / "cache"),
                   CHECKIN_SETTINGS=str(self.base / "settings.ini"))
        if safe_path:
            env["PYTHONSAFEPATH"] = "1"  # not even the current folder on sys.path
        return env


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Venv:
    base = tmp_path_factory.mktemp("installed")
    assert not base.resolve().is_relative_to(ROOT), "the test's tmp must be outside the checkout"
    env = Venv(base / "venv", base)
    _run([sys.executable, "-m", "venv", "--without-pip", env.root], os.environ, base)
    site = Path(_run([env.python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                     env.env(), base).stdout.strip())
    _link_dependencies(base / "deps")
    (site / "_checkin_test_deps.pth").write_text(f"{base / 'deps'}\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", env.python, "install", "--quiet", "--no-deps",
          "--no-index", "--disable-pip-version-check", wheel], os.environ, base)
    (base / "run").mkdir()
    return env


def _wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


@pytest.mark.slow
def test_the_wheel_carries_the_resources_and_declares_every_import(wheel) -> None:
    names = _wheel_files(wheel)
    for shipped in ("events/pop-up-amiens.toml", "i18n/checkin_fr.qm", "fonts/DejaVuSans.ttf",
                    "fonts/DejaVuSans-Bold.ttf", "sounds/admitted.wav", "badges/a6.toml"):
        assert f"checkin/_resources/{shipped}" in names
    assert not [n for n in names if "screenshots" in n]
    assert not [n for n in names if not n.startswith(("checkin/", "checkin-"))]  # no tests/
    modules = {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py")}
    assert modules - names == set()
    (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    with zipfile.ZipFile(wheel) as zf:
        metadata = email.parser.Parser().parsestr(zf.read(meta).decode("utf-8"))
    assert undeclared(metadata.get_all("Requires-Dist") or []) == {}


_PROBE = """
import json, sys, importlib.metadata as md
import checkin
from checkin.resources import resources_dir, resource_path, SAMPLE_EVENT
from checkin.core.badges.layout import available_layouts
from checkin.ui.sounds import sound_file
print(json.dumps({
    "checkin": checkin.__file__,
    "resources": str(resources_dir()),
    "sample": resource_path(*SAMPLE_EVENT).is_file(),
    "sounds": sound_file("admitted").is_file(),
    "layouts": len(available_layouts()),
    "sys_path": sys.path,
    "finders": [getattr(f, "__name__", type(f).__name__) for f in sys.meta_path],
    "checkin_dists": [str(d.locate_file("")) for d in md.distributions()
                      if (d.metadata["Name"] or "").lower() == "checkin"],
}))
"""


@pytest.mark.slow
def test_what_runs_is_the_installed_wheel_not_the_checkout(venv) -> None:
    done = _run([venv.python, "-c", _PROBE], venv.env(), venv.base / "run")
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    checkin_file = Path(seen["checkin"]).resolve()
    assert checkin_file.is_relative_to(venv.root.resolve()), seen["checkin"]
    assert Path(seen["resources"]) == checkin_file.parent / "_resources"
    assert seen["sample"] and seen["sounds"] and seen["layouts"] >= 1
    assert [p for p in seen["sys_path"] if p and Path(p).resolve().is_relative_to(ROOT)] == []
    assert [f for f in seen["finders"] if "editable" in f.lower()] == []
    assert len(seen["checkin_dists"]) == 1
    assert Path(seen["checkin_dists"][0]).resolve().is_relative_to(venv.root.resolve())


@pytest.mark.slow
def test_the_installed_app_loads_the_demo_prints_badges_and_writes_sign_in_sheets(venv) -> None:
    from pypdf import PdfReader

    run, env = venv.base / "run", venv.env()
    db = f"sqlite:///{run / 'demo.sqlite3'}"
    done = _run([venv.checkin, "--db", db, "demo", "--attendees", "30"], env, run)
    assert "Sample event loaded: 30 registrants" in done.stdout
    _run([venv.checkin, "--db", db, "badges", "--out", run / "b.pdf"], env, run)
    _run([venv.checkin, "--db", db, "export", "sign-in", "--out", run / "s.pdf"], env, run)
    for pdf in ("b.pdf", "s.pdf"):
        assert (run / pdf).read_bytes().startswith(b"%PDF"), pdf
    assert len(PdfReader(run / "b.pdf").pages) >= 1
    assert "Feuille d'émargement" in PdfReader(run / "s.pdf").pages[0].extract_text()


_WINDOW = """
import sys
from PySide6.QtWidgets import QTabWidget
from checkin.app import create_window
w = create_window(sys.argv[1], language="fr")
print(w.windowTitle())
for a in w.menuBar().actions():
    print(a.text())
for tabs in w.findChildren(QTabWidget):
    for i in range(tabs.count()):
        print(tabs.tabText(i))
"""


@pytest.mark.slow
@pytest.mark.gui  # Qt's libraries, in the subprocess
def test_the_installed_window_opens_in_french(venv) -> None:
    run, env = venv.base / "run", venv.env()
    db = f"sqlite:///{run / 'window.sqlite3'}"
    _run([venv.checkin, "--db", db, "demo", "--attendees", "3"], env, run)
    lines = _run([venv.python, "-c", _WINDOW, db], env, run).stdout.splitlines()
    assert lines[0].startswith("checkin")
    # From checkin_fr.qm: the menu and the tabs of the main window.
    assert "&Fichier" in lines and "Programme et places" in lines, lines


@pytest.mark.slow
def test_a_plain_checkout_runs_with_main_py(venv) -> None:
    """`python main.py` from the repository root, on an interpreter that has the libraries:
    the checkout's package comes first and finds resources/ beside it."""
    env = venv.env(safe_path=False)
    db = f"sqlite:///{venv.base / 'checkout.sqlite3'}"
    done = _run([venv.python, "main.py", "--db", db, "demo", "--attendees", "5"], env, ROOT)
    assert "Sample event loaded: 5 registrants" in done.stdout
    where = _run([venv.python, "-c", "import checkin, checkin.resources as r; "
                  "print(checkin.__file__); print(r.resources_dir())"], env, ROOT).stdout.split("\n")
    assert Path(where[0]).resolve() == PACKAGE / "__init__.py"
    assert Path(where[1]).resolve() == ROOT / "resources"
