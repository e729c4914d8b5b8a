"""`harmwatch`: global options, the list of commands, and error handling."""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Annotated

import typer
from rich.markup import escape

from harmwatch import __version__
from harmwatch.cli.base import app, console
from harmwatch.errors import HarmwatchError

# Each module registers its commands on the shared app when imported.
COMMAND_MODULES = [
    "harmwatch.cli.ingest",
    "harmwatch.cli.documents",
    "harmwatch.cli.events",
    "harmwatch.cli.extract",
    "harmwatch.cli.eval_extract",
    "harmwatch.cli.errors_cmd",
    "harmwatch.cli.schema",
    "harmwatch.cli.gazetteer",
    "harmwatch.cli.geocode",
    "harmwatch.cli.eval_geo",
    "harmwatch.cli.serve",
    "harmwatch.cli.users",
    "harmwatch.cli.incidents",
    "harmwatch.cli.export",
    "harmwatch.cli.report",
    "harmwatch.cli.eval_incidents",
    "harmwatch.cli.languages",
    "harmwatch.cli.eval_airwars",
    "harmwatch.cli.eval_events",
    "harmwatch.cli.train",
]

def _version(value: bool) -> None:
    if value:
        typer.echo(f"harmwatch {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug output.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """harmwatch: conflict reports in, graded incidents out.

    Example: harmwatch ingest reports/ --published 2015-09-01
    """
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO
    logger = logging.getLogger("harmwatch")
    # Plain lines, never wrapped: users grep them and paths must stay whole.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


def load_commands() -> typer.Typer:
    for module in COMMAND_MODULES:
        importlib.import_module(module)
    return app


def _global_options(argv: list[str]) -> list[str]:
    """The options before the command's name."""
    command_at = next((i for i, arg in enumerate(argv) if not arg.startswith("-")), len(argv))
    return argv[:command_at]


def run(argv: list[str]) -> int:
    """Run one command line; returns the exit code (see the README's table)."""
    # --version is eager (answered before any command is looked up), so it needs none loaded.
    if "--version" not in _global_options(argv):
        load_commands()
    try:
        app(args=argv, standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except HarmwatchError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        return exc.exit_code
    return 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))
