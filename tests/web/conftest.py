"""Web fixtures: a seeded database, users of every role, and clients that log in."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from harmwatch.incidents import build_incidents
from harmwatch.store import DocumentRepository, IncidentRepository, UserRepository
from harmwatch.web import create_app
from tests.incidents.factory import casualties, make_event, report, store_report

PASSWORD = "correct horse battery"
XSS_TEXT = ('Warplanes struck Tabqa <script>alert(1)</script> and '
            '<img src=x onerror="alert(2)"> killing 4 civilians.')
ARABIC_TEXT = "قصفت طائرات حربية سوق مدينة Tabqa وقتل ١٢ مدنياً بحسب شهود عيان."


def seed(engine) -> IncidentRepository:
    """Four incidents: a two-source air strike in Tabqa, a shelling in Maskanah, a strike on a
    school in Al-Mansoura, and one in Raqqa whose report carries HTML and script."""
    documents, incidents = DocumentRepository(engine), IncidentRepository(engine)
    report(documents, "Warplanes struck the market in Tabqa, killing 12 civilians.",
           killed=casualties(12, 12), targets=("market",))
    store_report(documents, ARABIC_TEXT, make_event(ARABIC_TEXT, killed=casualties(12, 12)),
                 publisher="Arabic outlet", language="ar")
    report(documents, "Government artillery shelled Maskanah, wounding seven.", town="Maskanah",
           actor="syrian_government", method="shelling", day=date(2016, 3, 11),
           injured=casualties(7), targets=("residential",))
    report(documents, "A strike on a school in Al-Mansoura killed 3 children in May.",
           town="Al-Mansoura", day=date(2016, 5, 2), killed=casualties(3, 3, 3),
           targets=("school",))
    report(documents, XSS_TEXT, town="Raqqa", day=date(2016, 4, 20),
           killed=casualties(4, 4), targets=("residential",))
    build_incidents(incidents)
    return incidents


@pytest.fixture
def seeded(engine) -> IncidentRepository:
    return seed(engine)


@pytest.fixture
def people(engine) -> dict[str, str]:
    """name -> role, one user of each role, all with PASSWORD."""
    users = UserRepository(engine)
    roles = {"amal": "admin", "basel": "editor", "carla": "viewer"}
    for name, role in roles.items():
        users.add(name, PASSWORD, role)
    return roles


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)


@pytest.fixture
def make_client(engine):
    """Factory: a TestClient on the app, logged in as `name` if given."""
    clients = []

    def make(name: str | None = None, **options) -> TestClient:
        client = TestClient(create_app(engine, secret_key="test-secret", **options),
                            base_url="http://testserver", follow_redirects=False)
        clients.append(client)
        if name:
            page = client.get("/login")
            response = client.post("/login", data={"name": name, "password": PASSWORD,
                                                   "csrf_token": csrf_of(page.text)})
            assert response.status_code == 303, response.text
        return client

    yield make
    for client in clients:
        client.close()


# Browser fixtures (a live server, Chromium), shared by the browser tests; imported last
# because they seed from this module.
from tests.web.live import browser, server, shots  # noqa: E402,F401
