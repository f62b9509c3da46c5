"""Every word the page shows is Vietnamese, Streamlit's own texts included (ui/i18n.py), on
every screen of ui.screens.SCREENS, for the hr and the leader accounts; every screen's own
path, ``/tong-quan`` included, works as a link before and after sign-in."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from analytics.accounts import DEMO_ACCOUNTS
from analytics.policy import Action, can
from ui.i18n import PROPER_NAMES
from ui.screens import MULTI_WARD_SCREENS
from ui.screens import SCREENS as ALL_SCREENS

if TYPE_CHECKING:
    from tests.e2e.conftest import SignIn

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000
OVERVIEW = "Tổng quan chất lượng đội ngũ"
# The first row of an open multiselect (before or after ui/i18n.py replaced its text)
SELECT_ALL = re.compile(r"^(Chọn tất cả|Select all)$")


# the demo holds one ward: So sánh phường is not offered (tests/pages/test_compare_page.py)
SCREENS = [(s.title, s.url, s.action) for s in ALL_SCREENS if s.path not in MULTI_WARD_SCREENS]
USERNAMES = {name for name, _, _ in DEMO_ACCOUNTS}  # data (who signed in, who did what)

# A syllable of Vietnamese written without its marks (onset, vowels, final consonant): "tin",
# "hoc", "can", "bo"; an English word such as "Select", "Upload", "file" or "Running" is none.
SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"[aeiouy]{1,3}(ch|nh|ng|c|m|n|p|t)?"
)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text))


def foreign_words(text: str, icons: tuple[str, ...] = ()) -> list[str]:
    """The words of ``text`` that are neither Vietnamese, nor an abbreviation in capitals, nor
    a name of ``PROPER_NAMES``, nor a word of an icon's name drawn by the icon font (``icons``:
    the texts of the icons, "expand_more")."""
    words = _words(text)
    glyphs = set().union(*map(_words, icons))
    return sorted(
        w
        for w in words
        if w.isascii()
        and len(w) > 1
        and sum(c.isupper() for c in w) < 2  # CBCC, UBND, TTg (Thủ tướng): abbreviations
        and w not in PROPER_NAMES
        and w not in glyphs
        and w not in USERNAMES
        and not SYLLABLE.fullmatch(w.lower())
    )


def test_the_word_check_finds_streamlits_english_and_lets_vietnamese_pass() -> None:
    assert foreign_words("Select all · Drag and drop file here · Upload") == [
        "Drag", "Select", "Upload", "all", "and", "drop", "file", "here",
    ]  # fmt: skip
    assert foreign_words("Trình độ đội ngũ CBCC, tin hoc, 64MB, tệp Excel, Zalo") == []
    assert foreign_words("expand_more Tổng quan", icons=("expand_more",)) == []
    assert (
        interface_text("Nhập tệp: roster_mau.xlsx (40 dòng); Upload")
        == "Nhập tệp:   (40 dòng); Upload"
    )
    assert ENGLISH_NUMBER.findall("12.5 điểm, 100.00%, 1.234 người, 12,5%, 30/09/2026") == [
        "12.5", "100.00",
    ]  # fmt: skip


_TEXT = """() => ({
  text: document.body.innerText,
  icons: [...document.querySelectorAll(
    "[data-testid='stIconMaterial'], [translate='no']"
  )].map(e => e.innerText)
})"""


# A number in English form: a decimal point ("12.5", "100.00"); Vietnamese writes "12,5" and
# uses the point only before groups of three digits ("1.234").
ENGLISH_NUMBER = re.compile(r"(?<![\d.,/])\d+\.\d{1,2}(?![\d.])")


# A file's name is data (the audit log's "Chi tiết" names the files imported and downloaded:
# "roster_mau.xlsx"), not a text of the interface.
FILE_NAME = re.compile(r"[^\s:,;()]+\.(xlsx|xls|csv|pdf|zip)\b", re.IGNORECASE)


def interface_text(text: str) -> str:
    """``text`` without the names of files."""
    return FILE_NAME.sub(" ", text)


def english_on(page: Page) -> list[str]:
    """The English words and English-form numbers of the page's rendered text."""
    found = page.evaluate(_TEXT)
    text = interface_text(found["text"])
    return foreign_words(text, tuple(found["icons"])) + ENGLISH_NUMBER.findall(text)


