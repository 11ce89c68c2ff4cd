"""Three outcomes a volunteer must tell apart at a glance: go, look, stop."""

from __future__ import annotations

from checkin.core.admission.scan import ScanAnswer
from checkin.store.vocabulary import ScanResult

ADMITTED, WARNING, REFUSED = "admitted", "warning", "refused"
COLOURS = {ADMITTED: "#1e7e34", WARNING: "#b36200", REFUSED: "#c0262d", "idle": "#3c4650"}
SYMBOLS = {ADMITTED: "✓", WARNING: "!", REFUSED: "✗", "idle": "⌁"}


def outcome_of(answer: ScanAnswer) -> str:
    """Green for admitted, left or undone; amber for already in or an attention text to
    read; red for everything refused."""
    if answer.result == ScanResult.ALREADY_IN:
        return WARNING
    if answer.result in (ScanResult.ADMITTED, ScanResult.EXITED, ScanResult.UNDONE):
        return WARNING if answer.attention_text or answer.overridden else ADMITTED
    return REFUSED
