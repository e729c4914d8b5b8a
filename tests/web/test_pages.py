"""The pages and their JSON twins: list, filters, map data, timeline, incident, document."""

from __future__ import annotations

from tests.web.conftest import ARABIC_TEXT


def test_list_filters_and_json_agree(seeded, people, make_client):
    client = make_client("carla")
    page = client.get("/incidents", params={"method": "air_strike"})
    assert page.status_code == 200
    data = client.get("/api/incidents", params={"method": "air_strike"}).json()
    assert data["total"] == 3
    assert page.text.count('class="incident-row"') == data["total"]
    assert {i["method"] for i in data["incidents"]} == {"air_strike"}


def test_filter_state_lives_in_the_url(seeded, people, make_client):
    client = make_client("carla")
    page = client.get("/incidents", params={"admin1": "Aleppo", "civilian": "no"})
    assert '<option value="Aleppo" selected>' in page.text
    assert 'href="/map?admin1=Aleppo&amp;civilian=no' in page.text


def test_map_points_equal_list_total(seeded, people, make_client):
    client = make_client("carla")
    for params in ({}, {"method": "shelling"}, {"q": "school"}, {"civilian": "yes"}):
        listed = client.get("/api/incidents", params=params).json()["total"]
        points = client.get("/api/incidents.geojson", params=params).json()
        assert len(points["features"]) + points["unlocated"] == listed


def test_timeline_counts_incidents_per_month(seeded, people, make_client):
    periods = make_client("carla").get("/api/timeline").json()["periods"]
    assert [p["period"] for p in periods] == ["2016-03-01", "2016-04-01", "2016-05-01"]
    assert sum(p["incidents"] for p in periods) == 4


def test_incident_page_highlights_evidence_and_arabic_reads_right_to_left(
        seeded, people, make_client):
    client = make_client("carla")
    incident = client.get("/api/incidents", params={"q": "market"}).json()["incidents"][0]
    page = client.get(f"/incidents/{incident['id']}")
    assert page.status_code == 200
    assert 'class="hl hl-event' in page.text
    assert 'dir="rtl"' in page.text and "قصفت طائرات" in page.text
    detail = client.get(f"/api/incidents/{incident['id']}").json()
    assert len(detail["incident"]["sources"]) == 2


def test_document_page_marks_mentions_by_kind(seeded, people, make_client, engine):
    from harmwatch.store import DocumentRepository

    document = next(d for d in DocumentRepository(engine).all() if d.text == ARABIC_TEXT)
    page = make_client("carla").get(f"/documents/{document.id}")
    assert page.status_code == 200
    assert 'class="panel document-text" dir="rtl"' in page.text
    assert "hl-place" in page.text and "hl-event" in page.text


def test_unknown_incident_is_a_json_404(seeded, people, make_client):
    response = make_client("carla").get("/api/incidents/inc-nope")
    assert response.status_code == 404
    assert "inc-nope" in response.json()["error"]["message"]


def test_bad_filter_is_a_400_with_a_message(seeded, people, make_client):
    response = make_client("carla").get("/api/incidents", params={"date_from": "March"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["error"]["message"]


def test_exports_follow_the_list_filters(seeded, people, make_client):
    client = make_client("carla")
    formats = {f["name"] for f in client.get("/api/exports").json()["formats"]}
    assert {"acled", "geojson"} <= formats
    acled = client.get("/api/exports/acled", params={"method": "air_strike"})
    assert acled.status_code == 200 and acled.headers["content-type"].startswith("text/csv")
    assert len(acled.text.strip().splitlines()) == 1 + 3  # header and the three air strikes
    geojson = client.get("/api/exports/geojson", params={"method": "shelling"}).json()
    assert len(geojson["features"]) == 1
    unknown = client.get("/api/exports/kml")
    assert unknown.status_code == 400 and "available" in unknown.json()["error"]["message"]


def test_editor_form_edit_changes_the_figure_and_the_audit_log(seeded, people, make_client):
    from tests.web.conftest import csrf_of

    client = make_client("basel")
    incident = client.get("/api/incidents", params={"q": "school"}).json()["incidents"][0]
    page = client.get(f"/incidents/{incident['id']}")
    response = client.post(f"/incidents/{incident['id']}/edit", data={
        "csrf_token": csrf_of(page.text), "version": str(incident["version"]),
        "killed_children_min": "3", "killed_children_max": "5", "why": "UNICEF figure"})
    assert response.status_code == 303
    detail = client.get(f"/api/incidents/{incident['id']}").json()
    assert detail["incident"]["killed"]["children"] == {"min": 3, "max": 5}
    assert detail["audit"][-1]["after"]["killed"]["children"] == {"min": 3, "max": 5}
    assert detail["audit"][-1]["why"] == "UNICEF figure"


def test_editor_adds_a_report_by_text_and_sees_it(seeded, people, make_client):
    from tests.web.conftest import csrf_of

    client = make_client("basel")
    page = client.get("/documents")
    assert 'action="/documents/new"' in page.text
    response = client.post("/documents/new", data={
        "csrf_token": csrf_of(page.text), "text": "Jets struck a bakery in Tabqa, killing 5.",
        "title": "Bakery strike", "published": "2016-03-20"})
    assert response.status_code == 303
    document = client.get("/api" + response.headers["location"]).json()["document"]
    assert document["title"] == "Bakery strike" and document["published"] == "2016-03-20"
    assert 'action="/documents/new"' not in make_client("carla").get("/documents").text


def test_app_from_environment_needs_a_shared_secret(monkeypatch, db_url):
    import pytest

    from harmwatch.errors import UsageError
    from harmwatch.web.app import from_environment

    monkeypatch.setenv("HARMWATCH_DB", db_url)
    monkeypatch.delenv("HARMWATCH_SECRET_KEY", raising=False)
    with pytest.raises(UsageError, match="HARMWATCH_SECRET_KEY"):
        from_environment()
    monkeypatch.setenv("HARMWATCH_SECRET_KEY", "k")
    monkeypatch.setenv("HARMWATCH_PUBLIC", "1")
    assert from_environment().state.settings.public


def test_stale_form_shows_a_conflict_page_and_keeps_the_other_edit(seeded, people, make_client):
    from tests.web.conftest import csrf_of

    first, second = make_client("basel"), make_client("amal")
    incident = first.get("/api/incidents", params={"q": "school"}).json()["incidents"][0]
    pages = [c.get(f"/incidents/{incident['id']}") for c in (first, second)]
    version = str(incident["version"])
    saved = second.post(f"/incidents/{incident['id']}/edit", data={
        "csrf_token": csrf_of(pages[1].text), "version": version, "notes": "amal's note",
        "why": "checked"})
    assert saved.status_code == 303
    stale = first.post(f"/incidents/{incident['id']}/edit", data={
        "csrf_token": csrf_of(pages[0].text), "version": version, "notes": "basel's note",
        "why": "checked"})
    assert stale.status_code == 409
    assert "changed by someone else" in stale.text
    assert first.get(f"/api/incidents/{incident['id']}").json()["incident"]["notes"] == \
        "amal's note"
