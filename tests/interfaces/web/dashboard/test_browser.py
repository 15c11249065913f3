"""The dashboard in a real headless Chromium, served over HTTP on 127.0.0.1.

A seeded SQLite store, the API served by werkzeug in a thread (keeping its views current
in the background, as ``dualtrack serve`` does on SQLite), and Chromium driven by
chromedriver with networking it does not need turned off. The page's figures must be
the projections' figures; a screenshot goes to ``artifacts/dashboard.png``.

Needs /usr/bin/chromium (or ``chromium`` on PATH) and chromedriver: skipped without them
locally, failed under ``CI=true``, where the browser must be installed.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from interfaces.web import create_app
from tests.application.agreements.fixtures import draft_agreement
from tests.application.participants.builders import token_for
from tests.application.projections.world import Built, built_world
from tests.interfaces.web.serving import HOST
from tests.interfaces.web.views_world import ADMIN

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[4] / "artifacts"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1400,1000")
STATES = ("draft", "active", "suspended", "completed", "terminated", "cancelled")


def _browser() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium and driver:
        return chromium, driver
    missing = "chromium" if not chromium else "chromedriver"
    if os.environ.get("CI"):
        pytest.fail(f"{missing} is required in CI for the browser tests but was not found")
    pytest.skip(f"{missing} not installed")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with built_world("sqlite", tmp_path_factory.mktemp("browser")) as built:
        yield built


@pytest.fixture(scope="module")
def server(seeded: Built) -> Iterator[str]:
    app = create_app(seeded.system, keep_views_current=True)
    httpd = make_server(HOST, 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(timeout=10)
        app.extensions["dualtrack"].close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium, chromedriver = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def agreements_shown(browser: Any) -> dict[str, int]:
    from selenium.webdriver.common.by import By

    rows = browser.find_elements(By.CSS_SELECTOR, "#by-region tbody tr")
    return {row.get_attribute("data-key"): int(row.find_element(By.CSS_SELECTOR,
                                                                "td.agreements").text)
            for row in rows}


def agreements_projected(seeded: Built) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in seeded.projections.monitoring_dual_training("region"):
        totals[row.group] = totals.get(row.group, 0) + sum(
            getattr(row, f"agreements_{state}") for state in STATES)
    return totals


def sign_in(browser: Any, server: str, seeded: Built, **query: str) -> None:
    from selenium.webdriver.common.by import By

    token = seeded.system.participants.issue_token(ADMIN, token_for("monitor"))
    browser.delete_all_cookies()  # the browser is shared: sign in afresh
    browser.get(f"{server}/dashboard")
    field = browser.find_element(By.NAME, "token")
    field.send_keys(token)
    field.submit()  # posted to /dashboard/sign-in, never put in the address
    if query:
        browser.get(f"{server}/dashboard?" + "&".join(f"{k}={v}" for k, v in query.items()))


def test_the_dashboard_shows_the_projections_figures_in_a_real_browser(browser, server, seeded):
    sign_in(browser, server, seeded)

    assert browser.current_url == f"{server}/dashboard"  # the token left the address bar
    assert browser.title.startswith("Dual training monitoring")
    assert agreements_shown(browser) == agreements_projected(seeded) == {"35": 10, "71": 4}
    charts = browser.execute_script("return document.querySelectorAll('svg rect').length")
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert charts > 0 and fetched == []  # nothing loaded from anywhere: works offline
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1400, height + 100)
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "dashboard.png"))


def test_the_filter_form_narrows_the_page_to_a_year(browser, server, seeded):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    sign_in(browser, server, seeded)
    Select(browser.find_element(By.NAME, "year")).select_by_value("2025")
    browser.find_element(By.CSS_SELECTOR, "#filters button").click()

    WebDriverWait(browser, 10).until(lambda driver: "year=2025" in driver.current_url
                                     and driver.find_element(By.ID, "by-region"))
    expected = {row.group: sum(getattr(row, f"agreements_{s}") for s in STATES)
                for row in seeded.projections.monitoring_dual_training("region", year=2025)}
    assert agreements_shown(browser) == expected


def test_the_served_views_follow_new_events_without_any_other_process(browser, server, seeded):
    sign_in(browser, server, seeded)
    before = agreements_shown(browser)["35"]

    draft_agreement(seeded.system, number="BROWSER-1")

    deadline = time.monotonic() + 10
    while agreements_shown(browser)["35"] == before and time.monotonic() < deadline:
        browser.refresh()
    assert agreements_shown(browser)["35"] == before + 1
