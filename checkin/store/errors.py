"""Store failures, each with one line a volunteer or an admin can act on."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be used as asked; `str()` is the message to show."""


class StoreUnavailable(StoreError):
    """Unreachable, locked or read-only: trying again later may work."""


class StoreCorrupt(StoreError):
    """Not a check-in store, or damaged: it is left untouched."""


class SchemaTooNew(StoreError):
    """Written by a newer checkin than this one."""
