"""A live server and real Chromium (Debian's package, through Playwright) for browser tests.

Import the fixtures into a test module: `from tests.web.live import browser, server`.
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

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Set HARMWATCH_SCREENSHOTS=docs/screenshots to refresh the pictures docs/web.md shows.
SCREENSHOTS_DIR = os.environ.get("HARMWATCH_SCREENSHOTS")
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def more_reports(engine) -> None:
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
    """A seeded database served by uvicorn on a free loopback port; yields (base URL, engine)."""
    from tests.web.conftest import PASSWORD, seed  # conftest imports this module's fixtures

    engine = create(f"sqlite:///{tmp_path / 'browser.db'}")
    migrate(engine)
    more_reports(engine)
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


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where screenshots go: docs/screenshots when HARMWATCH_SCREENSHOTS says so."""
    folder = Path(SCREENSHOTS_DIR) if SCREENSHOTS_DIR else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_page(browser, problems: list[str], viewport: dict = DESKTOP):
    """A page that records console errors and script errors (CSP violations included)."""
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page


def log_in(page, base: str, name: str) -> None:
    from tests.web.conftest import PASSWORD

    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/incidents")


def sideways_overflow(page) -> int:
    """How many pixels the page scrolls sideways (0 when everything fits the window)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
