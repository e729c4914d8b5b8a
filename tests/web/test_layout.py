"""The layout at 1366x768 and 390x844 (a phone): no page scrolls sideways, the nav stays on
its dark bar, the filters fold on a phone, and grade badges are readable (WCAG AA)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harmwatch.store import IncidentRepository
from tests.web.live import VIEWPORTS, log_in, new_page, sideways_overflow

CSS = (Path(__file__).parents[2] / "src/harmwatch/web/static/harmwatch.css").read_text()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("grade", ["confirmed", "fair", "weak", "contested", "discounted"])
def test_grade_badges_meet_wcag_aa(grade):
    colour = re.search(rf"--{grade}: (#[0-9a-f]{{6}})", CSS).group(1)
    assert contrast(colour, "#ffffff") >= 4.5, (grade, colour)


def _pages(base: str, engine) -> dict[str, str]:
    incident = next(iter(IncidentRepository(engine).all()))
    return {"incidents": "/incidents", "map": "/map", "timeline": "/timeline",
            "incident": f"/incidents/{incident.id}", "documents": "/documents",
            "api": "/docs"}


@pytest.mark.browser
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_no_page_scrolls_sideways(server, browser, shots, size):
    base, engine = server
    problems: list[str] = []
    page = new_page(browser, problems, VIEWPORTS[size])
    page.goto(f"{base}/login")
    assert sideways_overflow(page) <= 0, "login"
    page.screenshot(path=str(shots / f"{size}-login.png"))
    log_in(page, base, "basel")
    for name, path in _pages(base, engine).items():
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert sideways_overflow(page) <= 0, name
        page.screenshot(path=str(shots / f"{size}-{name}.png"))
    assert problems == [], problems


@pytest.mark.browser
def test_on_a_phone_the_filters_fold_and_the_nav_stays_on_its_bar(server, browser):
    base, _ = server
    page = new_page(browser, [], VIEWPORTS["phone"])
    log_in(page, base, "basel")
    assert page.locator("#filter-panel").get_attribute("open") is None
    assert not page.locator("#filters").is_visible()
    page.click("#filter-panel summary")
    assert page.locator("#filters select[name=method]").is_visible()
    bar = page.locator(".topbar").bounding_box()
    for link in page.locator(".topbar nav a").all():
        box = link.bounding_box()
        assert bar["y"] <= box["y"] and box["y"] + box["height"] <= bar["y"] + bar["height"]
    assert page.locator("#map").count() == 0
    page.goto(f"{base}/map")
    page.wait_for_selector("#map[data-markers]", state="attached")
    assert page.locator("#map").bounding_box()["height"] >= 300
