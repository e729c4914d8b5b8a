"""The list's count stops past a threshold and says so; reads need no transaction."""

from __future__ import annotations

from harmwatch.store import IncidentFilters, IncidentRepository
from harmwatch.store import incidents as store_incidents
from harmwatch.web.routes import incidents as incident_routes


def test_count_past_the_threshold_is_capped_and_the_page_says_so(seeded, people, make_client,
                                                                  monkeypatch):
    # The store counts up to the cap and the page says where it stopped: both read it.
    monkeypatch.setattr(store_incidents, "COUNT_EXACT_UP_TO", 2)
    monkeypatch.setattr(incident_routes, "COUNT_EXACT_UP_TO", 2)
    client = make_client("carla")
    page = client.get("/api/incidents", params={"per_page": 1}).json()
    assert page["total"] == 2 and page["total_exact"] is False
    assert len(page["incidents"]) == 1
    html = client.get("/incidents", params={"per_page": 1, "page": 2}).text
    assert "more than <strong>2</strong> incidents" in html
    assert "page 2 of more than 2" in html and "Next" in html  # the count stopped, the list not


def test_exact_count_under_the_threshold(seeded, people, make_client):
    page = make_client("carla").get("/api/incidents").json()
    assert page["total"] == 4 and page["total_exact"] is True


def test_search_finds_a_word_inside_the_text(seeded, engine):
    everything, total = IncidentRepository(engine).search_json(IncidentFilters())
    word = "tabqa"
    found, count = IncidentRepository(engine).search_json(IncidentFilters(q=word[1:4]))
    assert count == len(found) == sum(word[1:4] in text.lower() for text in everything) >= 1
    assert count < total
