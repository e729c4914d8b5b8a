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

# Each module registers its commands on the shared app when imported; a command line imports
# only its own command's modules, so `documents` never pays for spaCy, numpy or the web stack.
COMMAND_MODULES = {
    "ingest": ["harmwatch.cli.ingest"],
    "documents": ["harmwatch.cli.documents"],
    "events": ["harmwatch.cli.events"],
    "extract": ["harmwatch.cli.extract"],
    "errors": ["harmwatch.cli.errors_cmd"],
    "schema": ["harmwatch.cli.schema"],
    "gazetteer": ["harmwatch.cli.gazetteer"],
    "geocode": ["harmwatch.cli.geocode"],
    "serve": ["harmwatch.cli.serve"],
    "users": ["harmwatch.cli.users"],
    "incidents": ["harmwatch.cli.incidents"],
    "export": ["harmwatch.cli.export"],
    "report": ["harmwatch.cli.report"],
    "languages": ["harmwatch.cli.languages"],
    "train": ["harmwatch.cli.train"],
    "eval": ["harmwatch.cli.eval_extract", "harmwatch.cli.eval_geo", "harmwatch.cli.eval_incidents",
             "harmwatch.cli.eval_airwars", "harmwatch.cli.eval_events"],
}

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


def load_commands(names: list[str] | None = None) -> typer.Typer:
    """Register the named commands (all of them without names, as `--help` lists them all)."""
    for name in names or COMMAND_MODULES:
        for module in COMMAND_MODULES[name]:
            importlib.import_module(module)
    return app


def _commands_needed(argv: list[str]) -> list[str] | None:
    """The command this line runs, if known; None (all) for help or a mistyped name."""
    rest = argv[len(_global_options(argv)):]
    return [rest[0]] if rest and rest[0] in COMMAND_MODULES else None


def _global_options(argv: list[str]) -> list[str]:
    """The options before the command's name."""
    command_at = next((i for i, arg in enumerate(argv) if not arg.startswith("-")), len(argv))
    return argv[:command_at]


def run(argv: list[str]) -> int:
    """Run one command line; returns the exit code (see the README's table)."""
    # --version is eager (answered before any command is looked up), so it needs none loaded.
    if "--version" not in _global_options(argv):
        load_commands(_commands_needed(argv))
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
