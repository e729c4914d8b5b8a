"""Incidents: many reports of one attack become one graded incident with every source."""

from harmwatch.incidents.assemble import assemble, claim, new_incident_id
from harmwatch.incidents.build import BuildSummary, build_incidents
from harmwatch.incidents.casualties import describe
from harmwatch.incidents.ports import IncidentStore, IncidentTransaction
from harmwatch.incidents.review import DERIVED_FIELDS, Review
from harmwatch.incidents.rules import Rules
from harmwatch.incidents.suggest import Suggestion, likely_duplicates, search_window

__all__ = ["DERIVED_FIELDS", "BuildSummary", "IncidentStore", "IncidentTransaction", "Review",
           "Rules", "Suggestion", "assemble", "build_incidents", "claim", "describe",
           "likely_duplicates", "new_incident_id", "search_window"]
