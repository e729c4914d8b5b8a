"""JSON Lines: one full incident per line, its sources and events included."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import BinaryIO

from harmwatch.exports.registry import EventsOf
from harmwatch.model import Incident


def full_record(incident: Incident, events_of: EventsOf) -> dict:
    return {**incident.model_dump(mode="json"),
            "events": [event.model_dump(mode="json") for event in events_of(incident.id)]}


class JsonLinesExporter:
    name = "jsonl"
    suffix = ".jsonl"
    media_type = "application/x-ndjson"
    description = "JSON Lines, the full incident records with sources and events"

    def write(self, incidents: Iterable[Incident], events_of: EventsOf,
              stream: BinaryIO) -> int:
        count = 0
        for incident in incidents:
            line = json.dumps(full_record(incident, events_of), ensure_ascii=False)
            stream.write(line.encode("utf-8") + b"\n")
            count += 1
        return count

