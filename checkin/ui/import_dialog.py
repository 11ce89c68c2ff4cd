"""Import registrants from the window: choose a file, check the detected columns, import.

The preview shows the first rows as the importer will read them, and each column's field
can be changed before anything is written. The import runs off the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit,
    QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)
from sqlalchemy.engine import Engine

from checkin.core.registrants.presets import FIELDS, PRESET_NAMES
from checkin.core.registrants.import_context import ImportRefused, ImportReport
from checkin.core.registrants.importer import Inspection, import_registrants, inspect_file
from checkin.core.registrants.qpv import examples as qpv_examples
from checkin.core.messages import import_counts
from checkin.ui.labels import english_plural, field_label, window_words
from checkin.ui.workers import Task, start

PREVIEW_ROWS = 8


class FileDialog:
    """Seam for tests: the file chooser."""

    @staticmethod
    def open_file(parent: QWidget | None, title: str, filters: str) -> str:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return path

    @staticmethod
    def save_file(parent: QWidget | None, title: str, filters: str, suggested: str = "") -> str:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path


class ImportDialog(QDialog):
    imported = Signal()

    def __init__(self, engine: Engine, event_id: int, path: str, *, actor: str, desk: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import registrants"))
        self.resize(1100, 640)
        self._engine, self._event_id, self._actor, self._desk = engine, event_id, actor, desk
        self._path = Path(path)
        self._inspection: Inspection | None = None
        self._task: Task | None = None
        self.last_report: ImportReport | None = None
        self._build()
        self._inspect(None)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("File: %1").replace("%1", self._path.name), self), 1)
        top.addWidget(QLabel(self.tr("Layout"), self))
        self.preset = QComboBox(self)
        self.preset.setObjectName("presetChoice")
        self.preset.setAccessibleName(self.tr("Layout"))
        self.preset.addItem(self.tr("Recognised from the header"), "")
        for name in PRESET_NAMES:
            self.preset.addItem(name, name)
        self.preset.currentIndexChanged.connect(lambda _i: self._inspect(self.preset.currentData() or None))
        top.addWidget(self.preset)
        layout.addLayout(top)
        self.table = QTableWidget(self)
        self.table.setObjectName("importPreview")
        self.table.setAccessibleName(self.tr("Columns and first rows"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(QLabel(self.tr("First row: what each column holds (change it if needed). "
                                        "Below: the first rows of the file."), self))
        layout.addWidget(self.table, 1)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("importSummary")
        self.summary.setReadOnly(True)
        self.summary.setMaximumHeight(160)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("&Check (writes nothing)"), self)
        self.check_button.setObjectName("checkImportButton")
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setObjectName("runImportButton")
        close = QPushButton(self.tr("&Close"), self)
        self.check_button.clicked.connect(lambda: self._run(dry_run=True))
        self.import_button.clicked.connect(lambda: self._run(dry_run=False))
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        for b in (self.check_button, self.import_button, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)

    def _inspect(self, preset: str | None) -> None:
        try:
            self._inspection = inspect_file(self._path, preset)
        except ImportRefused as exc:
            self._inspection = None
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.summary.setPlainText(self.tr("This file cannot be imported:") + "\n" + "\n".join(exc.problems))
            self.import_button.setEnabled(False)
            self.check_button.setEnabled(False)
            return
        self.import_button.setEnabled(True)
        self.check_button.setEnabled(True)
        self._fill(self._inspection)
        self.summary.setPlainText(window_words()("import.layout_rows", self._inspection.preset,
                                                 n=self._inspection.rows))

    def _fill(self, inspection: Inspection) -> None:
        header = inspection.table.header
        preview = inspection.table.rows[:PREVIEW_ROWS]
        self.table.clear()
        self.table.setColumnCount(len(header))
        self.table.setRowCount(1 + len(preview))
        self.table.setHorizontalHeaderLabels(header)
        self.table.setVerticalHeaderLabels([self.tr("holds")] + [str(n) for n, _ in preview])
        for col, name in enumerate(header):
            combo = QComboBox(self.table)
            combo.setAccessibleName(self.tr("Field for column %1").replace("%1", name))
            combo.addItem(self.tr("(not imported)"), "")
            for f in FIELDS:
                if f != "ignore":
                    combo.addItem(self._field_label(f), f)
            combo.setCurrentIndex(max(0, combo.findData(inspection.mapping.get(name, ""))))
            self.table.setCellWidget(0, col, combo)
            for row, (_, cells) in enumerate(preview, 1):
                value = cells[col] if col < len(cells) else None
                item = QTableWidgetItem("" if value is None else str(value))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, item)

    def _field_label(self, field: str) -> str:
        # The QPV answer is new and its words live here until checkin.ui.labels has them.
        if field == "qpv":
            return self.tr("lives in a QPV (yes/no)")
        return field_label(field)

    def mapping(self) -> dict[str, str]:
        assert self._inspection is not None
        out = {}
        for col, name in enumerate(self._inspection.table.header):
            combo = self.table.cellWidget(0, col)
            if isinstance(combo, QComboBox) and combo.currentData():
                out[name] = combo.currentData()
        return out

    def set_field(self, column: str, field: str) -> None:
        """Choose what a column holds (as the user does with the drop-down)."""
        assert self._inspection is not None
        combo = self.table.cellWidget(0, self._inspection.table.header.index(column))
        combo.setCurrentIndex(combo.findData(field))

    def is_busy(self) -> bool:
        return self._task is not None

    def _run(self, dry_run: bool) -> None:
        if self._inspection is None or self._task is not None:
            return
        mapping = self.mapping()
        if not {"first_name", "last_name", "full_name"} & set(mapping.values()):
            self.summary.setPlainText(self.tr("Say which column holds the names (last name, "
                                              "first name or full name)."))
            return
        inspection = Inspection(self._inspection.path, self._inspection.table,
                                self._inspection.preset, mapping, self._inspection.rows)
        engine, event_id, actor, desk = self._engine, self._event_id, self._actor, self._desk
        task = Task(lambda progress: import_registrants(
            engine, event_id, inspection, dry_run=dry_run, progress=progress, actor=actor, desk=desk))
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(self._on_done)
        task.signals.failed.connect(self._on_failed)
        self._task = task
        self.progress.setRange(0, 0)
        self.progress.show()
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        start(task)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self) -> None:
        self._task = None
        self.progress.hide()
        self.import_button.setEnabled(True)
        self.check_button.setEnabled(True)

    def _on_done(self, report: ImportReport) -> None:
        self._finish()
        self.last_report = report
        head = (self.tr("Check only, nothing was written. The import would give:") if report.dry_run
                else self.tr("Imported:"))
        lines = [head, import_counts(window_words(), added=report.added, updated=report.updated,
                                     unchanged=report.unchanged, cancelled=report.cancelled,
                                     skipped=len(report.skipped), enrollments=report.enrollments,
                                     waitlisted=report.waitlisted)]
        lines += [self.tr("row %1: %2").replace("%1", str(r)).replace("%2", why)
                  for r, why in report.skipped[:200]]
        unclear = sum(report.qpv_unclear.values())
        if unclear:
            said = english_plural(self.tr("%n QPV answer(s) not understood, left unknown: %1",
                                          "", unclear), unclear)
            lines.append(said.replace("%1", qpv_examples(report.qpv_unclear, window_words().lang)))
        lines += report.warnings
        self.summary.setPlainText("\n".join(lines))
        if not report.dry_run:
            self.imported.emit()

    def _on_failed(self, message: str) -> None:
        self._finish()
        self.summary.setPlainText(self.tr("Not imported, nothing was written:") + "\n" + message)
