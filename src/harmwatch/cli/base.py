"""The Typer application, its shared options, and how errors reach the user."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from harmwatch.cli.registry import CommandList
from harmwatch.errors import UsageError

app = typer.Typer(
    name="harmwatch",
    cls=CommandList,
    help="Turn conflict reporting into a verified, geolocated database of incidents and "
         "civilian harm.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure harmwatch against gold data sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

EXIT_INTERRUPTED = 130

console = Console(stderr=True)
out = Console(highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="HARMWATCH_DB",
                 help="Database URL or SQLite file (default: harmwatch.db here)."),
]
PublishedOption = Annotated[
    str | None,
    typer.Option("--published", metavar="YYYY-MM-DD",
                 help="Publication date for documents that carry none; relative dates "
                      "('yesterday', 'last week') resolve against it."),
]


def parse_date_option(value: str | None, option: str = "--published") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD") from exc


def quiet() -> bool:
    return logging.getLogger("harmwatch").getEffectiveLevel() > logging.WARNING

# Extraction options `ingest` and `extract` share.
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1, metavar="N",
    help="Extraction processes on this machine (default: one per core; 1 extracts in this "
         "process).")]
LanguageOption = Annotated[str, typer.Option(
    "--language", help="The reports' language: a pack code (en, ar, ...; see harmwatch "
                       "languages) or auto (per document: its declared language, else its "
                       "script).")]
LanguagePackOption = Annotated[list[Path] | None, typer.Option(
    "--language-pack", metavar="DIR", help="Your own language pack directory (with a "
                                          "pack.yaml); repeatable.")]
