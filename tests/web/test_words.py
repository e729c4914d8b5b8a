"""Words instead of codes (issue 14): actors by their names, methods and precisions in
words, and "near-identical copies" only for real copies of a text."""

from __future__ import annotations

import re

from harmwatch.exports import Labels
from harmwatch.incidents import build_incidents
from harmwatch.model import Document
from harmwatch.store import DocumentRepository, IncidentRepository
from tests.incidents.factory import casualties, make_event, store_report

CODES = re.compile(r"\b(syrian_government|air_strike|islamic_state|precision \d)\b")


def _visible(html: str) -> str:
    """The page's text, without tags and attribute values (option values may be codes)."""
    return re.sub(r"<[^>]+>", " ", html)


def test_list_and_filters_show_names_not_codes(seeded, people, make_client):
    html = make_client("carla").get("/incidents").text
    assert "Syrian government forces" in html and "air strike" in html
    assert not CODES.search(_visible(html)), CODES.search(_visible(html))
    assert '<option value="syrian_government"' in html  # the URL keeps the stable id


def test_incident_page_speaks_words(seeded, people, make_client):
    client = make_client("carla")
    incident = next(i for i in seeded.all() if i.actor1 == "syrian_government")
    html = client.get(f"/incidents/{incident.id}").text
    text = _visible(html)
    assert "Syrian government forces" in text and "Shelling in Maskanah" in text
    assert "the town or village itself" in text
    assert "Other actor" not in text
    assert not CODES.search(text), CODES.search(text)


def test_other_events_of_one_report_are_not_called_copies(engine, people, make_client):
    text = "Jets struck Tabqa market at dawn, killing 5. A second strike on Tabqa killed 2."
    document_id = Document(text=text).id
    store_report(DocumentRepository(engine), text,
                 make_event(text, killed=casualties(5), event_id=f"{document_id}:e1"),
                 make_event(text, killed=casualties(2), event_id=f"{document_id}:e2"))
    build_incidents(IncidentRepository(engine))
    incident = next(IncidentRepository(engine).all())
    assert incident.sources[0].duplicates == [f"{document_id}:e2"]
    html = make_client("carla").get(f"/incidents/{incident.id}").text
    assert "near-identical" not in html
    assert "+1 more mention in this report" in html


def test_labels_read_names_people_type():
    labels = Labels.load()
    assert labels.actor_id("Islamic State") == labels.actor_id("islamic state") == \
        "islamic_state"
    assert labels.method_code("airstrike") == labels.method_code("Air strike") == "air_strike"
    assert labels.field("killed.children.max") == "killed: children, at most"
    assert labels.actor("unknown_group") == "unknown group"
