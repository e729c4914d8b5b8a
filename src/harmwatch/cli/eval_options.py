"""What every `harmwatch eval` command shares: the `--part` option and the table that shows
each part's scores beside the naive baselines of the same run."""

from collections.abc import Mapping
from typing import Annotated

import typer
from rich.table import Table

PartOption = Annotated[str, typer.Option(
    "--part", help="Which part of the fixed split to score: write (rules may be learned "
                   "from it), check (only measured) or all (both, side by side).")]

Rates = Mapping[str, float | None]


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def parts_table(title: str, fields: list[str], parts: Mapping[str, tuple[int, Rates, Rates]],
                targets: Mapping[str, float] | None = None) -> Table:
    """One row per field; per part, harmwatch's rate and the naive baseline's."""
    table = Table(title=title)
    table.add_column("field", no_wrap=True)
    for name, (n, _, _) in parts.items():
        table.add_column(f"{name} ({n}) harmwatch")
        table.add_column(f"{name} naive")
    if targets:
        table.add_column("target")
    for field_name in fields:
        cells = [field_name]
        for _, ours, naive in parts.values():
            cells += [_cell(ours.get(field_name)), _cell(naive.get(field_name))]
        if targets:
            target = targets.get(field_name)
            cells.append(f">= {target:.0%}" if target is not None else "")
        table.add_row(*cells)
    return table
