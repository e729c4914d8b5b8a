"""Fixture factories: databases (SQLite and the real PostgreSQL), documents, CLI runs."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from harmwatch.cli.app import run
from harmwatch.store.db import create, migrate

# The PostgreSQL server every development and CI machine runs; a missing server fails the
# PostgreSQL tests, it never skips them.
POSTGRES_URL = os.environ.get("HARMWATCH_TEST_POSTGRES",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_schema_url(schema: str) -> str:
    return f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"


@pytest.fixture
def make_postgres_url() -> Iterator:
    """Factory: a fresh, empty PostgreSQL schema per call, dropped after the test."""
    admin = sqlalchemy.create_engine(POSTGRES_URL)
    schemas: list[str] = []

    def make() -> str:
        schema = f"hw_test_{uuid.uuid4().hex[:12]}"
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        return _postgres_schema_url(schema)

    yield make
    with admin.begin() as connection:
        for schema in schemas:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, make_postgres_url) -> str:
    """A database URL on an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'harmwatch.db'}"
    return make_postgres_url()


@pytest.fixture
def engine(db_url) -> Iterator[Engine]:
    """An engine on a migrated, empty database (both backends)."""
    engine = create(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def cli():
    """Run the harmwatch CLI in-process as a user would: cli("ingest", path, "--db", url)."""
    runner = CliRunner()

    def invoke(*args, input: str | bytes | None = None) -> CliResult:
        with runner.isolation(input=input) as streams:
            code = run([str(a) for a in args])
            stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
        return CliResult(code, stdout.decode(), stderr.decode())

    return invoke


@pytest.fixture(scope="session")
def geoparser(tmp_path_factory):
    """One Geoparser for the whole session, its embedded index built once in a temp cache."""
    from harmwatch.geo import Geoparser

    return Geoparser.load(tmp_path_factory.mktemp("geo-cache"))
