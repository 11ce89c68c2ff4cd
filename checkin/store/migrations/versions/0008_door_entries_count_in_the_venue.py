"""an admission at a session's door counts as being inside the venue

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 15:10:00

The venue's presence rows are recomputed from the scans with the new rule: the last of the
entrance's entries and exits and the session doors' admissions, not undone, says whether
someone is inside. Data only; the downgrade recomputes them with the old rule (the
entrance's scans alone).
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# Written out here rather than imported, so that the migration keeps meaning what it meant
# when it shipped.
_VENUE_FROM_SCANS = """
INSERT INTO presence (attendee_id, place, event_id, inside, scan_id)
SELECT attendee_id, 0, event_id, kind IN ('entry', 'session_entry'), id FROM (
  SELECT s.id, s.attendee_id, s.event_id, s.kind,
         ROW_NUMBER() OVER (PARTITION BY s.attendee_id ORDER BY s.id DESC) AS rn
  FROM scan s
  WHERE s.attendee_id IS NOT NULL
    AND ({moves})
    AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id)
) moves WHERE rn = 1
"""
_ENTRANCE = "s.kind IN ('entry', 'exit') AND s.result IN ('admitted', 'exited')"
_DOORS = "s.kind = 'session_entry' AND s.result = 'admitted'"


def _recompute(moves: str) -> None:
    op.execute("DELETE FROM presence WHERE place = 0")
    op.execute(_VENUE_FROM_SCANS.replace("{moves}", moves))


def upgrade() -> None:
    _recompute(f"({_ENTRANCE}) OR ({_DOORS})")


def downgrade() -> None:
    _recompute(_ENTRANCE)