def settle(page: Page) -> None:
    """Wait for the run to end (no "running" indicator) and the texts to be replaced."""
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=TIMEOUT)
    page.wait_for_timeout(800)


def open_dropdowns(page: Page) -> list[str]:
    """Open each multiselect of the sidebar (its "Select all" row) and read the page each time."""
    words: list[str] = []
    opened = 0
    boxes = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']")
    for i in range(boxes.count()):
        boxes.nth(i).locator("input").click()
        page.wait_for_timeout(500)
        opened += page.get_by_text(SELECT_ALL).count()
        words += english_on(page)
        page.keyboard.press("Escape")
        page.locator("[data-testid='stSidebar'] h3").first.click()  # closes the list
    assert opened, "no multiselect list opened"
    return words


@pytest.mark.parametrize("role", ["hr", "leader"])
def test_every_screen_reads_in_vietnamese(
    page: Page, app_url: str, sign_in: SignIn, role: str
) -> None:
    sign_in(page, f"{app_url}/tong-quan", role)
    english: dict[str, list[str]] = {}
    for title, url, action in SCREENS:
        if not can(role, action):
            continue
        nav = page.locator("[data-testid='stSidebarNav']")
        nav.get_by_role("link", name=title, exact=True).click()
        page.wait_for_url(re.compile(rf"/{url}(\?|$)"), timeout=TIMEOUT)
        settle(page)
        words = english_on(page) + open_dropdowns(page)
        dropzone = page.locator("[data-testid='stFileUploaderDropzone']")
        if dropzone.count():
            expect(dropzone).to_contain_text("Tối đa 64MB mỗi tệp")
            expect(dropzone).to_contain_text("Chọn tệp")
        if words:
            english[url] = sorted(set(words))
    assert english == {}, english
    if role == "hr":  # the data screen's file picker was seen
        assert any(url == "du-lieu" for _, url, a in SCREENS if can(role, a))


def test_the_multiselect_offers_select_all_in_vietnamese(
    page: Page, app_url: str, sign_in: SignIn
) -> None:
    sign_in(page, f"{app_url}/tong-quan", "hr")
    settle(page)
    page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] input").first.click()
    row = page.get_by_text(SELECT_ALL).first
    expect(row).to_have_text("Chọn tất cả", timeout=TIMEOUT)


def test_the_overviews_own_path_opens_it_as_a_link_before_sign_in(
    page: Page, app_url: str, sign_in: SignIn
) -> None:
    sign_in(page, f"{app_url}/tong-quan", "leader")
    settle(page)
    expect(page.get_by_role("heading", level=1).first).to_have_text(OVERVIEW)
    expect(page).to_have_url(re.compile(r"/tong-quan(\?|$)"))
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_after_sign_in_the_overview_is_reached_at_its_own_path(
    page: Page, app_url: str, sign_in: SignIn
) -> None:
    sign_in(page, f"{app_url}/", "leader")  # the app's root: the overview, at its own path
    expect(page).to_have_url(re.compile(r"/tong-quan(\?|$)"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", level=1).first).to_have_text(OVERVIEW, timeout=TIMEOUT)
    nav = page.locator("[data-testid='stSidebarNav']")
    nav.get_by_role("link", name="Trình độ đội ngũ", exact=True).click()
    page.wait_for_url(re.compile(r"/trinh-do(\?|$)"), timeout=TIMEOUT)
    overview = nav.get_by_role("link", name="Tổng quan", exact=True)
    expect(overview).to_have_attribute("href", re.compile(r"/tong-quan(\?|$)"))
    overview.click()
    page.wait_for_url(re.compile(r"/tong-quan(\?|$)"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", level=1).first).to_have_text(OVERVIEW, timeout=TIMEOUT)
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_a_link_to_a_screen_the_account_may_not_open_leads_to_the_overview_in_vietnamese(
    page: Page, app_url: str, sign_in: SignIn
) -> None:
    assert not can("leader", Action.MANAGE_ACCOUNTS)
    sign_in(page, f"{app_url}/tai-khoan", "leader")
    expect(page.get_by_role("heading", level=1).first).to_have_text(OVERVIEW, timeout=TIMEOUT)
    settle(page)
    assert english_on(page) == []
