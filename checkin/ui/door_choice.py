"""Where a desk scans: the venue entrance, or the door of a session not over yet. A door
is shown in a colour of its own, so that a desk left on a room's door is seen to be."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

if TYPE_CHECKING:
    from checkin.core.programme.seating import SessionDoor


class DoorChoice(QComboBox):
    """The entrance (data None), then one item per session's door (data: the session id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doorChoice")
        self.setAccessibleName(self.tr("Scanning at"))
        self.setMinimumWidth(320)
        # As wide as about 30 letters, not as the longest session title: the search field
        # beside it must stay wide. The list that opens shows the titles whole.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.currentIndexChanged.connect(self._on_changed)

    def show_doors(self, sessions: Iterable[SessionDoor], tz: tzinfo, keep: int | None) -> None:
        """The venue entrance, then each session's door; `keep` stays chosen if it is still
        there (without a change signal), else the entrance."""
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("Venue entrance"), None)
        for s in sessions:
            label = f"{s.starts_at.astimezone(tz):%H:%M} {s.room} — {s.title}"
            self.addItem(self.tr("Door: %1").replace("%1", label), s.session_id)
        index = self.findData(keep) if keep is not None else 0
        self.setCurrentIndex(max(0, index))
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 24)
        self.blockSignals(False)
        self._show_mode()

    def choose(self, session_id: int | None) -> None:
        """A room's door for this session, or None for the venue entrance."""
        index = self.findData(session_id) if session_id is not None else 0
        self.setCurrentIndex(max(0, index))

    def _on_changed(self, _index: int) -> None:
        self._show_mode()

    def _show_mode(self) -> None:
        door = self.currentData() is not None
        self.setStyleSheet("QComboBox { background: #1f4e79; color: white; "
                           "font-weight: 600; }" if door else "")
