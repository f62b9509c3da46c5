"""The report screen in a real Chromium: a file exported is in the archive at once (issue 10:
"Chưa có bản xuất nào" stayed after two exports until a reload)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import TIMEOUT, SignIn

pytestmark = pytest.mark.e2e


def test_two_exports_are_listed_in_the_archive_without_a_reload(
    page: Page, app_url: str, sign_in: SignIn
) -> None:
    sign_in(page, f"{app_url}/bao-cao", "leader")  # this module's own copy: an empty archive
    expect(page.get_by_text("Chưa có bản xuất nào")).to_be_visible(timeout=TIMEOUT)
    button = page.get_by_role("button", name="Tải Excel toàn bộ")
    for number in (1, 2):
        with page.expect_download(timeout=60_000) as download:
            button.click()
        assert download.value.suggested_filename.endswith(".xlsx")
        # The picker of kept files shows the new one once the page has redrawn.
        picker = page.get_by_role("combobox", name="Tải lại bản đã lưu")
        expect(picker).to_have_value(
            re.compile(rf"^Số {number} · Excel · Toàn bộ bảng điều khiển"), timeout=TIMEOUT
        )
    expect(page.get_by_text("Chưa có bản xuất nào")).to_have_count(0)
    expect(page.get_by_text("So sánh hai bản")).to_be_visible()
    expect(page.get_by_text("Tổng số CBCC: 40 → 40 (+0 người).")).to_be_visible()
