"""Four outcomes a volunteer must tell apart at a glance: go, look, stop — and undone, which
must never pass for go (its own colour, mark, sound and words)."""

from __future__ import annotations

from checkin.core.admission.scan import ScanAnswer
from checkin.store.vocabulary import ScanResult

ADMITTED, WARNING, REFUSED, UNDONE = "admitted", "warning", "refused", "undone"
COLOURS = {ADMITTED: "#1e7e34", WARNING: "#b36200", REFUSED: "#c0262d", UNDONE: "#4a3d8f",
           "idle": "#3c4650"}
SYMBOLS = {ADMITTED: "✓", WARNING: "!", REFUSED: "✗", UNDONE: "↶", "idle": "⌁"}


def outcome_of(answer: ScanAnswer) -> str:
    """Green for admitted or left; amber for already in or an attention text to read; red
    for everything refused; violet for a scan undone."""
    if answer.result == ScanResult.UNDONE:
        return UNDONE
    if answer.result == ScanResult.ALREADY_IN:
        return WARNING
    if answer.result in (ScanResult.ADMITTED, ScanResult.EXITED):
        return WARNING if answer.attention_text or answer.overridden else ADMITTED
    return REFUSED
