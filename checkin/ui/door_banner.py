"""Door mode, unmistakable: a wide banner over the answer while the desk scans at a room's
door — which room, which session, and the seats left — so that nobody takes a door for the
entrance (or the other way round) after a colleague changed the desk's door."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:  # the programme module is read at the first door, not to start
    from checkin.core.programme.seating import SessionDoor

BANNER_STYLE = ("font-size: 18pt; font-weight: 700; color: white; background: #1f4e79; "
                "border-radius: 8px; padding: 10px 16px;")


class DoorBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doorBanner")
        self.setWordWrap(True)
        self.setStyleSheet(BANNER_STYLE)
        self._door: SessionDoor | None = None
        self._tz: tzinfo | None = None
        self._free: int | None = None
        self._known = False
        self.hide()

    def show_door(self, door: SessionDoor | None, tz: tzinfo) -> None:
        """The door scanned at now (None: the venue entrance, no banner)."""
        self._door, self._tz, self._free, self._known = door, tz, None, False
        self._render()

    def show_seats(self, session_id: int, free: int | None) -> None:
        """Seats left at this door, as last read or answered (None: no limit)."""
        if self._door is not None and self._door.session_id == session_id:
            self._free, self._known = free, True
            self._render()

    def _render(self) -> None:
        door = self._door
        self.setVisible(door is not None)
        if door is None:
            return
        when = f"{door.starts_at.astimezone(self._tz):%H:%M}" if self._tz else ""
        if not self._known:
            seats = self.tr("seats left: …")
        elif self._free is None:
            seats = self.tr("no seat limit")
        else:
            seats = self.tr("seats left: %1").replace("%1", str(self._free))
        self.setText(self.tr("DOOR of %1 — %2 %3 · %4")
                     .replace("%1", door.room or "?").replace("%2", when)
                     .replace("%3", door.title).replace("%4", seats))
