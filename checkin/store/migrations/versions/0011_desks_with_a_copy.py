"""the desks that keep a copy of a shared event, and when each last refreshed it

A purge (RGPD) names the desks whose copy was made before it: they still hold the erased
names until their next sync, which erases them (checkin.store.replica).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 00:40:00
"""
import sqlalchemy as sa
from alembic import op



revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'desk',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        # UTCDateTime's DDL, written out as in 0001 (no import of today's types)
        sa.Column('copied_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_desk_event_id_event'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_desk')),
        sa.UniqueConstraint('event_id', 'name', name=op.f('uq_desk_event_id_name')),
    )


def downgrade() -> None:
    op.drop_table('desk')
