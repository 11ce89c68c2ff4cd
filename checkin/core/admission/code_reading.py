"""What a scanner meant: the ticket code behind the characters a keyboard-wedge scanner typed.

A scanner sends key positions, and the computer's layout turns them into characters. The
usual French set-up is a scanner set to US on an AZERTY computer: `PU4FF…` arrives as
`PU'FF…`, `]Q1` as `$A&`, and Caps Lock inverts case. Scanners may also put an AIM
symbology identifier (`]Q1` QR, `]C0` Code 128, `]E0` EAN-13, `]d2` DataMatrix) or a
prefix/suffix configured at the desk around the code.

`readings()` lists what a burst may stand for, most likely first; the scan service looks
them up (any case) and admits only when exactly one registrant matches: a reading is a
guess, and a guess that fits two people is refused. Nothing here touches the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The characters a French AZERTY layout (Windows and X11 "fr") gives for each key a US-set
# scanner presses, by the character the scanner meant. Row by row, unshifted then shifted.
US_TO_FRENCH: dict[str, str] = {
    **dict(zip("1234567890-=", "&é\"'(-è_çà)=")),
    **dict(zip("!@#$%^&*()_+", "1234567890°+")),
    **dict(zip("qwertyuiop[]", "azertyuiop^$")),
    **dict(zip("QWERTYUIOP{}", "AZERTYUIOP¨£")),
    **dict(zip("asdfghjkl;'\\", "qsdfghjklmù*")),
    **dict(zip("ASDFGHJKL:\"|", "QSDFGHJKLM%µ")),
    **dict(zip("zxcvbnm,./", "wxcvbn,;:!")),
    **dict(zip("ZXCVBNM<>?", "WXCVBN?./§")),
    "`": "²", " ": " ",
}
# The circumflex and diaeresis keys are dead keys on AZERTY: a US "[" or "{" followed by
# a vowel arrives as one accented letter.
_DEAD = {"^": "[", "¨": "{"}
_COMPOSED = {
    accented: dead + "".join(us for us, fr in US_TO_FRENCH.items() if fr == vowel)
    for dead, row in (("[", "âêîôûŷÂÊÎÔÛŶ"), ("{", "äëïöüÿÄËÏÖÜŸ"))
    for accented, vowel in zip(row, "aeiouyAEIOUY")
}
FRENCH_TO_US: dict[str, str] = {fr: us for us, fr in US_TO_FRENCH.items()}
FRENCH_TO_US.update(_DEAD)
FRENCH_TO_US.update(_COMPOSED)
# A digit that arrives as a digit was a digit: on a French keyboard Caps Lock locks the
# digit row's shift (Windows), and ticket codes hold digits, never "!@#$%^&*()". The same
# goes for the capitals Caps Lock makes of é è ç à (X11).
FRENCH_TO_US.update({d: d for d in "0123456789"})
FRENCH_TO_US.update(dict(zip("ÉÈÇÀ", "2790")))

# Characters no ticket code holds and a US scanner on AZERTY types for digits and AIM
# brackets: seeing them, the volunteer is told the scanner's keyboard setting is wrong.
_TELLTALES = frozenset("&é\"'(èçà$£ù²µ§°¨^") | frozenset(_COMPOSED)  # not "_": codes may hold it
# AIM identifier: "]", a symbology letter, a modifier character (ISO/IEC 15424).
AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")

LAYOUT_SAME = "same"             # the scanner types what the computer's layout expects
LAYOUT_US_ON_FRENCH = "us-on-fr"  # a US-set scanner on an AZERTY computer
LAYOUTS = (LAYOUT_SAME, LAYOUT_US_ON_FRENCH)


@dataclass(frozen=True)
class ScannerSetup:
    """What a desk knows of its scanner (Desk ▸ Test the scanner finds it out)."""

    layout: str = LAYOUT_SAME
    prefix: str = ""   # as the scanner sends it, before any reading through the layout
    suffix: str = ""


def through_french_layout(typed: str) -> str:
    """What a US-set scanner meant, given what an AZERTY computer typed for it."""
    return "".join(FRENCH_TO_US.get(ch, ch) for ch in typed)


def strip_affixes(text: str, setup: ScannerSetup = ScannerSetup()) -> str:
    """The code without the desk's prefix and suffix, nor an AIM identifier."""
    if setup.prefix and text.startswith(setup.prefix):
        text = text[len(setup.prefix):]
    if setup.suffix and text.endswith(setup.suffix):
        text = text[: len(text) - len(setup.suffix)]
    return AIM.sub("", text, count=1)


def readings(typed: str, setup: ScannerSetup = ScannerSetup()) -> list[str]:
    """The codes `typed` may stand for, most likely first, without repeats or empties: as
    typed, then read through the US→French table (first when the desk knows its scanner
    is set that way)."""
    as_typed = strip_affixes(typed, setup)
    translated = strip_affixes(through_french_layout(typed), _translated(setup))
    order = [translated, as_typed] if setup.layout == LAYOUT_US_ON_FRENCH else [as_typed, translated]
    return [code for code in dict.fromkeys(order) if code]


def looks_garbled(typed: str) -> bool:
    """Does this burst carry characters that only a scanner set for another keyboard types?"""
    return any(ch in _TELLTALES for ch in typed)


def _translated(setup: ScannerSetup) -> ScannerSetup:
    """The setup's prefix and suffix as they read once the burst is read through the table."""
    if not setup.prefix and not setup.suffix:
        return setup
    return ScannerSetup(setup.layout, through_french_layout(setup.prefix),
                        through_french_layout(setup.suffix))
