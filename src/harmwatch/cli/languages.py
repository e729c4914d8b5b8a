"""`harmwatch languages`: the installed language packs."""

import json
from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import app, out
from harmwatch.extract import installed_packs


@app.command("languages")
def languages_command(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON list, for scripts.")] = False,
) -> None:
    """List the installed language packs: code, name, where they come from.

    Example: harmwatch languages --json

    Packs come built in, from the harmwatch.languages entry-point group, or from the
    directories in $HARMWATCH_LANGUAGE_PACKS; extract takes --language-pack DIR as well.
    """
    packs = installed_packs().values()
    if as_json:
        typer.echo(json.dumps([{"code": p.code, "name": p.name, "direction": p.direction,
                                "grammar": p.grammar, "source": p.source,
                                "directory": str(p.directory)} for p in packs]))
        return
    table = Table("code", "name", "direction", "pipeline", "source")
    for pack in packs:
        table.add_row(pack.code, pack.name, pack.direction, pack.grammar or "generic",
                      pack.source)
    out.print(table)
