"""Unbound extensions, bound to the app in `create_app` (Flask-Migrate too, there, only where it is wanted)."""

from __future__ import annotations

import sqlite3

from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine, ExceptionContext
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Named constraints, so Alembic migrations are identical on SQLite and PostgreSQL."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()
compress = Compress()
login_manager = LoginManager()
# storage, limits and switches come from the app's RATELIMIT_* settings (config.py): memory, or Redis when REDIS_URL
limiter = Limiter(key_func=get_remote_address)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """SQLite: enforce foreign keys, write-ahead log for concurrent readers, wait instead of failing on locks."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


@event.listens_for(Engine, "handle_error")
def _discard_connections_that_cannot_write(context: ExceptionContext) -> None:
    """Throw away pooled connections after a write failed for a reason that outlives the statement.

    A SQLite connection opened while the file was read-only (or the disk full) keeps failing after the file is
    writable again; a PostgreSQL connection to a server that became a read-only standby never writes again.
    Treating these as disconnects makes the pool open fresh connections, so the app recovers by itself.
    """
    error = context.original_exception
    read_only_transaction = getattr(error, "sqlstate", None) == "25006"  # PostgreSQL, any driver
    if type(error) in (sqlite3.OperationalError, sqlite3.DatabaseError) or read_only_transaction:
        context.is_disconnect = True
