"""Editors correct incidents: fields, grade, notes, merges and splits; each change audited.

A form posts the version it was read at; if someone saved in between, the change is refused
with 409 and a message, never written over theirs.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from harmwatch.errors import UsageError
from harmwatch.model import Incident
from harmwatch.web.auth import Editor
from harmwatch.web.state import incidents_of

router = APIRouter(tags=["review"])
# Form fields of the correction form: the incident field and, for counts, the range in it.
RANGE_FIELDS = {f"{part}_{kind}_{end}": (part, kind, end)
                for part in ("killed", "injured")
                for kind in ("total", "civilians", "children", "women", "combatants")
                for end in ("min", "max")}
TEXT_FIELDS = ("grade", "method", "actor1", "actor2", "date_start", "date_end", "notes",
               "fatalities")


class Edit(BaseModel):
    changes: dict[str, Any] = Field(description="Incident fields and their new values.")
    why: str = Field(min_length=1, description="Why: kept in the audit log.")
    version: int = Field(description="The version the change was made on (conflict check).")


class Merge(BaseModel):
    ids: list[str] = Field(min_length=1, description="Incidents to join into this one.")
    why: str = Field(min_length=1)


class Split(BaseModel):
    event_ids: list[str] = Field(min_length=1, description="Events to move to a new incident.")
    why: str = Field(min_length=1)


def _count(value: str, field: str) -> int | None:
    if not value.strip():
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise UsageError(f"{field}={value!r} is not a whole number") from exc


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
            edited[part][kind] = {"min": low, "max": high}
    return {part: value for part, value in edited.items() if value != current[part]}


def _form_changes(form, incident: Incident) -> dict:
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
    return {**changes, **_casualty_changes(form, incident)}


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
    changes = _form_changes(form, incident)
    if changes:
        incidents_of(request).update(incident_id, changes, user.name,
                                     str(form.get("why", "")).strip() or "corrected in review",
                                     _count(str(form.get("version", "")), "version") or 0)
    return _back(incident_id)


@router.patch("/api/incidents/{incident_id}")
def edit(request: Request, incident_id: str, edit: Edit,
         user: Editor) -> Response:
    """Change an incident's fields; 409 if its version is not `version` any more."""
    updated = incidents_of(request).update(incident_id, edit.changes, user.name, edit.why,
                                           edit.version)
    return JSONResponse(updated.model_dump(mode="json"))


@router.post("/incidents/{incident_id}/merge", include_in_schema=False)
async def merge_form(request: Request, incident_id: str, user: Editor) -> Response:
    form = await request.form()
    others = str(form.get("ids", "")).replace(",", " ").split()
    merged = incidents_of(request).merge([incident_id, *others], user.name,
                                         str(form.get("why", "")).strip() or "merged in review")
    return _back(merged.id)


@router.post("/api/incidents/{incident_id}/merge")
def merge(request: Request, incident_id: str, merge: Merge,
          user: Editor) -> Response:
    """Join other incidents into this one; they disappear, the audit log keeps them."""
    merged = incidents_of(request).merge([incident_id, *merge.ids], user.name, merge.why)
    return JSONResponse(merged.model_dump(mode="json"))


@router.post("/incidents/{incident_id}/split", include_in_schema=False)
async def split_form(request: Request, incident_id: str, user: Editor) -> Response:
    form = await request.form()
    split_off = incidents_of(request).split(
        incident_id, [str(v) for v in form.getlist("event_ids")], user.name,
        str(form.get("why", "")).strip() or "split in review")
    return _back(split_off.id)


@router.post("/api/incidents/{incident_id}/split")
def split(request: Request, incident_id: str, split: Split,
          user: Editor) -> Response:
    """Move some events of this incident into a new incident, which is returned."""
    new = incidents_of(request).split(incident_id, split.event_ids, user.name, split.why)
    return JSONResponse(new.model_dump(mode="json"), status_code=201)
