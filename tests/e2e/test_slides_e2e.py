"""The presentation mode in a real Chromium: the keys move the slide, and each slide fits the
window at 1920×1080 and 1366×768 (footer and buttons inside it, nothing wider than it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.e2e.conftest import SignIn

pytestmark = pytest.mark.e2e

SLIDES = 7  # the demo deck: title, figures, four charts, overdue tasks
SIZES = [(1920, 1080), (1366, 768)]


def fits(page: Page) -> dict[str, float]:
    """How the slide sits in the window: its footer's bottom and the page's widest part."""
    return page.evaluate(
        """() => ({
            footer: document.querySelector('.st-key-slides_next').getBoundingClientRect().bottom,
            height: window.innerHeight,
            wide: document.documentElement.scrollWidth,
            width: window.innerWidth,
        })"""
    )


def settled(page: Page) -> None:
    """The run that drew the slide is over: its buttons (and their key shortcuts) are live. A key
    pressed while the deck is still being drawn can land before the shortcut is bound."""
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=30_000)
    expect(page.locator(".st-key-slides_next button")).to_be_visible(timeout=30_000)


def press(page: Page, key: str) -> None:
    settled(page)
    page.keyboard.press(key)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_keys_move_the_slides_and_each_fits_the_window(
    page: Page, app_url: str, sign_in: SignIn, tmp_path: Path, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{app_url}/trinh-chieu", "leader")
    expect(page.get_by_role("heading", name="Trình chiếu")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Bắt đầu trình chiếu").click()
    counter = page.locator(".slide-footer .counter")
    expect(counter).to_have_text(f"Trang 1/{SLIDES}", timeout=30_000)
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
    press(page, "ArrowRight")
    expect(counter).to_have_text(f"Trang 2/{SLIDES}", timeout=15_000)
    press(page, "PageDown")
    expect(counter).to_have_text(f"Trang 3/{SLIDES}", timeout=15_000)
    page.get_by_role("button", name="Tiếp").first.click()  # a click, then space: one step each
    expect(counter).to_have_text(f"Trang 4/{SLIDES}", timeout=15_000)
    press(page, " ")
    expect(counter).to_have_text(f"Trang 5/{SLIDES}", timeout=15_000)
    page.wait_for_timeout(1500)
    expect(counter).to_have_text(f"Trang 5/{SLIDES}")
    press(page, "ArrowLeft")
    expect(counter).to_have_text(f"Trang 4/{SLIDES}", timeout=15_000)
    press(page, "Home")  # not a key of the deck: nothing moves
    for number in range(4, SLIDES + 1):
        expect(counter).to_have_text(f"Trang {number}/{SLIDES}", timeout=15_000)
        page.wait_for_timeout(1200)  # Plotly draws
        place = fits(page)
        assert place["footer"] <= place["height"], (number, place)
        assert place["wide"] <= place["width"], (number, place)
        page.screenshot(path=str(tmp_path / f"trinh_chieu_{number}_{width}.png"))
        if number < SLIDES:
            press(page, "ArrowRight")
    press(page, "Escape")
    expect(page.get_by_role("heading", name="Trình chiếu")).to_be_visible(timeout=15_000)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
