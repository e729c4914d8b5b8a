"""Recent answers of the incident list API, handed out again while the incidents are unchanged.

A team's browsers and scripts ask for the same few views over and over (the first page, a
saved filter); each costs the list's queries, up to a scan of every incident for a searched
word. An answer is kept under its query string and the asker's role, with the incidents'
change count (store: IncidentRepository.change_count, raised by the database's triggers at
every write, from any process) read before the answer's own queries. It is handed out only
while the count is the same, so an answer is never older than the data: an edit, a merge or a
build in another process makes every kept answer void at once.

Login is checked for every request as before: the cache is consulted only after the token or
session has given a user (or the server is public), and by that user's role.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from starlette.requests import Request

from harmwatch.web.auth import current_user
from harmwatch.web.render import json_body

LIST_PATH = "/api/incidents"
# Per server process; an answer past MAX_ANSWER (a long page of long incidents) is not kept.
MAX_BYTES = 32 << 20
MAX_ANSWER = 2 << 20


def cache_key(request: Request) -> tuple[bytes, str | None]:
    """The raw query string (another spelling of the same query is kept apart) and the role
    of the user the request was authenticated as."""
    user = request.state.user
    return request.scope["query_string"], user.role if user else None


class ListCache:
    """Answers (JSON bytes) by key, all made at one change count; least recently used go first
    past MAX_BYTES. Shared by the server's threads."""

    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self._answers: OrderedDict[tuple, bytes] = OrderedDict()
        self._count: int | None = None
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple, count: int) -> bytes | None:
        with self._lock:
            if count != self._count:
                return None
            body = self._answers.get(key)
            if body is not None:
                self._answers.move_to_end(key)
            return body

    def put(self, key: tuple, count: int, body: bytes) -> None:
        """Keep an answer made from data read after the change count was `count`."""
        if len(body) > MAX_ANSWER:
            return
        with self._lock:
            if count != self._count:  # the data changed: every kept answer is void
                self._answers.clear()
                self._bytes = 0
                self._count = count
            previous = self._answers.pop(key, None)
            self._bytes += len(body) - (len(previous) if previous is not None else 0)
            self._answers[key] = body
            while self._bytes > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._answers)


class CachedListAnswers:
    """ASGI: answers GET /api/incidents from the cache when it can, before FastAPI's routing
    and dependencies (most of a cached answer's cost); everything else, and every request the
    cache cannot answer, goes on to the app, whose list route fills the cache."""

    def __init__(self, inner, app):
        self.inner = inner  # the rest of the app's middleware stack
        self.app = app  # the FastAPI app: its state holds the repositories and the cache

    async def __call__(self, scope, receive, send) -> None:
        if (scope["type"] == "http" and scope["method"] == "GET"
                and scope["path"] == LIST_PATH):
            # The two reads (the login, the change count) run on the event loop, on both
            # databases: PostgreSQL's round trips in the thread pool served 1.5-2x the
            # answers a second, but a twentieth of them waited 300-500 ms for the loop
            # (p95; 16-20 ms inline, at 820-950 answers a second on 10,000 incidents).
            body = self._cached(Request(scope))
            if body is not None:
                await json_body(body)(scope, receive, send)
                return
        await self.inner(scope, receive, send)

    def _cached(self, request: Request) -> bytes | None:
        """The kept answer for this request, or None: then the app answers, and also reports
        any error met here (a refused login, a database down) as it reports every other."""
        request.scope["app"] = self.app  # where current_user finds the users
        state = self.app.state
        try:
            user = current_user(request)
            if user is None and not state.settings.public:
                return None
            # On a miss the route makes the answer under this count: read once a request.
            request.state.change_count = state.incidents.change_count()
        except Exception:  # the app meets it again and answers with its error page
            return None
        return state.list_cache.get(cache_key(request), request.state.change_count)
