"""Translated names for the core's values (session kinds, roles), in one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from checkin.core.roles import Role
from checkin.store.models import SessionKind


def kind_label(kind: str) -> str:
    # Spelled out in full: pyside6-lupdate only finds literal translate("Context", "…") calls.
    return {
        SessionKind.PLENARY: QCoreApplication.translate("SessionKind", "Plenary"),
        SessionKind.TRACK: QCoreApplication.translate("SessionKind", "Track session"),
        SessionKind.WORKSHOP: QCoreApplication.translate("SessionKind", "Network workshop"),
        SessionKind.CONTEST: QCoreApplication.translate("SessionKind", "Contest"),
    }.get(kind, kind)


def role_label(role: Role) -> str:
    return {Role.VOLUNTEER: QCoreApplication.translate("Role", "Volunteer"),
            Role.COORDINATOR: QCoreApplication.translate("Role", "Coordinator"),
            Role.STAFF: QCoreApplication.translate("Role", "Staff")}[role]
