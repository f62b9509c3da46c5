"""Hostile files uploaded in a real browser (issue 8): each is refused with a Vietnamese message
naming the file, and the server keeps serving, this session and another one.

The files are ones calamine alone aborts on (tests/test_import_hostile.py shows it): an .xlsx
whose worksheet part is ``sheet1.XML`` with a cell at XFD1048576, and an .xls whose DIMENSIONS
record declares 65,536 rows × 65,535 columns.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Page, expect

from tests import hostile_files as hf
from tests.e2e.test_upload_e2e import _dismiss_page_not_found

if TYPE_CHECKING:
    from tests.e2e.conftest import SignIn

pytestmark = pytest.mark.e2e

TIMEOUT = 60_000  # a refused file comes back well within the parser's minute


def _refused(page: Page, tmp_path: Path, name: str, data: bytes, phrase: str) -> None:
    """Upload ``data`` as ``name`` and see it refused, in Vietnamese, naming the file."""
    path = tmp_path / name
    path.write_bytes(data)
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(path))
    expect(page.get_by_text(f"Tệp '{name}' bị từ chối")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(phrase).first).to_be_visible()
    expect(page.get_by_role("button", name="Nhập vào cơ sở dữ liệu")).to_be_disabled()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def _another_session_sees_the_overview(browser: Browser, app_url: str, sign_in: SignIn) -> None:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="vi-VN")
    try:
        page = context.new_page()
        sign_in(page, app_url, "leader")
        heading = page.get_by_role("heading", level=1).first
        expect(heading).to_contain_text("Tổng quan", timeout=TIMEOUT)
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
    finally:
        context.close()


def _hostile_upload(
    page: Page,
    browser: Browser,
    app_url: str,
    sign_in: SignIn,
    tmp_path: Path,
    file: tuple[str, Callable[[], bytes], str],
) -> None:
    sign_in(page, f"{app_url}/du-lieu", "hr")
    expect(page.get_by_role("heading", level=1).first).to_contain_text("Dữ liệu", timeout=TIMEOUT)
    _dismiss_page_not_found(page)
    name, make, phrase = file
    _refused(page, tmp_path, name, make(), phrase)
    _another_session_sees_the_overview(browser, app_url, sign_in)
    # This session still answers too.
    _refused(page, tmp_path, "hong.xlsx", b"PK\x03\x04this is not a workbook", "hỏng")


def test_an_xlsx_with_a_far_cell_is_refused_and_the_server_keeps_serving(
    page: Page, browser: Browser, app_url: str, sign_in: SignIn, tmp_path: Path
) -> None:
    file = ("xa.xlsx", hf.far_cell_xlsx, "tới ô XFD1048576")
    _hostile_upload(page, browser, app_url, sign_in, tmp_path, file)


def test_an_xls_declaring_65535_columns_is_refused_and_the_server_keeps_serving(
    page: Page, browser: Browser, app_url: str, sign_in: SignIn, tmp_path: Path
) -> None:
    file = ("cu.xls", lambda: hf.far_column_xls("DIMENSIONS"), "65.536 dòng × 65.535 cột")
    _hostile_upload(page, browser, app_url, sign_in, tmp_path, file)
