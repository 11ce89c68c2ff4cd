"""Who may do what at a desk. Personal data and exports are for the roles that need them.

PINs are stored only as salted PBKDF2 hashes, so a settings file read by someone else
does not give the PIN away.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import Enum


class Role(str, Enum):
    VOLUNTEER = "volunteer"
    COORDINATOR = "coordinator"
    STAFF = "staff"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Role.VOLUNTEER: 0, Role.COORDINATOR: 1, Role.STAFF: 2}


class Permission(str, Enum):
    EDIT_PROGRAMME = "edit_programme"      # rooms, sessions, capacities
    IMPORT = "import"                      # registrant lists
    SEE_CONTACT = "see_contact"            # email and phone
    EXPORT = "export"                      # attendance exports, personal data
    SET_PINS = "set_pins"
    WATCH_ROOMS = "watch_rooms"            # occupancy view, alerts, people to watch
    OVERRIDE = "override"                  # admit at a door despite full / not eligible


_NEEDS = {
    Permission.EDIT_PROGRAMME: Role.COORDINATOR,
    Permission.IMPORT: Role.COORDINATOR,
    Permission.SEE_CONTACT: Role.COORDINATOR,
    Permission.EXPORT: Role.STAFF,
    Permission.SET_PINS: Role.STAFF,
    Permission.WATCH_ROOMS: Role.COORDINATOR,
    Permission.OVERRIDE: Role.COORDINATOR,
}


def allows(role: Role, permission: Permission) -> bool:
    return role.rank >= _NEEDS[permission].rank


_ITERATIONS = 200_000


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = _ITERATIONS) -> str:
    if not pin or not pin.strip():
        raise ValueError("a PIN cannot be empty")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        computed = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed.hex(), digest)
