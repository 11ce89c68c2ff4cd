"""Alembic environment: always run on a connection handed in by checkin.store.migrate."""

from alembic import context
from sqlmodel import SQLModel

import checkin.store.models  # noqa: F401  (registers the tables)

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run migrations through `checkin db upgrade`, not the alembic command.")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table copies to ALTER
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
