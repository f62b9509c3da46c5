"""The dashboard in a real browser: screens load, filters travel in the URL."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

SCREENS = [
    ("", "Tổng quan chất lượng đội ngũ"),
    ("trinh-do", "Trình độ"),
    ("bo-tri", "Bố trí"),
    ("danh-gia", "Đánh giá"),
    ("ke-hoach", "Tiến độ"),
    ("du-lieu", "Dữ liệu"),
    ("bao-cao", "Báo cáo"),
]


@pytest.mark.parametrize(("path", "heading"), SCREENS)
def test_each_screen_loads_without_an_error(
    page: Page, app_url: str, path: str, heading: str
) -> None:
    page.goto(f"{app_url}/{path}")
    expect(page.get_by_role("heading", level=1).first).to_contain_text(heading, timeout=30_000)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_a_link_with_filters_reproduces_the_view(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?don_vi=L%C3%A3nh+%C4%91%E1%BA%A1o+UBND+ph%C6%B0%E1%BB%9Dng")
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Tổng số CBCC")
    expect(metric.locator("[data-testid='stMetricValue']")).to_have_text("3", timeout=30_000)


def test_filters_are_kept_when_moving_between_screens(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?don_vi=L%C3%A3nh+%C4%91%E1%BA%A1o+UBND+ph%C6%B0%E1%BB%9Dng")
    expect(page.locator("[data-testid='stMetric']").first).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Trình độ đội ngũ").click()
    page.wait_for_url("**/trinh-do**", timeout=30_000)
    expect(page).to_have_url(__import__("re").compile(r"don_vi="), timeout=30_000)
