"""Exports: ACLED CSV, GeoJSON, JSON Lines and Parquet, and any format a plugin registers."""

from harmwatch.exports.geojson import feature, point
from harmwatch.exports.labels import Labels
from harmwatch.exports.registry import (
    ENTRY_POINT_GROUP,
    Exporter,
    exporters,
    get_exporter,
    is_binary,
    load_entry_point,
    media_type,
    register,
)

__all__ = ["ENTRY_POINT_GROUP", "Exporter", "Labels", "exporters", "feature", "get_exporter",
           "is_binary", "load_entry_point", "media_type", "point", "register"]
