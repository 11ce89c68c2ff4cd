"""A session's door (checkin.core.admission.door_rules): how the person is enrolled in it.
Who the session admits and its seats come from .seating; the names of the professions or
categories a refusal lists, from .event_file."""

from __future__ import annotations

from typing import NamedTuple

from checkin.store.query import Query


class EnrollmentStatus(NamedTuple):
    status: str


ENROLLMENT_STATUS = Query(
    "SELECT status FROM enrollment WHERE attendee_id = :attendee AND session_id = :session",
    EnrollmentStatus)
