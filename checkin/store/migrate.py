"""Schema migrations (Alembic), shipped in the package and applied when a store opens.

Alembic (with Mako and Pygments) takes most of a second to import. A store already at the
newest schema — every start but the first after an update — is recognised without it:
the head is read from the migration files' own `revision = '…'` lines, and the store's
from its alembic_version table.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from checkin.store.engine import IMMEDIATE, STORE_TABLES
from checkin.store.errors import SchemaTooNew, StoreCorrupt

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
# Any fixed number: the PostgreSQL advisory lock that serialises concurrent upgrades.
_PG_LOCK = 0x636B696E


def alembic_config(connection: sa.Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


_script: Any = None


def script_directory() -> ScriptDirectory:
    global _script  # parsed once per process: opening a store stays fast
    if _script is None:
        from alembic.script import ScriptDirectory

        _script = ScriptDirectory.from_config(alembic_config())
    return _script


_REVISION = re.compile(r"^revision\s*=\s*['\"](\w+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*=\s*['\"](\w+)['\"]", re.MULTILINE)
_head: str | None = None


def head_revision() -> str:
    """The newest schema: the one revision no other migration names as its parent."""
    global _head
    if _head is None:
        revisions, parents = set(), set()
        for path in (MIGRATIONS / "versions").glob("*.py"):
            text = path.read_text(encoding="utf-8")
            revisions.update(_REVISION.findall(text))
            parents.update(_DOWN.findall(text))
        heads = revisions - parents
        assert len(heads) == 1, f"migrations must form one line, heads: {sorted(heads)}"
        _head = heads.pop()
    return _head


def stored_revision(conn: sa.Connection) -> str | None:
    """The store's schema revision, read without Alembic (None: no schema yet)."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def current_revision(conn: sa.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def check_known(conn: sa.Connection, where: str) -> str | None:
    """Refuse a store from a newer checkin, or a database that is not ours."""
    rev = current_revision(conn)
    if rev is None:
        tables = set(sa.inspect(conn).get_table_names())
        if tables:
            raise StoreCorrupt(
                f"{where} is a database, but not a checkin store "
                f"(it has tables such as {sorted(tables)[0]!r}); it was left untouched."
            )
        return None
    if rev == head_revision():
        return rev
    tables = set(sa.inspect(conn).get_table_names())
    if not STORE_TABLES <= tables:  # Alembic's table, but another application's schema
        others = sorted(tables - STORE_TABLES) or sorted(tables)
        raise StoreCorrupt(
            f"{where} is a database, but not a checkin store (schema {rev}, tables such as "
            f"{others[0]!r}); it was left untouched.")
    from alembic.util.exc import CommandError

    try:
        script_directory().get_revision(rev)
    except CommandError:
        raise SchemaTooNew(
            f"The store {where} was written by a newer version of checkin (schema {rev}); "
            "install that version or newer to use it."
        ) from None
    return rev


def upgrade(engine: sa.Engine, where: str) -> bool:
    """Bring the store to the newest schema; True if anything was applied.

    Checks read-only first so that opening an up-to-date store takes no write lock.
    """
    with engine.connect() as conn:
        if stored_revision(conn) == head_revision():
            return False  # the usual case, answered without importing Alembic
        if check_known(conn, where) == head_revision():
            return False
    with engine.connect().execution_options(**{IMMEDIATE: True}) as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # SQLite changes a table by copying it and dropping the old one; with foreign
            # keys on, that drop would cascade and delete enrollments, scans' links…
            # The switch only works outside a transaction, so it frames the upgrade.
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                if not sqlite:
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")
                # Another desk may have upgraded while we waited for the lock.
                if check_known(conn, where) == head_revision():
                    return False
                from alembic import command

                command.upgrade(alembic_config(conn), "head")
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:  # rolls the whole upgrade back
                        raise StoreCorrupt(f"{where}: the upgrade would break {len(broken)} "
                                           "links between rows; the store was left as it was.")
        finally:
            if sqlite:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
    return True
