"""Translated names for the core's values (session kinds, roles), in one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from checkin.core.roles import Role
from checkin.store.vocabulary import SessionKind


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


def field_label(field: str) -> str:
    """What an import column can hold, as the import dialog names it."""
    return {
        "code": QCoreApplication.translate("Field", "ticket code"),
        "source_id": QCoreApplication.translate("Field", "platform id"),
        "source_order": QCoreApplication.translate("Field", "order number"),
        "first_name": QCoreApplication.translate("Field", "first name"),
        "last_name": QCoreApplication.translate("Field", "last name"),
        "full_name": QCoreApplication.translate("Field", "full name"),
        "email": QCoreApplication.translate("Field", "email"),
        "phone": QCoreApplication.translate("Field", "phone"),
        "organisation": QCoreApplication.translate("Field", "organisation"),
        "job_title": QCoreApplication.translate("Field", "job title"),
        "profession": QCoreApplication.translate("Field", "profession"),
        "category": QCoreApplication.translate("Field", "category (ticket type)"),
        "city": QCoreApplication.translate("Field", "city"),
        "postcode": QCoreApplication.translate("Field", "postcode"),
        "notes": QCoreApplication.translate("Field", "notes"),
        "attention": QCoreApplication.translate("Field", "needs attention (yes/no)"),
        "attention_text": QCoreApplication.translate("Field", "attention text"),
        "consent": QCoreApplication.translate("Field", "consent (yes/no)"),
        "status": QCoreApplication.translate("Field", "status (cancelled…)"),
        "registered_at": QCoreApplication.translate("Field", "order date"),
        "choice": QCoreApplication.translate("Field", "session or track chosen"),
        "buyer_first_name": QCoreApplication.translate("Field", "buyer's first name"),
        "buyer_last_name": QCoreApplication.translate("Field", "buyer's last name"),
        "buyer_email": QCoreApplication.translate("Field", "buyer's email"),
    }.get(field, field)


def english_plural(text: str, count: int) -> str:
    """An untranslated `tr("%n seat(s) left", "", n)` reads right in English too: the French
    catalogue carries real plural forms (Qt's %n), English keeps the source's "(s)"."""
    return text.replace("(s)", "" if count == 1 else "s")
