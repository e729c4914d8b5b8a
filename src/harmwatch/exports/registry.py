"""The export formats: one door, the `harmwatch.exporters` entry-point group.

An exporter is any object (or class) with `name`, `suffix`, `media_type`, `description` and
`write(incidents, events_of, stream) -> int` (rows written). Plugins publish theirs in their
pyproject.toml:

    [project.entry-points."harmwatch.exporters"]
    kml = "my_package.kml:KmlExporter"

The built-in formats are entry points of the same group (BUILT_INS, also declared in
harmwatch's own pyproject.toml) and are loaded by the same function, so a plugin is served
exactly as they are: under its name, with its media type.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable, Iterable
from importlib.metadata import EntryPoint, entry_points
from typing import BinaryIO, Protocol

from harmwatch.errors import UsageError
from harmwatch.model import Event, Incident

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "harmwatch.exporters"
# The built-in formats, imported (they register) when the formats are first asked for.
BUILT_IN = ("acled", "geojson", "jsonl", "parquet")
EventsOf = Callable[[str], list[Event]]
BUILT_INS = {
    "acled": "harmwatch.exports.acled:AcledExporter",
    "geojson": "harmwatch.exports.geojson:GeoJsonExporter",
    "jsonl": "harmwatch.exports.jsonl:JsonLinesExporter",
    "parquet": "harmwatch.exports.parquet:ParquetExporter",
}
# Media types that are text although they are not text/*: safe to write to a terminal.
TEXT_MEDIA_TYPES = ("application/json", "application/geo+json", "application/x-ndjson")


class Exporter(Protocol):
    name: str
    suffix: str
    media_type: str
    description: str

    def write(self, incidents: Iterable[Incident], events_of: EventsOf,
              stream: BinaryIO) -> int: ...


_registry: dict[str, Exporter] = {}
_loaded = False


def register(exporter: Exporter) -> Exporter:
    """Add an export format (a later one of the same name replaces the earlier)."""
    _registry[exporter.name] = exporter
    return exporter


def load_entry_point(entry: EntryPoint) -> None:
    """Register the exporter an entry point names; a broken plugin is logged, not raised,
    so it cannot take the other formats down with it."""
    try:
        plugin = entry.load()
        register(plugin() if isinstance(plugin, type) else plugin)
    except Exception:
        log.exception("export plugin %s (%s) could not be loaded", entry.name, entry.value)


def _built_ins() -> list[EntryPoint]:
    return [EntryPoint(name, value, ENTRY_POINT_GROUP) for name, value in BUILT_INS.items()]


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    installed = list(entry_points(group=ENTRY_POINT_GROUP))
    # Built-ins first, so an installed harmwatch's own entries (the same) or a plugin of
    # the same name take their place.
    for entry in [*_built_ins(), *installed]:
        load_entry_point(entry)


def exporters() -> dict[str, Exporter]:
    _load()
    return dict(sorted(_registry.items()))


def get_exporter(name: str) -> Exporter:
    available = exporters()
    if name not in available:
        raise UsageError(f"no export format {name!r}; available: {', '.join(available)}")
    return available[name]


def media_type(exporter: Exporter) -> str:
    """The exporter's media type; for a plugin that declares none, the one its suffix
    implies, else application/octet-stream."""
    declared = getattr(exporter, "media_type", None)
    if declared:
        return declared
    guessed, _ = mimetypes.guess_type(f"export{exporter.suffix}")
    return guessed or "application/octet-stream"


def is_binary(exporter: Exporter) -> bool:
    """Whether the format is bytes a terminal cannot show (Parquet, a plugin's XLSX)."""
    kind = media_type(exporter).split(";")[0].strip()
    return not (kind.startswith("text/") or kind in TEXT_MEDIA_TYPES or kind.endswith("+json")
                or kind.endswith("+xml"))
