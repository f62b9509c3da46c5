"""The first click after a filter change does what it says (issue 10: "the first click after a
filter change was twice ignored"). A sidebar multiselect keeps its menu open after a pick; the
click that follows must still reach the chart, the link or the box it lands on."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.e2e.conftest import SignIn

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000
# The centre of the chart's biggest bar, measured in one go (Plotly redraws its paths).
BIGGEST_BAR = """chart => {
    const boxes = [...chart.querySelectorAll('.bars path')].map(p => p.getBoundingClientRect());
    const b = boxes.sort((a, c) => c.width * c.height - a.width * a.height)[0];
    return [b.x + b.width / 2, b.y + b.height / 2];
}"""


def _settled(page: Page) -> None:
    """Wait until the script run is over (Streamlit's "running" widget gone)."""
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=TIMEOUT)


def _pick_field(page: Page, field: str) -> None:
    """Choose ``field`` in the sidebar's "Lĩnh vực" and leave its menu open, as a user does."""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has_text="Lĩnh vực"
    )
    # At 1366x768 the box ends below the window: bring it in first, as a user scrolls to it
    # (a click that scrolls the sidebar on its way in now and then only focuses the box).
    box.scroll_into_view_if_needed()
    _settled(page)
    box.click()
    page.get_by_role("option", name=field, exact=True).click()
    expect(page).to_have_url(re.compile("linh_vuc="), timeout=TIMEOUT)
    _settled(page)


@pytest.fixture
def trinh_do(page: Page, app_url: str, sign_in: SignIn) -> Page:
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, f"{app_url}/trinh-do", "hr")
    expect(page.get_by_role("heading", level=1).first).to_have_text(
        "Trình độ đội ngũ", timeout=TIMEOUT
    )
    _settled(page)
    return page


def test_the_first_click_on_a_bar_after_a_filter_change_opens_its_list(trinh_do: Page) -> None:
    page = trinh_do
    lists = page.locator(  # a people list is a wrapping table (st.table) or a data grid
        "[data-testid='stMain'] :is([data-testid='stDataFrame'], [data-testid='stTable'])"
    )
    old = page.locator("[data-testid='stMain'] .js-plotly-plot").first.element_handle()
    _pick_field(page, "Đất đai")
    # The rerun draws the chart anew (Streamlit gives a changed figure a new element): the
    # click is on the new chart, as soon as it is there.
    page.wait_for_function("old => !old.isConnected", arg=old, timeout=TIMEOUT)
    chart = page.locator("[data-testid='stMain'] .js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".bars path").first).to_be_attached(timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # Plotly's own drawing
    x, y = chart.evaluate(BIGGEST_BAR)
    before = lists.count()
    page.mouse.click(x, y)  # one click
    expect(lists).to_have_count(before + 1, timeout=TIMEOUT)


def test_the_first_click_on_a_screen_link_after_a_filter_change_opens_it(trinh_do: Page) -> None:
    page = trinh_do
    _pick_field(page, "Đất đai")
    # The open menu hides the rest from the accessibility tree: find the link by its address,
    # click where it is drawn, as the mouse does.
    link = page.locator("[data-testid='stSidebarNav'] a[href*='bo-tri']")
    box = link.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.get_by_role("heading", level=1).first).to_have_text(
        "Bố trí cán bộ, công chức theo tiêu chuẩn", timeout=TIMEOUT
    )
    assert "linh_vuc=" in page.url  # the filter came along
