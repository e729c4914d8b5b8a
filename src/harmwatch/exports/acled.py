"""ACLED CSV: one row per incident with ACLED's column names and codes."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from typing import BinaryIO

from harmwatch.exports.acled_codes import AcledCodes, Country
from harmwatch.exports.registry import EventsOf
from harmwatch.incidents.casualties import describe
from harmwatch.model import Incident

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "timestamp",
]
HARMWATCH_ID = re.compile(r"inc-([0-9a-f]{12})")


def event_id(incident_id: str, country: Country) -> str:
    """ACLED-style id: the country's alpha-3 code and a number fixed by the incident id."""
    match = HARMWATCH_ID.fullmatch(incident_id)
    digits = match.group(1) if match else hashlib.sha1(incident_id.encode()).hexdigest()[:12]
    return f"{country.iso3}{int(digits, 16)}"


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: the two inter codes, lower first; 10, 20... for one actor."""
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def notes(incident: Incident, attacker: str) -> str:
    """An ACLED-style note, with harmwatch's grade, ranges and flags at the end."""
    place = incident.location.name if incident.location else "an unknown place"
    day = incident.date_start
    when = f"{day.day} {day:%B %Y}" if day else "an unknown day"
    parts = [f"On {when}, {incident.method.replace('_', ' ')} by {attacker} in {place}."]
    for label, casualties in (("killed", incident.killed), ("injured", incident.injured)):
        if casualties.total:
            parts.append(f"{describe(casualties.total)} {label}"
                         + (f" ({describe(casualties.civilians)} civilians)."
                            if casualties.civilians else "."))
    parts.append(f"[harmwatch {incident.id}: grade {incident.grade}; "
                 f"{len(incident.sources)} independent source(s)"
                 + "".join(f"; {flag}" for flag in incident.flags) + "]")
    return " ".join(parts)


def row(incident: Incident, codes: AcledCodes) -> dict:
    location = incident.location
    country = codes.country(location.country if location else None)
    event_type, sub_event_type = codes.event_type(incident.event_type, incident.sub_event_type,
                                                  incident.method)
    actor1 = codes.actor(incident.actor1, country)
    civilians_hit = incident.civilian_targeting or bool(incident.killed.civilians)
    actor2 = (codes.actor(incident.actor2, country) if incident.actor2
              else codes.civilians(country) if civilians_hit else None)
    inter2 = actor2.inter if actor2 else 0
    has_point = location is not None and location.lat is not None
    geo_precision = min(3, max(1, location.precision or 1)) if has_point else 3
    publishers = list(dict.fromkeys(s.publisher for s in incident.sources if s.publisher))
    return {
        "event_id_cnty": event_id(incident.id, country),
        "event_date": incident.date_start.isoformat() if incident.date_start else "",
        "year": incident.date_start.year if incident.date_start else "",
        "time_precision": codes.time_precision.get(incident.date_precision or "year", 3),
        "disorder_type": codes.event_types[event_type]["disorder_type"],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1.name, "assoc_actor_1": "", "inter1": actor1.inter,
        "actor2": actor2.name if actor2 else "", "assoc_actor_2": "", "inter2": inter2,
        "interaction": interaction(actor1.inter, inter2),
        "civilian_targeting": "Civilian targeting" if incident.civilian_targeting else "",
        "iso": country.iso, "region": country.region, "country": country.name,
        "admin1": (location.admin1 or "") if location else "", "admin2": "", "admin3": "",
        "location": (location.name or location.text) if location else "",
        "latitude": round(location.lat, 4) if has_point else "",
        "longitude": round(location.lon, 4) if has_point else "",
        "geo_precision": geo_precision,
        "source": "; ".join(publishers),
        "source_scale": codes.source_scale(publishers),
        "notes": notes(incident, actor1.name),
        "fatalities": incident.fatalities,
        "timestamp": int(incident.updated_at.timestamp()) if incident.updated_at else "",
    }


class AcledExporter:
    name = "acled"
    suffix = ".csv"
    media_type = "text/csv; charset=utf-8"
    description = "CSV with ACLED's columns and codes, one row per incident"

    def write(self, incidents: Iterable[Incident], events_of: EventsOf,
              stream: BinaryIO) -> int:
        codes = AcledCodes.load()
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        writer = csv.DictWriter(text, fieldnames=COLUMNS)
        writer.writeheader()
        count = 0
        for incident in incidents:
            writer.writerow(row(incident, codes))
            count += 1
        text.detach()
        return count

