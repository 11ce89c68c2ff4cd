"""index attendees by their code in lower case, for scans whatever the case

A code typed with Caps Lock on, or a pretix secret (lower case) typed in capitals, is found
through this index when it matches one code only (checkin.core.admission.code_reading).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 14:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_attendee_event_id_lower_code', 'attendee',
                    ['event_id', sa.text('lower(code)')], unique=False)


def downgrade() -> None:
    op.drop_index('ix_attendee_event_id_lower_code', table_name='attendee')
