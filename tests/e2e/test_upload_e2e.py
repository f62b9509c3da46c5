"""Uploading files on the data screen in a real browser: check, confirm, refuse a broken file.

``app_url`` (tests/e2e/conftest.py) serves a copy of the demo database on a free port for this
module and stops the server afterwards; importing takes the hr account.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from analytics.demo_files import Person, write_official_roster

if TYPE_CHECKING:
    from tests.e2e.conftest import SignIn

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000


def _roster(path: Path) -> Path:
    people = [
        Person("Phạm Văn Đức", dt.date(1988, 7, 9), "Nam", "Phòng Kinh tế, Hạ tầng và Đô thị",
               "Chuyên viên", "Địa chính – Đất đai", "Kỹ sư Quản lý đất đai", "TC", "CV", "B", "B1",
               "01.003", True),
        Person("Ngô Thị Lan", 1994, "Nữ", "Trung tâm Phục vụ hành chính công", "Chuyên viên",
               "Tiếp nhận hồ sơ", "Cử nhân Luật", "SC", "CV", "B", "B1", "01.003", False),
    ]  # fmt: skip
    write_official_roster(path, people, as_of=dt.date(2026, 11, 15))
    return path


def _dismiss_page_not_found(page: Page) -> None:
    """Streamlit shows a spurious "Page not found" modal over the right page when a session
    starts on a page other than the default one (streamlit/streamlit#9992); it makes the page
    inert until closed."""
    notice = page.get_by_text("Page not found")
    try:
        notice.wait_for(timeout=3_000)
    except PlaywrightTimeoutError:
        return
    page.keyboard.press("Escape")
    expect(notice).to_have_count(0)


def test_a_roster_is_checked_confirmed_undone_and_a_broken_file_refused(
    page: Page, app_url: str, sign_in: SignIn, tmp_path: Path
) -> None:
    sign_in(page, f"{app_url}/du-lieu", "hr")
    expect(page.get_by_role("heading", level=1).first).to_contain_text("Dữ liệu", timeout=TIMEOUT)
    _dismiss_page_not_found(page)
    uploader = page.locator("[data-testid='stFileUploader'] input[type='file']")

    uploader.set_input_files(str(_roster(tmp_path / "danh_sach_15-11-2026.xlsx")))
    expect(page.get_by_text("hợp lệ: 2 dòng danh sách cán bộ, công chức")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_role("heading", name="Xem trước")).to_be_visible()
    expect(page.get_by_text("Ngô Thị Lan").first).to_be_attached()
    # Two people against the demo ward's 40: the summary says so, and importing needs a tick.
    expect(page.get_by_text("2 người mới, 40 người sẽ không còn trong danh sách")).to_be_visible()
    expect(page.get_by_text("40 trên 40 người của danh sách hiện hành")).to_be_visible()
    confirm = page.get_by_role("button", name="Nhập vào cơ sở dữ liệu")
    expect(confirm).to_be_disabled()
    page.get_by_text("Tôi đã kiểm tra: 40 người sẽ không còn").click()
    expect(confirm).to_be_enabled(timeout=TIMEOUT)
    confirm.click()
    expect(page.get_by_text("Đã nhập 2 dòng danh sách cán bộ, công chức")).to_be_visible(
        timeout=TIMEOUT
    )

    # Undo from the history: the ward's 40 come back.
    page.get_by_role("tab", name="Lịch sử nhập").click()
    page.get_by_text("Hoàn tác lần nhập này").click()
    page.get_by_text("Gỡ toàn bộ 2 dòng của lần nhập số").click()
    page.get_by_role("button", name="Hoàn tác", exact=True).click()
    expect(page.get_by_text("Đã hoàn tác lần nhập số")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Đã hoàn tác").first).to_be_visible()
    page.get_by_role("tab", name="Nhập tệp").click()

    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04this is not a workbook")
    uploader.set_input_files(str(broken))
    expect(page.get_by_text("Tệp 'hong.xlsx' bị từ chối")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Tệp xlsx bị hỏng hoặc không trọn vẹn")).to_be_visible()
    expect(page.get_by_role("button", name="Nhập vào cơ sở dữ liệu")).to_be_disabled()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
