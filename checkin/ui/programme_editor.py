"""The coordinator's programme editor: rooms, tracks, sessions and capacities.

Edits are kept in the dialog until Save; Save sends the whole programme through the same
validation and loader as `checkin event load`, so the window and the command line accept
and refuse exactly the same things, and every change is journaled with who made it.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QStyledItemDelegate, QStyleOptionViewItem, QTableView, QTabWidget, QVBoxLayout, QWidget,
)
from sqlalchemy.engine import Engine

from checkin.core.programme.event_file import ProgrammeError, parse_programme
from checkin.core.programme.files import export_programme
from checkin.core.programme.load import CapacityBelowBookings, ProgrammeConflict, load_programme
from checkin.core.programme.overflow import KEEP, WAITLIST
from checkin.store.vocabulary import SessionKind
from checkin.ui.dialogs import ConfirmDialog
from checkin.ui.labels import english_plural, kind_label
from checkin.ui.models.records import Column, RecordTableModel


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down for columns with a fixed set of values (kind, room, track)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        model = index.model()
        column = model.columns[index.column()] if isinstance(model, RecordTableModel) else None
        if column is None or column.choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for value, label in column.choices():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class ProgrammeEditor(QDialog):
    saved = Signal()

    def __init__(self, engine: Engine, event_id: int, *, actor: str, desk: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("programmeEditor")
        self.setWindowTitle(self.tr("Programme"))
        self.resize(1240, 620)
        self._engine, self._event_id, self._actor, self._desk = engine, event_id, actor, desk
        self._data: dict[str, Any] = {}
        self.rooms = RecordTableModel([
            Column("key", self.tr("Id"), new_only=True), Column("name", self.tr("Room")),
            Column("capacity", self.tr("Capacity"), integer=True),
            Column("floor", self.tr("Floor")), Column("directions", self.tr("Directions"))], self)
        self.tracks = RecordTableModel([
            Column("key", self.tr("Id"), new_only=True), Column("name", self.tr("Track")),
            Column("colour", self.tr("Colour"))], self)
        self.sessions = RecordTableModel([
            Column("key", self.tr("Id"), new_only=True), Column("title", self.tr("Title")),
            Column("kind", self.tr("Kind"), choices=self._kinds),
            Column("track", self.tr("Track"), choices=lambda: self._choices(self.tracks)),
            Column("room", self.tr("Room"), choices=lambda: self._choices(self.rooms)),
            Column("start", self.tr("Start")), Column("end", self.tr("End")),
            Column("capacity", self.tr("Seats (if fewer than the room)"), integer=True),
            Column("audience_professions", self.tr("Only for professions"))], self)
        self._build()
        self.reload()

    @staticmethod
    def _kinds() -> list[tuple[str, str]]:
        return [(kind, kind_label(kind)) for kind in SessionKind.ALL]

    @staticmethod
    def _choices(model: RecordTableModel) -> list[tuple[str, str]]:
        return [("", "—")] + [(r["key"], r.get("name") or r["key"]) for r in model.records()]

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("programmeTabs")
        self.views: dict[str, QTableView] = {}
        for name, label, model in (("sessions", self.tr("Sessions"), self.sessions),
                                   ("rooms", self.tr("Rooms"), self.rooms),
                                   ("tracks", self.tr("Tracks"), self.tracks)):
            view = QTableView(self.tabs)
            view.setObjectName(f"{name}Editor")
            view.setAccessibleName(label)
            view.setModel(model)
            view.setItemDelegate(ChoiceDelegate(view))
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                 | QAbstractItemView.EditTrigger.EditKeyPressed
                                 | QAbstractItemView.EditTrigger.AnyKeyPressed)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.horizontalHeader().setStretchLastSection(True)
            if name == "sessions":  # long titles must not push the times off screen
                view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
                view.setColumnWidth(1, 300)
            self.views[name] = view
            self.tabs.addTab(view, label)
        self.problems = QLabel(self)
        self.problems.setObjectName("editorProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("saveProgrammeButton")
        close = QPushButton(self.tr("&Close"), self)
        self.add_button.clicked.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)
        self.save_button.clicked.connect(self._on_save)
        close.clicked.connect(self.reject)
        for b in (self.add_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        hint = QLabel(self.tr("Double-click a cell to change it. Times are HH:MM, local to the "
                              "event. Nothing is written until you save."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)

    def reload(self) -> None:
        self._data = export_programme(self._engine, self._event_id)
        self.rooms.set_records(self._data.get("rooms", []))
        self.tracks.set_records(self._data.get("tracks", []))
        self.sessions.set_records(self._data.get("sessions", []))
        self.problems.clear()

    def _current(self) -> tuple[str, RecordTableModel]:
        name = ("sessions", "rooms", "tracks")[self.tabs.currentIndex()]
        return name, getattr(self, name)

    def _on_add(self) -> None:
        name, model = self._current()
        n = model.rowCount() + 1
        template = {
            "sessions": {"key": f"session-{n}", "title": self.tr("New session"),
                         "kind": SessionKind.TRACK, "start": "10:00", "end": "11:00"},
            "rooms": {"key": f"room-{n}", "name": self.tr("New room"), "capacity": 20},
            "tracks": {"key": f"track-{n}", "name": self.tr("New track"), "colour": "#777777"},
        }[name]
        row = model.add_record(template)
        view = self.views[name]
        view.setCurrentIndex(model.index(row, 1))
        view.edit(model.index(row, 1))

    def _on_remove(self) -> None:
        name, model = self._current()
        rows = [i.row() for i in self.views[name].selectionModel().selectedRows()]
        model.remove_rows(rows)

    def programme_dict(self) -> dict[str, Any]:
        """What Save would load: the exported file with the three edited lists."""
        data = copy.deepcopy(self._data)
        for name, label in (("sessions", self.tr("Sessions")), ("rooms", self.tr("Rooms")),
                            ("tracks", self.tr("Tracks"))):
            records = getattr(self, name).records()
            for i, record in enumerate(records, 1):
                key = f" '{record.get('key')}'" if record.get("key") else ""
                record["_where"] = self.tr("%1, row %2").replace("%1", label).replace("%2", str(i)) + key
            data[name] = copy.deepcopy(records)
        return data

    def _on_save(self, _checked: bool = False, force: bool = False,
                 overflow: str | None = None) -> bool:
        try:
            programme = parse_programme(self.programme_dict())
            report = load_programme(self._engine, programme, force=force, actor=self._actor,
                                    desk=self._desk, action="programme_edit", overflow=overflow)
        except CapacityBelowBookings as exc:
            choice = self._ask_overflow(exc)
            if choice is not None:
                return self._on_save(force=force, overflow=choice)
            self._show(self.tr("Not saved: the seats were left as they were."), ok=False)
            return False
        except ProgrammeConflict as exc:
            people = "\n".join(exc.people[:30])
            if ConfirmDialog.ask(self, self.tr("Remove sessions with enrollments?"),
                                 "\n".join(exc.problems) + ("\n\n" + people if people else "")):
                return self._on_save(force=True)
            self._show(self.tr("Not saved:") + "\n" + "\n".join(exc.problems), ok=False)
            return False
        except ProgrammeError as exc:
            self._show(self.tr("Not saved:") + "\n" + "\n".join(exc.problems), ok=False)
            return False
        self.reload()
        changes = len(report.changes)
        self._show("\n".join([english_plural(self.tr("Saved: %n change(s).", "", changes), changes)]
                             + [self._settled(done, overflow) for done in report.overflow]
                             + report.warnings), ok=True)
        self.saved.emit()
        return True

    def _settled(self, done: dict, choice: str | None) -> str:
        if choice == WAITLIST:
            n = len(done["losing"])
            return english_plural(self.tr("%1: %n moved to the head of the waitlist.", "", n), n) \
                .replace("%1", done["title"])
        n = done["booked"]
        return english_plural(self.tr("%1: %n booked for %2 seats, all kept.", "", n), n) \
            .replace("%1", done["title"]).replace("%2", str(done["seats"]))

    def _ask_overflow(self, exc: CapacityBelowBookings) -> str | None:
        """Fewer seats than bookings: say where and who, then keep them all booked, move
        the last to book to the waitlist, or leave the programme as it was."""
        lines, moving = [], 0
        for o in exc.overflows:
            lines.append(english_plural(self.tr(
                "%1: %2 seats for %3 booked. %n would lose their seat (the last to book):",
                "", len(o.losing)), len(o.losing))
                .replace("%1", o.title).replace("%2", str(o.seats)).replace("%3", str(o.booked)))
            lines += [f"  • {name} ({code})" for _aid, code, name in o.losing[:12]]
            if len(o.losing) > 12:
                lines.append("  " + self.tr("… and %1 more").replace("%1", str(len(o.losing) - 12)))
            moving += len(o.losing)
        choice = ConfirmDialog.choose(
            self, self.tr("Fewer seats than bookings"),
            "\n".join(lines) + "\n\n" + self.tr(
                "Keep them booked (the room is then over-booked), or move them to the head "
                "of the waitlist in the order they booked?"),
            [self.tr("Keep them booked"),
             english_plural(self.tr("Move %n to the waitlist", "", moving), moving)],
            details="\n".join(f"{o.key}: {name} ({code})" for o in exc.overflows
                              for _aid, code, name in o.losing))
        return None if choice is None else (KEEP, WAITLIST)[choice]

    def _show(self, text: str, ok: bool) -> None:
        self.problems.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")
        self.problems.setText(text)
