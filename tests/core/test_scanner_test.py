"""Desk ▸ Test the scanner, without a screen: one scan of the test badge, as each set-up
types it, tells the layout, Caps Lock, the prefix, suffix and terminator.

What an AZERTY desk receives from a US-set scanner is made with US_TO_FRENCH, key by key:
that is what the computer's layout does."""

from __future__ import annotations

import pytest

from checkin.core.admission.code_reading import (
    LAYOUT_SAME, LAYOUT_US_ON_FRENCH, US_TO_FRENCH, ScannerSetup, readings,
)
from checkin.core.admission.scanner_test import TEST_CODE, ScannerReport, analyse


def on_azerty(meant: str, caps_lock: str = "") -> str:
    """What an AZERTY computer types for a US-set scanner. Caps Lock "x11" inverts letters
    (é è ç à included); "windows" also turns the digit row's keys into digits."""
    typed = []
    for ch in meant:
        fr = US_TO_FRENCH[ch]
        if caps_lock == "windows" and ch.isdigit():
            fr = ch
        elif caps_lock and fr.isalpha():
            fr = fr.swapcase()
        typed.append(fr)
    return "".join(typed)


def test_the_test_code_tells_the_cases_apart() -> None:
    """Every key that differs between the set-ups is in it, and it fits a small QR code."""
    assert set("aqzwmAQZWM1234567890-") <= set(TEST_CODE)
    assert TEST_CODE.isascii() and TEST_CODE.isprintable() and len(TEST_CODE) <= 42
    assert TEST_CODE[0].isalpha() and TEST_CODE[0].lower() not in "aeiouy"


def test_a_scanner_that_types_for_this_keyboard() -> None:
    assert analyse(TEST_CODE, "enter") == ScannerReport(ScannerSetup(LAYOUT_SAME), "enter", False)


def test_a_us_scanner_on_azerty() -> None:
    typed = on_azerty(TEST_CODE)
    assert typed.startswith("CHECKIN)TEST)qawz,)QAWZ?)&é\"'(-è_çà")
    assert analyse(typed, "enter") == ScannerReport(ScannerSetup(LAYOUT_US_ON_FRENCH), "enter", False)


@pytest.mark.parametrize("system", ["x11", "windows"])
def test_a_us_scanner_on_azerty_with_caps_lock(system: str) -> None:
    typed = on_azerty(TEST_CODE, caps_lock=system)
    assert typed != on_azerty(TEST_CODE)
    report = analyse(typed, "enter")
    assert report == ScannerReport(ScannerSetup(LAYOUT_US_ON_FRENCH), "enter", True)


def test_caps_lock_on_a_scanner_that_types_for_this_keyboard() -> None:
    report = analyse(TEST_CODE.swapcase(), "tab")
    assert report == ScannerReport(ScannerSetup(LAYOUT_SAME), "tab", True)


def test_prefix_and_suffix_are_kept_as_the_computer_receives_them() -> None:
    assert analyse("#1" + TEST_CODE + "/END", "enter") == ScannerReport(
        ScannerSetup(LAYOUT_SAME, "#1", "/END"), "enter", False)
    typed = on_azerty("#1" + TEST_CODE + "/END")
    report = analyse(typed, "enter")
    assert report is not None
    assert report.setup == ScannerSetup(LAYOUT_US_ON_FRENCH, "3&", "!END")
    # As stored, the desk reads a real badge through them.
    assert readings(on_azerty("#1PU4FF-0K/END"), report.setup)[0] == "PU4FF-0K"


def test_dead_keys_around_the_code_are_kept_whole() -> None:
    """US "[" is AZERTY's circumflex dead key: before a vowel it makes one accented letter,
    which reads as two characters ("â" was "[" then "q")."""
    typed = "^" + on_azerty(TEST_CODE) + "^" + "a"   # the suffix "[q" arrives as "^a"…
    report = analyse(typed.replace("^a", "â"), "enter")   # …or composed into "â"
    assert report is not None
    assert report.setup == ScannerSetup(LAYOUT_US_ON_FRENCH, "^", "â")


def test_the_aim_identifier_is_reported_not_recorded_as_a_prefix() -> None:
    typed = on_azerty("]Q1" + TEST_CODE)
    assert typed.startswith("$A&")
    assert analyse(typed, "enter") == ScannerReport(
        ScannerSetup(LAYOUT_US_ON_FRENCH), "enter", False, aim="]Q1")
    assert analyse("]Q1" + TEST_CODE, "enter") == ScannerReport(
        ScannerSetup(LAYOUT_SAME), "enter", False, aim="]Q1")
    # With Caps Lock, as the scanner meant it.
    report = analyse(on_azerty("]Q1" + TEST_CODE, caps_lock="x11"), "enter")
    assert report is not None and report.aim == "]Q1" and report.caps_lock


def test_a_prefix_before_the_aim_identifier_is_recorded_alone() -> None:
    report = analyse(on_azerty("#]Q1" + TEST_CODE), "enter")
    assert report is not None
    assert (report.setup.prefix, report.aim) == ("3", "]Q1")


def test_an_aim_identifier_before_the_prefix_stays_in_it() -> None:
    """code_reading strips the prefix first, then an identifier: the prefix must open the burst."""
    report = analyse("]C0#" + TEST_CODE, "enter")
    assert report is not None
    assert (report.setup.prefix, report.aim) == ("]C0#", "]C0")
    assert readings("]C0#PU4FF", report.setup)[0] == "PU4FF"


@pytest.mark.parametrize(("terminator", "expected"), [("tab", "tab"), ("none", "none"),
                                                      ("", "none"), ("enter", "enter")])
def test_the_terminator_is_reported(terminator: str, expected: str) -> None:
    report = analyse(on_azerty(TEST_CODE), terminator)
    assert report is not None and report.terminator == expected


def test_an_unknown_terminator_is_a_mistake() -> None:
    with pytest.raises(ValueError):
        analyse(TEST_CODE, "newline")


@pytest.mark.parametrize("received", [
    "", "PU4FF", on_azerty("PU4FF-0K12"), "1234567890123", TEST_CODE[:-1],
    on_azerty(TEST_CODE)[:-1], TEST_CODE.replace("aqzwm", "qazwm"),
])
def test_another_badge_or_garbage_is_not_the_test_badge(received: str) -> None:
    assert analyse(received, "enter") is None
