"""presence kept in step with scans; seat hold minutes per event

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 12:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# Who is where now, from the scans already in the store: each person's last counted entry
# or exit per place (0 the venue, else the session), not undone. Written out here rather
# than imported so that this migration keeps meaning what it meant when it shipped.
_BACKFILL = """
INSERT INTO presence (attendee_id, place, event_id, inside, scan_id)
SELECT attendee_id, place, event_id, kind IN ('entry', 'session_entry'), id FROM (
  SELECT s.id, s.attendee_id, s.event_id, s.kind, COALESCE(s.session_id, 0) AS place,
         ROW_NUMBER() OVER (PARTITION BY s.attendee_id, COALESCE(s.session_id, 0)
                            ORDER BY s.id DESC) AS rn
  FROM scan s
  WHERE s.attendee_id IS NOT NULL
    AND s.kind IN ('entry', 'exit', 'session_entry', 'session_exit')
    AND s.result IN ('admitted', 'exited')
    AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_scan_id = s.id)
) moves WHERE rn = 1
"""


def upgrade() -> None:
    op.create_table(
        'presence',
        sa.Column('attendee_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('place', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('inside', sa.Boolean(), nullable=False),
        sa.Column('scan_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'],
                                name=op.f('fk_presence_attendee_id_attendee'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['event_id'], ['event.id'],
                                name=op.f('fk_presence_event_id_event'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['scan_id'], ['scan.id'], name=op.f('fk_presence_scan_id_scan')),
        sa.PrimaryKeyConstraint('attendee_id', 'place', name=op.f('pk_presence')),
    )
    op.create_index(op.f('ix_presence_event_id_place_inside'), 'presence',
                    ['event_id', 'place', 'inside'], unique=False)
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seat_hold_minutes', sa.Integer(), server_default='10',
                                      nullable=False))
    op.execute(_BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('seat_hold_minutes')
    op.drop_index(op.f('ix_presence_event_id_place_inside'), table_name='presence')
    op.drop_table('presence')
