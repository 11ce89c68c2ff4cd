"""File ▸ Export…: the end-of-day exports from the window, for staff.

The same core function as `checkin export` runs on a pool thread with a progress bar, so
a 100 000-row export never freezes the desk. The role is checked here and again by the
core (a volunteer's desk cannot export personal data even if this dialog were reached).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton,
    QVBoxLayout, QWidget,
)
from sqlalchemy.engine import Engine

from checkin.core.exports.run import (
    FORMATS, KINDS, ONE_SESSION, ExportReport, default_file_name, run_export,
)
from checkin.core.roles import Permission, Role, allows
from checkin.ui.import_dialog import FileDialog
from checkin.ui.labels import window_words
from checkin.ui.progress_run import ProgressRun


class ExportDialog(QDialog):
    exported = Signal(object)  # the ExportReport

    def __init__(self, engine: Engine, event_id: int, role: Role, *, actor: str, desk: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self._engine, self._event_id, self._role = engine, event_id, role
        self._actor, self._desk = actor, desk
        self.last_report: ExportReport | None = None
        self._build()
        self._on_kind(0)

    def _labels(self) -> dict[str, str]:
        return {
            "attendance": self.tr("Attendance per person"),
            "sessions": self.tr("Attendance per session"),
            "absent": self.tr("Registrants who did not come"),
            "walk-ins": self.tr("Walk-ins"),
            "scans": self.tr("Full scan log"),
            "stats": self.tr("Funders' statistics"),
            "sign-in": self.tr("Sign-in sheets per session (PDF)"),
        }

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("exportKind")
        labels = self._labels()
        for kind in KINDS:
            self.kind.addItem(labels[kind], kind)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        self.format.currentIndexChanged.connect(self._on_format)
        self.lang = QComboBox(self)
        self.lang.setObjectName("exportLanguage")
        self.lang.addItem(self.tr("French"), "fr")
        self.lang.addItem(self.tr("English"), "en")
        self.session = QComboBox(self)
        self.session.setObjectName("exportSession")
        self.session.setAccessibleName(self.tr("Session"))
        self.session.addItem(self.tr("All sessions"), None)
        self._session_keys: dict[int, str] = {}
        for sid, key, label in self._sessions():
            self.session.addItem(label, sid)
            self._session_keys[sid] = key
        self.excel_fr = QCheckBox(self.tr("For French Excel (semicolon separator)"), self)
        self.excel_fr.setObjectName("exportExcelFr")
        self.excel_fr.setChecked(True)
        form.addRow(self.tr("Export"), self.kind)
        form.addRow(self.tr("Session"), self.session)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Column headers"), self.lang)
        form.addRow("", self.excel_fr)
        layout.addLayout(form)
        self._form = form
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setObjectName("runExportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._on_export)
        close = QPushButton(self.tr("&Close"), self)
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        if not allows(self._role, Permission.EXPORT):
            self.export_button.setEnabled(False)
            self.status.setText(self.tr("Exports hold personal data: staff only."))
        self._run = ProgressRun(self.progress, self.export_button, self.status, self)
        self._run.done.connect(self._on_done)
        self._run.failed.connect(self._on_failed)

    def _sessions(self) -> list[tuple[int, str, str]]:
        """(id, key, "10:15 Room — Title") of every session, in programme order."""
        from checkin.core.exports.queries import event_info, session_titles

        with self._engine.connect() as conn:
            ev = event_info(conn, self._event_id)
            titles = session_titles(conn, self._event_id)
        return [(s.id, s.key, f"{ev.local(s.starts_at):%H:%M} {s.room or ''} — {s.title}")
                for s in titles.values()]

    def choose(self, kind: str, fmt: str | None = None, session_id: int | None = None) -> None:
        """Pick an export (as the user does with the drop-downs)."""
        self.kind.setCurrentIndex(self.kind.findData(kind))
        if fmt:
            self.format.setCurrentIndex(self.format.findData(fmt))
        if session_id is not None:
            self.session.setCurrentIndex(self.session.findData(session_id))

    def is_busy(self) -> bool:
        return self._run.busy()

    def _on_kind(self, _index: int) -> None:
        self.format.blockSignals(True)
        self.format.clear()
        for fmt in FORMATS[self.kind.currentData()]:
            self.format.addItem(fmt.upper(), fmt)
        self.format.blockSignals(False)
        self._on_format(0)
        # One session's list or sheet, for the coordinator at its door; the others cover the day.
        self._form.setRowVisible(self.session, self.kind.currentData() in ONE_SESSION)

    def _on_format(self, _index: int) -> None:
        self.excel_fr.setEnabled(self.format.currentData() == "csv")

    def _on_export(self) -> None:
        if self._run.busy() or not allows(self._role, Permission.EXPORT):
            return
        kind, fmt, lang = self.kind.currentData(), self.format.currentData(), self.lang.currentData()
        session = self.session.currentData() if kind in ONE_SESSION else None
        suggested = default_file_name(kind, fmt, lang,
                                      self._session_keys[session] if session is not None else None)
        path = FileDialog.save_file(self, self.tr("Export"), f"*.{fmt}", suggested)
        if not path:
            return
        if not Path(path).suffix:
            path += f".{fmt}"
        delimiter = ";" if fmt == "csv" and self.excel_fr.isChecked() else ","
        engine, event_id, role, actor, desk = (self._engine, self._event_id, self._role,
                                               self._actor, self._desk)
        self._run.start(lambda progress: run_export(
            engine, event_id, kind, path, fmt=fmt, lang=lang, delimiter=delimiter, role=role,
            actor=actor, desk=desk, progress=progress, session_id=session),
            self.tr("Exporting…"))

    def _on_done(self, report: ExportReport) -> None:
        self.last_report = report
        counted = "export.written_stats" if report.kind == "stats" else "export.written"
        self.status.setText(window_words()(counted, report.path, n=report.rows))
        self.exported.emit(report)

    def _on_failed(self, message: str) -> None:
        self.status.setText(self.tr("Not exported, nothing was written:") + "\n" + message)
