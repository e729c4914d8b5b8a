"""The front door, a health check, and the API's own documentation page (no CDN needed)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from harmwatch import __version__
from harmwatch.web.auth import reader
from harmwatch.web.render import render

router = APIRouter()


@router.get("/health", tags=["meta"])
async def health() -> dict:
    """Whether the server answers; needs no login. Async: it must answer even while every
    worker thread is busy (slow fetches, long extractions)."""
    return {"status": "ok", "version": __version__}


@router.get("/", include_in_schema=False)
def home() -> Response:
    return RedirectResponse("/incidents", status_code=303)


@router.get("/openapi.json", include_in_schema=False, dependencies=[Depends(reader)])
def openapi_schema(request: Request) -> dict:
    """The OpenAPI schema; like every page it needs a login unless the server is --public."""
    return request.app.openapi()


@router.get("/docs", include_in_schema=False, dependencies=[Depends(reader)])
def api_docs(request: Request) -> Response:
    """Every endpoint from /openapi.json, rendered here so the page works offline."""
    schema = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
         "description": op.get("description", ""), "tags": op.get("tags", []),
         "parameters": op.get("parameters", []), "body": "requestBody" in op}
        for path, item in schema["paths"].items() for method, op in item.items()
    ]
    return render(request, "api_docs.html", {"operations": operations, "schema": schema})
