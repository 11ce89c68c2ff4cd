"""What a desk on a shared server tells its volunteer about the link: its state, how many
decisions wait for the server, and the words for them (the window's label, `scan -`'s
stderr)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from checkin.core.messages import ENGLISH, Words
from checkin.store import StoreUnavailable


class NoLocalCopy(StoreUnavailable):
    """Offline before the first refresh: nothing to decide with (an empty replica would turn
    everyone away as unknown), so the scan waits for the server like a stopped store."""

    def __init__(self) -> None:
        super().__init__(ENGLISH("desk.no_copy"))


class LinkState(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    SYNCING = "syncing"


@dataclass(frozen=True)
class DeskStatus:
    state: LinkState
    waiting: int                  # decisions made here and not yet on the server
    offset: timedelta             # the server's clock minus the desk's
    replica_at: datetime | None   # when the replica was last refreshed (None: never)
    reason: str = ""              # why offline, in English (the store's words)


def desk_tag(desk: str) -> str:
    """Two letters of the desk's own, for the codes it gives walk-ins while offline."""
    digest = hashlib.sha256(desk.encode()).digest()
    return base64.b32encode(digest).decode()[:2]


def status_words(status: DeskStatus, words: Words) -> str:
    """The link's state as the desk shows it: "Online", "Offline — 12 scans waiting",
    "Synchronising… 12 scans to send" (in `words`' language)."""
    if status.state != LinkState.OFFLINE and status.waiting == 0:
        return words("desk.online")
    if status.state == LinkState.OFFLINE:
        return words("desk.offline", n=status.waiting)
    return words("desk.syncing", n=status.waiting)
