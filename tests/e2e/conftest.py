"""A real dashboard on a free port and a real Chromium (Debian's, driven by Playwright).

Every page load starts a new Streamlit session, so a test signs in after each ``page.goto``:
``sign_in(page, url, role)`` opens ``url`` and signs in through the real form as the demo account
of ``role`` (tests/conftest.py ``DEMO_USERS``).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, WebSocket, expect, sync_playwright

from analytics.serve import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from tests.conftest import DEMO_USERS

TIMEOUT = 30_000
SignIn = Callable[[Page, str, str], None]


@pytest.fixture(scope="module")
def app_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("e2e") / "app.duckdb"
    shutil.copy(demo_db, db)  # the demo accounts come with it
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


SIGNIN_BUTTON = ".st-key-signin_submit"  # by key: the accounts screen has a "Tên đăng nhập" too


def signin_form(page: Page) -> Locator:
    """The sign-in form's button as the current run drew it (not a stale copy of the last)."""
    return page.locator(f"{SIGNIN_BUTTON}:not([data-stale='true'])")


def submit_sign_in(page: Page, username: str, password: str) -> None:
    """Fill the sign-in form and press "Đăng nhập" (without waiting for the answer)."""
    page.get_by_label("Tên đăng nhập", exact=True).fill(username)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def sign_in_as(page: Page, url: str, username: str, password: str) -> None:
    """Open ``url``, sign in, and wait for the screen behind the form."""
    page.goto(url)
    expect(signin_form(page)).to_be_visible(timeout=TIMEOUT)
    submit_sign_in(page, username, password)
    expect(page.locator(SIGNIN_BUTTON)).to_have_count(0, timeout=TIMEOUT)  # stale copies too
    expect(page.get_by_role("heading", level=1).first).to_be_visible(timeout=TIMEOUT)


@pytest.fixture
def sign_in(demo_passwords: dict[str, str]) -> SignIn:
    """``sign_in(page, url, role)``: open ``url`` and sign in as the demo account of ``role``."""

    def sign_in(page: Page, url: str, role: str) -> None:
        username = DEMO_USERS[role]
        sign_in_as(page, url, username, demo_passwords[username])

    return sign_in


class Frames:
    """The text of every websocket frame the page receives from now on (Streamlit's protobuf
    messages carry their strings as UTF-8, so a name sent to the browser shows up here even
    when nothing draws it)."""

    def __init__(self, page: Page) -> None:
        self._texts: list[str] = []
        page.on("websocket", self._watch)

    def _watch(self, ws: WebSocket) -> None:
        ws.on("framereceived", self._add)

    def _add(self, payload: str | bytes) -> None:
        text = payload.decode("utf-8", errors="ignore") if isinstance(payload, bytes) else payload
        self._texts.append(text)

    def mark(self) -> int:
        """A point in the stream, for ``text(since=…)``."""
        return len(self._texts)

    def text(self, since: int = 0) -> str:
        return "\n".join(self._texts[since:])

    def wait_until(self, page: Page, done: Callable[[str], bool], since: int = 0) -> str:
        """The text received since ``since`` once ``done`` holds for it (polling: Playwright
        delivers frames only while it waits)."""
        deadline = time.monotonic() + TIMEOUT / 1000
        while not done(self.text(since)):
            if time.monotonic() > deadline:
                raise AssertionError("the awaited websocket frame did not come")
            page.wait_for_timeout(100)
        return self.text(since)


@pytest.fixture
def frames(page: Page) -> Frames:
    """Frames received by ``page``; take it before the first ``goto``."""
    return Frames(page)
