"""Incidents: many reports of one attack become one graded incident with every source."""

from harmwatch.incidents.assemble import assemble, claim, new_incident_id
from harmwatch.incidents.build import BuildSummary, build_incidents
from harmwatch.incidents.casualties import describe
from harmwatch.incidents.ports import IncidentStore, IncidentTransaction
from harmwatch.incidents.review import DERIVED_FIELDS, Review
from harmwatch.incidents.rules import Rules

__all__ = ["DERIVED_FIELDS", "BuildSummary", "IncidentStore", "IncidentTransaction", "Review",
           "Rules", "assemble", "build_incidents", "claim", "describe", "new_incident_id"]
