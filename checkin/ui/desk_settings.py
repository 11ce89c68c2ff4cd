"""What a workstation remembers: its desk name, the role PINs (hashed), and how the
volunteers like it (language, answer sounds, text size). The role itself is not
remembered: every start is as a volunteer, so a desk left open shows no more than a
volunteer may see."""

from __future__ import annotations

import os
import socket

from PySide6.QtCore import QSettings

from checkin.core.admission.code_reading import LAYOUTS, ScannerSetup
from checkin.core.roles import Role, check_pin, hash_pin

SETTINGS_ENV = "CHECKIN_SETTINGS"  # an .ini path: tests and several desks on one machine
LANGUAGES = ("system", "fr", "en")  # "system": follow $CHECKIN_LANG, else the OS
TEXT_SCALES = (100, 125, 150, 200)  # percent of the platform's font size
DEFAULT_TEXT_SCALE = 125  # read at arm's length, standing, by volunteers of every age


def open_settings() -> QSettings:
    path = os.environ.get(SETTINGS_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("checkin", "checkin")


class DeskSettings:
    def __init__(self, settings: QSettings) -> None:
        self._s = settings
        self.role = Role.VOLUNTEER

    @property
    def desk(self) -> str:
        return str(self._s.value("desk/name", "") or socket.gethostname() or "desk")

    @desk.setter
    def desk(self, name: str) -> None:
        self._s.setValue("desk/name", name.strip())
        self._s.sync()

    @property
    def badge_printer(self) -> str:
        """The printer this desk last printed a badge on ("" until then)."""
        return str(self._s.value("badges/printer", "") or "")

    @badge_printer.setter
    def badge_printer(self, name: str) -> None:
        self._s.setValue("badges/printer", name)
        self._s.sync()

    @property
    def badge_layout(self) -> str:
        """The layout this desk's badge printer takes (its label or card stock)."""
        return str(self._s.value("badges/layout", "") or "")

    @badge_layout.setter
    def badge_layout(self, key: str) -> None:
        self._s.setValue("badges/layout", key)
        self._s.sync()

    @property
    def language(self) -> str:
        """One of LANGUAGES; anything else stored (a hand-edited file) reads as "system"."""
        value = str(self._s.value("desk/language", "system") or "system")
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {value!r}")
        self._s.setValue("desk/language", value)
        self._s.sync()

    @property
    def language_override(self) -> str | None:
        """The language to ask checkin.app.ui_language() for: None to follow the system."""
        return None if self.language == "system" else self.language

    @property
    def sound(self) -> bool:
        """Answer sounds on (the default) or off. INI files store "true"/"false" text."""
        value = self._s.value("desk/sound", True)
        if isinstance(value, str):
            return value.strip().lower() not in ("false", "0", "no", "off")
        return bool(value)

    @sound.setter
    def sound(self, on: bool) -> None:
        self._s.setValue("desk/sound", bool(on))
        self._s.sync()

    @property
    def text_scale(self) -> int:
        """Text size in percent, one of TEXT_SCALES (the nearest one to a stored oddity)."""
        try:
            value = int(str(self._s.value("desk/text_scale", DEFAULT_TEXT_SCALE)))
        except ValueError:
            return DEFAULT_TEXT_SCALE
        return min(TEXT_SCALES, key=lambda s: abs(s - value))

    @text_scale.setter
    def text_scale(self, percent: int) -> None:
        if percent not in TEXT_SCALES:
            raise ValueError(f"text scale must be one of {TEXT_SCALES}, not {percent!r}")
        self._s.setValue("desk/text_scale", int(percent))
        self._s.sync()

    def has_pin(self, role: Role) -> bool:
        return bool(self._s.value(f"pins/{role.value}", ""))

    def set_pin(self, role: Role, pin: str) -> None:
        self._s.setValue(f"pins/{role.value}", hash_pin(pin))
        self._s.sync()

    def switch_to(self, role: Role, pin: str = "") -> bool:
        """Volunteer needs no PIN; another role needs its PIN when one is set."""
        stored = str(self._s.value(f"pins/{role.value}", "") or "")
        if role != Role.VOLUNTEER and stored and not check_pin(pin, stored):
            return False
        self.role = role
        return True

    @property
    def print_on_checkin(self) -> bool:
        """Print each person's badge the first time they are admitted at this desk."""
        value = self._s.value("badges/print_on_checkin", False)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes", "on")
        return bool(value)

    @print_on_checkin.setter
    def print_on_checkin(self, on: bool) -> None:
        self._s.setValue("badges/print_on_checkin", bool(on))
        self._s.sync()

    @property
    def scanner(self) -> ScannerSetup:
        """How this desk's scanner types (Desk ▸ Test the scanner finds it out). A layout
        this version does not know (a hand-edited file) reads as the default."""
        layout = str(self._s.value("scanner/layout", "") or "")
        return ScannerSetup(layout=layout if layout in LAYOUTS else ScannerSetup().layout,
                            prefix=str(self._s.value("scanner/prefix", "") or "")[:16],
                            suffix=str(self._s.value("scanner/suffix", "") or "")[:16])

    @scanner.setter
    def scanner(self, setup: ScannerSetup) -> None:
        self._s.setValue("scanner/layout", setup.layout)
        self._s.setValue("scanner/prefix", setup.prefix)
        self._s.setValue("scanner/suffix", setup.suffix)
        self._s.sync()

    @property
    def scanner_terminator(self) -> str:
        """What the scanner sends after a code, as last tested: "enter", "tab", "none", or ""
        (not tested). Informative: every terminator is taken, whatever is stored."""
        value = str(self._s.value("scanner/terminator", "") or "")
        return value if value in ("enter", "tab", "none") else ""

    @scanner_terminator.setter
    def scanner_terminator(self, value: str) -> None:
        self._s.setValue("scanner/terminator", value)
        self._s.sync()
