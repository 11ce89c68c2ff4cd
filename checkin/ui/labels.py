"""Translated names for the core's values (session kinds, roles), in one place, and the
core's message catalogue as the window speaks it."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from checkin.core.messages import CATALOGUE, CONTEXT, LANGUAGES, Words
from checkin.core.messages import english_plural as core_english_plural
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
    return core_english_plural(text, count)


def window_words() -> Words:
    """The core's message catalogue through the window's installed translator, in the
    language the window was built in (the catalogue says which: its "language" entry)."""
    lang = QCoreApplication.translate(CONTEXT, CATALOGUE["language"].text)
    return Words(lang if lang in LANGUAGES else "en", _installed)


def _installed(context: str, text: str, n: int) -> str:
    """Qt's translate() puts n, as plain digits, where the text says %n: the catalogue
    wants its %n back, to write the number in its language's way ("1 234"). The
    catalogue's plural texts hold no digits of their own (tests/core/test_messages.py)."""
    translated = QCoreApplication.translate(context, text, None, n)
    if n < 0:
        return translated
    return re.sub(rf"(?<![\d%]){n}(?!\d)", "%n", translated)
