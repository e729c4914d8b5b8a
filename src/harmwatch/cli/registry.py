"""Every command by name: the modules that register it and its one-line help.

A command line imports only its own command's modules, so `documents` never pays for spaCy,
numpy or the web stack; `harmwatch --help` lists every command from this table without
importing any (`tests/cli/test_commands.py` checks each line against the command's own help).
"""

from __future__ import annotations

from dataclasses import dataclass

import typer
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class CommandEntry:
    modules: tuple[str, ...]  # importing them registers the command on the shared app
    summary: str  # the first sentence of the command's help


COMMANDS = {
    "ingest": CommandEntry(
        ("harmwatch.cli.ingest",),
        "Store documents and their extracted events; the same content is stored once."),
    "documents": CommandEntry(
        ("harmwatch.cli.documents",),
        "List stored documents with their dates, publishers and event counts."),
    "events": CommandEntry(
        ("harmwatch.cli.events",),
        "List stored events: what happened, when, where, by whom, how many killed."),
    "extract": CommandEntry(
        ("harmwatch.cli.extract",),
        "Extract events, places, actors, dates and quotes from a report."),
    "errors": CommandEntry(
        ("harmwatch.cli.errors_cmd",),
        "List inputs that failed to ingest, with the reason for each."),
    "schema": CommandEntry(
        ("harmwatch.cli.schema",),
        "Print the JSON Schema of an extraction result (or of an incident, a document)."),
    "geocode": CommandEntry(
        ("harmwatch.cli.geocode",),
        "Print a name's candidate places best first, or geocode a CSV column."),
    "serve": CommandEntry(
        ("harmwatch.cli.serve",),
        "Serve the incident list, map, timeline, review pages and the JSON API."),
    "export": CommandEntry(
        ("harmwatch.cli.export",),
        "Export incidents: ACLED's CSV columns and codes, GeoJSON points, or full records."),
    "report": CommandEntry(
        ("harmwatch.cli.report",),
        "Write the trends report: incidents and civilian deaths over time per attacker, "
        "method and target type, with the shifts in them found by change-point detection, "
        "in sentences."),
    "languages": CommandEntry(
        ("harmwatch.cli.languages",),
        "List the installed language packs: code, name, where they come from."),
    "train": CommandEntry(
        ("harmwatch.cli.train",),
        "Fit each event's confidence on the write part of FA-KES: per way an event was "
        "found, the share of subjects with the right actor and method."),
    "eval": CommandEntry(
        ("harmwatch.cli.eval_extract", "harmwatch.cli.eval_geo", "harmwatch.cli.eval_incidents",
         "harmwatch.cli.eval_airwars", "harmwatch.cli.eval_events"),
        "Measure harmwatch against gold data sets."),
    "gazetteer": CommandEntry(
        ("harmwatch.cli.gazetteer",), "Load, download and inspect gazetteers."),
    "users": CommandEntry(
        ("harmwatch.cli.users",), "Users, roles (viewer, editor, admin) and API tokens."),
    "incidents": CommandEntry(
        ("harmwatch.cli.incidents",),
        "Group events into graded incidents; review and correct them."),
}


class CommandList(TyperGroup):
    """The top-level group: its help lists the commands from COMMANDS, loaded or not."""

    def format_commands(self, ctx: typer.Context, formatter) -> None:
        listed = [TyperCommand(name, help=entry.summary) for name, entry in COMMANDS.items()]
        TyperGroup(commands=listed).format_commands(ctx, formatter)
