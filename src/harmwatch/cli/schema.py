"""`harmwatch schema`: the JSON Schema of what harmwatch writes."""

import json
from typing import Annotated

import typer

from harmwatch.cli.base import app, out
from harmwatch.errors import UsageError
from harmwatch.model import Document, ExtractionResult, Incident

SCHEMAS = {"extraction": ExtractionResult, "incident": Incident, "document": Document}


@app.command("schema")
def schema_command(
    of: Annotated[str, typer.Argument(help=f"One of: {', '.join(SCHEMAS)}.")] = "extraction",
) -> None:
    """Print the JSON Schema of an extraction result (or of an incident, a document).

    Example: harmwatch schema > extraction.schema.json
    """
    if of not in SCHEMAS:
        raise UsageError(f"no schema for {of!r}; choose one of {', '.join(SCHEMAS)}")
    out.print_json(json.dumps(SCHEMAS[of].model_json_schema(mode="serialization")))
