"""Documents: the stored reports, each with every mention highlighted by kind."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from harmwatch.web.auth import reader
from harmwatch.web.filters import MAX_OFFSET
from harmwatch.web.highlight import extraction_marks, pieces, quote_speakers
from harmwatch.web.render import render, wants_json
from harmwatch.web.state import documents_of, incidents_of, text_direction

router = APIRouter(dependencies=[Depends(reader)], tags=["documents"])
@router.get("/documents", include_in_schema=False)
@router.get("/api/documents")
def document_list(request: Request, limit: int = Query(100, ge=1, le=1000),
                  offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Response:
    """Stored documents, oldest first: id, title, date, language, source."""
    repository = documents_of(request)
    rows = [document.model_dump(mode="json", exclude={"text"})
            for document in repository.all(limit=limit, offset=offset)]
    return render(request, "documents.html",
                  {"documents": rows, "total": repository.count(), "limit": limit,
                   "offset": offset})


@router.get("/documents/{document_id}", include_in_schema=False)
@router.get("/api/documents/{document_id}")
def document_detail(request: Request, document_id: str) -> Response:
    """A document's text and its stored extraction (events, places, actors, quotes, dates)."""
    repository = documents_of(request)
    document = repository.get(document_id)
    if document is None:
        raise HTTPException(404, f"there is no document {document_id!r}")
    extraction = repository.extraction(document_id)
    data = {"document": document, "extraction": extraction}
    if wants_json(request):
        return render(request, "document.html", data)
    marks = extraction_marks(extraction) if extraction else []
    speakers = quote_speakers(extraction) if extraction else {}
    quotes = [{"text": q.text, "who": q.speaker or speakers.get((q.span.start, q.span.end))
               or q.description or q.outlet} for q in (extraction.quotes if extraction else [])]
    assigned = incidents_of(request).assignments()
    incident_of = {e.id: assigned[e.id][0] for e in (extraction.events if extraction else [])
                   if e.id in assigned}
    return render(request, "document.html", {
        **data, "pieces": pieces(document.text, marks), "direction":
        text_direction(document.language), "kinds": sorted({m.kind for m in marks}),
        "quotes": quotes, "incident_of": incident_of})
