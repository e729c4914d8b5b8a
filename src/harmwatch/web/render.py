"""One view, two renderings: a route builds a dict; /api/... gets it as JSON, pages as HTML.

So the page, the API and the exports are fed by the same query (as datasette does).
Templates autoescape everything: report text is shown as text, never as markup.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from pydantic_core import to_json

from harmwatch.exports import Labels
from harmwatch.web.auth import NotLoggedIn, current_user
from harmwatch.web.changes import changed_fields

TEMPLATES = Path(__file__).with_name("templates")
GRADE_CLASSES = {"Confirmed": "confirmed", "Fair": "fair", "Weak": "weak",
                 "Contested": "contested", "Discounted": "discounted"}


def same_report(event_id: str, source) -> bool:
    """Whether a source's counted duplicate is another event of its own report (not a copy
    of its text in another report)."""
    return event_id.rsplit(":", 1)[0] == source.document_id


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _query(request: Request, **changes) -> str:
    """The current URL's query with some parameters changed (None removes one)."""
    params = dict(request.query_params)
    params.update({key: value for key, value in changes.items() if value is not None})
    for key in [key for key, value in changes.items() if value is None]:
        params.pop(key, None)
    return "?" + urlencode(params)


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.autoescape = True
    labels = Labels.load()
    templates.env.globals.update(grade_class=lambda grade: GRADE_CLASSES.get(grade, "weak"),
                                 query=_query, changed_fields=changed_fields,
                                 actor_name=labels.actor, method_name=labels.method,
                                 field_name=labels.field,
                                 date_precision_name=labels.date_precision,
                                 geo_precision_name=labels.geo_precision)
    templates.env.tests["same_report"] = same_report
    return templates


templates = _templates()


def json_body(body: bytes, status: int = 200) -> Response:
    """JSON already serialised."""
    return Response(body, status_code=status, media_type="application/json")


def json_response(data, status: int = 200) -> Response:
    """Pydantic models, dataclasses and dates as JSON, serialised in one pass (pydantic-core)."""
    return json_body(to_json(data), status)


def json_with_stored(data: dict, key: str, stored: list[str]) -> bytes:
    """`data` as JSON plus `key`: a list of records already serialised (as the database keeps
    them), spliced in as they are instead of being parsed and serialised again."""
    head = to_json(data)[:-1] + (b"," if data else b"")
    return head + to_json(key) + b":[" + ",".join(stored).encode() + b"]}"


def render(request: Request, template: str, data: dict, status: int = 200) -> Response:
    if wants_json(request):
        return json_response(data, status)
    context = {**data, "user": _user(request),
               "csrf": request.state.session.csrf, "settings": request.app.state.settings}
    return templates.TemplateResponse(request, template, context, status_code=status)


def _user(request: Request):
    """The user for the page header; a page showing a bad-token error has none."""
    try:
        return current_user(request)
    except NotLoggedIn:
        return None
