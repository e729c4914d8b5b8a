"""Incidents: the filtered list, the map's data, the timeline and one incident with its evidence.

Each route builds one dict; /api/... returns it as JSON and the page renders it as HTML.
"""

from __future__ import annotations

from math import ceil
from typing import get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from harmwatch.analysis import timeline_bars
from harmwatch.exports import Labels, feature, point
from harmwatch.model import Grade
from harmwatch.store import COUNT_EXACT_UP_TO, IncidentFilters
from harmwatch.web.auth import reader
from harmwatch.web.filters import Filters, as_query
from harmwatch.web.highlight import event_marks, excerpt
from harmwatch.web.list_cache import cache_key
from harmwatch.web.places import place_labels
from harmwatch.web.render import json_body, json_response, json_with_stored, render, wants_json
from harmwatch.web.state import documents_of, incidents_of, text_direction
from harmwatch.web.timeline_chart import chart

router = APIRouter(dependencies=[Depends(reader)], tags=["incidents"])
GRADES = list(get_args(Grade))


def _filter_page(request: Request, filters: IncidentFilters) -> dict:
    """What every filtered page shows beside its content: the filters and their choices."""
    query = as_query(filters)
    return {"filters": filters, "query_string": "?" + urlencode(query) if query else "",
            "facets": incidents_of(request).facets()}


def _paging(filters: IncidentFilters, total: int) -> dict:
    """`total_exact` is false past COUNT_EXACT_UP_TO matches: then `total` is that many and
    there are more."""
    limit = COUNT_EXACT_UP_TO
    exact = total <= limit
    total = min(total, limit)
    return {"total": total, "total_exact": exact, "page": filters.page,
            "per_page": filters.per_page, "pages": max(1, ceil(total / filters.per_page))}


@router.get("/incidents", include_in_schema=False)
@router.get("/api/incidents")
def incident_list(request: Request, filters: Filters) -> Response:
    """One page of incidents matching the filters, and how many match in all."""
    if wants_json(request):
        return json_body(_list_json(request, filters))
    found, total = incidents_of(request).search(filters)
    return render(request, "incidents.html", {"incidents": found, **_paging(filters, total),
                                              **_filter_page(request, filters)})


def _list_json(request: Request, filters: IncidentFilters) -> bytes:
    """The page as JSON, the stored JSON of its incidents spliced in as it is (no models
    built), kept in the list cache under the change count read before the page was (by the
    cache's own lookup, web.list_cache, for nearly every request)."""
    repository = incidents_of(request)
    count = getattr(request.state, "change_count", None)
    if count is None:
        count = repository.change_count()
    stored, total = repository.search_json(filters)
    body = json_with_stored({**_paging(filters, total), "filters": as_query(filters)},
                            "incidents", stored)
    request.app.state.list_cache.put(cache_key(request), count, body)
    return body


def _feature(incident) -> dict | None:
    """A map marker: the export's point with the few properties the map shows."""
    geometry = point(incident)
    if geometry is None:
        return None
    location, civilians = incident.location, incident.killed.civilians
    labels = Labels.load()
    return feature(incident.id, incident, {
        "id": incident.id, "grade": incident.grade,
        "date": incident.date_start.isoformat() if incident.date_start else None,
        "place": location.name or location.text, "country": location.country,
        "method": labels.method(incident.method), "attacker": labels.actor(incident.actor1),
        "fatalities": incident.fatalities,
        "civilians": [civilians.min, civilians.max] if civilians else None,
        "url": f"/incidents/{incident.id}"})


@router.get("/api/incidents.geojson")
def incident_points(request: Request, filters: Filters) -> Response:
    """Every incident matching the filters (not one page) as GeoJSON points; `unlocated`
    counts those without coordinates, so the map and the list always add up."""
    features, unlocated = [], 0
    for incident in incidents_of(request).all(filters):
        feature = _feature(incident)
        if feature is None:
            unlocated += 1
        else:
            features.append(feature)
    return render(request, "", {"type": "FeatureCollection", "features": features,
                                "unlocated": unlocated, "total": len(features) + unlocated})


@router.get("/api/places.geojson")
def places(country: str = Query(..., pattern="^[A-Za-z]{2}$",
                                description="ISO 3166 alpha-2 code, e.g. SY.")) -> Response:
    """A country's largest places from the embedded gazetteer: the map's labels."""
    return json_response(place_labels(country))


@router.get("/map", include_in_schema=False)
def incident_map(request: Request, filters: Filters) -> Response:
    return render(request, "map.html", _filter_page(request, filters))


@router.get("/timeline", include_in_schema=False)
@router.get("/api/timeline")
def timeline(request: Request, filters: Filters,
             by: str = Query("month", pattern="^(week|month|year)$"),
             stack: str = Query("grade", pattern="^(grade|actor)$")) -> Response:
    """Incidents per week, month or year over the span of the data, stacked by grade or by
    attacker, with civilian deaths (lowest reported figure). Incidents dated only to a
    month or year are spread over the periods they cover (fractions)."""
    bars = timeline_bars(incidents_of(request).all(filters), by, stack)
    rows = [{"period": bar.start, "incidents": round(bar.total, 2),
             "civilian_deaths": round(bar.civilian_deaths, 2),
             stack: {s.key: round(s.value, 2) for s in bar.segments}} for bar in bars.bars]
    data = {"by": by, "stack": stack, "periods": rows, "outside": bars.outside,
            "undated": bars.undated}
    if wants_json(request):
        return render(request, "timeline.html", {**data, "filters": as_query(filters)})
    return render(request, "timeline.html", {**data, "chart": chart(bars, as_query(filters)),
                                             **_filter_page(request, filters)})


def _source_views(request: Request, incident, events) -> list[dict]:
    """Each source with the window of its text where the claim is, the claim highlighted."""
    by_id = {event.id: event for event in events}
    documents = documents_of(request)
    views = []
    for source in incident.sources:
        document = documents.get(source.document_id)
        event = by_id.get(source.event_id)
        view = {"source": source, "direction": text_direction(source.language)}
        if document is not None:
            marks = event_marks(event) if event else []
            view["pieces"], view["cut_before"], view["cut_after"] = excerpt(
                document.text, marks, source.evidence.span)
        views.append(view)
    return views


@router.get("/incidents/{incident_id}", include_in_schema=False)
@router.get("/api/incidents/{incident_id}")
def incident_detail(request: Request, incident_id: str) -> Response:
    """An incident with its events and its audit log (who changed what, when and why)."""
    repository = incidents_of(request)
    incident = repository.get(incident_id)
    if incident is None:
        raise HTTPException(404, f"there is no incident {incident_id!r}")
    events = repository.events_of(incident_id)
    data = {"incident": incident, "events": events, "audit": repository.audit(incident_id)}
    if wants_json(request):
        return render(request, "incident.html", data)
    return render(request, "incident.html", {**data, "sources": _source_views(
        request, incident, events), "grades": GRADES})
