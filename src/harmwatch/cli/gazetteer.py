"""`harmwatch gazetteer load|download|info`: the places harmwatch can resolve."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harmwatch import geo
from harmwatch.cli.base import app, console, out
from harmwatch.cli.progress import progress_bar
from harmwatch.errors import HarmwatchError

gazetteer_app = typer.Typer(help="Load, download and inspect gazetteers.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

# The most common feature codes of a source shown by `gazetteer info`.
KINDS_SHOWN = 6

GazetteerDbOption = Annotated[
    Path | None,
    typer.Option("--gazetteer-db", envvar="HARMWATCH_GAZETTEER_DB",
                 help="Your places' database (default: user-places.sqlite in the cache "
                      "directory, HARMWATCH_CACHE)."),
]


def _field(help_text: str):
    return typer.Option(help=help_text, show_default=False)


@gazetteer_app.command("load")
def load_command(
    file: Annotated[Path, typer.Argument(help="GeoNames dump (.txt/.zip) or CSV/JSON list.")],
    gazetteer_db: GazetteerDbOption = None,
    source: Annotated[str | None, typer.Option(help="Name of this list (default: file name).")]
    = None,
    country: Annotated[str | None, typer.Option(help="Country code for rows without one.")]
    = None,
    name_field: Annotated[str | None, _field("Field with the (English) name.")] = None,
    arabic_field: Annotated[str | None, _field("Field with the Arabic name.")] = None,
    alt_field: Annotated[str | None, _field("Field with other names ('|' or ';' separated).")]
    = None,
    lat_field: Annotated[str | None, _field("Latitude field.")] = None,
    lon_field: Annotated[str | None, _field("Longitude field.")] = None,
    latlon_field: Annotated[str | None, _field("Field with 'lat, lon' together.")] = None,
    admin1_field: Annotated[str | None, _field("Province/governorate field.")] = None,
    country_field: Annotated[str | None, _field("Country code field.")] = None,
    id_field: Annotated[str | None, _field("Identifier field.")] = None,
) -> None:
    """Add places to your gazetteer; they win over embedded ones of the same name nearby.

    Fields of CSV/JSON lists are found by their usual names (name, arabic_name, latitude,
    longitude, region, ...) unless given. Example: harmwatch gazetteer load
    syrianarchive-locations.json --country SY
    """
    mapping = geo.FieldMapping(name=name_field, arabic=arabic_field, alternates=alt_field,
                           lat=lat_field, lon=lon_field, latlon=latlon_field,
                           admin1=admin1_field, country=country_field, id=id_field)
    db_path = geo.user_db_path(gazetteer_db)
    with progress_bar(f"loading {file.name}", None, unit="places") as advance:
        report = geo.load_file(file, db_path, mapping, source, country, advance)
    out.print(f"{report.places} place(s) loaded from {file} as source {report.source!r} "
              f"into {db_path}")
    if report.skipped:
        console.print(f"{len(report.skipped)} row(s) skipped (reasons above)")
    if not report.places:
        raise HarmwatchError(f"{file}: no place could be read; check the field names "
                             "(--name-field, --lat-field, --lon-field)")


@gazetteer_app.command("download")
def download_command(
    countries: Annotated[list[str], typer.Argument(help="Country codes, e.g. SY IQ.")],
    gazetteer_db: GazetteerDbOption = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", envvar="HARMWATCH_GEONAMES_URL",
        help="Where the dumps are (default: https://download.geonames.org/export/dump/).")]
    = None,
) -> None:
    """Fetch GeoNames country dumps over HTTPS and load them.

    Example: harmwatch gazetteer download SY IQ
    """
    db_path = geo.user_db_path(gazetteer_db)
    for path in geo.download(countries, geo.cache_dir_default() / "downloads", base_url):
        with progress_bar(f"loading {path.name}", None, unit="places") as advance:
            report = geo.load_file(path, db_path, advance=advance)
        out.print(f"{path.stem}: {report.places} place(s) loaded into {db_path}")


@gazetteer_app.command("info")
def info_command(gazetteer_db: GazetteerDbOption = None) -> None:
    """Show what is loaded: places and names per source, what kinds of place each adds
    (GeoNames feature codes: PPL town, PPLL village, PPLX neighbourhood, ADM2 district, ADM1
    province, PCLI country), and where they are kept.

    Example: harmwatch gazetteer info
    """
    parser = geo.Geoparser.load(user_db=gazetteer_db)
    table = Table("database", "source", "places", "names", "kinds of place")
    for db in parser.databases:
        for source, counts in sorted(db.counts().items()):
            kinds = ", ".join(f"{feature} {number:,}" for feature, number in sorted(
                counts["features"].items(), key=lambda item: -item[1])[:KINDS_SHOWN])
            table.add_row(str(db.path), source, f"{counts['places']:,}", f"{counts['names']:,}",
                          kinds)
    out.print(table)
    if parser.user is None:
        out.print(f"no places of your own loaded yet ({geo.user_db_path(gazetteer_db)}); "
                  "add some with `harmwatch gazetteer load FILE`")
