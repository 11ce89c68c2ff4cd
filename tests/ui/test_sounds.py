"""Answer sounds: three distinct short files, played without ever raising or blocking,
even with no audio device (offscreen here) or no QtMultimedia at all."""

from __future__ import annotations

import sys
import time
import wave

import pytest

from checkin.ui import sounds as sounds_module
from checkin.ui.sounds import OUTCOMES, Sounds, sound_file


def test_each_outcome_has_a_short_16_bit_mono_sound_of_its_own() -> None:
    frames = {}
    for outcome in OUTCOMES:
        with wave.open(str(sound_file(outcome))) as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
            assert 0.1 < w.getnframes() / w.getframerate() < 0.4
            frames[outcome] = w.readframes(w.getnframes())
    assert len(set(frames.values())) == len(OUTCOMES)  # each its own
    assert all(any(frames[o]) for o in OUTCOMES)  # not silence


def test_every_outcome_plays_offscreen_without_raising_or_waiting(qtbot) -> None:
    player = Sounds()
    heard: list[str] = []
    player.played.connect(heard.append)
    start = time.perf_counter()
    for outcome in OUTCOMES:
        player.play(outcome)
    assert time.perf_counter() - start < 0.5
    assert heard == list(OUTCOMES)


def test_muted_desk_plays_nothing(qtbot) -> None:
    player = Sounds(muted=True)
    assert player.muted
    with qtbot.assertNotEmitted(player.played):
        player.play("admitted")
    player.muted = False
    with qtbot.waitSignal(player.played, timeout=1000):
        player.play("admitted")


def test_an_unknown_outcome_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        Sounds().play("already_in")


def test_without_qtmultimedia_the_desk_beeps(qtbot, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import fails
    beeps = []
    monkeypatch.setattr(sounds_module.QApplication, "beep", lambda: beeps.append(1))
    player = Sounds()
    for outcome in OUTCOMES:
        player.play(outcome)
    assert player.backend == "beep"
    assert len(beeps) == len(OUTCOMES)


def test_with_qtmultimedia_the_sound_files_are_loaded(qtbot) -> None:
    pytest.importorskip("PySide6.QtMultimedia")
    player = Sounds()
    player.play("warning")
    assert player.backend == "multimedia"
    assert Sounds(multimedia=False).backend == "beep"
