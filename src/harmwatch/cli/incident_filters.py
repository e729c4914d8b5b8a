"""The incident filter options `incidents list`, `export` and `report` share.

`with_incident_filters` adds --from, --to, --actor, --admin1 and --grade to a command and
hands it one checked IncidentFilters as `filters`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from harmwatch.cli.base import parse_date_option
from harmwatch.cli.option_groups import option_group
from harmwatch.errors import UsageError
from harmwatch.exports import Labels
from harmwatch.model import Grade
from harmwatch.store import IncidentFilters

GRADES = list(Grade.__args__)

FromOption = Annotated[str | None, typer.Option(
    "--from", metavar="YYYY-MM-DD", help="Incidents on or after this day.")]
ToOption = Annotated[str | None, typer.Option(
    "--to", metavar="YYYY-MM-DD", help="Incidents on or before this day.")]
ActorOption = Annotated[str | None, typer.Option(
    "--actor", help="Attacker or attacked actor: an id or a name, e.g. coalition, "
                    "\"Islamic State\".")]
Admin1Option = Annotated[str | None, typer.Option(
    "--admin1", help="Province (first-level division), e.g. Raqqa.")]
GradeOption = Annotated[str | None, typer.Option(
    "--grade", help="Confirmed, Fair, Weak, Contested or Discounted.")]


def actor_id(text: str) -> str:
    """The actor id a person means by an id or a readable name; a wrong one lists them all."""
    labels = Labels.load()
    found = labels.actor_id(text)
    if found is None:
        known = ", ".join(f"{code} ({name})" for code, name in labels.actors.items())
        raise UsageError(f"--actor {text!r} is no actor harmwatch knows; use an id or a name: "
                         f"{known}")
    return found


def method_code(text: str) -> str:
    """The method a person means ('airstrike', 'air strike'); a wrong one lists them all."""
    labels = Labels.load()
    found = labels.method_code(text)
    if found is None:
        raise UsageError(f"--method {text!r} is not a method; use one of "
                         + ", ".join(labels.methods))
    return found


def incident_filters(date_from: str | None = None, date_to: str | None = None,
                     actor: str | None = None, admin1: str | None = None,
                     grade: str | None = None, **more) -> IncidentFilters:
    """IncidentFilters from command-line values, with dates and grade checked."""
    if grade is not None and grade.capitalize() not in GRADES:
        raise UsageError(f"--grade {grade!r} is not a grade; use one of {', '.join(GRADES)}")
    return IncidentFilters(
        date_from=parse_date_option(date_from, "--from"),
        date_to=parse_date_option(date_to, "--to"),
        actor=actor_id(actor) if actor else None, admin1=admin1,
        grade=grade.capitalize() if grade else None, **more)


_FLAGS = {
    "date_from": (FromOption, None),
    "date_to": (ToOption, None),
    "actor": (ActorOption, None),
    "admin1": (Admin1Option, None),
    "grade": (GradeOption, None),
}


def with_incident_filters(**fixed):
    """Decorator: the command gains the filter flags and receives `filters`; `fixed` sets
    the rest (e.g. sort="date")."""
    return option_group(_FLAGS, lambda values: incident_filters(**values, **fixed), "filters")
