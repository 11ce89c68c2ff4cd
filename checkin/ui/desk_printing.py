"""The desk's badges: printed at check-in when the desk is set to (once per person), and
printed again when a volunteer asks (Reprint). The printing code, and the ORM it needs, are
imported at the first badge, not when the window opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from sqlalchemy.engine import Engine

from checkin.core.admission.scan import ScanAnswer
from checkin.ui.desk_settings import DeskSettings


class DeskPrinting(QObject):
    def __init__(self, engine: Engine, desk: DeskSettings, notice: Callable[[str], None],
                 window: QWidget) -> None:
        super().__init__(window)
        self._engine = engine
        self._desk = desk
        self._notice = notice  # a line on the desk's answer panel
        self._window = window  # the printing dialogs' parent

    def after_answer(self, answer: ScanAnswer) -> None:
        # "already_in" too: someone let in at a session's door comes to the entrance for the
        # badge nobody printed yet (printed once per person, whichever scan comes first).
        if (self._desk.print_on_checkin and answer.result in ("admitted", "already_in")
                and not answer.session_id and answer.attendee_id is not None):
            self._print_at_checkin(answer.attendee_id)

    def _print_at_checkin(self, attendee_id: int) -> None:
        """Once per person: a reprint is asked for with the Reprint button."""
        from checkin.core.badges.people import printed_before
        from checkin.ui.badge_printing import BadgePrinter, available_printers

        if printed_before(self._engine, attendee_id):
            return
        if not available_printers():
            self._notice(self.tr("No printer: the badge was not printed"))
            return
        BadgePrinter(self._engine, self._desk, parent=self._window).print_badge(attendee_id, preview=False)

    def reprint(self, attendee_id: int) -> None:
        from checkin.ui.badge_printing import BadgePrinter

        outcome = BadgePrinter(self._engine, self._desk, parent=self._window).print_badge(attendee_id)
        if outcome != "cancelled":
            self._notice(self.tr("Badge printed") if outcome == "printed"
                         else self.tr("Badge saved as a PDF"))
