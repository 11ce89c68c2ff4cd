"""checkin — desktop check-in for the entrance of a one-day, multi-track event."""

__version__ = "0.1.0"
