"""`harmwatch eval airwars`: Airwars' source texts scored against Airwars' own coding."""

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harmwatch.cli.base import eval_app, out
from harmwatch.cli.eval_options import PartOption, parts_table
from harmwatch.cli.progress import progress_bar
from harmwatch.errors import UsageError
from harmwatch.evaluation import airwars
from harmwatch.evaluation.fakes import MAIN_EVENT
from harmwatch.evaluation.parts import split_items
from harmwatch.pipeline import load_extractor

LANGUAGES = ("ar", "en", "all")


@eval_app.command("airwars")
def eval_airwars(
    sources_path: Annotated[Path, typer.Argument(metavar="SOURCES",
                                                 help="Airwars source texts (JSONL).")],
    incidents_path: Annotated[Path, typer.Option(
        "--incidents", help="Airwars' incidents with their coding (JSONL).")],
    part: PartOption = "all",
    language: Annotated[str, typer.Option(
        "--language", help="Score the sources in ar, en or all languages.")] = "all",
    main: Annotated[str, typer.Option(
        "--main", help="Which event is a source's main one: subject, most-killed or lead."
    )] = "subject",
) -> None:
    """Score each source's main event against its Airwars incident (civilians killed,
    belligerent, place within 25 km, governorate, date) beside naive baselines, and the
    incidents built from all sources against Airwars' (pairwise and B-cubed). The split is
    by Airwars incident, so sources of one incident stay in one part.

    Example: harmwatch eval airwars ../shared/eval/airwars-sources-dev.jsonl
    --incidents ../shared/eval/airwars-incidents-dev.jsonl --part check --language en
    """
    if language not in LANGUAGES:
        raise UsageError(f"--language {language!r} is not one of {', '.join(LANGUAGES)}")
    if main not in MAIN_EVENT:
        raise UsageError(f"--main {main!r} is not one of {', '.join(MAIN_EVENT)}")
    sources = [s for s in airwars.read_sources(sources_path)
               if language == "all" or s.lang == language]
    codings = airwars.read_codings(incidents_path)
    parts = split_items(sources, lambda source: source.incident, part)
    extractor = load_extractor()
    reports = {}
    for name, members in parts.items():
        with progress_bar(f"ingesting the {name} part", total=len(members)) as advance:
            reports[name] = airwars.evaluate(members, codings, extractor, advance, main)
    languages = sorted({lang for r in reports.values() for lang in r.tallies})
    for lang in languages:
        tallies = {name: r.tallies[lang] for name, r in reports.items() if lang in r.tallies}
        out.print(parts_table(
            f"Airwars ({sources_path.name}), {lang} sources, main event: {main}",
            list(airwars.FIELDS),
            {name: (t.sources, t.rates(t.hits), t.rates(t.naive)) for name, t in tallies.items()},
            airwars.TARGETS))
    for name, report in reports.items():
        out.print(_grouping_table(name, report))


def _grouping_table(part: str, report: airwars.Report) -> Table:
    table = Table(title=f"Grouping against Airwars' incidents, {part} part")
    for column in ("sources", "grouped by", "pairwise P", "R", "F1", "B-cubed P", "R ", "F1 "):
        table.add_column(column)
    for scope, methods in report.grouping.items():
        for method, (pairs, b3) in methods.items():
            table.add_row(scope, method, *(f"{v:.2f}" for v in (
                pairs.precision, pairs.recall, pairs.f1, b3.precision, b3.recall, b3.f1)))
    return table
