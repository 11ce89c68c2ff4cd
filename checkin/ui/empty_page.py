"""What the window shows on a store without an event: one button to load the sample."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyPage(QWidget):
    def __init__(self, sample_attendees: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyPage")
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        title = QLabel(self.tr("No event in this store yet"), self)
        title.setObjectName("emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        hint = QLabel(self.tr(
            "Load the sample event (the IREV Pop-Up in Amiens, with %1 made-up registrants) "
            "to try the desk, or load your own programme from the command line.")
            .replace("%1", str(sample_attendees)), self)
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.load_button = QPushButton(self.tr("Load the sample event"), self)
        self.load_button.setObjectName("loadSampleButton")
        self.load_button.setDefault(True)
        self.load_button.setMinimumHeight(44)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.load_button)
        row.addStretch(1)
        lay.addWidget(title)
        lay.addWidget(hint)
        lay.addSpacing(16)
        lay.addLayout(row)
        lay.addStretch(2)
        lay.setContentsMargins(80, 40, 80, 40)
