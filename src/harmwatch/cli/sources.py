"""The input options commands share (--published, --as, the batch columns, --allow-private).

`with_source_options` adds them to a command's signature and hands the command one
SourceOptions, so every command that reads inputs offers the same flags, once defined.
"""

from typing import Annotated

import typer

from harmwatch.cli.base import PublishedOption, parse_date_option
from harmwatch.cli.option_groups import option_group
from harmwatch.errors import UsageError
from harmwatch.sources import KINDS, SourceOptions, check_published

_FLAGS = {
    "published": (PublishedOption, None),
    "kind": (Annotated[str | None, typer.Option(
        "--as", help=f"Read inputs as one of: {', '.join(KINDS)} (default: by suffix and "
                     "content).")], None),
    "text_column": (Annotated[str, typer.Option(
        "--text-column", help="CSV/JSONL column with the report text.")], "text"),
    "title_column": (Annotated[str, typer.Option(
        "--title-column", help="CSV/JSONL column with the title.")], "title"),
    "date_column": (Annotated[str, typer.Option(
        "--date-column", help="CSV/JSONL column with the publication date.")], "published"),
    "id_column": (Annotated[str, typer.Option(
        "--id-column", help="CSV/JSONL column with the document id.")], "id"),
    "url_column": (Annotated[str, typer.Option(
        "--url-column", help="CSV/JSONL column with the URL.")], "url"),
    "allow_private": (Annotated[bool, typer.Option(
        "--allow-private", help="Allow fetching loopback, private and link-local addresses.")],
        False),
}


def _options(values: dict, override_published: bool) -> SourceOptions:
    kind = values.pop("kind")
    if kind is not None and kind not in KINDS:
        raise UsageError(f"--as {kind!r} is not one of {', '.join(KINDS)}")
    published = parse_date_option(values.pop("published"))
    if published is not None:
        check_published(published, "--published")
    return SourceOptions(kind=kind, published=published, override_published=override_published,
                         **values)


def with_source_options(override_published: bool = False):
    """Decorator: the command gains the shared input flags and receives `options`."""
    return option_group(_FLAGS, lambda values: _options(values, override_published), "options")
