"""What a workstation remembers: its desk name and the role PINs (hashed). The role itself
is not remembered: every start is as a volunteer, so a desk left open shows no more than
a volunteer may see."""

from __future__ import annotations

import os
import socket

from PySide6.QtCore import QSettings

from checkin.core.roles import Role, check_pin, hash_pin

SETTINGS_ENV = "CHECKIN_SETTINGS"  # an .ini path: tests and several desks on one machine


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
