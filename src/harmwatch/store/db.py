"""Opening the database: the URL, the engine, and bringing the schema up to date."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, make_url
from sqlalchemy.exc import SQLAlchemyError

from harmwatch.errors import StoreError

DEFAULT_URL = "sqlite:///harmwatch.db"
MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_MMAP_BYTES = 1 << 30
# Connections kept open. Past the pool's size SQLAlchemy opens and closes a fresh connection
# per use, which re-reads the schema and starts cold; an idle SQLite connection costs only a
# file handle, so keep one for each thread the web server runs requests on (anyio: 40).
SQLITE_POOL_SIZE = 40


def database_url(given: str | None = None) -> str:
    """The URL to use: the one given, else $HARMWATCH_DB, else harmwatch.db here.

    A plain file path is taken as a SQLite database.
    """
    url = given or os.environ.get("HARMWATCH_DB") or DEFAULT_URL
    return url if "://" in url else f"sqlite:///{url}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the web app read while an ingest writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Read the file through a memory map instead of a read call per page into each
    # connection's small (2 MB) cache: the pages are then shared by every connection and
    # process, and a list filter's index scan takes half the time (a deep page a fifth).
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.close()


def create(url: str) -> Engine:
    try:
        sqlite = make_url(url).get_backend_name() == "sqlite"
        engine = create_engine(url, future=True,
                               **({"pool_size": SQLITE_POOL_SIZE} if sqlite else {}))
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot use database URL {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    try:
        command.upgrade(alembic_config(engine), "head")
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot open or migrate the database at {engine.url!r}: {exc.__class__.__name__}: "
            f"{exc.orig if hasattr(exc, 'orig') else exc}. Check the --db URL or $HARMWATCH_DB."
        ) from exc


def open_database(url: str | None = None) -> Engine:
    """An engine on an up-to-date schema."""
    engine = create(database_url(url))
    migrate(engine)
    return engine


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
