"""Attendance certificates from the window, for staff: the person at the desk's, everyone's
in a batch, and who signs them (organiser's name and signature image).

The same core functions as `checkin certificates` run on pool threads (a batch of a few
hundred files takes a minute; the desk keeps scanning). The role is checked here and
again by the core.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
    QPushButton, QVBoxLayout, QWidget,
)
from sqlalchemy.engine import Engine

from checkin.core.exports.certificates import (
    CertificateReport, NotScanned, UnknownCode, file_name_for, save_signer, signer,
    write_certificates,
)
from checkin.core.programme.event_file import signature_problem
from checkin.core.roles import Permission, Role, allows
from checkin.ui.dialogs import ConfirmDialog
from checkin.ui.import_dialog import FileDialog
from checkin.ui.labels import english_plural
from checkin.ui.progress_run import ProgressRun
from checkin.ui.workers import Task, start

BATCH_FOLDER = {"fr": "attestations", "en": "certificates"}
BATCH_FILE = {"fr": "attestations.pdf", "en": "certificates.pdf"}


class FolderDialog:
    """Seam for tests: the folder chooser."""

    @staticmethod
    def choose(parent: QWidget | None, title: str) -> str:
        return QFileDialog.getExistingDirectory(parent, title)


class CertificateMaker(QObject):
    """One person's certificate: checked (never scanned → refused, nothing asked), the
    file chosen, written off the UI thread."""

    written = Signal(str)  # what to tell the desk

    def __init__(self, engine: Engine, event_id: int, role: Role, *, actor: str, desk: str,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._engine, self._event_id, self._role = engine, event_id, role
        self._actor, self._desk = actor, desk
        self._parent = parent
        self._task: Task | None = None
        self.last_report: CertificateReport | None = None

    def busy(self) -> bool:
        return self._task is not None

    def make(self, person: tuple[str, str] | None) -> None:
        """`person`: (code, name) of whoever the desk shows, or None."""
        title = self.tr("Attendance certificate")
        if not allows(self._role, Permission.EXPORT) or self._task is not None:
            return
        if person is None:
            ConfirmDialog.error(self._parent, title, self.tr(
                "Scan the badge or find the person first: the certificate is for the person "
                "shown at the desk."))
            return
        code, name = person
        engine, event_id = self._engine, self._event_id
        self._run(lambda _p: file_name_for(engine, event_id, code),
                  lambda suggested: self._ask_file(code, suggested), name or code)

    def _ask_file(self, code: str, suggested: str) -> None:
        path = FileDialog.save_file(self._parent, self.tr("Save the attendance certificate"),
                                    self.tr("PDF documents (*.pdf)"), suggested)
        if not path:
            return
        if not Path(path).suffix:
            path += ".pdf"
        engine, event_id, role, actor, desk = (self._engine, self._event_id, self._role,
                                               self._actor, self._desk)
        self._run(lambda progress: write_certificates(
            engine, event_id, one_file=path, code=code, role=role, actor=actor, desk=desk,
            progress=progress), self._on_written, code)

    def _run(self, work, then, who: str) -> None:
        def done(result: object) -> None:
            self._task = None
            if isinstance(result, NotScanned):
                ConfirmDialog.error(self._parent, self.tr("Attendance certificate"), self.tr(
                    "%1 was never scanned in (entrance or session door): there is no "
                    "attendance certificate to make.").replace("%1", who))
            elif isinstance(result, UnknownCode):
                ConfirmDialog.error(self._parent, self.tr("Attendance certificate"),
                                    self.tr("Nobody has this code in the event."))
            else:
                then(result)

        def failed(message: str) -> None:
            self._task = None
            ConfirmDialog.error(self._parent, self.tr("Attendance certificate"),
                                self.tr("Not written:") + "\n" + message)

        def guarded(progress):  # a refusal is an answer to show in French, not a crash
            try:
                return work(progress)
            except (NotScanned, UnknownCode) as exc:
                return exc

        task = Task(guarded)
        task.signals.finished.connect(done)
        task.signals.failed.connect(failed)
        self._task = task
        start(task)

    def _on_written(self, report: CertificateReport) -> None:
        self.last_report = report
        self.written.emit(self.tr("Attendance certificate written: %1").replace(
            "%1", report.paths[0]))


class CertificatesDialog(QDialog):
    """Everyone's certificates: one PDF each in a folder, or all in one PDF."""

    made = Signal(object)  # the CertificateReport

    def __init__(self, engine: Engine, event_id: int, role: Role, *, actor: str, desk: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("certificatesDialog")
        self.setWindowTitle(self.tr("Attendance certificates"))
        self.setMinimumWidth(560)
        self._engine, self._event_id, self._role = engine, event_id, role
        self._actor, self._desk = actor, desk
        self.last_report: CertificateReport | None = None
        self._build()
        self._read_signer()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("One certificate for each person scanned in at the entrance "
                               "or at a session's door: the times on site, the sessions "
                               "attended, the organiser's name and signature."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.mode = QComboBox(self)
        self.mode.setObjectName("certificatesMode")
        self.mode.addItem(self.tr("One PDF per person, in a folder"), "per-person")
        self.mode.addItem(self.tr("All in one PDF"), "one-file")
        self.lang = QComboBox(self)
        self.lang.setObjectName("certificatesLanguage")
        self.lang.addItem(self.tr("French"), "fr")
        self.lang.addItem(self.tr("English"), "en")
        self.signer_label = QLabel(self)
        self.signer_label.setObjectName("certificatesSigner")
        self.signer_label.setWordWrap(True)
        self.signer_button = QPushButton(self.tr("&Organiser and signature…"), self)
        self.signer_button.setObjectName("signerButton")
        self.signer_button.clicked.connect(self._on_signer)
        form.addRow(self.tr("Files"), self.mode)
        form.addRow(self.tr("Language"), self.lang)
        form.addRow(self.tr("Signed by"), self.signer_label)
        form.addRow("", self.signer_button)
        layout.addLayout(form)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("certificatesProgress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setObjectName("certificatesStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.make_button = QPushButton(self.tr("&Make the certificates…"), self)
        self.make_button.setObjectName("makeCertificatesButton")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self._on_make)
        close = QPushButton(self.tr("&Close"), self)
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.make_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        if not allows(self._role, Permission.EXPORT):
            for button in (self.make_button, self.signer_button):
                button.setEnabled(False)
            self.status.setText(self.tr("Certificates hold personal data: staff only."))
        self._run = ProgressRun(self.progress, self.make_button, self.status, self)
        self._run.done.connect(self._on_done)
        self._run.failed.connect(self._on_failed)

    def is_busy(self) -> bool:
        return self._run.busy()

    def _read_signer(self) -> None:
        engine, event_id = self._engine, self._event_id
        task = Task(lambda _p: signer(engine, event_id))
        task.signals.finished.connect(self._show_signer)
        start(task)
        self._signer_task = task  # kept alive until it reports

    def _show_signer(self, found: tuple[str, bytes | None]) -> None:
        organiser, image = found
        name = organiser or self.tr("no organiser's name set")
        self.signer_label.setText(name + " · " + (self.tr("signature image set") if image
                                                  else self.tr("no signature image")))

    def _on_signer(self) -> None:
        dialog = SignerDialog(self._engine, self._event_id, self._role, actor=self._actor,
                              desk=self._desk, parent=self)
        dialog.saved.connect(self._read_signer)
        dialog.open()
        self._signer_dialog = dialog

    def _on_make(self) -> None:
        if self._run.busy() or not allows(self._role, Permission.EXPORT):
            return
        mode, lang = self.mode.currentData(), self.lang.currentData()
        if mode == "per-person":
            chosen = FolderDialog.choose(self, self.tr("Folder for the certificates"))
            if not chosen:
                return
            folder, single = Path(chosen) / BATCH_FOLDER[lang], None
        else:
            path = FileDialog.save_file(self, self.tr("Save the certificates"),
                                        self.tr("PDF documents (*.pdf)"), BATCH_FILE[lang])
            if not path:
                return
            folder, single = None, Path(path if Path(path).suffix else path + ".pdf")
        engine, event_id, role, actor, desk = (self._engine, self._event_id, self._role,
                                               self._actor, self._desk)
        self._run.start(lambda progress: write_certificates(
            engine, event_id, out_dir=folder, one_file=single, lang=lang, role=role, actor=actor,
            desk=desk, progress=progress), self.tr("Making the certificates…"))

    def _on_done(self, report: CertificateReport) -> None:
        self.last_report = report
        where = report.paths[0] if report.mode == "one-file" else str(
            Path(report.paths[0]).parent) if report.paths else ""
        text = english_plural(self.tr("%n certificate(s) written: %1", "", report.count),
                              report.count)
        self.status.setText(text.replace("%1", where))
        self.made.emit(report)

    def _on_failed(self, message: str) -> None:
        self.status.setText(self.tr("Not written, nothing was saved:") + "\n" + message)
        self.adjustSize()


class SignerDialog(QDialog):
    """Who signs the certificates: the organiser's name and a signature image (PNG or
    JPEG, 1 MB at most), checked before it is kept."""

    saved = Signal()

    def __init__(self, engine: Engine, event_id: int, role: Role, *, actor: str, desk: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signerDialog")
        self.setWindowTitle(self.tr("Organiser and signature"))
        self.setMinimumWidth(520)
        self._engine, self._event_id, self._role = engine, event_id, role
        self._actor, self._desk = actor, desk
        self.image: bytes | None = None
        self._task: Task | None = None
        self._build()
        self._read()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.organiser = QLineEdit(self)
        self.organiser.setObjectName("organiserInput")
        self.organiser.setMaxLength(200)
        self.organiser.setPlaceholderText(self.tr("e.g. IREV — Institut Régional de la Ville"))
        form.addRow(self.tr("Organiser"), self.organiser)
        self.preview = QLabel(self)
        self.preview.setObjectName("signaturePreview")
        self.preview.setMinimumSize(240, 90)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #bbb; background: white;")
        form.addRow(self.tr("Signature"), self.preview)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("&Choose an image…"), self)
        self.choose_button.setObjectName("chooseSignatureButton")
        self.choose_button.clicked.connect(self._on_choose)
        self.remove_button = QPushButton(self.tr("&Remove the signature"), self)
        self.remove_button.setObjectName("removeSignatureButton")
        self.remove_button.clicked.connect(lambda: self._set_image(None))
        row.addWidget(self.choose_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setObjectName("signerStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("saveSignerButton")
        self.save_button.clicked.connect(self._on_save)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        if not allows(self._role, Permission.EXPORT):
            for button in (self.save_button, self.choose_button, self.remove_button):
                button.setEnabled(False)

    def _read(self) -> None:
        engine, event_id = self._engine, self._event_id
        task = Task(lambda _p: signer(engine, event_id))
        task.signals.finished.connect(self._show)
        self._task = task
        start(task)

    def is_busy(self) -> bool:
        return self._task is not None

    def _show(self, found: tuple[str, bytes | None]) -> None:
        self._task = None
        self.organiser.setText(found[0])
        self._set_image(found[1])

    def _set_image(self, image: bytes | None) -> None:
        self.image = image
        pixmap = QPixmap()
        if image and pixmap.loadFromData(image):
            self.preview.setPixmap(pixmap.scaled(240, 90, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.clear()
            self.preview.setText(self.tr("no signature image"))
        self.remove_button.setEnabled(image is not None and allows(self._role, Permission.EXPORT))

    def _on_choose(self) -> None:
        path = FileDialog.open_file(self, self.tr("Signature image"),
                                    self.tr("Images (*.png *.jpg *.jpeg);;All files (*)"))
        if path:
            self.use_file(path)

    def use_file(self, path: str) -> bool:
        """The image in `path` as the signature, if it is one (refused in words if not)."""
        accepted = self._take_file(path)
        self.adjustSize()  # room for the refusal's words
        return accepted

    def _take_file(self, path: str) -> bool:
        try:
            with open(path, "rb") as fh:
                data = fh.read(1024 * 1024 + 1)  # enough to tell it is too big
        except OSError as exc:
            self.status.setText(self.tr("Cannot read the file: %1").replace(
                "%1", exc.strerror or str(exc)))
            return False
        problem = signature_problem(data)
        if problem == "too_big":
            self.status.setText(self.tr("This image is larger than 1 MB: choose a smaller one "
                                        "(a scanned signature is a few tens of kB)."))
            return False
        if problem:
            self.status.setText(self.tr("This file is not an image: choose a PNG or JPEG "
                                        "file of the signature."))
            return False
        self.status.clear()
        self._set_image(data)
        return True

    def _on_save(self) -> None:
        if self._task is not None or not allows(self._role, Permission.EXPORT):
            return
        engine, event_id, role, actor, desk = (self._engine, self._event_id, self._role,
                                               self._actor, self._desk)
        organiser, image = self.organiser.text(), self.image
        task = Task(lambda _p: save_signer(engine, event_id, organiser, image, role=role,
                                           actor=actor, desk=desk))
        task.signals.finished.connect(self._on_saved)
        task.signals.failed.connect(lambda message: self._failed(message))
        self._task = task
        start(task)

    def _on_saved(self, _result: object) -> None:
        self._task = None
        self.saved.emit()
        self.accept()

    def _failed(self, message: str) -> None:
        self._task = None
        self.status.setText(self.tr("Not saved:") + "\n" + message)
