"""A real dashboard on a free port and a real Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from analytics.serve import CHROMIUM, CHROMIUM_ARGS, running_dashboard


@pytest.fixture(scope="module")
def app_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("e2e") / "app.duckdb"
    shutil.copy(demo_db, db)
    with running_dashboard(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()
