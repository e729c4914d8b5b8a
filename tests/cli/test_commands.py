"""The CLI as a whole: every command documented, with an example; version; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from harmwatch import __version__
from harmwatch.cli.app import load_commands
from harmwatch.cli.registry import COMMANDS

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def command_paths() -> list[str]:
    """Every leaf command as a user types it, e.g. 'ingest', 'eval fakes'."""
    root = typer.main.get_command(load_commands())
    paths = []

    def walk(command, prefix: list[str]) -> None:
        if hasattr(command, "commands"):
            for name, child in command.commands.items():
                walk(child, [*prefix, name])
        else:
            paths.append(" ".join(prefix))

    walk(root, [])
    return sorted(paths)


def test_the_foundation_commands_exist():
    assert {"ingest", "documents", "events", "errors", "schema"} <= set(command_paths())


@pytest.mark.parametrize("path", command_paths())
def test_every_command_has_help_with_an_example(cli, path):
    result = cli(*path.split(), "--help")
    assert result.exit_code == 0, result.output
    assert "Example: harmwatch " + path in " ".join(result.stdout.split())


@pytest.mark.parametrize("path", command_paths())
def test_every_command_is_in_the_readme(path):
    assert f"harmwatch {path}" in README


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"harmwatch {__version__}"


def test_usage_errors_exit_2(cli):
    assert cli("ingest").exit_code == 2
    assert cli("no-such-command").exit_code == 2
    bad_date = cli("ingest", "-", "--published", "1st of May", input="text")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_unusable_database_exits_3(cli, tmp_path):
    result = cli("documents", "--db", f"sqlite:///{tmp_path}/missing-dir/x.db")
    assert result.exit_code == 3 and "--db" in result.stderr


def test_schema_prints_the_extraction_json_schema(cli):
    schema = json.loads(cli("schema").stdout)
    assert schema["title"] == "ExtractionResult"
    assert {"document", "events", "places", "actors", "people", "quotes", "dates"} <= set(
        schema["properties"])
    assert cli("schema", "nonsense").exit_code == 2


def test_stdin_is_read(cli, tmp_path):
    db = tmp_path / "t.db"
    result = cli("ingest", "-", "--db", db, "--no-extract", "--published", "2016-01-02",
                 input="Shelling hit Douma on Sunday, killing four people.")
    assert result.exit_code == 0 and "new: 1" in result.stdout
    listed = cli("documents", "--db", db)
    assert "2016-01-02" in listed.stdout and "<stdin>" in listed.stdout


def test_the_registry_holds_every_command_with_its_own_one_line_help():
    """`harmwatch --help` lists COMMANDS without importing the commands: each summary must be
    what the command's own help would show."""
    root = typer.main.get_command(load_commands())
    assert set(root.commands) == set(COMMANDS)
    for name, command in root.commands.items():
        assert command.get_short_help_str(limit=1000) == COMMANDS[name].summary, name
