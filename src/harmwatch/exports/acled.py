"""ACLED CSV: one row per incident with ACLED's column names and codes."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from typing import BinaryIO
from urllib.parse import urlsplit

from harmwatch.exports.acled_codes import AcledCodes, Country
from harmwatch.exports.labels import Labels
from harmwatch.exports.registry import EventsOf
from harmwatch.incidents import describe
from harmwatch.model import Casualties, Incident, Range

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
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


def _people(r: Range, noun: tuple[str, str]) -> str:
    """'1 civilian', '12 civilians', '12-15 people'."""
    return f"{describe(r)} {noun[0] if r.max == 1 else noun[1]}"


def _harm(label: str, casualties: Casualties) -> str | None:
    """'12-15 people were killed, 12 of them civilians.'"""
    total, civilians = casualties.total, casualties.civilians
    if total is None and civilians is None:
        return None
    if total is None:
        verb = "was" if civilians.max == 1 else "were"
        return f"{_people(civilians, ('civilian', 'civilians'))} {verb} {label}."
    verb = "was" if total.max == 1 else "were"
    sentence = f"{_people(total, ('person', 'people'))} {verb} {label}"
    if civilians and civilians != total:
        sentence += f", {describe(civilians)} of them civilians"
    elif civilians:
        sentence += ", all civilians"
    return sentence + "."


def _where(incident: Incident) -> str:
    location = incident.location
    if location is None or not (location.name or location.text or location.admin1):
        return "an unknown place"
    name = location.name or location.text or location.admin1
    return f"{name} ({location.admin1})" if location.admin1 and location.admin1 != name else name


def notes(incident: Incident, attacker: str) -> str:
    """ACLED-style sentences, the analysts' notes, then harmwatch's grade and flags."""
    labels = Labels.load()
    day = incident.date_start
    when = (f"{day.day} {day:%B %Y}" if incident.date_precision in (None, "day", "week")
            else f"{day:%B %Y}" if incident.date_precision == "month" else str(day.year)) \
        if day else "an unknown date"
    by = f" by {attacker}" if incident.actor1 not in (None, "unknown") else ""
    parts = [f"On {when} in {_where(incident)}: {labels.method(incident.method)}{by}."]
    parts += [s for s in (_harm("killed", incident.killed), _harm("injured", incident.injured))
              if s]
    if incident.notes:
        parts.append(f"Analyst's note: {incident.notes.strip()}")
    parts.append(f"[harmwatch {incident.id}: grade {incident.grade}; "
                 f"{len(incident.sources)} independent source(s)"
                 + "".join(f"; {flag}" for flag in incident.flags) + "]")
    return " ".join(parts)


def sources(incident: Incident) -> list[str]:
    """Each source's publisher, else its web site, else the stored document's id."""
    names = []
    for source in incident.sources:
        host = urlsplit(source.url).hostname if source.url else None
        names.append(source.publisher or (host.removeprefix("www.") if host else None)
                     or f"document {source.document_id}")
    return list(dict.fromkeys(names))


def tags(incident: Incident) -> str:
    """ACLED's free tags column: harmwatch's grade and the targets hit."""
    found = [f"harmwatch grade={incident.grade}"]
    found += [f"target={target}" for target in incident.targets]
    return "; ".join(found)


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
    publishers = sources(incident)
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
        "tags": tags(incident),
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

