"""`harmwatch incidents`: build incidents from events, list and show them, split and merge."""

from __future__ import annotations

import getpass
from dataclasses import replace
from typing import Annotated

import typer
from rich.markup import escape

from harmwatch.cli.base import DbOption, app, out
from harmwatch.cli.incident_filters import method_code, with_incident_filters
from harmwatch.cli.listing import Listing, emit, narrow_table, open_existing, with_listing
from harmwatch.cli.progress import progress_bar
from harmwatch.exports import Labels
from harmwatch.incidents import Review, build_incidents, describe
from harmwatch.model import Incident
from harmwatch.store import IncidentFilters, IncidentRepository, UnknownIncident, open_database

incidents_app = typer.Typer(help="Group events into graded incidents; review and correct them.",
                            no_args_is_help=True)
app.add_typer(incidents_app, name="incidents")

WhoOption = Annotated[str | None, typer.Option(
    "--who", help="Who decides (for the audit log); default: your login name.")]
WhyOption = Annotated[str, typer.Option("--why", help="Why (kept in the audit log).")]


def _repository(db: str | None) -> IncidentRepository:
    return IncidentRepository(open_database(db))


def _who(who: str | None) -> str:
    return who or getpass.getuser()


def _place(incident: Incident) -> str:
    location = incident.location
    if location is None:
        return ""
    name = location.name or location.text
    return f"{name}, {location.admin1}" if location.admin1 else name


def _date(incident: Incident) -> str:
    if incident.date_start is None:
        return ""
    if incident.date_end in (None, incident.date_start):
        return incident.date_start.isoformat()
    return f"{incident.date_start}..{incident.date_end}"


@incidents_app.command("build")
def build_command(
    db: DbOption = None,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Regroup every event a person has not split or merged "
                          "(after editing the rules); ids are kept where the events are.")] = False,
) -> None:
    """Group stored events into incidents; run again after each ingest to add the new ones.

    Example: harmwatch incidents build --db team.db
    """
    summary = build_incidents(
        IncidentRepository(open_database(db, memory_mapped=False)), rebuild=rebuild,
        progress=progress_bar, writer_process=True,
        on_wait=lambda: out.print("another `incidents build` is running on this database; "
                                  "waiting for it to finish"))
    out.print(f"events: {summary.events} (new: {summary.new_events}, locked by people: "
              f"{summary.locked_events})  incidents: {summary.incidents} (created: "
              f"{summary.created}, updated: {summary.updated}, removed: {summary.removed})")


def _row(incident: Incident) -> dict:
    labels = Labels.load()
    killed, civilians = incident.killed.total, incident.killed.civilians
    return {"id": incident.id, "date": _date(incident), "place": _place(incident),
            "method": labels.method(incident.method), "attacker": labels.actor(incident.actor1),
            "killed": describe(killed) if killed else "",
            "civilians": describe(civilians) if civilians else "", "grade": incident.grade,
            "sources": len(incident.sources), "flags": " | ".join(incident.flags)}


def _table(incidents: list[Incident]):
    """Date, place, attacker, killed (civilians), grade and id: 80 columns; the rest is in
    `incidents show`."""
    table = narrow_table("date", "place", "attacker", "killed", "grade", "id",
                         no_wrap=("date", "id", "grade"))
    for incident in incidents:
        row = _row(incident)
        killed = row["killed"] + (f" ({row['civilians']} civ.)" if row["civilians"] else "")
        table.add_row(row["date"], escape(row["place"]), escape(row["attacker"]), killed,
                      row["grade"] + ("⚑" if incident.flags else ""), row["id"])
    return table


@incidents_app.command("list")
@with_incident_filters()
@with_listing(default_limit=50)
def list_command(
    filters: IncidentFilters,
    listing: Listing,
    db: DbOption = None,
    method: Annotated[str | None, typer.Option(
        "--method", help="e.g. air_strike or \"air strike\".")] = None,
    target: Annotated[str | None, typer.Option("--target", help="e.g. hospital.")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s",
                                               help="Words the incident must mention.")] = None,
    sort: Annotated[str, typer.Option(help="date, fatalities, grade, civilians, updated; "
                                           "a leading - sorts descending.")] = "-date",
    page: Annotated[int, typer.Option(help="Page number (of --limit rows), from 1.")] = 1,
) -> None:
    """List incidents: date, place, attacker, killed, grade and id (`show` has the rest).

    Example: harmwatch incidents list --admin1 Raqqa --grade Fair --sort -fatalities
    """
    filters = replace(filters, method=method_code(method) if method else None, target=target,
                      q=search, sort=sort, page=page, per_page=listing.limit)
    found, total = IncidentRepository(open_existing(db)).search(filters)
    emit(listing, found, lambda i: i.model_dump(mode="json"), _row, _table)
    if listing.output == "table":
        first = (filters.page - 1) * filters.per_page
        out.print(f"{first + 1 if found else 0}-{first + len(found)} of {total} incident(s)")


