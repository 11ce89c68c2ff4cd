"""index attendees by status and walk-in, for the venue counts

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 12:45:00
"""
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f('ix_attendee_event_id_status_walk_in'), 'attendee',
                    ['event_id', 'status', 'walk_in'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_attendee_event_id_status_walk_in'), table_name='attendee')
