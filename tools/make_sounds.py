#!/usr/bin/env python3
"""Writes the desk's four answer sounds into resources/sounds/ (committed; rerun only to
change them). Generated rather than downloaded so their licence is ours and they can be
tuned here: a volunteer must tell them apart without looking, in a noisy hall.

- admitted.wav: a rising two-note chime (E5 then A5) — "go ahead";
- warning.wav: one mid beep (A4, a little longer) — "look at the screen";
- refused.wav: a low double buzz (a square-ish 150 Hz, twice) — "stop";
- undone.wav: a falling two-note chime (A5 then C5), the admitted one turned down — "taken back".

16-bit mono 22050 Hz, each under 0.4 s, with short fades so no click is heard.
Usage: python tools/make_sounds.py [OUT_DIR]
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050
PEAK = 0.45 * 32767  # leave head-room: the desk speaker is often at full volume


def tone(freq: float, seconds: float, *, harmonics: tuple[float, ...] = (1.0, 0.25),
         fade: float = 0.012) -> list[float]:
    """A note with a few harmonics, faded in and out (a bare sine sounds thin, a hard
    edge clicks)."""
    n = int(RATE * seconds)
    ramp = max(1, int(RATE * fade))
    out = []
    total = sum(harmonics)
    for i in range(n):
        t = i / RATE
        v = sum(a * math.sin(2 * math.pi * freq * (k + 1) * t)
                for k, a in enumerate(harmonics)) / total
        envelope = min(1.0, i / ramp, (n - 1 - i) / ramp)
        out.append(v * envelope)
    return out


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def sounds() -> dict[str, list[float]]:
    buzz = (1.0, 0.0, 0.33, 0.0, 0.2)  # odd harmonics: a soft square wave
    return {
        "admitted": tone(659.25, 0.11) + silence(0.015) + tone(880.0, 0.17),
        "warning": tone(440.0, 0.22, harmonics=(1.0, 0.3, 0.1)),
        "refused": tone(150.0, 0.13, harmonics=buzz) + silence(0.05)
        + tone(150.0, 0.13, harmonics=buzz),
        "undone": tone(880.0, 0.11, harmonics=(1.0, 0.1)) + silence(0.015)
        + tone(523.25, 0.2, harmonics=(1.0, 0.1)),
    }


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", int(round(s * PEAK))) for s in samples))


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    folder = Path(argv[1]) if len(argv) > 1 else root / "resources" / "sounds"
    folder.mkdir(parents=True, exist_ok=True)
    for name, samples in sounds().items():
        write(folder / f"{name}.wav", samples)
        print(f"{folder / name}.wav  {len(samples) / RATE:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
