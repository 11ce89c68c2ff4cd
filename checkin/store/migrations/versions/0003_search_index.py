"""search index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:31:19.381337
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes

# A frozen copy of the index code as 0003 shipped it, not checkin.core.search.index: this
# migration must index old stores the same way whatever the live code becomes.
from checkin.store.migrations.frozen_0003 import index_existing_registrants


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def _bytewise(length: int) -> sa.types.TypeEngine:
    return sa.String(length=length).with_variant(sa.String(length=length, collation='C'), 'postgresql')


def upgrade() -> None:
    op.create_table('search_term',
    sa.Column('event_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('word', _bytewise(64), nullable=False),
    sa.Column('field', sa.SmallInteger(), autoincrement=False, nullable=False),
    sa.Column('words', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_search_term_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'word', 'field', 'words', name=op.f('pk_search_term')),
    sqlite_with_rowid=False
    )
    op.create_table('search_person',
    sa.Column('attendee_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('sort_key', _bytewise(80), nullable=False),
    sa.Column('last_words', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('first_words', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('organisation_words', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('email_words', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['attendee_id'], ['attendee.id'], name=op.f('fk_search_person_attendee_id_attendee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('attendee_id', name=op.f('pk_search_person'))
    )
    # A store that already holds registrants gets them indexed now, so search finds them;
    # the indexes come after the rows: one sort each beats inserting into them row by row.
    index_existing_registrants(op.get_bind())
    for column in ('last_words', 'first_words', 'organisation_words'):
        op.create_index(op.f(f'ix_search_person_event_id_{column}_sort_key'), 'search_person',
                        ['event_id', column, 'sort_key'], unique=False)
    op.create_index(op.f('ix_search_person_event_id_email_words_sort_key'), 'search_person',
                    ['event_id', 'email_words', 'sort_key'], unique=False,
                    sqlite_where=sa.text("email_words != ''"),
                    postgresql_where=sa.text("email_words != ''"))


def downgrade() -> None:
    for column in ('last_words', 'first_words', 'organisation_words', 'email_words'):
        op.drop_index(op.f(f'ix_search_person_event_id_{column}_sort_key'), table_name='search_person')
    op.drop_table('search_person')
    op.drop_table('search_term')
