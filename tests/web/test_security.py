"""Security: escaping, headers, CSRF, throttling, roles on every write, conflicts, tokens."""

from __future__ import annotations

import pytest

from harmwatch.store import UserRepository
from tests.web.conftest import PASSWORD, csrf_of

# Every endpoint that changes something, with a body that would be accepted from an editor.
WRITES = [
    ("PATCH", "/api/incidents/{id}", {"json": {"changes": {"notes": "x"}, "why": "t",
                                               "version": 1}}),
    ("POST", "/api/incidents/{id}/merge", {"json": {"ids": ["{other}"], "why": "t"}}),
    ("POST", "/api/incidents/{id}/split", {"json": {"event_ids": ["e"], "why": "t"}}),
    ("POST", "/api/ingest", {"json": {"text": "Jets struck Tabqa, killing 3."}}),
    ("POST", "/incidents/{id}/edit", {"data": {"notes": "x", "why": "t", "version": "1"}}),
    ("POST", "/incidents/{id}/merge", {"data": {"ids": "{other}", "why": "t"}}),
    ("POST", "/incidents/{id}/split", {"data": {"event_ids": "e", "why": "t"}}),
    ("POST", "/documents/new", {"data": {"text": "Jets struck Tabqa, killing 3."}}),
]


def _ids(client) -> tuple[str, str]:
    first, second = client.get("/api/incidents", params={"sort": "date"}).json()["incidents"][:2]
    return first["id"], second["id"]


def _request(client, method, path, body, ids, headers=None):
    path = path.format(id=ids[0])
    body = {key: _fill(value, ids[1]) for key, value in body.items()}
    return client.request(method, path, headers=headers or {}, **body)


def _fill(value, other):
    if isinstance(value, dict):
        return {k: _fill(v, other) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, other) for v in value]
    return value.replace("{other}", other) if isinstance(value, str) else value


def test_report_html_and_script_render_as_text(seeded, people, make_client):
    client = make_client("carla")
    found = client.get("/api/incidents", params={"q": "script"}).json()["incidents"]
    assert len(found) == 1
    incident = found[0]
    for page in (client.get(f"/incidents/{incident['id']}"),
                 client.get(f"/documents/{incident['sources'][0]['document_id']}")):
        assert "<script>alert(1)</script>" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "<img src=x" not in page.text and "&lt;img src=x onerror=" in page.text


def test_security_headers_forbid_inline_script_and_framing(seeded, people, make_client):
    response = make_client("carla").get("/incidents")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in response.text and " onclick=" not in response.text


def test_session_cookie_is_httponly_samesite_and_signed(engine, people, make_client):
    client = make_client()
    page = client.get("/login")
    response = client.post("/login", data={"name": "carla", "password": PASSWORD,
                                           "csrf_token": csrf_of(page.text)})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    forged = make_client()
    forged.cookies.set("hw_session", client.cookies["hw_session"][:-2] + "xx")
    assert forged.get("/incidents").status_code == 303  # a tampered cookie logs nobody in


def test_password_is_stored_as_argon2(engine, people):
    from sqlalchemy import select

    from harmwatch.store.tables import users

    with engine.connect() as connection:
        stored = connection.execute(select(users.c.password_hash)).scalars().all()
    assert all(h.startswith("$argon2id$") for h in stored)


