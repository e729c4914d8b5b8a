"""The API's other doors: events, an incident's sources, exports, and ingest by URL or text."""

from __future__ import annotations

import io
import logging
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from harmwatch.errors import UsageError
from harmwatch.exports import exporters, get_exporter, media_type
from harmwatch.incidents import build_incidents
from harmwatch.model import Document, SourceFailure
from harmwatch.sources import SourceOptions, check_published, read_source
from harmwatch.web.auth import Editor, reader
from harmwatch.web.filters import Filters
from harmwatch.web.render import render
from harmwatch.web.state import documents_of, incidents_of

log = logging.getLogger(__name__)
router = APIRouter(tags=["data"])


class IngestRequest(BaseModel):
    url: str | None = Field(None, description="An http(s) page or feed to fetch and read.")
    text: str | None = Field(None, description="A report's text, if no URL.")
    title: str | None = None
    published: date | None = Field(None, description="Publication date, if the source has none.")
    language: str | None = None

    @field_validator("published")
    @classmethod
    def _plausible(cls, published: date | None) -> date | None:
        try:
            return published and check_published(published, "published")
        except UsageError as exc:
            raise ValueError(str(exc)) from exc

    @model_validator(mode="after")
    def _one_input(self) -> IngestRequest:
        if bool(self.url) == bool(self.text):
            raise ValueError("give either url or text, not both and not neither")
        return self


@router.get("/api/events", dependencies=[Depends(reader)])
def events(request: Request, document_id: str | None = None,
           limit: int = Query(500, ge=1, le=5000)) -> Response:
    """Extracted events (each with its evidence span), of one document or of all."""
    documents = documents_of(request)
    return render(request, "", {"events": documents.events(document_id, limit=limit),
                                "total": documents.event_count(document_id)})


@router.get("/api/incidents/{incident_id}/sources", dependencies=[Depends(reader)])
def incident_sources(request: Request, incident_id: str) -> Response:
    """The independent sources of an incident and what each claims."""
    incident = incidents_of(request).get(incident_id)
    if incident is None:
        raise HTTPException(404, f"there is no incident {incident_id!r}")
    return render(request, "", {"incident_id": incident_id, "sources": incident.sources})


@router.get("/api/exports", dependencies=[Depends(reader)])
def export_formats(request: Request) -> Response:
    """The export formats: built-in (acled, geojson, jsonl, parquet) and any plugin's."""
    return render(request, "", {"formats": [
        {"name": e.name, "suffix": e.suffix, "media_type": media_type(e),
         "description": e.description,
         "url": f"/api/exports/{e.name}"} for e in exporters().values()]})


@router.get("/api/exports/{name}", dependencies=[Depends(reader)])
def export(request: Request, name: str, filters: Filters) -> Response:
    """Every incident matching the list's filters in one format, e.g. acled (CSV), geojson."""
    exporter = get_exporter(name)
    repository = incidents_of(request)
    stream = io.BytesIO()
    exporter.write(repository.all(filters), repository.events_of, stream)
    return Response(stream.getvalue(), media_type=media_type(exporter), headers={
        "Content-Disposition": f'attachment; filename="harmwatch-incidents{exporter.suffix}"'})


def _items(request: Request, body: IngestRequest) -> list[Document | SourceFailure]:
    if body.text:
        return [Document(text=body.text, title=body.title, published=body.published,
                         language=body.language, source="web:ingest")]
    if not body.url.startswith(("http://", "https://")):
        # Never a server path: a file name here would read the server's own files.
        raise HTTPException(400, f"{body.url!r} is not an http(s) URL; only web pages and "
                                 "feeds are fetched by the server")
    options = SourceOptions(published=body.published,
                            allow_private=request.app.state.settings.allow_private_fetch)
    slots = request.app.state.fetch_slots
    # A bounded pool: slow servers may hold these few threads, never all the server has.
    if not slots.acquire(blocking=False):
        raise HTTPException(503, "the server is fetching too many pages at once; try again in "
                                 "a minute", headers={"Retry-After": "30"})
    try:
        return list(read_source(body.url, options))
    finally:
        slots.release()


def _ingest(request: Request, body: IngestRequest, user) -> tuple[list[Document], object]:
    """Store the request's report(s) with their extraction, then build their incidents; 422
    if nothing could be read."""
    items = _items(request, body)
    from harmwatch.ingest import ingest  # loads spaCy: only when a report comes in
    from harmwatch.pipeline import shared_extractor

    summary = ingest(items, documents_of(request), shared_extractor())
    stored = [item for item in items if isinstance(item, Document)]
    log.info("%s ingested %d document(s) via the web", user.name, summary.new)
    if summary.failed and not stored:
        message = "; ".join(f"{f.source}: {f.reason}" for f in summary.failures)
        raise HTTPException(422, f"nothing was ingested: {message}")
    if summary.new:
        build_incidents(incidents_of(request), rules=request.app.state.review.rules)
    return stored, summary


def _incidents_of(request: Request, stored: list[Document]) -> list[str]:
    """The incidents the stored documents' events are in, in order of their events."""
    event_ids = [e.id for d in stored for e in request.app.state.documents.events(d.id)]
    placed = incidents_of(request).incidents_of_events(event_ids)
    return list(dict.fromkeys(placed[e] for e in event_ids if e in placed))


@router.post("/api/ingest", status_code=201)
def ingest_report(request: Request, body: IngestRequest, user: Editor) -> Response:
    """Fetch a URL (public addresses only) or take a text, extract its events and store both."""
    stored, summary = _ingest(request, body, user)
    documents = documents_of(request)
    return JSONResponse({
        "new": summary.new, "duplicate": summary.duplicate,
        "documents": [{"id": d.id, "title": d.title, "url": d.url} for d in stored],
        "events": [e.model_dump(mode="json") for d in stored for e in documents.events(d.id)],
        "failures": [f.model_dump() for f in summary.failures],
        "incidents": _incidents_of(request, stored),
    }, status_code=201)


@router.post("/documents/new", include_in_schema=False)
async def ingest_form(request: Request, user: Editor) -> Response:
    """The documents page's form: a URL or a pasted text; stores it, builds its incidents and
    opens the stored document."""
    form = await request.form()
    fields = {key: str(form.get(key, "")).strip() or None
              for key in ("url", "text", "title", "published", "language")}
    try:
        body = IngestRequest(**fields)
    except ValidationError as exc:
        raise HTTPException(400, "; ".join(e["msg"] for e in exc.errors())) from exc
    stored, _ = await run_in_threadpool(_ingest, request, body, user)
    return RedirectResponse(f"/documents/{stored[0].id}", status_code=303)
