"""Review through the web API and pages, on SQLite and PostgreSQL: figures recomputed on
merge, split and edit, people's values kept and marked, invalid input refused with 422, the
review queue, the database-wide audit log, duplicate suggestions, and ingest that builds."""

from __future__ import annotations

from datetime import date

from harmwatch.incidents import build_incidents
from harmwatch.store import DocumentRepository, IncidentFilters
from tests.incidents.factory import casualties, report
from tests.web.conftest import csrf_of


def editor(make_client, name: str = "basel"):
    """A logged-in client whose API writes carry the session's CSRF token."""
    client = make_client(name)
    client.headers["x-csrf-token"] = csrf_of(client.get("/documents").text)
    return client


def _by_place(seeded, town):
    return next(i for i in seeded.all() if i.location.name == town)


def test_merge_adds_up_the_casualties_and_regrades(seeded, people, make_client):
    client = editor(make_client)
    tabqa, raqqa = _by_place(seeded, "Tabqa"), _by_place(seeded, "Raqqa")
    merged = client.post(f"/api/incidents/{tabqa.id}/merge",
                         json={"ids": [raqqa.id], "why": "same raid"})
    assert merged.status_code == 200, merged.text
    merged = merged.json()
    assert (merged["killed"]["total"]["min"], merged["killed"]["total"]["max"]) == (4, 12)
    assert merged["fatalities"] == 4
    assert len(merged["sources"]) == 3 and merged["version"] == tabqa.version + 1
    split = client.post(f"/api/incidents/{tabqa.id}/split",
                        json={"event_ids": raqqa.event_ids, "why": "no"}).json()
    assert split["killed"]["total"] == {"min": 4, "max": 4}
    assert seeded.get(tabqa.id).killed.total.max == 12


def test_correcting_the_perpetrator_updates_the_reasons_and_survives_rebuilds(
        seeded, people, make_client):
    client = editor(make_client)
    tabqa = _by_place(seeded, "Tabqa")
    assert any("coalition" in r for r in tabqa.grade_reasons)
    edited = client.patch(f"/api/incidents/{tabqa.id}", json={
        "changes": {"actor1": "islamic_state"}, "why": "local sources", "version": tabqa.version})
    assert edited.status_code == 200
    reasons = " ".join(edited.json()["grade_reasons"])
    assert "attacker set in review: islamic_state" in reasons and "coalition (2)" in reasons
    assert edited.json()["overrides"] == ["actor1"]
    build_incidents(seeded, rebuild=True)
    again = seeded.get(tabqa.id)
    assert again.actor1 == "islamic_state" and again.overrides == ["actor1"]
    assert again.version == edited.json()["version"]  # nothing changed: not rewritten


def test_a_killed_range_upside_down_is_a_422_never_a_500(seeded, people, make_client):
    client = editor(make_client)
    tabqa = _by_place(seeded, "Tabqa")
    api = client.patch(f"/api/incidents/{tabqa.id}", json={
        "changes": {"killed": {"total": {"min": 9, "max": 3}}}, "why": "x",
        "version": tabqa.version})
    assert api.status_code == 422 and "9-3" in api.json()["error"]["message"]
    page = client.get(f"/incidents/{tabqa.id}")
    form = client.post(f"/incidents/{tabqa.id}/edit", data={
        "csrf_token": csrf_of(page.text), "version": tabqa.version, "why": "x",
        "killed_total_min": "9", "killed_total_max": "3"})
    assert form.status_code == 422 and "above the highest" in form.text
    assert seeded.get(tabqa.id).version == tabqa.version


def test_pickers_audit_rows_and_the_database_audit_page(seeded, people, make_client):
    client = make_client("basel")
    tabqa = _by_place(seeded, "Tabqa")
    page = client.get(f"/incidents/{tabqa.id}")
    assert '<select name="actor1">' in page.text and ">Islamic State</option>" in page.text
    assert '<select name="location_choice">' in page.text
    response = client.post(f"/incidents/{tabqa.id}/edit", data={
        "csrf_token": csrf_of(page.text), "version": tabqa.version, "why": "checked",
        "method": "drone_strike", "notes": "two sources"})
    assert response.status_code == 303
    assert client.get(f"/incidents/{tabqa.id}").text.count('class="audit-row"') == 2
    audit = client.get("/api/audit").json()
    assert [e["object_id"] for e in audit["entries"]] == [tabqa.id] and audit["total"] == 1
    page = make_client("carla").get("/audit")
    assert page.status_code == 200 and page.text.count('class="audit-row"') == 2


def test_review_queue(seeded, people, make_client):
    client = make_client("carla")
    weak = client.get("/api/review", params={"queue": "weak"}).json()
    assert {i["grade"] for i in weak["incidents"]} == {"Weak"} and weak["total"] == 3
    assert weak["sizes"]["unreviewed"] == 4 and weak["sizes"]["unlocated"] == 0
    assert client.get("/review?queue=recent").status_code == 200
    assert client.get("/api/review", params={"queue": "nonsense"}).status_code == 422


def test_merge_suggests_the_likely_duplicate(engine, people, make_client):
    documents, incidents = DocumentRepository(engine), seeded_with_near_duplicate(engine)
    client = make_client("carla")
    tabqa = next(i for i in incidents.all(IncidentFilters(sort="date")) if len(i.sources) == 1
                 and i.location.name == "Tabqa")
    found = client.get(f"/api/incidents/{tabqa.id}/duplicates").json()["suggestions"]
    assert found and found[0]["incident"]["location"]["name"] == "Tabqa"
    assert any("days apart" in r or "day(s) apart" in r for r in found[0]["reasons"])
    assert documents is not None


def seeded_with_near_duplicate(engine):
    """Two Tabqa strikes three days apart (not merged by the build), one far away."""
    documents = DocumentRepository(engine)
    report(documents, "Jets struck Tabqa market, killing 10.", killed=casualties(10))
    report(documents, "Strike on Tabqa kills 11.", day=date(2016, 3, 16), killed=casualties(11))
    report(documents, "Shelling of Maskanah.", town="Maskanah", method="shelling",
           day=date(2016, 3, 14))
    from harmwatch.store import IncidentRepository

    incidents = IncidentRepository(engine)
    build_incidents(incidents)
    return incidents


def test_split_page_shows_each_events_sentence_and_figures(seeded, people, make_client):
    tabqa = _by_place(seeded, "Tabqa")
    page = make_client("basel").get(f"/incidents/{tabqa.id}/split")
    assert "Warplanes struck the market in Tabqa, killing 12 civilians." in page.text
    assert page.text.count('name="event_ids"') == 2


def test_adding_a_report_in_the_browser_builds_its_incident(seeded, people, make_client):
    client = editor(make_client)
    page = client.get("/documents")
    response = client.post("/documents/new", data={
        "csrf_token": csrf_of(page.text), "text": "Jets struck a bakery in Tabqa, killing 5.",
        "title": "Bakery strike", "published": "2016-03-20"})
    assert response.status_code == 303
    document_id = response.headers["location"].rsplit("/", 1)[-1]
    (event,) = client.get("/api/events", params={"document_id": document_id}).json()["events"]
    assert seeded.incidents_of_events([event["id"]])  # built at once, no `incidents build`
    api = client.post("/api/ingest", json={"text": "Jets struck a school in Raqqa, killing 4.",
                                           "published": "2016-04-02"})
    assert api.status_code == 201 and len(api.json()["incidents"]) == 1
