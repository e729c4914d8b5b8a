"""Editors correct incidents: fields, grade, notes, merges and splits; each change audited.
Readers see the review queue and the database's audit log.

A form posts the version it was read at; if someone saved in between, the change is refused
with 409 and a message, never written over theirs. Values that do not make a valid incident
(a killed range whose min is above its max) are refused with 422 and the reason.
"""

from __future__ import annotations

from functools import cache
from math import ceil
from typing import Any, get_args

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from harmwatch.data import data_path, read_yaml
from harmwatch.errors import InvalidEdit
from harmwatch.incidents import Review, likely_duplicates, search_window
from harmwatch.model import Incident, Method
from harmwatch.store import QUEUES, IncidentFilters
from harmwatch.web.auth import Editor, reader
from harmwatch.web.render import render, templates
from harmwatch.web.state import incidents_of

router = APIRouter(tags=["review"])
# Form fields of the correction form: the incident field and, for counts, the range in it.
RANGE_FIELDS = {f"{part}_{kind}_{end}": (part, kind, end)
                for part in ("killed", "injured")
                for kind in ("total", "civilians", "children", "women", "combatants")
                for end in ("min", "max")}
TEXT_FIELDS = ("grade", "method", "actor1", "actor2", "date_start", "date_end", "notes",
               "fatalities")
METHOD_CHOICES = [(m, m.replace("_", " ").capitalize()) for m in get_args(Method)]


@cache
def actor_choices() -> list[tuple[str, str]]:
    """(id, readable name) of every actor harmwatch knows, for the actor pickers."""
    actors = read_yaml(data_path("actors.yaml").read_text(encoding="utf-8"))["actors"]
    return sorted(((a["id"], a["name"]) for a in actors), key=lambda a: a[1].lower())


templates.env.globals.update(actor_choices=actor_choices, method_choices=METHOD_CHOICES)


class Edit(BaseModel):
    changes: dict[str, Any] = Field(description="Incident fields and their new values.")
    why: str = Field(min_length=1, description="Why: kept in the audit log.")
    version: int = Field(description="The version the change was made on (conflict check).")


class Merge(BaseModel):
    ids: list[str] = Field(min_length=1, description="Incidents to join into this one.")
    why: str = Field(min_length=1)
    versions: dict[str, int] | None = Field(
        None, description="Incident id -> the version the merge was decided on (409 if moved).")


class Split(BaseModel):
    event_ids: list[str] = Field(min_length=1, description="Events to move to a new incident.")
    why: str = Field(min_length=1)
    version: int | None = Field(None, description="The version split (409 if it moved).")


def review_of(request: Request) -> Review:
    return request.app.state.review


def _count(value: str, field: str) -> int | None:
    if not value.strip():
        return None
    try:
        number = int(value)
    except ValueError as exc:
        raise InvalidEdit(f"{field}={value!r} is not a whole number") from exc
    if number < 0:
        raise InvalidEdit(f"{field}={value!r}: a count cannot be negative")
    return number


def _casualty_changes(form, incident: Incident) -> dict:
    """The killed/injured ranges the form changed, as whole Casualties values."""
    current = incident.model_dump(mode="json")
    edited = {"killed": dict(current["killed"]), "injured": dict(current["injured"])}
    for field, (part, kind, _) in RANGE_FIELDS.items():
        if field not in form or field.endswith("_max"):
            continue
        low = _count(form[field], field)
        high = _count(form.get(f"{part}_{kind}_max", ""), f"{part}_{kind}_max")
        if low is None and high is None:
            edited[part][kind] = None
        else:
            low, high = low if low is not None else high, high if high is not None else low
            if low > high:
                raise InvalidEdit(f"{part} {kind}: the lowest figure ({low}) is above the "
                                  f"highest ({high})")
            edited[part][kind] = {"min": low, "max": high}
    return {part: value for part, value in edited.items() if value != current[part]}


def _place_change(form, request: Request, incident: Incident) -> dict:
    choice = str(form.get("location_choice", "")).strip()
    if not choice:
        return {}
    locations = _event_locations(request, incident.id)
    if choice not in locations:
        raise InvalidEdit(f"location_choice={choice!r} is not a place of this incident's events")
    return {"location": locations[choice].model_dump(mode="json")}


def _form_changes(form, request: Request, incident: Incident) -> dict:
    current = incident.model_dump(mode="json")
    changes = {}
    for field in TEXT_FIELDS:
        if field not in form:
            continue
        value = form[field].strip() or None
        if field == "fatalities":
            value = _count(value or "0", field)
        if value != current[field]:
            changes[field] = value
    return {**changes, **_casualty_changes(form, incident), **_place_change(form, request,
                                                                              incident)}


def _event_locations(request: Request, incident_id: str) -> dict:
    """Each distinct place the incident's events give, by a key the place picker posts."""
    found = {}
    for event in incidents_of(request).events_of(incident_id):
        if event.location is not None:
            location = event.location
            found.setdefault(f"{location.geonameid or location.name or location.text}", location)
    return found


def _incident(request: Request, incident_id: str) -> Incident:
    incident = incidents_of(request).get(incident_id)
    if incident is None:
        raise HTTPException(404, f"there is no incident {incident_id!r}")
    return incident


def _back(incident_id: str) -> Response:
    return RedirectResponse(f"/incidents/{incident_id}#audit", status_code=303)


