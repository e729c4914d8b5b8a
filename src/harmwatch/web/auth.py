"""Who is asking and what they may do: sessions, API tokens, roles, CSRF on every write.

Routes declare what they need with `Depends(reader)` or `Depends(require("editor"))`; a
write made with the session cookie must carry the session's CSRF token (form field or
X-CSRF-Token header); a write made with a Bearer API token needs none, since no browser
sends that header by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from harmwatch.store import User, UserRepository
from harmwatch.web.security import CSRF_FIELD, CSRF_HEADER, csrf_matches

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
NO_USERS = ("nobody can log in yet: create an administrator with "
            "`harmwatch users add NAME --role admin`, then log in")


class NotLoggedIn(HTTPException):
    def __init__(self, message: str = "log in to see this page"):
        super().__init__(status_code=401, detail=message)


def users_of(request: Request) -> UserRepository:
    return request.app.state.users


def current_user(request: Request) -> User | None:
    """The user behind a Bearer token or the session cookie, or None."""
    if hasattr(request.state, "user"):
        return request.state.user
    request.state.via_token = False
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = users_of(request).user_for_token(header[7:].strip())
        if user is None:
            raise NotLoggedIn("the API token is not valid; create one with "
                              "`harmwatch users token NAME`")
        request.state.via_token = True
    else:
        session = request.state.session
        user = users_of(request).by_id(session.user_id) if session.user_id else None
        if user is not None and user.session_generation != session.generation:
            user = None  # logged out, or a new password or role, since this cookie was made
            session.log_out()
    request.state.user = user
    return user


async def reader(request: Request) -> User | None:
    """Anyone logged in; or anyone at all where the server runs with --public.

    Async, although it may read the users table (one indexed row): a thread hop per request
    costs more than the lookup."""
    user = current_user(request)
    if user is None and not request.app.state.settings.public:
        raise NotLoggedIn(NO_USERS if users_of(request).count() == 0 else
                          "log in to see this page")
    return user


async def check_csrf(request: Request) -> None:
    if request.method in SAFE_METHODS or getattr(request.state, "via_token", False):
        return
    given = request.headers.get(CSRF_HEADER)
    if given is None and "form" in request.headers.get("content-type", ""):
        given = (await request.form()).get(CSRF_FIELD)
    if not csrf_matches(request.state.session, given if isinstance(given, str) else None):
        raise HTTPException(403, "the form's CSRF token is missing or out of date; reload the "
                                 "page and submit it again")


def require(role: str) -> Callable:
    """A dependency: the user, if logged in with at least this role and the CSRF token fits."""

    async def dependency(request: Request) -> User:
        user = current_user(request)
        if user is None:
            raise NotLoggedIn("log in as an editor to change anything" if role != "viewer"
                              else "log in to see this page")
        if not user.can(role):
            raise HTTPException(403, f"{user.name} is a {user.role}; this needs the {role} "
                                     "role (an admin can grant it with `harmwatch users role`)")
        await check_csrf(request)
        return user

    return dependency


Editor = Annotated[User, Depends(require("editor"))]
