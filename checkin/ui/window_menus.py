"""The main window's menu bar: File, Programme, Desk and Help. The window connects each
action to its slot; `apply_role` greys out what the desk's current role may not do."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from checkin.core.roles import Permission, Role, allows


class WindowMenus(QObject):
    def __init__(self, window: QMainWindow, print_on_checkin: bool) -> None:
        super().__init__(window)
        self._window = window  # the actions' parent, as for any action of the window
        bar = window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.load_sample = self._add(file_menu, self.tr("Load the &sample event"))
        self.import_registrants = self._add(file_menu, self.tr("&Import registrants…"), "importAction")
        self.export = self._add(file_menu, self.tr("&Export…"), "exportAction")
        # Attendance certificates: the person at the desk's, or everyone's (staff).
        self.certificate = self._add(file_menu, self.tr("Attendance &certificate…"),
                                     "certificateAction")
        self.certificates = self._add(file_menu, self.tr("Attendance certificates for e&veryone…"),
                                      "certificatesAction")
        self.print_badges = self._add(file_menu, self.tr("Print &badges…"), "printBadgesAction")
        self.refresh = self._add(file_menu, self.tr("&Refresh"), "refreshAction")
        # Not the platform's Refresh key (F5 on Windows and Linux): F5 reprints the badge at the desk.
        self.refresh.setShortcut(QKeySequence("Ctrl+R"))
        file_menu.addSeparator()
        self.quit = self._add(file_menu, self.tr("&Quit"), shortcut=QKeySequence.StandardKey.Quit)
        programme_menu = bar.addMenu(self.tr("&Programme"))
        self.edit_programme = self._add(programme_menu, self.tr("&Edit rooms, sessions and capacities…"),
                                        "editProgrammeAction")
        desk_menu = bar.addMenu(self.tr("&Desk"))
        self.settings = self._add(desk_menu, self.tr("Se&ttings…"), "settingsAction")
        self.test_scanner = self._add(desk_menu, self.tr("Test the scan&ner…"), "testScannerAction")
        self.print_on_checkin = self._add(desk_menu, self.tr("Print the badge at &check-in"),
                                          "printOnCheckinAction")
        self.print_on_checkin.setCheckable(True)
        self.print_on_checkin.setChecked(print_on_checkin)
        self.switch_role = self._add(desk_menu, self.tr("&Switch role…"), "switchRoleAction")
        self.set_pin = self._add(desk_menu, self.tr("Set a role's &PIN…"), "setPinAction")
        help_menu = bar.addMenu(self.tr("&Help"))
        self.about = self._add(help_menu, self.tr("&About checkin"))

    def _add(self, menu: QMenu, text: str, name: str = "",
             shortcut: QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self._window)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        menu.addAction(action)
        return action

    def desk_only(self) -> None:
        """Working from a desk's copy of a shared event: what would change or export the
        event is off (it would change the copy, not the server's event)."""
        for action in (self.load_sample, self.import_registrants, self.edit_programme,
                       self.export, self.print_badges, self.certificate, self.certificates):
            action.setEnabled(False)

    def apply_role(self, role: Role) -> None:
        self.edit_programme.setEnabled(allows(role, Permission.EDIT_PROGRAMME))
        self.set_pin.setEnabled(allows(role, Permission.SET_PINS))
        self.import_registrants.setEnabled(allows(role, Permission.IMPORT))
        for staff_only in (self.export, self.certificate, self.certificates):
            staff_only.setEnabled(allows(role, Permission.EXPORT))
            staff_only.setVisible(allows(role, Permission.EXPORT))