@router.post("/incidents/{incident_id}/edit", include_in_schema=False)
async def edit_form(request: Request, incident_id: str, user: Editor) -> Response:
    form = await request.form()
    incident = _incident(request, incident_id)
    changes = _form_changes(form, request, incident)
    if changes:
        review_of(request).update(incident_id, changes, user.name,
                                  str(form.get("why", "")).strip() or "corrected in review",
                                  _count(str(form.get("version", "")), "version") or 0)
    return _back(incident_id)


@router.patch("/api/incidents/{incident_id}")
def edit(request: Request, incident_id: str, edit: Edit, user: Editor) -> Response:
    """Change an incident's fields; 409 if its version is not `version` any more, 422 if the
    values are not valid. What depends on them (fatalities, grade reasons) is recomputed."""
    updated = review_of(request).update(incident_id, edit.changes, user.name, edit.why,
                                        edit.version)
    return JSONResponse(updated.model_dump(mode="json"))


def _suggestions(request: Request, incident: Incident) -> list[dict]:
    date_from, date_to = search_window(incident)
    if date_from is None:
        return []
    nearby = incidents_of(request).all(IncidentFilters(date_from=date_from, date_to=date_to))
    return [{"incident": s.incident, "score": round(s.score, 2), "reasons": s.reasons}
            for s in likely_duplicates(incident, nearby, review_of(request).rules)]


@router.get("/incidents/{incident_id}/merge", include_in_schema=False,
            dependencies=[Depends(reader)])
@router.get("/api/incidents/{incident_id}/duplicates", dependencies=[Depends(reader)])
def merge_page(request: Request, incident_id: str) -> Response:
    """Likely duplicates of an incident (close date and place, a fitting method, agreeing
    figures), best first, with why each is suggested."""
    incident = _incident(request, incident_id)
    return render(request, "merge.html", {"incident": incident,
                                          "suggestions": _suggestions(request, incident)})


@router.post("/incidents/{incident_id}/merge", include_in_schema=False)
async def merge_form(request: Request, incident_id: str, user: Editor) -> Response:
    form = await request.form()
    others = [*form.getlist("merge_ids"), *str(form.get("ids", "")).replace(",", " ").split()]
    version = _count(str(form.get("version", "")), "version")
    merged = review_of(request).merge([incident_id, *dict.fromkeys(map(str, others))], user.name,
                                      str(form.get("why", "")).strip() or "merged in review",
                                      {incident_id: version} if version else None)
    return _back(merged.id)


@router.post("/api/incidents/{incident_id}/merge")
def merge(request: Request, incident_id: str, merge: Merge, user: Editor) -> Response:
    """Join other incidents into this one; they disappear, the audit log keeps them. Figures,
    grade and reasons are recomputed from all the events; people's edits are kept."""
    merged = review_of(request).merge([incident_id, *merge.ids], user.name, merge.why,
                                      merge.versions)
    return JSONResponse(merged.model_dump(mode="json"))


@router.get("/incidents/{incident_id}/split", include_in_schema=False,
            dependencies=[Depends(reader)])
def split_page(request: Request, incident_id: str) -> Response:
    """Each event of the incident with its sentence and figures, to tick the ones to move."""
    incident = _incident(request, incident_id)
    events = incidents_of(request).events_of(incident_id)
    return render(request, "split.html", {"incident": incident, "events": events})


@router.post("/incidents/{incident_id}/split", include_in_schema=False)
async def split_form(request: Request, incident_id: str, user: Editor) -> Response:
    form = await request.form()
    split_off = review_of(request).split(
        incident_id, [str(v) for v in form.getlist("event_ids")], user.name,
        str(form.get("why", "")).strip() or "split in review",
        _count(str(form.get("version", "")), "version"))
    return _back(split_off.id)


@router.post("/api/incidents/{incident_id}/split")
def split(request: Request, incident_id: str, split: Split, user: Editor) -> Response:
    """Move some events of this incident into a new incident, which is returned."""
    new = review_of(request).split(incident_id, split.event_ids, user.name, split.why,
                                   split.version)
    return JSONResponse(new.model_dump(mode="json"), status_code=201)


@router.get("/review", include_in_schema=False, dependencies=[Depends(reader)])
@router.get("/api/review", dependencies=[Depends(reader)])
def review_queue(request: Request, queue: str = Query("weak", pattern="^(" + "|".join(QUEUES)
                                                     + ")$"),
                 limit: int = Query(50, ge=1, le=500)) -> Response:
    """Incidents that need a look: weak, unlocated, flagged (sources disagree), unreviewed,
    recently changed; with the size of every queue."""
    repository = incidents_of(request)
    found, total = repository.queue(queue, limit)
    return render(request, "review_queue.html", {
        "queue": queue, "incidents": found, "total": total, "sizes": repository.queue_sizes(),
        "labels": {name: label for name, (label, _) in QUEUES.items()}})


@router.get("/audit", include_in_schema=False, dependencies=[Depends(reader)])
@router.get("/api/audit", dependencies=[Depends(reader)])
def audit_log(request: Request, page: int = Query(1, ge=1, le=1_000_000),
              who: str | None = None, action: str | None = None) -> Response:
    """Every change people made to incidents, newest first, one row per change."""
    per_page = 100
    entries, total = incidents_of(request).recent_changes(page, per_page, who, action)
    return render(request, "audit.html", {
        "entries": entries, "total": total, "page": page,
        "pages": max(1, ceil(total / per_page)), "who": who, "action": action})
