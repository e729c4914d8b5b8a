"""The map (issue 14): place names from the embedded gazetteer, bounds fitted to the country
most incidents are in (a stray London report does not shrink Syria), clusters and markers
coloured by grade, tooltips with date, attacker, method and civilian deaths."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from harmwatch.incidents import build_incidents
from harmwatch.model import Location
from harmwatch.store import DocumentRepository, IncidentRepository
from tests.incidents.factory import make_event, store_report
from tests.web.live import log_in, new_page

GRADED_MARKERS = ("() => [...document.querySelectorAll('path.leaflet-interactive')]"
                  ".some(p => ['#b54708', '#8a6100'].includes(p.getAttribute('fill')))")

pytestmark = pytest.mark.browser


def _london(engine) -> None:
    text = "A protest in London against the strikes."
    event = make_event(text, method="other", actor=None)
    event = event.model_copy(update={"location": Location(
        text="London", span=event.location.span, name="London", lat=51.5, lon=-0.12,
        country="GB", precision=1)})
    store_report(DocumentRepository(engine), text, event, publisher="BBC")
    build_incidents(IncidentRepository(engine))


def _zoom_into_clusters_until_markers_show(page) -> None:
    """A cluster's click zooms to its bounds, where close markers may still be clusters of
    their own: click again until the graded markers themselves show (the zoom is animated)."""
    for _ in range(5):
        page.locator(".grade-cluster").first.click()
        try:
            page.wait_for_function(GRADED_MARKERS, timeout=6000)
            return
        except PlaywrightTimeout:
            if not page.locator(".grade-cluster").count():
                break
    page.wait_for_function(GRADED_MARKERS)


def test_the_map_fits_syria_names_places_and_colours_by_grade(server, browser, shots):
    base, engine = server
    _london(engine)
    problems: list[str] = []
    page = new_page(browser, problems)
    log_in(page, base, "basel")
    page.goto(f"{base}/map")
    page.wait_for_selector("#map[data-labels]", state="attached")
    assert page.get_attribute("#map", "data-fitted") == "SY"
    page.screenshot(path=str(shots / "map-fitted.png"))
    labels = page.locator(".place-label").all_inner_texts()
    assert "Ar Raqqah" in labels or any("Raqq" in t for t in labels), labels[:20]
    assert "London" not in labels  # fitted to Syria: London is far off screen
    clusters = page.eval_on_selector_all(".grade-cluster", "cs => cs.map(c => c.className)")
    assert clusters and all("cluster-weak" in c or "cluster-fair" in c for c in clusters)
    _zoom_into_clusters_until_markers_show(page)
    fills = page.eval_on_selector_all("path.leaflet-interactive",
                                      "paths => paths.map(p => p.getAttribute('fill'))")
    assert "#b54708" in fills or "#8a6100" in fills  # Fair and Weak markers in their colours
    # What each tooltip says: date, attacker and method in words, civilian deaths.
    points = page.context.request.get(f"{base}/api/incidents.geojson").json()
    tabqa = next(f["properties"] for f in points["features"]
                 if f["properties"]["place"] == "Tabqa" and f["properties"]["civilians"])
    assert tabqa["attacker"] in ("International coalition (CJTF-OIR)", "Russian armed forces",
                                 "Syrian government forces")
    assert tabqa["method"] in ("air strike", "drone strike", "shelling") and tabqa["date"]
    assert problems == [], problems
