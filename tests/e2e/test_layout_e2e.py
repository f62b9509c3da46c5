"""Nothing cut off at the meeting room's two screen sizes (issue 10): every screen of
ui.screens.SCREENS, each of its tabs, signed in as hr (every screen), checked by one detector
(tests/e2e/overflow.js: text ending in "…", boxes wider inside than outside that are not
deliberate scrollers, text past the window's edge, data-grid columns behind a scrollbar or cells
cut at their column's edge, chart text over a title or outside its chart)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from analytics.demo_files import DEMO_UNITS
from scripts.screenshots import SIZES, screens

if TYPE_CHECKING:
    from tests.e2e.conftest import SignIn

pytestmark = pytest.mark.e2e

DETECTOR = (Path(__file__).parent / "overflow.js").read_text(encoding="utf-8")
LONGEST_UNIT = max(DEMO_UNITS, key=len)  # "Trung tâm Phục vụ hành chính công"
TIMEOUT = 30_000


def settle(page: Page) -> None:
    """Wait for the run to end and Plotly to draw."""
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=10 * TIMEOUT)
    page.wait_for_timeout(2500)


def cut_off(page: Page) -> list[str]:
    """The detector's findings on the screen as drawn now, and on each of its tabs."""
    settle(page)
    found = list(page.evaluate(DETECTOR))
    tabs = page.locator("[data-testid='stMain'] [data-baseweb='tab']")
    for i in range(1, tabs.count()):
        tab = tabs.nth(i)
        name = tab.inner_text().strip()
        tab.click()
        settle(page)
        found += [f"(tab {name}) {f}" for f in page.evaluate(DETECTOR)]
    return found


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize(("path", "link", "name"), screens(), ids=[n for _, _, n in screens()])
def test_nothing_is_cut_off_on_any_screen(
    page: Page,
    app_url: str,
    sign_in: SignIn,
    width: int,
    height: int,
    path: str,
    link: str,
    name: str,
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{app_url}/{path}", "hr")
    nav = page.locator("[data-testid='stSidebarNav']")
    expect(nav.get_by_role("link", name=link, exact=True)).to_have_attribute(
        "aria-current", "page", timeout=TIMEOUT
    )
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    found = cut_off(page)
    assert not found, f"{name} at {width}×{height}:\n" + "\n".join(found)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_chosen_unit_reads_in_full_in_the_sidebar(
    page: Page, app_url: str, sign_in: SignIn, width: int, height: int
) -> None:
    """The longest unit name, chosen in the sidebar (through the URL), is not cut to "…"."""
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{app_url}/?don_vi={quote(LONGEST_UNIT)}", "hr")
    sidebar = page.locator("[data-testid='stSidebar']")
    tag = sidebar.locator("[data-testid='stMultiSelectTagsContainer'] [data-tag]").first
    expect(tag).to_contain_text(LONGEST_UNIT, timeout=TIMEOUT)
    found = [f for f in cut_off(page) if "ellipsis" in f or "sideways" in f]
    assert not found, "\n".join(found)


def pick_first(page: Page, label: str) -> None:
    """Choose the first option of the selectbox labelled ``label`` in the main area (its
    arrow button opens the list: a click on the field does not)."""
    field = page.locator("[data-testid='stMain']").get_by_label(label, exact=True)
    opener = field.locator("xpath=ancestor::*[@data-testid='stSelectbox']").locator("button").last
    option = page.get_by_role("option").first
    for _ in range(5):
        # A click during the run's redraw is lost, and the redraw can replace the field under
        # the hand (Playwright: "not attached to the DOM"): wait for the run, open again.
        try:
            field.scroll_into_view_if_needed(timeout=5000)
            opener.click(timeout=5000)
            option.wait_for(timeout=3000)
            break
        except PlaywrightError:  # TimeoutError is one of these
            settle(page)
    option.click()
    settle(page)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_people_lists_of_trinh_do_read_in_full(
    page: Page, app_url: str, sign_in: SignIn, width: int, height: int
) -> None:
    """Trình độ's two people lists (a dozen columns), opened from the chart's picker and the
    BM02 cell picker: every column in view, every text whole, the whole page of rows shown."""
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{app_url}/trinh-do", "hr")
    settle(page)
    pick_first(page, "Xem danh sách")
    pick_first(page, "Xem danh sách: dòng")
    pick_first(page, "Cột")
    lists = page.locator("[data-testid='stTable']").filter(has_text="Họ và tên")
    expect(lists).to_have_count(2, timeout=TIMEOUT)
    found = list(page.evaluate(DETECTOR))
    assert not found, f"trinh-do lists at {width}×{height}:\n" + "\n".join(found)
