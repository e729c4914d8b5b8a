"""`harmwatch`: global options, the list of commands, and error handling."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import Annotated

import typer
from rich.markup import escape

from harmwatch import __version__
from harmwatch.cli.base import app, console
from harmwatch.cli.registry import COMMANDS
from harmwatch.errors import HarmwatchError

# Set by the shell when it asks for completions (click's _<PROG>_COMPLETE).
COMPLETION_VARIABLE = "_HARMWATCH_COMPLETE"


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
    """Register the named commands (all of them when names is None)."""
    for name in COMMANDS if names is None else names:
        for module in COMMANDS[name].modules:
            importlib.import_module(module)
    return app


def _commands_needed(argv: list[str]) -> list[str] | None:
    """The command this line runs; none for `--help` alone (its list is COMMANDS'); None
    (all) for a mistyped name, so the error can suggest one, and for shell completion."""
    if os.environ.get(COMPLETION_VARIABLE):
        return None
    rest = argv[len(_global_options(argv)):]
    if not rest:
        return []
    return [rest[0]] if rest[0] in COMMANDS else None


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
