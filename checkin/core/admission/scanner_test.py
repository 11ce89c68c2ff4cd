"""Desk ▸ Test the scanner: what one scan of a known badge tells about the scanner.

The test badge carries TEST_CODE, chosen so that every set-up reads differently: the
letters a q z w m (swapped by a US-set scanner on AZERTY), both cases (Caps Lock inverts
them), the ten digits (the AZERTY digit row) and a hyphen. Whatever arrives around the code
is the scanner's own: an AIM symbology identifier (stripped by code_reading in any case,
so only reported) and a prefix and suffix configured in the scanner, kept as the computer
receives them (ScannerSetup's convention). Nothing here touches Qt or the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checkin.core.admission.code_reading import (
    AIM, FRENCH_TO_US, LAYOUT_SAME, LAYOUT_US_ON_FRENCH, ScannerSetup,
)

# Starts with a consonant: a prefix ending with a dead key (^ ¨ on AZERTY) cannot merge
# with it into one accented letter. Short enough for a version 3 QR code.
TEST_CODE = "CHECKIN-TEST-aqzwm-AQZWM-1234567890"
TERMINATORS = ("enter", "tab", "none")
# AIM identifier (ISO/IEC 15424): "]", a symbology letter, a modifier character.
_AIM_AT_END = re.compile(r"\][A-Za-z][0-9A-Za-z]$")
# Case folding that keeps every position (str.casefold turns "ß" into "ss").
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class ScannerReport:
    """What the test found. `setup` is what the desk stores (DeskSettings.scanner)."""

    setup: ScannerSetup
    terminator: str   # "enter", "tab" or "none"
    caps_lock: bool   # the letters came with their case inverted
    aim: str = ""     # the AIM identifier seen, as the scanner meant it ("]Q1"), or ""


def analyse(received: str, terminator: str) -> ScannerReport | None:
    """The scanner's set-up, from the characters one scan of the test badge typed (without
    its terminator); None when they are not the test badge (another badge, a person typing).

    The code is looked for as typed, then read through the US→French table, ignoring case:
    Caps Lock inverts letters but not the keys that type m and M on AZERTY (, and ?), so
    case is judged afterwards, by most letters."""
    if terminator == "":
        terminator = "none"  # ScannerFilter's word for a burst that ended with a pause
    if terminator not in TERMINATORS:
        raise ValueError(f"terminator must be one of {TERMINATORS}, not {terminator!r}")
    for layout in (LAYOUT_SAME, LAYOUT_US_ON_FRENCH):
        meant, starts = _read(received, layout)
        at = meant.translate(_ASCII_LOWER).find(TEST_CODE.translate(_ASCII_LOWER))
        if at < 0:
            continue
        end = at + len(TEST_CODE)
        caps_lock = _inverted(meant[at:end])
        code_start = _raw_start(starts, at)
        code_end = _raw_end(starts, end, len(received))
        prefix, aim = _split_aim(received[:code_start], meant[:at], starts)
        if caps_lock:
            aim = aim.swapcase()
        return ScannerReport(ScannerSetup(layout, prefix, received[code_end:]),
                             terminator, caps_lock, aim)
    return None


def _read(received: str, layout: str) -> tuple[str, list[int]]:
    """What the scanner meant, and where each received character's reading starts in it
    (a dead-key accented letter reads as two characters: "â" was "[" then "q")."""
    if layout == LAYOUT_SAME:
        return received, list(range(len(received)))
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for ch in received:
        starts.append(length)
        part = FRENCH_TO_US.get(ch, ch)
        parts.append(part)
        length += len(part)
    return "".join(parts), starts


def _raw_start(starts: list[int], position: int) -> int:
    """The received character whose reading holds `position` of the meant text."""
    return max((i for i, start in enumerate(starts) if start <= position), default=0)


def _raw_end(starts: list[int], position: int, size: int) -> int:
    """The first received character whose reading starts at `position` or after."""
    return next((i for i, start in enumerate(starts) if start >= position), size)


def _split_aim(raw_before: str, meant_before: str, starts: list[int]) -> tuple[str, str]:
    """The prefix to store and the AIM identifier seen. An identifier right before the code
    is not part of the prefix (code_reading strips it after the prefix); one before the
    prefix stays in it, or the prefix would no longer open the burst."""
    found = _AIM_AT_END.search(meant_before)
    if found:
        return raw_before[: _raw_start(starts, found.start())], found.group()
    found = AIM.match(meant_before)
    return raw_before, found.group() if found else ""


def _inverted(seen: str) -> bool:
    """Did most letters come in the other case than TEST_CODE's?"""
    same = inverted = 0
    for got, wanted in zip(seen, TEST_CODE):
        if got.isalpha() and got != wanted:
            inverted += 1
        elif got.isalpha():
            same += 1
    return inverted > same
