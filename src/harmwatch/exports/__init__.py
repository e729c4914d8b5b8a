"""Exports: ACLED CSV, GeoJSON, JSON Lines and Parquet, and any format a plugin registers."""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use (Parquet's pyarrow only to export).
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "geojson": ["feature", "point"],
    "labels": ["Labels"],
    "registry": ["ENTRY_POINT_GROUP", "Exporter", "exporters", "get_exporter", "is_binary",
                 "load_entry_point", "media_type", "register"],
})
