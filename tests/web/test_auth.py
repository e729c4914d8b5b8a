"""Sessions that end, tokens that expire, a login throttle that is bounded and fair,
paging that cannot overflow, and headers on every response (SQLite and PostgreSQL)."""

from __future__ import annotations

import tracemalloc
from datetime import timedelta

import pytest
import sqlalchemy
from fastapi.testclient import TestClient

from harmwatch.store import UserRepository
from harmwatch.web import create_app
from harmwatch.web.security import LoginThrottle
from tests.web.conftest import PASSWORD, csrf_of


def _log_in(client, name: str, password: str = PASSWORD):
    csrf = csrf_of(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": csrf})


def _copy(client, make_client):
    """A second client holding the same session cookie (a cookie saved by someone)."""
    other = make_client()
    other.cookies.update(client.cookies)
    return other


def test_logout_ends_a_saved_copy_of_the_cookie(seeded, people, make_client):
    client = make_client("carla")
    saved = _copy(client, make_client)
    assert saved.get("/api/incidents").status_code == 200
    csrf = csrf_of(client.get("/incidents").text)
    assert client.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert saved.get("/api/incidents").status_code == 401


@pytest.mark.parametrize("change", [
    lambda users: users.set_password("carla", "another long one"),
    lambda users: users.set_role("carla", "editor"),
    lambda users: users.end_sessions("carla"),
])
def test_new_password_role_or_revocation_ends_sessions(seeded, people, engine, make_client,
                                                        change):
    client = make_client("carla")
    assert client.get("/api/incidents").status_code == 200
    change(UserRepository(engine))
    assert client.get("/api/incidents").status_code == 401


def test_revoke_sessions_command(seeded, people, engine, make_client, cli, db_url):
    client = make_client("carla")
    result = cli("users", "revoke-sessions", "carla", "--db", db_url)
    assert result.exit_code == 0, result.output
    assert client.get("/api/incidents").status_code == 401
    assert make_client("carla").get("/api/incidents").status_code == 200


def test_failed_logins_elsewhere_do_not_lock_the_user_out(engine, people):
    app = create_app(engine, secret_key="k")
    attacker = TestClient(app, client=("203.0.113.9", 1), follow_redirects=False)
    for _ in range(8):
        attacker_response = _log_in(attacker, "carla", "wrong password")
    assert attacker_response.status_code == 429
    owner = TestClient(app, client=("198.51.100.7", 1), follow_redirects=False)
    assert _log_in(owner, "carla").status_code == 303


def test_throttle_backs_off_and_forgets():
    throttle = LoginThrottle(attempts=2, base_wait=10, window=600)
    waits = []
    for _ in range(4):
        throttle.failed("carla", "a")
        waits.append(throttle.retry_after("carla", "a"))
    assert waits[0] == 0 and 0 < waits[1] < waits[2] < waits[3] <= 600
    assert throttle.retry_after("carla", "b") == 0


def test_throttle_memory_is_bounded_and_names_truncated():
    throttle = LoginThrottle(max_entries=100)
    for number in range(1000):
        throttle.failed(f"{number}" + "x" * 200_000, f"client{number % 7}")
    assert len(throttle) <= 100
    assert all(len(key[1]) <= throttle.name_length for key in throttle._failures
               if key[0] == "pair")


def test_a_flood_of_long_failed_names_holds_little_memory():
    """Finding 10 by what it costs: 20,000 failed 2 KB names, from the default throttle."""
    throttle = LoginThrottle()
    tracemalloc.start()
    for number in range(20_000):
        throttle.failed(f"{number}-" + "x" * 2_000, f"10.0.{number % 250}.1")
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert held < 10_000_000  # every name kept whole would be over 40 MB


def test_token_expires_lists_and_revokes(seeded, people, engine, make_client, cli, db_url):
    users = UserRepository(engine)
    token = users.create_token("basel", "nightly", expires_in=timedelta(days=90))
    expired = users.create_token("basel", "old", expires_in=timedelta(seconds=-1))
    client = make_client()
    ok = client.get("/api/incidents", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200
    gone = client.get("/api/incidents", headers={"Authorization": f"Bearer {expired}"})
    assert gone.status_code == 401
    listed = users.tokens("basel")
    assert [t.label for t in listed] == ["nightly", "old"]
    assert listed[0].expires_at is not None and listed[0].last_used_at is not None
    result = cli("users", "tokens", "basel", "--db", db_url)
    assert "nightly" in result.output and str(listed[0].id) in result.output
    assert cli("users", "revoke", str(listed[0].id), "--db", db_url).exit_code == 0
    after = client.get("/api/incidents", headers={"Authorization": f"Bearer {token}"})
    assert after.status_code == 401


def test_token_use_is_in_the_audit_log(seeded, people, engine, make_client):
    from sqlalchemy import select

    from harmwatch.store.tables import audit_log

    users = UserRepository(engine)
    token = users.create_token("basel", "script")
    client = make_client()
    for _ in range(3):
        client.get("/api/incidents", headers={"Authorization": f"Bearer {token}"})
    with engine.connect() as connection:
        rows = connection.execute(select(audit_log.c.who, audit_log.c.action)
                                  .where(audit_log.c.object_type == "api_token")).all()
    assert [tuple(row) for row in rows] == [("basel", "use")]  # once per hour, not per call


def test_token_command_takes_an_expiry(people, engine, cli, db_url):
    result = cli("users", "token", "basel", "--expires", "90d", "--db", db_url)
    assert result.exit_code == 0, result.output
    (info,) = UserRepository(engine).tokens("basel")
    assert timedelta(days=89) < info.expires_at - info.created_at <= timedelta(days=90)
    bad = cli("users", "token", "basel", "--expires", "soon", "--db", db_url)
    assert bad.exit_code != 0 and "--expires" in bad.output


@pytest.mark.parametrize("path", ["/api/incidents?page=100000000000000000000",
                                  "/api/documents?offset=100000000000000000000",
                                  "/api/incidents?per_page=100000"])
def test_huge_paging_is_refused_not_a_500(seeded, people, make_client, path):
    response = make_client("carla").get(path)
    assert response.status_code in (400, 422)


def test_events_limit_is_applied_and_total_counted(seeded, people, make_client):
    client = make_client("carla")
    everything = client.get("/api/events").json()
    one = client.get("/api/events", params={"limit": 1}).json()
    assert len(one["events"]) == 1 and one["total"] == everything["total"] > 1


def test_an_events_page_is_limited_in_the_database_not_after(seeded, people, make_client,
                                                             engine):
    """Finding 15: `?limit=1` must not read every event and slice them in Python."""
    client = make_client("carla")
    statements: list[str] = []

    def record(connection, cursor, statement, *args):
        statements.append(statement)

    sqlalchemy.event.listen(engine, "before_cursor_execute", record)
    try:
        assert len(client.get("/api/events", params={"limit": 1}).json()["events"]) == 1
    finally:
        sqlalchemy.event.remove(engine, "before_cursor_execute", record)
    reads = [s for s in statements if "FROM events" in s and "count(" not in s.lower()]
    assert reads and all("LIMIT" in s for s in reads)


def test_a_500_carries_the_security_headers(engine, people):
    app = create_app(engine, secret_key="k", public=True)

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    for header in ("content-security-policy", "x-frame-options", "x-content-type-options"):
        assert header in response.headers
    assert response.headers["cache-control"] == "no-store"


def test_openapi_and_docs_need_a_login_unless_public(seeded, people, make_client):
    anonymous = make_client()
    assert anonymous.get("/openapi.json").status_code in (303, 401)
    assert anonymous.get("/docs").status_code in (303, 401)
    assert "/api/incidents" in make_client("carla").get("/openapi.json").json()["paths"]
    assert make_client(public=True).get("/openapi.json").status_code == 200


def test_server_side_fetches_are_bounded_and_health_still_answers(seeded, people, engine,
                                                                   make_client):
    token = UserRepository(engine).create_token("basel")
    client = make_client()
    slots = client.app.state.fetch_slots
    while slots.acquire(blocking=False):
        pass  # every slot taken, as by slow servers
    busy = client.post("/api/ingest", headers={"Authorization": f"Bearer {token}"},
                       json={"url": "http://example.org/report"})
    assert busy.status_code == 503 and busy.headers["retry-after"]
    assert client.get("/health").json()["status"] == "ok"


def test_api_ingest_refuses_an_implausible_date(seeded, people, engine, make_client):
    token = UserRepository(engine).create_token("basel")
    response = make_client().post("/api/ingest", headers={"Authorization": f"Bearer {token}"},
                                  json={"text": "Jets struck Tabqa.", "published": "0001-01-01"})
    assert response.status_code == 422
    assert "not a plausible publication date" in response.json()["error"]["message"]


def test_password_command_ends_sessions(seeded, people, make_client, cli, db_url):
    client = make_client("carla")
    result = cli("users", "password", "carla", "--db", db_url, input="another long one\n")
    assert result.exit_code == 0, result.output
    assert client.get("/api/incidents").status_code == 401
    assert _log_in(make_client(), "carla", "another long one").status_code == 303
