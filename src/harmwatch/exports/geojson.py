"""GeoJSON (RFC 7946): a FeatureCollection with one Point per incident, for QGIS and geojson.io.

Incidents without coordinates are kept, with a null geometry (RFC 7946 section 3.2), so
nothing is silently dropped; QGIS lists them in the attribute table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import BinaryIO

from harmwatch.exports.registry import EventsOf
from harmwatch.model import Incident, Range


def _low(r: Range | None) -> int | None:
    return r.min if r else None


def _high(r: Range | None) -> int | None:
    return r.max if r else None


def properties(incident: Incident) -> dict:
    location = incident.location
    killed, injured = incident.killed, incident.injured
    return {
        "id": incident.id,
        "date_start": incident.date_start.isoformat() if incident.date_start else None,
        "date_end": incident.date_end.isoformat() if incident.date_end else None,
        "date_precision": incident.date_precision,
        "event_type": incident.event_type, "sub_event_type": incident.sub_event_type,
        "method": incident.method, "civilian_targeting": incident.civilian_targeting,
        "actor1": incident.actor1, "actor2": incident.actor2,
        "place": (location.name or location.text) if location else None,
        "admin1": location.admin1 if location else None,
        "country": location.country if location else None,
        "geo_precision": location.precision if location else None,
        "targets": ", ".join(incident.targets),
        "fatalities": incident.fatalities,
        "killed_min": _low(killed.total), "killed_max": _high(killed.total),
        "civilians_killed_min": _low(killed.civilians),
        "civilians_killed_max": _high(killed.civilians),
        "children_killed_min": _low(killed.children),
        "children_killed_max": _high(killed.children),
        "injured_min": _low(injured.total), "injured_max": _high(injured.total),
        "grade": incident.grade, "grade_reasons": " | ".join(incident.grade_reasons),
        "flags": " | ".join(incident.flags),
        "sources": len(incident.sources),
        "publishers": ", ".join(dict.fromkeys(s.publisher for s in incident.sources
                                              if s.publisher)),
        "urls": " ".join(s.url for s in incident.sources if s.url),
    }


def point(where) -> dict | None:
    """The GeoJSON Point ([lon, lat]) of a location (an incident's, an event's) or of an
    incident, or None where there are no coordinates."""
    location = where.location if isinstance(where, Incident) else where
    if location is None or location.lat is None or location.lon is None:
        return None
    return {"type": "Point", "coordinates": [location.lon, location.lat]}


def feature(feature_id: str, where, properties: dict) -> dict:
    """One Feature: the one builder of harmwatch's GeoJSON (exports, the map, `extract`)."""
    return {"type": "Feature", "id": feature_id, "geometry": point(where),
            "properties": properties}


def incident_feature(incident: Incident) -> dict:
    return feature(incident.id, incident, properties(incident))


class GeoJsonExporter:
    name = "geojson"
    suffix = ".geojson"
    media_type = "application/geo+json"
    description = "GeoJSON FeatureCollection, one point per incident (QGIS, geojson.io)"

    def write(self, incidents: Iterable[Incident], events_of: EventsOf,
              stream: BinaryIO) -> int:
        # Written feature by feature so a large export never sits in memory as one string.
        stream.write(b'{"type": "FeatureCollection", "features": [\n')
        count = 0
        for incident in incidents:
            if count:
                stream.write(b",\n")
            stream.write(json.dumps(incident_feature(incident), ensure_ascii=False).encode("utf-8"))
            count += 1
        stream.write(b"\n]}\n")
        return count

