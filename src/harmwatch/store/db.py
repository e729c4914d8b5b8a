"""Opening the database: the URL, the engine, and bringing the schema up to date."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock
from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import SQLAlchemyError

from harmwatch.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///harmwatch.db"
MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_MMAP_BYTES = 1 << 30
# Connections kept open. Past the pool's size SQLAlchemy opens and closes a fresh connection
# per use, which re-reads the schema and starts cold; an idle SQLite connection costs only a
# file handle, so keep one for each thread the web server runs requests on (anyio: 40).
SQLITE_POOL_SIZE = 40
# PostgreSQL connections are server processes: past SQLAlchemy's default five, every request
# beyond them paid for a new backend (a fork and authentication) and its close. Ten per
# server process keep up with the concurrent requests one process serves; two processes stay
# well under the server's default 100 connections.
POSTGRES_POOL_SIZE = 10
# Set on every PostgreSQL connection. The default random_page_cost (4) prices a random page
# read as a disk seek, so the planner read every row (LIKE costs about 3 us a row here) rather
# than the trigram index's candidates: a search matching a sixth of 10,000 incidents took
# 47 ms, 5.6 ms with 1.1, the value commonly used where the data sits in memory or on SSD.
# psycopg prepares a statement run five times, and PostgreSQL may then plan it once for any
# parameters: a LIKE pattern it cannot see cannot use the trigram index (filtered list 44 ->
# 23 ms). Planning each list query with its words costs a fraction of a millisecond. JIT
# compilation, meant for long analytic queries, added 85 ms to a list page at 1,000,000.
POSTGRES_SETTINGS = ("SET SESSION random_page_cost = 1.1; "
                     "SET SESSION plan_cache_mode = force_custom_plan; SET SESSION jit = off")


def database_url(given: str | None = None) -> str:
    """The URL to use: the one given, else $HARMWATCH_DB, else harmwatch.db here.

    A plain file path is taken as a SQLite database.
    """
    url = given or os.environ.get("HARMWATCH_DB") or DEFAULT_URL
    return url if "://" in url else f"sqlite:///{url}"


def _sqlite_pragmas(dbapi_connection, _record, mmap_bytes: int = SQLITE_MMAP_BYTES) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the web app read while an ingest writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Read the file through a memory map instead of a read call per page into each
    # connection's small (2 MB) cache: the pages are then shared by every connection and
    # process, and a list filter's index scan takes half the time (a deep page a fifth).
    cursor.execute(f"PRAGMA mmap_size={mmap_bytes}")
    cursor.close()


def _postgres_settings(dbapi_connection, _record) -> None:
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True  # a SET outside any transaction lasts the session
    with dbapi_connection.cursor() as cursor:
        cursor.execute(POSTGRES_SETTINGS)
    dbapi_connection.autocommit = autocommit


def create(url: str, memory_mapped: bool = True) -> Engine:
    """`memory_mapped=False` for jobs that read the whole database once (the incidents build):
    mapped pages count in their memory and save them nothing."""
    try:
        sqlite = make_url(url).get_backend_name() == "sqlite"
        engine = create_engine(url, future=True,
                               pool_size=SQLITE_POOL_SIZE if sqlite else POSTGRES_POOL_SIZE)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot use database URL {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", functools.partial(
            _sqlite_pragmas, mmap_bytes=SQLITE_MMAP_BYTES if memory_mapped else 0))
    else:
        event.listen(engine, "connect", _postgres_settings)
    return engine


def reader(engine: Engine) -> Engine:
    """The engine for reads that need no transaction: no BEGIN and ROLLBACK around each
    query, so a read is one round trip to PostgreSQL instead of three (the web list API's
    requests were mostly those). SQLite's driver begins no transaction for a read anyway, and
    switching its isolation level at every checkout and return doubled the cost of a small
    query (0.11 -> 0.25 ms): there the engine is used as it is."""
    if engine.dialect.name == "sqlite":
        return engine
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def refresh_statistics(engine: Engine, table: str) -> None:
    """After a bulk write on PostgreSQL: VACUUM ANALYZE the table, so the planner knows the
    new rows (without statistics it scanned every row for a word the trigram index finds) and
    counts read index entries alone (index-only scans need the visibility map VACUUM sets).
    Autovacuum gets there too, but minutes after the build. SQLite needs neither."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"VACUUM (ANALYZE) {table}")


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config  # alembic costs a quarter second: only to migrate

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def _lock_key(connection: Connection, name: str) -> int:
    """A PostgreSQL advisory lock key for `name` in this connection's schema (tests and
    tenants share one database in separate schemas)."""
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    digest = hashlib.sha256(f"harmwatch:{schema}:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _sqlite_lock_path(engine: Engine, name: str) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database).with_name(f"{Path(database).name}.{name}.lock")


@contextmanager
def exclusive(engine: Engine, name: str, on_wait: Callable[[], None] | None = None
              ) -> Iterator[None]:
    """Hold the database-wide lock `name` (one incidents build, one migration at a time);
    if another process holds it, call `on_wait` and wait. A process that dies frees it: a
    PostgreSQL session advisory lock, or an OS file lock beside a SQLite file."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            key = _lock_key(connection, name)
            got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key})
            if not got.scalar_one():
                if on_wait:
                    on_wait()
                connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                connection.commit()
        return
    path = _sqlite_lock_path(engine, name)
    if path is None:
        yield
        return
    lock = FileLock(path, thread_local=False, is_singleton=False)
    try:
        lock.acquire(timeout=0)
    except TimeoutError:
        if on_wait:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


@contextmanager
def write_transaction(engine: Engine, name: str) -> Iterator[Connection]:
    """A transaction that holds the write lock `name` from its first statement, so what it
    reads stays true until it commits: SQLite's database write lock (BEGIN IMMEDIATE, which
    waits busy_timeout for it), a PostgreSQL transaction advisory lock."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            # pysqlite begins lazily at the first write; begin now, and take the write lock.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                               {"k": _lock_key(connection, name)})
        try:
            yield connection
        except BaseException:
            connection.rollback()
            raise
        connection.commit()


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration; one process at a time, so two
    first commands on a new database do not both create its tables."""
    from alembic import command  # only when the schema must change: alembic is slow to import

    try:
        with exclusive(engine, "migrate"):
            command.upgrade(alembic_config(engine), "head")
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot open or migrate the database at {engine.url!r}: {exc.__class__.__name__}: "
            f"{exc.orig if hasattr(exc, 'orig') else exc}. Check the --db URL or $HARMWATCH_DB."
        ) from exc


def open_database(url: str | None = None, memory_mapped: bool = True) -> Engine:
    """An engine on an up-to-date schema."""
    engine = create(database_url(url), memory_mapped)
    if not _at_head(engine):
        migrate(engine)
    return engine


_REVISION = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*['\"]?(\w+)?", re.MULTILINE)


@cache
def head_revision() -> str:
    """The newest migration: the one no other revises (read from the files, as alembic
    would, without importing alembic)."""
    revisions, revised = set(), set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for down, revision in _REVISION.findall(script.read_text(encoding="utf-8")):
            (revised if down else revisions).add(revision)
    heads = revisions - revised
    if len(heads) != 1:
        raise StoreError(f"the migrations in {MIGRATIONS} have {len(heads)} heads: {heads}")
    return heads.pop()


def _at_head(engine: Engine) -> bool:
    """Whether the schema is already the newest, so opening a database costs one query."""
    try:
        with engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return False  # no schema yet, or no database: migrate says which, clearly
    return [row[0] for row in current] == [head_revision()]


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
