"""The desk's badges waiting to be printed at check-in, in scan order, each once.

A badge that could not be printed (no printer on this machine, a printer that refused
the page) is not dropped: it stays first in line, the queue says why, and it is tried
again after RETRY_S, or at once when the volunteer asks. Nothing here prints: the desk
takes `next_badge()`, prints it on its printing thread, and reports `printed` or
`failed`. Plain Python (no Qt), so that the rules are tested without a window.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

RETRY_S = 15.0  # a printer switched on, a paper jam cleared: a volunteer's pace, not a loop's


@dataclass(frozen=True)
class QueuedBadge:
    attendee_id: int
    name: str  # as the desk shows it: the volunteer sees whose badge waits


@dataclass(frozen=True)
class QueueState:
    """What the desk's print line shows."""

    printing: QueuedBadge | None  # on the printing thread now
    waiting: tuple[QueuedBadge, ...]  # after it, in order
    problem: str  # "" when the last try went well; else NO_PRINTER or the printer's error
    retry_at: float | None  # when the first waiting badge is tried again (a problem)
    last_printed: QueuedBadge | None
    last_printer: str


NO_PRINTER = "no_printer"  # a problem code: this machine has no printer at all


class BadgeQueue:
    def __init__(self) -> None:
        self._waiting: deque[QueuedBadge] = deque()
        self._printing: QueuedBadge | None = None
        self._problem = ""
        self._retry_at: float | None = None
        self._last: QueuedBadge | None = None
        self._last_printer = ""

    def add(self, badge: QueuedBadge) -> bool:
        """False when that person's badge is already waiting or printing (a second scan
        of the same badge while the first is in line prints one badge)."""
        if badge.attendee_id in self._ids():
            return False
        self._waiting.append(badge)
        return True

    def next_badge(self, now: float) -> QueuedBadge | None:
        """The badge to print now, if the printing thread is free and no retry is due
        later; it counts as printing until `printed` or `failed`."""
        if self._printing is not None or not self._waiting:
            return None
        if self._retry_at is not None and now < self._retry_at:
            return None
        self._printing = self._waiting.popleft()
        return self._printing

    def printed(self, printer: str) -> None:
        """The badge in hand went out (or had been printed before: nothing to do)."""
        self._last, self._printing = self._printing, None
        self._last_printer = printer or self._last_printer
        self._problem, self._retry_at = "", None

    def dropped(self) -> None:
        """The badge in hand needed no printing after all (another desk printed it)."""
        self._printing = None
        self._problem, self._retry_at = "", None

    def failed(self, problem: str, now: float) -> None:
        """The badge in hand did not print: first in line again, tried after RETRY_S."""
        if self._printing is not None:
            self._waiting.appendleft(self._printing)
            self._printing = None
        self._problem = problem or "?"
        self._retry_at = now + RETRY_S

    def retry_now(self) -> None:
        self._retry_at = None

    def is_empty(self) -> bool:
        return self._printing is None and not self._waiting

    def state(self) -> QueueState:
        return QueueState(self._printing, tuple(self._waiting), self._problem, self._retry_at,
                          self._last, self._last_printer)

    def _ids(self) -> set[int]:
        ids = {b.attendee_id for b in self._waiting}
        if self._printing is not None:
            ids.add(self._printing.attendee_id)
        return ids
