"""Real Chromium (Debian's package) through Playwright against a live server on loopback.

The flow a reviewer follows: log in, filter, compare the map with the list, open an incident,
read the highlighted evidence, correct a casualty figure, find it in the audit log; and a
viewer who cannot edit. Screenshots of each page are taken at 1366x768.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from harmwatch.store import DocumentRepository
from tests.web.conftest import ARABIC_TEXT
from tests.web.live import SCREENSHOTS_DIR, VIEWPORTS, log_in, new_page, sideways_overflow

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


def _apply_filter(page, name: str, value: str) -> None:
    """Choose a filter as a person does; on a phone the panel is folded first."""
    if not page.locator("#filters").is_visible():
        page.click("#filter-panel summary")
    page.select_option(f"#filters select[name={name}]", value)
    page.click("#filters button[type=submit]")
    page.wait_for_url(f"**{name}={value}**")


def _two_tabqa_strikes(base: str, page) -> tuple[dict, dict]:
    listed = page.context.request.get(
        f"{base}/api/incidents?method=air_strike&q=Tabqa&per_page=100").json()["incidents"]
    single = [i for i in listed if len(i["event_ids"]) == 1 and i["killed"]["total"]]
    return single[0], single[1]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_analysts_day_in_chromium(server, browser, shots, size):
    """Issue 14's walk: filter, map, timeline, incident, correct the perpetrator, merge,
    split back, export the filtered list; at 1366x768 and 390x844, nothing sideways."""
    base, _ = server
    problems: list[str] = []
    page = new_page(browser, problems, VIEWPORTS[size])
    log_in(page, base, "basel")

    _apply_filter(page, "method", "air_strike")
    total = page.context.request.get(f"{base}/api/incidents?method=air_strike").json()["total"]
    assert page.locator("tr.incident-row").count() == total > 3
    assert sideways_overflow(page) <= 0
    page.screenshot(path=str(shots / f"walk-{size}-1-list.png"))

    page.click(".topbar nav >> text=Map")
    page.wait_for_selector("#map[data-labels]", state="attached")
    assert int(page.get_attribute("#map", "data-markers")) == total
    assert sideways_overflow(page) <= 0
    page.screenshot(path=str(shots / f"walk-{size}-2-map.png"))

    page.click(".topbar nav >> text=Timeline")
    page.wait_for_selector("#timeline-chart")
    assert "method=air_strike" in page.url and sideways_overflow(page) <= 0
    page.screenshot(path=str(shots / f"walk-{size}-3-timeline.png"))
    page.locator("a.bar-link").first.dispatch_event("click")
    page.wait_for_url("**/incidents?**date_from=**")
    assert "method=air_strike" in page.url and page.locator("tr.incident-row").count() >= 1

    first, second = _two_tabqa_strikes(base, page)
    page.goto(f"{base}/incidents/{first['id']}")
    assert sideways_overflow(page) <= 0
    page.screenshot(path=str(shots / f"walk-{size}-4-incident.png"))

    page.select_option(".edit-form select[name=actor1]", "russia")
    page.fill(".edit-form input[name=why]", "the ministry's statement names Russian jets")
    page.click(".edit-form button[type=submit]")
    page.wait_for_selector("tr.audit-row")
    assert page.locator(".perpetrator").inner_text() == "Russian armed forces"
    page.screenshot(path=str(shots / f"walk-{size}-5-corrected.png"))

    page.goto(f"{base}/incidents/{first['id']}/merge")
    page.fill(".merge-form input[name=ids]", second["id"])
    page.fill(".merge-form input[name=why]", "same strike, two reports")
    page.click(".merge-form button[type=submit]")
    page.wait_for_selector("tr.audit-row")
    merged_id = page.url.split("/incidents/")[1].split("#")[0]
    merged = page.context.request.get(f"{base}/api/incidents/{merged_id}").json()["incident"]
    assert set(merged["event_ids"]) == {*first["event_ids"], *second["event_ids"]}
    assert merged["fatalities"] > 0 and merged["killed"]["total"]["max"] >= max(
        first["killed"]["total"]["max"], second["killed"]["total"]["max"])
    assert sideways_overflow(page) <= 0
    page.screenshot(path=str(shots / f"walk-{size}-6-merged.png"))

    page.goto(f"{base}/incidents/{merged_id}/split")
    page.check(f".split-form input[value='{second['event_ids'][0]}']")
    page.fill(".split-form input[name=why]", "two strikes after all")
    page.click(".split-form button[type=submit]")
    page.wait_for_url("**/incidents/inc-*")
    split_id = page.url.split("/incidents/")[1].split("#")[0]
    split_off = page.context.request.get(f"{base}/api/incidents/{split_id}").json()["incident"]
    assert split_off["event_ids"] == second["event_ids"]

    page.goto(f"{base}/incidents?method=air_strike")
    with page.expect_download() as download:
        page.click("a.export-link")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert len(rows) == total
    assert problems == [], problems
