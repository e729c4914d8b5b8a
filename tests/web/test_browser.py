"""Real Chromium (Debian's package) through Playwright against a live server on loopback.

The flow a reviewer follows: log in, filter, compare the map with the list, open an incident,
read the highlighted evidence, correct a casualty figure, find it in the audit log; and a
viewer who cannot edit. Screenshots of each page are taken at 1366x768.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harmwatch.store import DocumentRepository
from tests.web.conftest import ARABIC_TEXT
from tests.web.live import SCREENSHOTS_DIR, log_in, new_page

pytestmark = pytest.mark.browser


def test_review_flow_in_chromium(server, browser, tmp_path):
    base, engine = server
    problems: list[str] = []
    page = new_page(browser, problems)
    shots = Path(SCREENSHOTS_DIR) if SCREENSHOTS_DIR else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    log_in(page, base, "basel")

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

    viewer = new_page(browser, problems)
    log_in(viewer, base, "carla")
    viewer.goto(incident_url)
    assert viewer.locator(".edit-form").count() == 0
    token = viewer.locator("input[name=csrf_token]").first.get_attribute("value")
    refused = viewer.context.request.post(f"{incident_url}/edit", form={
        "csrf_token": token, "version": "2", "killed_civilians_min": "0", "why": "no"})
    assert refused.status == 403
    assert "viewer" in refused.text()
