"""Incidents: many reports of one attack become one graded incident with every source."""

from harmwatch.lazy import lazy_exports

# Each name is imported from its module on first use, so importing the package is cheap.
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "assemble": ["assemble", "claim", "new_incident_id"],
    "build": ["BuildSummary", "build_incidents"],
    "casualties": ["describe"],
    "ports": ["IncidentStore", "IncidentTransaction"],
    "review": ["DERIVED_FIELDS", "Review"],
    "rules": ["Rules"],
    "suggest": ["Suggestion", "likely_duplicates", "search_window"],
})