def _casualty_lines(incident: Incident) -> list[str]:
    lines = []
    for label, casualties in (("killed", incident.killed), ("injured", incident.injured)):
        parts = [f"{name} {describe(value)}" for name, value in casualties if value is not None]
        if parts:
            lines.append(f"{label}: " + ", ".join(parts))
    return lines


@incidents_app.command("show")
def show_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id, e.g. inc-3f2a9c1b7d40.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="The full record as JSON.")] = False,
) -> None:
    """Show one incident: casualty ranges, grade and reasons, flags, every source and claim.

    Example: harmwatch incidents show inc-3f2a9c1b7d40 --db team.db
    """
    repository = IncidentRepository(open_existing(db))
    incident = repository.get(incident_id)
    if incident is None:
        raise UnknownIncident(incident_id)
    if as_json:
        out.print(incident.model_dump_json(indent=2), highlight=False)
        return
    out.print(f"[bold]{incident.id}[/bold] (version {incident.version})  {_date(incident)}  "
              f"{escape(_place(incident))}")
    labels = Labels.load()
    out.print(f"{incident.event_type} / {incident.sub_event_type} "
              f"({labels.method(incident.method)}); attacker: "
              f"{labels.actor(incident.actor1)}; targets: {', '.join(incident.targets) or '-'}")
    for line in _casualty_lines(incident):
        out.print(line)
    out.print(f"fatalities (ACLED, conservative): {incident.fatalities}")
    out.print(f"[bold]grade: {incident.grade}[/bold]")
    for reason in incident.grade_reasons:
        out.print(f"  - {escape(reason)}")
    for flag in incident.flags:
        out.print(f"[yellow]flag:[/yellow] {escape(flag)}")
    for number, source in enumerate(incident.sources, 1):
        out.print(f"\n[bold]source {number}[/bold]: "
                  f"{escape(source.publisher or 'publisher unknown')} "
                  f"({source.language or '?'}) {escape(source.url or source.document_id)}")
        out.print(f"  claims: {escape(source.claim)}")
        out.print(f"  evidence {list(source.evidence.span.root)}: "
                  f"\"{escape(source.evidence.text)}\"")
        if source.duplicates:
            out.print(f"  counted once with it (same document or a copy): "
                      f"{', '.join(source.duplicates)}")
    for entry in repository.audit(incident.id):
        out.print(f"\naudit {entry.at:%Y-%m-%d %H:%M} {entry.who} {entry.action}: "
                  f"{escape(entry.why or '')} {entry.after}")


@incidents_app.command("split")
def split_command(
    incident_id: Annotated[str, typer.Argument(help="The incident to split.")],
    event_ids: Annotated[list[str], typer.Argument(help="Events to move to a new incident.")],
    db: DbOption = None,
    who: WhoOption = None,
    why: WhyOption = "",
) -> None:
    """Move events out of an incident into a new one; later builds keep them apart.

    Example: harmwatch incidents split inc-3f2a9c1b7d40 doc-8843566bb3bfabf8:e1 --why "two strikes"
    """
    new = Review(_repository(db)).split(incident_id, event_ids, _who(who), why)
    out.print(f"split {', '.join(event_ids)} from {incident_id} into {new.id}")


@incidents_app.command("merge")
def merge_command(
    incident_ids: Annotated[list[str], typer.Argument(help="Incidents; all join the first.")],
    db: DbOption = None,
    who: WhoOption = None,
    why: WhyOption = "",
) -> None:
    """Merge incidents into the first one given; later builds keep them together.

    Example: harmwatch incidents merge inc-3f2a9c1b7d40 inc-77b0e2a4c9d1 --why "same strike"
    """
    merged = Review(_repository(db)).merge(incident_ids, _who(who), why)
    out.print(f"merged {', '.join(incident_ids[1:])} into {merged.id}: "
              f"{len(merged.event_ids)} event(s), grade {merged.grade}")
