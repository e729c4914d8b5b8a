"""Parquet (pyarrow): one row per incident; its fields as typed columns, its sources and
events as JSON text columns, readable by pandas and DuckDB (`json_extract`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from harmwatch.exports.geojson import properties
from harmwatch.exports.jsonl import full_record
from harmwatch.exports.registry import EventsOf
from harmwatch.model import Incident

BATCH = 5000
SCHEMA = pa.schema([
    ("id", pa.string()), ("version", pa.int32()),
    ("date_start", pa.date32()), ("date_end", pa.date32()), ("date_precision", pa.string()),
    ("event_type", pa.string()), ("sub_event_type", pa.string()), ("method", pa.string()),
    ("civilian_targeting", pa.bool_()), ("actor1", pa.string()), ("actor2", pa.string()),
    ("place", pa.string()), ("admin1", pa.string()), ("country", pa.string()),
    ("latitude", pa.float64()), ("longitude", pa.float64()), ("geo_precision", pa.int8()),
    ("targets", pa.list_(pa.string())), ("fatalities", pa.int32()),
    ("killed_min", pa.int32()), ("killed_max", pa.int32()),
    ("civilians_killed_min", pa.int32()), ("civilians_killed_max", pa.int32()),
    ("children_killed_min", pa.int32()), ("children_killed_max", pa.int32()),
    ("injured_min", pa.int32()), ("injured_max", pa.int32()),
    ("grade", pa.string()), ("grade_reasons", pa.list_(pa.string())),
    ("flags", pa.list_(pa.string())), ("source_count", pa.int32()),
    ("sources", pa.string()), ("events", pa.string()),
])


def record(incident: Incident, events_of: EventsOf) -> dict:
    full = full_record(incident, events_of)
    location = incident.location
    return {
        **{k: v for k, v in properties(incident).items() if k in SCHEMA.names},
        "version": incident.version,
        "date_start": incident.date_start, "date_end": incident.date_end,
        "latitude": location.lat if location else None,
        "longitude": location.lon if location else None,
        "targets": incident.targets, "grade_reasons": incident.grade_reasons,
        "flags": incident.flags, "source_count": len(incident.sources),
        "sources": json.dumps(full["sources"], ensure_ascii=False),
        "events": json.dumps(full["events"], ensure_ascii=False),
    }


class ParquetExporter:
    name = "parquet"
    suffix = ".parquet"
    media_type = "application/vnd.apache.parquet"
    description = "Parquet, the full incident records (pandas, DuckDB)"

    def write(self, incidents: Iterable[Incident], events_of: EventsOf,
              stream: BinaryIO) -> int:
        count = 0
        iterator = iter(incidents)
        with pq.ParquetWriter(stream, SCHEMA) as writer:
            while batch := list(islice(iterator, BATCH)):
                rows = [record(incident, events_of) for incident in batch]
                writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
                count += len(rows)
        return count

