"""The FastAPI application: settings, middleware, error pages, and the routes of each page."""

from __future__ import annotations

import logging
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from harmwatch import __version__
from harmwatch.errors import FetchRefused, HarmwatchError, UsageError
from harmwatch.incidents import Review
from harmwatch.store import (
    DocumentRepository,
    EditConflict,
    IncidentRepository,
    UnknownIncident,
    UserRepository,
)
from harmwatch.web.list_cache import CachedListAnswers, ListCache
from harmwatch.web.render import render, wants_json
from harmwatch.web.security import (
    LoginThrottle,
    SecurityMiddleware,
    SessionCodec,
    content_security_policy,
)

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")
# HTTP status of each kind of error a repository raises; the first that fits wins.
# Pages fetched at once for /api/ingest; each takes a server thread for up to its deadline.
FETCH_SLOTS = 4
ERROR_STATUS = [(EditConflict, 409), (UnknownIncident, 404), (FetchRefused, 400),
                (UsageError, 400), (HarmwatchError, 422)]


@dataclass(frozen=True)
class Settings:
    public: bool = False
    tile_url: str | None = None
    tile_attribution: str | None = None
    allow_private_fetch: bool = False
    map_country: str | None = None  # ISO alpha-2 the map fits; else the dominant country


def _error(request: Request, status: int, message: str) -> Response:
    if status == 401 and not wants_json(request) and request.method == "GET":
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    if wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _error(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}"
                             for e in exc.errors())
        return _error(request, 422, f"the request is not valid: {problems}")

    @app.exception_handler(HarmwatchError)
    async def harmwatch_error(request: Request, exc: HarmwatchError) -> Response:
        status = next(code for kind, code in ERROR_STATUS if isinstance(exc, kind))
        return _error(request, status, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(request, 500, f"internal error ({exc.__class__.__name__}); the server log "
                                    "has the details")


class _App(FastAPI):
    """FastAPI with the security middleware outermost: around Starlette's own error
    middleware too, so a 500 page carries the security headers like every other response.
    Inside it, cached answers of the list API (web.list_cache) skip the rest."""

    def __init__(self, security: dict, **options):
        super().__init__(**options)
        self._security = security

    def build_middleware_stack(self):
        return SecurityMiddleware(CachedListAnswers(super().build_middleware_stack(), self),
                                  **self._security)


def create_app(engine: Engine, *, public: bool = False, secret_key: str | None = None,
               tile_url: str | None = None, tile_attribution: str | None = None,
               secure_cookies: bool = False, allow_private_fetch: bool = False,
               map_country: str | None = None) -> FastAPI:
    """The web app on a migrated database.

    Without a secret_key a random one is made, so sessions end when the server restarts.
    """
    from harmwatch.web.routes import ROUTERS

    security = {"codec": SessionCodec(secret_key or secrets.token_urlsafe(32)),
                "csp": content_security_policy(tile_url), "secure_cookies": secure_cookies}
    # /openapi.json is served by a route of meta.py, behind the same login as every page.
    app = _App(security, title="harmwatch", version=__version__, docs_url=None,
               redoc_url=None, openapi_url=None,
               description="Incidents of civilian harm with the evidence for every figure.")
    app.state.settings = Settings(public=public, tile_url=tile_url,
                                  tile_attribution=tile_attribution,
                                  allow_private_fetch=allow_private_fetch,
                                  map_country=map_country)
    app.state.engine = engine
    app.state.users = UserRepository(engine)
    app.state.documents = DocumentRepository(engine)
    app.state.incidents = IncidentRepository(engine)
    app.state.review = Review(app.state.incidents)
    app.state.list_cache = ListCache()
    app.state.throttle = LoginThrottle()
    app.state.fetch_slots = threading.BoundedSemaphore(FETCH_SLOTS)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _add_error_handlers(app)
    return app


def from_environment() -> FastAPI:
    """The app as configured by environment variables, for servers that import it by name
    (`uvicorn --factory harmwatch.web.app:from_environment`, or several workers):
    HARMWATCH_DB, HARMWATCH_SECRET_KEY (needed: workers must share it), HARMWATCH_PUBLIC=1,
    HARMWATCH_TILES, HARMWATCH_TILE_ATTRIBUTION, HARMWATCH_SECURE_COOKIES=1,
    HARMWATCH_ALLOW_PRIVATE_FETCH=1, HARMWATCH_MAP_COUNTRY=SY."""
    from harmwatch.store import open_database

    secret_key = os.environ.get("HARMWATCH_SECRET_KEY")
    if not secret_key:
        raise UsageError("set HARMWATCH_SECRET_KEY: every worker must sign sessions with the "
                         "same key")
    flag = lambda name: os.environ.get(name, "") in ("1", "true", "yes")  # noqa: E731
    return create_app(open_database(os.environ.get("HARMWATCH_DB")), secret_key=secret_key,
                      public=flag("HARMWATCH_PUBLIC"),
                      tile_url=os.environ.get("HARMWATCH_TILES") or None,
                      tile_attribution=os.environ.get("HARMWATCH_TILE_ATTRIBUTION") or None,
                      secure_cookies=flag("HARMWATCH_SECURE_COOKIES"),
                      allow_private_fetch=flag("HARMWATCH_ALLOW_PRIVATE_FETCH"),
                      map_country=os.environ.get("HARMWATCH_MAP_COUNTRY") or None)
