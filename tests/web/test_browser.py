"""Real Chromium (Debian's package) through Playwright against a live server on loopback.

The flow a reviewer follows: log in, filter, compare the map with the list, open an incident,
read the highlighted evidence, correct a casualty figure, find it in the audit log; and a
viewer who cannot edit. Screenshots of each page are taken at 1366x768.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import sync_playwright

from harmwatch.store import DocumentRepository, UserRepository
from harmwatch.store.db import create, migrate
from harmwatch.web import create_app
from tests.incidents.factory import casualties, report
from tests.web.conftest import ARABIC_TEXT, PASSWORD, seed

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Set HARMWATCH_SCREENSHOTS=docs/screenshots to refresh the pictures docs/web.md shows.
SCREENSHOTS_DIR = os.environ.get("HARMWATCH_SCREENSHOTS")
VIEWPORT = {"width": 1366, "height": 768}


def _more_reports(engine) -> None:
    """A dozen more single-source reports, so the list and map look like a working day."""
    documents = DocumentRepository(engine)
    towns = ["Tabqa", "Raqqa", "Maskanah", "Al-Mansoura"]
    methods = ["air_strike", "shelling", "drone_strike", "air_strike"]
    for number in range(12):
        town, method = towns[number % 4], methods[number // 3 % 4]
        text = (f"Report {number}: a {method.replace('_', ' ')} hit a residential area of "
                f"{town}, killing {number + 2} people including {number} civilians.")
        report(documents, text, town=town, method=method, targets=("residential",),
               day=date(2016, 6 + number % 5, 1 + 2 * number), actor=["coalition", "russia",
               "syrian_government"][number % 3], killed=casualties(number + 2, number))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """A seeded database served by uvicorn on a free loopback port; yields the base URL."""
    engine = create(f"sqlite:///{tmp_path / 'browser.db'}")
    migrate(engine)
    _more_reports(engine)
    seed(engine)
    users = UserRepository(engine)
    users.add("basel", PASSWORD, "editor")
    users.add("carla", PASSWORD, "viewer")
    port = _free_port()
    config = uvicorn.Config(create_app(engine, secret_key="browser-test"), host="127.0.0.1",
                            port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", engine
    instance.should_exit = True
    thread.join(10)
    engine.dispose()


@pytest.fixture
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser, problems: list[str]):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page


def _log_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/incidents")


def test_review_flow_in_chromium(server, browser, tmp_path):
    base, engine = server
    problems: list[str] = []
    page = _page(browser, problems)
    shots = Path(SCREENSHOTS_DIR) if SCREENSHOTS_DIR else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    _log_in(page, base, "basel")

    page.select_option("select[name=method]", "air_strike")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**method=air_strike**")
    rows = page.locator("tr.incident-row").count()
    listed = page.context.request.get(f"{base}/api/incidents?method=air_strike").json()
    assert rows == listed["total"] > 3
    page.screenshot(path=str(shots / "list.png"))

    page.click("text=Show on map")
    page.wait_for_selector("#map[data-markers]", state="attached")
    assert int(page.get_attribute("#map", "data-markers")) == rows
    assert page.locator(".leaflet-interactive").count() > 0
    page.screenshot(path=str(shots / "map.png"))

    page.goto(f"{base}/incidents?method=air_strike&q=market")
    page.click("a.incident-link")
    page.wait_for_selector(".evidence .hl-event")
    assert page.locator(".evidence .hl-event").first.is_visible()
    assert page.locator('.evidence[dir="rtl"]').count() == 1
    page.wait_for_selector("#map[data-markers]", state="attached")
    page.screenshot(path=str(shots / "incident.png"), full_page=False)

    page.fill("input[name=killed_civilians_min]", "9")
    page.fill("input[name=killed_civilians_max]", "14")
    page.fill(".edit-form input[name=why]", "hospital list names 9 to 14 civilians")
    page.click(".edit-form button[type=submit]")
    page.wait_for_selector("tr.audit-row")
    audit = page.locator("tr.audit-row").first.inner_text()
    assert "basel" in audit and "hospital list" in audit and "14" in audit
    assert page.locator(".casualties").inner_text().count("9–14") == 1
    incident_url = page.url.split("#")[0]

    document = next(d for d in DocumentRepository(engine).all() if d.text == ARABIC_TEXT)
    page.goto(f"{base}/documents/{document.id}")
    page.wait_for_selector(".document-text .hl-place")
    assert page.get_attribute("#document-text", "dir") == "rtl"
    page.screenshot(path=str(shots / "document.png"))
    page.goto(f"{base}/timeline")
    page.screenshot(path=str(shots / "timeline.png"))
    assert problems == [], problems  # no CSP violations, no script errors

    viewer = _page(browser, problems)
    _log_in(viewer, base, "carla")
    viewer.goto(incident_url)
    assert viewer.locator(".edit-form").count() == 0
    token = viewer.locator("input[name=csrf_token]").first.get_attribute("value")
    refused = viewer.context.request.post(f"{incident_url}/edit", form={
        "csrf_token": token, "version": "2", "killed_civilians_min": "0", "why": "no"})
    assert refused.status == 403
    assert "viewer" in refused.text()
