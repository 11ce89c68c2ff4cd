"""The words a store's columns take (kinds, statuses, results), without the tables.

Kept apart from `checkin.store.models` so that the desk can start, and its start-up code
can name these values, without importing SQLModel and building the ORM classes (about a
third of a second on a desk computer): the window is ready before that work is done.
"""

VENUE = 0  # Presence.place of the venue entrance


class SessionKind:
    PLENARY = "plenary"
    TRACK = "track_session"
    WORKSHOP = "network_workshop"
    CONTEST = "contest"
    ALL = (PLENARY, TRACK, WORKSHOP, CONTEST)


class EnrollmentStatus:
    BOOKED = "booked"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    ALL = (BOOKED, WAITLISTED, CANCELLED)


class AttendeeStatus:
    REGISTERED = "registered"
    CANCELLED = "cancelled"
    ALL = (REGISTERED, CANCELLED)


class QpvResidence:
    """Whether a registrant lives in a quartier prioritaire de la politique de la ville
    (QPV), as they said when registering; UNKNOWN when nobody asked."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"
    ALL = (YES, NO, UNKNOWN)


class ScanKind:
    ENTRY = "entry"
    EXIT = "exit"
    SESSION_ENTRY = "session_entry"
    SESSION_EXIT = "session_exit"
    UNDO = "undo"
    ALL = (ENTRY, EXIT, SESSION_ENTRY, SESSION_EXIT, UNDO)


class ScanResult:
    """The `result` field of the scan contract in DESIGN.md."""

    ADMITTED = "admitted"
    ALREADY_IN = "already_in"
    UNKNOWN_CODE = "unknown_code"
    CANCELLED = "cancelled"
    NOT_ELIGIBLE = "not_eligible"
    SESSION_FULL = "session_full"
    EXITED = "exited"
    NOT_INSIDE = "not_inside"
    UNDONE = "undone"
    ALL = (ADMITTED, ALREADY_IN, UNKNOWN_CODE, CANCELLED, NOT_ELIGIBLE, SESSION_FULL,
           EXITED, NOT_INSIDE, UNDONE)
