"""whether a registrant lives in a quartier prioritaire (QPV); the event's organiser and
the signature printed on attendance certificates

`attendee.qpv` is "yes", "no" or "unknown" (checkin.store.vocabulary.QpvResidence): the
funders of the politique de la ville count the share of QPV residents, and "unknown" is
what every registrant had before this column (never a guessed "no"). `event.organiser`
names who signs the certificates; `event.signature` is the signature's image (PNG or
JPEG bytes, small), kept in the store so that every desk prints the same certificate.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 19:30:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('attendee', sa.Column('qpv', sa.String(length=8), nullable=False,
                                        server_default='unknown'))
    op.add_column('event', sa.Column('organiser', sa.String(length=200), nullable=False,
                                     server_default=''))
    op.add_column('event', sa.Column('signature', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('event') as batch:
        batch.drop_column('signature')
        batch.drop_column('organiser')
    with op.batch_alter_table('attendee') as batch:
        batch.drop_column('qpv')