def test_login_form_without_csrf_is_refused(engine, people, make_client):
    response = make_client().post("/login", data={"name": "carla", "password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writes_without_csrf_token_are_refused(seeded, people, make_client, method, path, body):
    client = make_client("basel")
    response = _request(client, method, path, body, _ids(client))
    assert response.status_code == 403
    assert "CSRF" in response.text


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_viewer_cannot_write(seeded, people, make_client, method, path, body):
    client = make_client("carla")
    csrf = csrf_of(client.get("/incidents").text)
    response = _request(client, method, path, body, _ids(client), {"X-CSRF-Token": csrf})
    assert response.status_code == 403
    assert "viewer" in response.text


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_anonymous_cannot_write_even_when_public(seeded, people, make_client, method, path,
                                                 body):
    client = make_client(public=True)
    response = _request(client, method, path, body, _ids(client))
    assert response.status_code in (401, 403)


def test_editor_edit_is_audited_and_a_stale_version_conflicts(seeded, people, make_client):
    client = make_client("basel")
    incident_id, _ = _ids(client)
    csrf = csrf_of(client.get("/incidents").text)
    version = client.get(f"/api/incidents/{incident_id}").json()["incident"]["version"]
    body = {"changes": {"killed": {"civilians": {"min": 9, "max": 11}}}, "why": "SNHR list",
            "version": version}
    first = client.patch(f"/api/incidents/{incident_id}", json=body,
                         headers={"X-CSRF-Token": csrf})
    assert first.status_code == 200, first.text
    assert first.json()["killed"]["civilians"] == {"min": 9, "max": 11}
    again = client.patch(f"/api/incidents/{incident_id}", json=body,
                         headers={"X-CSRF-Token": csrf})
    assert again.status_code == 409
    assert "changed by someone else" in again.json()["error"]["message"]
    audit = client.get(f"/api/incidents/{incident_id}").json()["audit"]
    assert audit[-1]["who"] == "basel" and audit[-1]["why"] == "SNHR list"


def test_login_is_throttled_after_repeated_failures(engine, people, make_client):
    client = make_client()
    csrf = csrf_of(client.get("/login").text)
    for _ in range(5):
        wrong = client.post("/login", data={"name": "carla", "password": "nope",
                                            "csrf_token": csrf})
        assert wrong.status_code == 401
    blocked = client.post("/login", data={"name": "carla", "password": PASSWORD,
                                          "csrf_token": csrf})
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0


def test_fresh_install_lets_nobody_in_and_says_how(engine, make_client):
    client = make_client()
    assert client.get("/incidents").status_code == 303
    response = client.get("/api/incidents")
    assert response.status_code == 401
    assert "harmwatch users add NAME --role admin" in response.json()["error"]["message"]
    assert "harmwatch users add NAME --role admin" in client.get("/login").text


def test_public_mode_reads_without_login(seeded, make_client):
    client = make_client(public=True)
    assert client.get("/api/incidents").json()["total"] == 4
    assert client.get("/incidents").status_code == 200


def test_api_token_authenticates_scripts_without_csrf(seeded, people, engine, make_client):
    token = UserRepository(engine).create_token("basel", "tests")
    client = make_client()
    headers = {"Authorization": f"Bearer {token}"}
    incident_id, _ = _ids(make_client("carla"))
    response = client.patch(f"/api/incidents/{incident_id}", headers=headers,
                            json={"changes": {"notes": "checked"}, "why": "t", "version": 1})
    assert response.status_code == 200, response.text
    bad = client.get("/api/incidents", headers={"Authorization": "Bearer hw_wrong"})
    assert bad.status_code == 401


def test_ingest_by_url_refuses_loopback_and_server_paths(seeded, people, engine, make_client):
    token = UserRepository(engine).create_token("basel")
    client = make_client()
    headers = {"Authorization": f"Bearer {token}"}
    loopback = client.post("/api/ingest", headers=headers, json={"url": "http://127.0.0.1/x"})
    assert loopback.status_code == 422
    assert "loopback" in loopback.json()["error"]["message"]
    path = client.post("/api/ingest", headers=headers, json={"url": "/etc/passwd"})
    assert path.status_code == 400


def test_openapi_and_docs_work_offline(seeded, people, make_client):
    client = make_client("carla")
    schema = client.get("/openapi.json").json()
    assert "/api/incidents" in schema["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/incidents" in docs.text
    assert "cdn" not in docs.text.lower()


def test_login_redirect_never_leaves_the_site(engine, people, make_client):
    client = make_client()
    csrf = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"name": "carla", "password": PASSWORD,
                                           "csrf_token": csrf, "next": "//evil.example/"})
    assert response.headers["location"] == "/incidents"


def test_editor_merges_and_splits_through_the_api(seeded, people, engine, make_client):
    token = UserRepository(engine).create_token("basel")
    client = make_client()
    client.headers["Authorization"] = f"Bearer {token}"
    first, second = _ids(client)
    merged = client.post(f"/api/incidents/{first}/merge", json={"ids": [second],
                                                                "why": "same strike"})
    assert merged.status_code == 200, merged.text
    events = merged.json()["event_ids"]
    assert client.get(f"/api/incidents/{second}").status_code == 404
    split = client.post(f"/api/incidents/{first}/split", json={"event_ids": events[:1],
                                                               "why": "different day"})
    assert split.status_code == 201, split.text
    assert split.json()["event_ids"] == events[:1]
    actions = [a["action"] for a in client.get(f"/api/incidents/{first}").json()["audit"]]
    assert actions == ["merge", "split"]
