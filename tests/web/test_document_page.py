"""The document page (issue 14): one label per mention, organisations never as places,
quotes with their speaker, events linked to their incidents."""

from __future__ import annotations

import re

from harmwatch.incidents import build_incidents
from harmwatch.model import (
    ActorMention,
    Document,
    DocumentRef,
    ExtractionResult,
    Place,
    Quote,
    SourceRef,
    Span,
)
from harmwatch.store import DocumentRepository, IncidentRepository
from tests.incidents.factory import casualties, make_event

TEXT = ('Coalition jets struck Tabqa, killing 5, the SOHR said. '
        '"We counted five bodies," said Ahmad, a medic.')


def _span(text: str) -> Span:
    start = TEXT.index(text)
    return Span.of(start, start + len(text))


def test_document_page_labels_once_and_links_events(engine, people, make_client):
    document = Document(text=TEXT, title="Tabqa strike", publisher="Raqqa Post")
    quote = '"We counted five bodies,"'
    event = make_event(TEXT, killed=casualties(5), event_id=f"{document.id}:e1")
    event = event.model_copy(update={
        "actor1": event.actor1.model_copy(update={"span": _span("Coalition"),
                                                  "text": "Coalition"}),
        "sources": [SourceRef(speaker="Ahmad", quote_span=_span(quote))]})
    result = ExtractionResult(
        document=DocumentRef.of(document), events=[event],
        actors=[ActorMention(id="coalition", text="Coalition", span=_span("Coalition"))],
        places=[Place(text="Tabqa", span=_span("Tabqa"), name="Tabqa", lat=35.8, lon=38.5,
                      resolved=True),
                Place(text="SOHR", span=_span("SOHR"))],
        quotes=[Quote(text=quote, span=_span(quote))])
    result.actors.append(ActorMention(id="sohr", text="SOHR", span=_span("SOHR")))
    DocumentRepository(engine).add(document, result)
    build_incidents(IncidentRepository(engine))
    incident = next(IncidentRepository(engine).all())

    html = make_client("carla").get(f"/documents/{document.id}").text
    coalition = re.search(r'<span class="hl[^"]*"[^>]*>Coalition(.*?)</span></span>', html)
    assert coalition.group(1).count("hl-label-actor") == 1  # not "ACTOR ACTOR"
    sohr = re.search(r'<span class="hl ([^"]*)"[^>]*>SOHR', html)
    assert "hl-place" not in sohr.group(1)
    assert "— Ahmad" in html and "unnamed" not in html
    assert f'href="/incidents/{incident.id}"' in html
