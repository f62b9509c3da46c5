"""The dashboard in a real browser: screens load, filters travel in the URL (kept through the
sign-in each new session starts with)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.e2e.conftest import SignIn

pytestmark = pytest.mark.e2e

SCREENS = [
    ("", "Tổng quan chất lượng đội ngũ"),
    ("trinh-do", "Trình độ"),
    ("bo-tri", "Bố trí"),
    ("danh-gia", "Đánh giá"),
    ("ke-hoach", "Tiến độ"),
    ("du-lieu", "Dữ liệu"),
    ("bao-cao", "Báo cáo"),
    ("nhat-ky", "Nhật ký"),
    ("tai-khoan", "Tài khoản"),
]
LEADERSHIP = "/?don_vi=L%C3%A3nh+%C4%91%E1%BA%A1o+UBND+ph%C6%B0%E1%BB%9Dng"


@pytest.mark.parametrize(("path", "heading"), SCREENS)
def test_each_screen_loads_without_an_error(
    page: Page, app_url: str, sign_in: SignIn, path: str, heading: str
) -> None:
    sign_in(page, f"{app_url}/{path}", "hr")  # hr: every screen
    expect(page.get_by_role("heading", level=1).first).to_contain_text(heading, timeout=30_000)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_a_link_with_filters_reproduces_the_view(page: Page, app_url: str, sign_in: SignIn) -> None:
    sign_in(page, f"{app_url}{LEADERSHIP}", "leader")
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Tổng số CBCC")
    expect(metric.locator("[data-testid='stMetricValue']")).to_have_text("3", timeout=30_000)


def test_filters_are_kept_when_moving_between_screens(
    page: Page, app_url: str, sign_in: SignIn
) -> None:
    sign_in(page, f"{app_url}{LEADERSHIP}", "leader")
    expect(page.locator("[data-testid='stMetric']").first).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Trình độ đội ngũ").click()
    page.wait_for_url("**/trinh-do**", timeout=30_000)
    expect(page).to_have_url(re.compile(r"don_vi="), timeout=30_000)


def test_the_whole_dashboard_downloads_as_a_workbook_from_the_report_screen(
    page: Page, app_url: str, sign_in: SignIn, tmp_path: Path
) -> None:
    sign_in(
        page,
        f"{app_url}/bao-cao?don_vi=Ph%C3%B2ng+V%C4%83n+h%C3%B3a+%E2%80%93+X%C3%A3+h%E1%BB%99i",
        "leader",
    )
    button = page.get_by_role("button", name="Tải Excel toàn bộ")
    expect(button).to_be_visible(timeout=30_000)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.suffix == ".xlsx"
    book = openpyxl.load_workbook(target)
    header = " ".join(
        str(cell.value)
        for row in book.worksheets[0].iter_rows(max_row=8)
        for cell in row
        if cell.value
    )
    assert "Phòng Văn hóa – Xã hội" in header  # the filter is printed on the file
