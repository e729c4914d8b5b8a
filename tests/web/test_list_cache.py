"""The list API's cached answers: never older than the data, never past the login."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from harmwatch.store import UserRepository
from harmwatch.store.db import create
from harmwatch.web.list_cache import ListCache
from tests.web.conftest import csrf_of


def _same_server(client) -> TestClient:
    """Another client of the same app (the same server process, so the same cache), logged
    in as nobody."""
    return TestClient(client.app, base_url="http://testserver", follow_redirects=False)


def _incident(client, incident_id: str) -> dict:
    page = client.get("/api/incidents", params={"per_page": 100}).json()
    return next(i for i in page["incidents"] if i["id"] == incident_id)


def test_an_edit_is_in_the_next_answer(seeded, people, make_client):
    editor = make_client("basel")
    first = editor.get("/api/incidents").json()
    assert editor.get("/api/incidents").json() == first  # answered again, from the cache
    assert len(editor.app.state.list_cache) == 1
    incident_id = first["incidents"][0]["id"]
    csrf = csrf_of(editor.get("/incidents").text)
    body = {"changes": {"notes": "checked against the SNHR list"}, "why": "t",
            "version": first["incidents"][0]["version"]}
    edited = editor.patch(f"/api/incidents/{incident_id}", json=body,
                          headers={"X-CSRF-Token": csrf})
    assert edited.status_code == 200, edited.text
    assert _incident(editor, incident_id)["notes"] == "checked against the SNHR list"
    assert editor.get("/api/incidents").json()["incidents"][0]["notes"] == (
        "checked against the SNHR list")


def test_a_change_from_another_process_is_in_the_next_answer(seeded, people, make_client,
                                                             db_url):
    # Another server process, a build or SQL typed by hand: the database's triggers raise
    # the change count whoever writes.
    client = make_client("carla")
    before = client.get("/api/incidents").json()
    gone = before["incidents"][0]["id"]
    elsewhere = create(db_url)
    with elsewhere.begin() as connection:
        connection.execute(text("DELETE FROM incidents WHERE id = :id"), {"id": gone})
    elsewhere.dispose()
    after = client.get("/api/incidents").json()
    assert after["total"] == before["total"] - 1
    assert gone not in [i["id"] for i in after["incidents"]]


def test_a_cached_answer_still_needs_a_login(seeded, people, engine, make_client):
    client = make_client("carla")
    assert client.get("/api/incidents").status_code == 200
    stranger = _same_server(client)
    assert stranger.get("/api/incidents").status_code == 401
    bad = stranger.get("/api/incidents", headers={"Authorization": "Bearer hw_wrong"})
    assert bad.status_code == 401
    token = UserRepository(engine).create_token("carla", "script")
    by_token = stranger.get("/api/incidents", headers={"Authorization": f"Bearer {token}"})
    assert by_token.json() == client.get("/api/incidents").json()


def test_answers_are_kept_by_query_and_role(seeded, people, engine, make_client):
    viewer = make_client("carla")
    viewer.get("/api/incidents")
    viewer.get("/api/incidents", params={"q": "maskanah"})
    token = UserRepository(engine).create_token("basel", "script")
    editor = _same_server(viewer)
    editor.headers["Authorization"] = f"Bearer {token}"
    assert editor.get("/api/incidents").json() == viewer.get("/api/incidents").json()
    assert len(viewer.app.state.list_cache) == 3
    assert editor.get("/api/incidents", params={"q": "maskanah"}).json()["total"] == 1


def test_the_cache_forgets_the_least_recently_used_past_its_size():
    cache = ListCache(max_bytes=10)
    cache.put(("a", None), 1, b"12345")
    cache.put(("b", None), 1, b"12345")
    assert cache.get(("a", None), 1) == b"12345"  # now the most recently used
    cache.put(("c", None), 1, b"12345")
    assert cache.get(("b", None), 1) is None
    assert cache.get(("a", None), 1) == cache.get(("c", None), 1) == b"12345"


def test_a_new_change_count_voids_every_answer():
    cache = ListCache()
    cache.put(("a", None), 1, b"old")
    assert cache.get(("a", None), 2) is None
    cache.put(("b", None), 2, b"new")
    assert cache.get(("a", None), 1) is None and len(cache) == 1
