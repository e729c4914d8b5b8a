"""Sessions, CSRF tokens, login throttling and the security headers every response carries.

The session is a signed cookie (itsdangerous) holding the user id and the CSRF token; it is
HttpOnly and SameSite=Lax, so page scripts cannot read it and other sites cannot send it
with a form. Every unsafe request made with that cookie must echo the CSRF token.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import Response

SESSION_COOKIE = "hw_session"
SESSION_MAX_AGE = 12 * 3600
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass
class Session:
    """What the cookie carries; a new one is only sent once something is put in it."""

    token: str | None = None
    user_id: int | None = None
    # The user's session generation at login: a later logout, password or role ends it.
    generation: int = 0
    changed: bool = False

    @property
    def csrf(self) -> str:
        if self.token is None:
            self.token = secrets.token_urlsafe(32)
            self.changed = True
        return self.token

    def log_in(self, user_id: int, generation: int = 0) -> None:
        """A new CSRF token with every login, so a token seen before it is worth nothing."""
        self.user_id = user_id
        self.generation = generation
        self.token = secrets.token_urlsafe(32)
        self.changed = True

    def log_out(self) -> None:
        self.log_in(0)
        self.user_id = None


class SessionCodec:
    """Signs and reads the session cookie."""

    def __init__(self, secret_key: str):
        self._serializer = URLSafeTimedSerializer(secret_key, salt="harmwatch-session")

    def read(self, cookie: str | None) -> Session:
        if cookie:
            try:
                data = self._serializer.loads(cookie, max_age=SESSION_MAX_AGE)
                return Session(token=data["csrf"], user_id=data.get("uid"),
                               generation=data.get("gen", 0))
            except (BadSignature, KeyError, TypeError):
                pass
        return Session()

    def write(self, session: Session) -> str:
        return self._serializer.dumps({"csrf": session.csrf, "uid": session.user_id,
                                       "gen": session.generation})


def csrf_matches(session: Session, given: str | None) -> bool:
    if not (given and session.token):
        return False
    return hmac.compare_digest(session.token.encode(), given.encode())


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0


@dataclass
class LoginThrottle:
    """Failed logins slow down the one who fails, never the others.

    Per (name, client address), `attempts` failures are free; each one after doubles the
    wait (`base_wait` seconds, up to `window`). Per address, `address_attempts` failures
    over all names (guessing many names from one place) are free before the same backoff.
    A wrong password from elsewhere never locks the real user out. Memory is bounded: at
    most `max_entries` keys, the least recently failed dropped first, each forgotten
    `window` seconds after its last failure, and names cut to `name_length` characters.
    """

    attempts: int = 5
    address_attempts: int = 50
    base_wait: float = 1.0
    window: float = 15 * 60
    max_entries: int = 10_000
    name_length: int = 120
    _failures: OrderedDict = field(default_factory=OrderedDict)

    def _keys(self, name: str, client: str) -> list[tuple[tuple, int]]:
        return [(("pair", name[:self.name_length], client), self.attempts),
                (("address", client), self.address_attempts)]

    def _wait(self, failures: _Failures | None, free: int, now: float) -> int:
        if failures is None or now - failures.last >= self.window:
            return 0
        extra = failures.count - free
        if extra < 0:
            return 0
        wait = min(self.base_wait * 2 ** min(extra, 32), self.window)
        return max(0, int(failures.last + wait - now + 0.999))

    def retry_after(self, name: str, client: str) -> int:
        """Seconds until another attempt is allowed; 0 if it is allowed now."""
        now = time.monotonic()
        return max(self._wait(self._failures.get(key), free, now)
                   for key, free in self._keys(name, client))

    def failed(self, name: str, client: str) -> None:
        now = time.monotonic()
        for key, _ in self._keys(name, client):
            failures = self._failures.pop(key, None)
            if failures is None or now - failures.last >= self.window:
                failures = _Failures()
            failures.count += 1
            failures.last = now
            self._failures[key] = failures  # the most recent at the end
        while len(self._failures) > self.max_entries:
            self._failures.popitem(last=False)

    def succeeded(self, name: str, client: str) -> None:
        self._failures.pop(("pair", name[:self.name_length], client), None)

    def __len__(self) -> int:
        return len(self._failures)


def content_security_policy(tile_url: str | None) -> str:
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
        images += f" {parts.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self'; "
            f"img-src {images}; connect-src 'self'; font-src 'self'; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityMiddleware:
    """Reads the session for the route, writes it back when it changed, adds the headers.

    Plain ASGI rather than BaseHTTPMiddleware: it adds no task or stream per request.
    """

    def __init__(self, app, codec: SessionCodec, csp: str, secure_cookies: bool):
        self.app = app
        self.codec = codec
        self.secure_cookies = secure_cookies
        self.headers = [(b"content-security-policy", csp.encode()),
                        (b"x-content-type-options", b"nosniff"),
                        (b"x-frame-options", b"DENY"),
                        (b"referrer-policy", b"same-origin")]

    def _cookie(self, session: Session) -> str:
        carrier = Response()
        carrier.set_cookie(SESSION_COOKIE, self.codec.write(session), max_age=SESSION_MAX_AGE,
                           httponly=True, samesite="lax", secure=self.secure_cookies)
        return carrier.headers["set-cookie"]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        session = self.codec.read(HTTPConnection(scope).cookies.get(SESSION_COOKIE))
        scope.setdefault("state", {})["session"] = session
        dynamic = not scope["path"].startswith("/static/")

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    headers.raw.append((name, value))
                if dynamic and "cache-control" not in headers:
                    headers.raw.append((b"cache-control", b"no-store"))
                if session.changed:
                    headers.append("set-cookie", self._cookie(session))
            await send(message)

        await self.app(scope, receive, send_with_headers)
