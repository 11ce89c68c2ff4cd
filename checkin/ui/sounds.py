"""The desk's answer sounds: in the morning rush the volunteer is looking at the person,
not the screen, and hears whether to wave them through, look, or stop them — or that the
last scan was undone.

Sound is a nicety, never a reason to fail: QtMultimedia may be missing (a trimmed
install), the machine may have no audio device or no sound server (a kiosk, CI, a
remote session). Then the desk falls back to the system beep, or stays silent — it
never raises and never blocks a scan. QtMultimedia is imported lazily, on the first
sound, so a desk whose volunteers muted it never loads it at all.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWidgets import QApplication

from checkin.resources import resource_path
from checkin.ui.outcomes import ADMITTED, REFUSED, UNDONE, WARNING

log = logging.getLogger(__name__)

OUTCOMES = (ADMITTED, WARNING, REFUSED, UNDONE)
VOLUME = 0.8


def sound_file(outcome: str) -> Path:
    """Where the sound of an outcome is shipped (written by tools/make_sounds.py)."""
    return resource_path("sounds", f"{outcome}.wav")


class Sounds(QObject):
    """Plays the sound of a scan's outcome ("admitted", "warning", "refused" or "undone").

    `played` is emitted with the outcome whenever a sound was asked for and not muted,
    whichever way it was rendered — the desk's tests listen to it, not to a speaker.
    `multimedia=False` skips QtMultimedia (the system beep only), for machines where
    the audio stack misbehaves.
    """

    played = Signal(str)

    def __init__(self, parent: QObject | None = None, *, muted: bool = False,
                 multimedia: bool = True) -> None:
        super().__init__(parent)
        self._muted = muted
        self._want_multimedia = multimedia
        self._effects: dict[str, QObject] | None = None  # QSoundEffect per outcome, loaded once

    @property
    def muted(self) -> bool:
        return self._muted

    @muted.setter
    def muted(self, value: bool) -> None:
        self._muted = bool(value)

    @property
    def backend(self) -> str:
        """How sounds are rendered: "multimedia", "beep" (loaded on the first sound)."""
        return "multimedia" if self._load() else "beep"

    def play(self, outcome: str) -> None:
        """Play the outcome's sound without waiting for it; silent when muted.

        Raises ValueError for an outcome that is none of OUTCOMES (a programming error,
        caught by the tests); audio failures are logged, never raised.
        """
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}; expected one of {OUTCOMES}")
        if self._muted:
            return
        try:
            effects = self._load()
            effect = effects.get(outcome) if effects else None
            if effect is not None and _usable(effect):
                effect.stop()  # a fast scanner: the new answer cuts the previous sound
                effect.play()
            else:
                QApplication.beep()
        except Exception:  # the audio stack is never a reason to lose a scan
            log.exception("could not play the %s sound", outcome)
        self.played.emit(outcome)

    def _load(self) -> dict[str, QObject]:
        """The sound effects, made on first use; {} when QtMultimedia or the files are
        unavailable (then the beep is used)."""
        if self._effects is not None:
            return self._effects
        self._effects = {}
        if not self._want_multimedia:
            return self._effects
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except Exception as exc:  # ImportError, or a missing system library
            log.info("no QtMultimedia (%s): answer sounds use the system beep", exc)
            return self._effects
        effects: dict[str, QObject] = {}
        for outcome in OUTCOMES:
            path = sound_file(outcome)
            if not path.is_file():
                log.warning("missing sound file %s", path)
                continue
            try:
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                effect.setVolume(VOLUME)
            except Exception:
                log.exception("could not load %s", path)
                continue
            effects[outcome] = effect
        self._effects = effects
        return effects


def _usable(effect: QObject) -> bool:
    """A sound effect that failed to load (no decoder, unreadable file) is beeped instead."""
    try:
        from PySide6.QtMultimedia import QSoundEffect
        return effect.status() != QSoundEffect.Status.Error  # type: ignore[attr-defined]
    except Exception:
        return False
