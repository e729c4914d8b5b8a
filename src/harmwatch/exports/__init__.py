"""Exports: ACLED CSV, GeoJSON, JSON Lines and Parquet, and any format a plugin registers."""

from harmwatch.exports import acled, geojson, jsonl, parquet  # noqa: F401 (they register)
from harmwatch.exports.geojson import point
from harmwatch.exports.registry import Exporter, exporters, get_exporter, register

__all__ = ["Exporter", "exporters", "get_exporter", "point", "register"]
