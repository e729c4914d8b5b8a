"""A command imports only what it uses: the heavy libraries stay out of light commands."""

import json
import os
import subprocess
import sys

import pytest

from harmwatch.cli.registry import COMMANDS

HEAVY = ["spacy", "matplotlib", "ruptures", "fastapi", "scipy", "datasketch", "pyarrow",
         "trafilatura", "alembic"]
MIGRATING = "alembic"  # needed once, to create or upgrade a database
# Runs the command in-process, then prints which heavy modules it imported.
PROBE = """
import json, sys
from harmwatch.cli.app import run
code = run(sys.argv[1:])
print(json.dumps([m for m in {heavy} if m in sys.modules]), file=sys.stderr)
"""


def _heavy_imported(*argv: str, tmp_path) -> list[str]:
    env = {**os.environ, "HARMWATCH_DB": str(tmp_path / "h.db")}
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
                          capture_output=True, text=True, env=env, timeout=120, check=True)
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["documents", "--help"],
                                  ["users", "list"], ["incidents", "--help"]])
def test_light_commands_import_no_heavy_library(argv, tmp_path):
    assert set(_heavy_imported(*argv, tmp_path=tmp_path)) <= {MIGRATING}


def test_documents_on_a_current_database_does_not_import_alembic(tmp_path):
    _heavy_imported("documents", tmp_path=tmp_path)  # creates and migrates the database
    assert _heavy_imported("documents", tmp_path=tmp_path) == []


def test_a_command_loads_only_its_own_modules(tmp_path):
    """`documents` on SQLite: no other command's modules, no numpy, no PostgreSQL dialect."""
    _heavy_imported("documents", tmp_path=tmp_path)  # creates and migrates the database
    probe = ("import sys; from harmwatch.cli.app import run; run(sys.argv[1:]); "
             "print(sorted(m for m in sys.modules if m in {0}))")
    others = ["harmwatch.cli.ingest", "harmwatch.cli.eval_geo", "harmwatch.cli.serve",
              "harmwatch.ingest", "numpy", "sqlalchemy.dialects.postgresql"]
    env = {**os.environ, "HARMWATCH_DB": str(tmp_path / "h.db")}
    done = subprocess.run([sys.executable, "-c", probe.format(others), "documents"],
                          capture_output=True, text=True, env=env, timeout=120, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_version_does_not_load_the_commands(tmp_path):
    env = {**os.environ}
    done = subprocess.run([sys.executable, "-c", "import sys; from harmwatch.cli.app import run;"
                           "run(['--version']); print('sqlalchemy' in sys.modules)"],
                          capture_output=True, text=True, env=env, timeout=60, check=True)
    assert done.stdout.split() == ["harmwatch", "0.1.0", "False"]


def test_extract_does_not_import_the_store(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("Air strikes killed 12 civilians in Idlib on 3 May 2017.", "utf-8")
    probe = ("import sys; from harmwatch.cli.app import run; run(sys.argv[1:]); "
             "print([m for m in ('sqlalchemy', 'harmwatch.store', 'harmwatch.ingest') "
             "if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", probe, "extract", str(report), "--published",
                           "2017-05-04"], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_help_lists_every_command_without_importing_one():
    probe = ("import sys; from harmwatch.cli.app import run; from harmwatch.cli.registry import "
             "COMMANDS; run(['--help']); print([m for entry in COMMANDS.values() "
             "for m in entry.modules if m in sys.modules], file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"
    listed = done.stdout.split("Commands:", 1)[1].strip().splitlines()
    assert [line.split()[0] for line in listed] == list(COMMANDS)
