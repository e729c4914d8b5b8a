"""Logging in and out, with throttling of failed attempts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from harmwatch.web.auth import NO_USERS, check_csrf, current_user, users_of
from harmwatch.web.render import render

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path on this server: never another site (no open redirect)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/incidents"


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    notice = NO_USERS if users_of(request).count() == 0 else None
    return render(request, "login.html", {"next": _safe_next(next), "notice": notice})


@router.post("/login", dependencies=[Depends(check_csrf)])
def log_in(request: Request, name: Annotated[str, Form()], password: Annotated[str, Form()],
           next: Annotated[str | None, Form()] = None) -> Response:
    throttle = request.app.state.throttle
    client = request.client.host if request.client else "unknown"
    wait = throttle.retry_after(name, client)
    if wait:
        raise HTTPException(429, f"too many failed logins; try again in {wait} seconds",
                            headers={"Retry-After": str(wait)})
    user = users_of(request).authenticate(name, password)
    if user is None:
        throttle.failed(name, client)
        notice = NO_USERS if users_of(request).count() == 0 else None
        return render(request, "login.html", {"next": _safe_next(next), "notice": notice,
                                              "error": "wrong name or password"}, status=401)
    throttle.succeeded(name, client)
    request.state.session.log_in(user.id, user.session_generation)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(check_csrf)])
def log_out(request: Request) -> Response:
    """Ends the user's sessions everywhere: a copy of this cookie must not outlive it."""
    user = current_user(request)
    if user is not None and not request.state.via_token:
        users_of(request).end_sessions(user.name)
    request.state.session.log_out()
    return RedirectResponse("/login", status_code=303)
