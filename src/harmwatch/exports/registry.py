"""The export formats: built-in ones register here, and so can plugins.

A plugin is any object with `name`, `suffix`, `description` and
`write(incidents, events_of, stream) -> int` (rows written), published under the
`harmwatch.exporters` entry-point group of an installed package, e.g. in its pyproject.toml:

    [project.entry-points."harmwatch.exporters"]
    kml = "my_package.kml:KmlExporter"
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from importlib.metadata import entry_points
from typing import BinaryIO, Protocol

from harmwatch.errors import UsageError
from harmwatch.model import Event, Incident

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "harmwatch.exporters"
# The built-in formats, imported (they register) when the formats are first asked for.
BUILT_IN = ("acled", "geojson", "jsonl", "parquet")
EventsOf = Callable[[str], list[Event]]


class Exporter(Protocol):
    name: str
    suffix: str
    description: str

    def write(self, incidents: Iterable[Incident], events_of: EventsOf,
              stream: BinaryIO) -> int: ...


_registry: dict[str, Exporter] = {}
_plugins_loaded = False


def register(exporter: Exporter) -> Exporter:
    """Add an export format (a later one of the same name replaces the earlier)."""
    _registry[exporter.name] = exporter
    return exporter


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for module in BUILT_IN:
        importlib.import_module(f"harmwatch.exports.{module}")
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            plugin = entry.load()
            register(plugin() if isinstance(plugin, type) else plugin)
        except Exception:  # a broken plugin must not break the built-in formats
            log.exception("export plugin %s (%s) could not be loaded", entry.name, entry.value)


def exporters() -> dict[str, Exporter]:
    _load_plugins()
    return dict(sorted(_registry.items()))


def get_exporter(name: str) -> Exporter:
    available = exporters()
    if name not in available:
        raise UsageError(f"no export format {name!r}; available: {', '.join(available)}")
    return available[name]
