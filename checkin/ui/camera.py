"""Scanning badges with a webcam: frames from QtMultimedia, QR codes read by zxing-cpp.

Frames are decoded on a pool thread, a few per second at most, so the window never waits
on the camera. The same code seen again within REPEAT_S is one scan, not a burst of them.
Without a camera, without a multimedia backend or without zxing-cpp, `available()` says
why and the desk simply has no camera button.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from checkin.ui.workers import Task, start

FRAME_INTERVAL_S = 0.15   # at most ~6 frames a second are decoded
REPEAT_S = 3.0            # the badge held in front of the camera counts once


def decode_qr(image: QImage) -> list[str]:
    """Texts of the QR codes in a frame (empty when none, or when zxing-cpp is missing)."""
    try:
        import zxingcpp
    except ImportError:
        return []
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = bytes(gray.constBits())  # kept alive here while zxing reads it (DESIGN.md)
    rows = b"".join(data[y * stride:y * stride + width] for y in range(height)) \
        if stride != width else data
    from PIL import Image

    pil = Image.frombytes("L", (width, height), rows)
    return [r.text for r in zxingcpp.read_barcodes(pil, formats=zxingcpp.BarcodeFormat.QRCode)
            if r.text]


def camera_problem() -> str | None:
    """None when a camera can be used here, else why not (for the menu's tooltip)."""
    try:
        import zxingcpp  # noqa: F401
    except ImportError:
        return "zxing-cpp is not installed"
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return "Qt Multimedia is not available"
    if not QMediaDevices.videoInputs():
        return "no camera found"
    return None


class CameraScanner(QObject):
    """Emits `scanned(text)` for each new QR code the camera sees."""

    scanned = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._camera = None
        self._session = None
        self._sink = None
        self._busy = False
        self._last_frame = 0.0
        self._seen: dict[str, float] = {}

    def start(self) -> bool:
        problem = camera_problem()
        if problem:
            self.failed.emit(problem)
            return False
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        self._camera = QCamera(self)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._camera.errorOccurred.connect(lambda _e, text: self.failed.emit(text))
        self._camera.start()
        return True

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
        self._camera = self._session = self._sink = None

    def running(self) -> bool:
        return self._camera is not None

    def _on_frame(self, frame) -> None:
        now = time.monotonic()
        if self._busy or now - self._last_frame < FRAME_INTERVAL_S:
            return
        image = frame.toImage()
        if image.isNull():
            return
        self._busy, self._last_frame = True, now
        task = Task(lambda _progress: decode_qr(image))
        task.signals.finished.connect(self._on_decoded)
        task.signals.failed.connect(lambda _m: setattr(self, "_busy", False))
        start(task)

    def _on_decoded(self, texts: list[str]) -> None:
        self._busy = False
        self.take(texts)

    def take(self, texts: list[str]) -> None:
        """Scan each code not seen in the last REPEAT_S seconds."""
        now = time.monotonic()
        for text in texts:
            if now - self._seen.get(text, -REPEAT_S) >= REPEAT_S:
                self._seen[text] = now
                self.scanned.emit(text)
