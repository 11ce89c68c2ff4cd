"""Ticket codes that checkin makes itself (demo registrants, imports without a code,
walk-ins): 8 characters from an alphabet without 0/O or 1/I, which people misread."""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: 5 bits each


def code_from_bits(prefix: str, bits: int) -> str:
    """40 random bits as 8 characters (deterministic, for seeded demo data)."""
    return prefix + "".join(ALPHABET[(bits >> shift) & 31] for shift in range(0, 40, 5))


def new_code(prefix: str, taken: set[str]) -> str:
    """A fresh random code that is not in `taken` (and is added to it)."""
    while True:
        code = code_from_bits(prefix, secrets.randbits(40))
        if code not in taken:
            taken.add(code)
            return code
