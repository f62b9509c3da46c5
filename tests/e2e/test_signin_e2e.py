"""Sign-in in a real Chromium: before it no byte of the data reaches the browser (neither drawn
nor in a websocket frame), a viewer reaches no people list by any link, five wrong passwords
lock an account, and signing out takes the data off the screen."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

import duckdb
import pytest
from playwright.sync_api import Page, expect

from analytics.accounts import GENERIC_FAILURE, add_user, generate_password
from analytics.serve import running_dashboard
from analytics.store import Store
from tests.e2e.conftest import TIMEOUT, Frames, signin_form, submit_sign_in

if TYPE_CHECKING:
    from tests.e2e.conftest import SignIn

pytestmark = pytest.mark.e2e

UNIT = "Phòng Văn hóa – Xã hội"
WARD = "Phường Việt Hòa"
PATHS = (
    "",
    "tong-quan",
    "trinh-do",
    "bo-tri",
    "danh-gia",
    "ke-hoach",
    "du-lieu",
    "bao-cao",
    "nhat-ky",
    "tai-khoan",
)
DEEP_LINK = f"trinh-do?don_vi={quote_plus(UNIT)}&nhay_cam=1"
# The sidebar's URL parameters (ui/filters.py), as a link from another screen carries them.
EVERYTHING = (
    f"?phuong={quote_plus(WARD)}&don_vi={quote_plus(UNIT)}"
    f"&linh_vuc={quote_plus('Văn hóa – Xã hội')}&gioi_tinh={quote_plus('Nữ')}&nam=2025&nhay_cam=1"
)
VIEWER_LINKS = (
    *PATHS,
    DEEP_LINK,
    f"?don_vi={quote_plus(UNIT)}",
    "?nam=2025",
    f"bo-tri?don_vi={quote_plus(UNIT)}&nam=2025",
    "danh-gia?nam=2025",
    f"du-lieu?don_vi={quote_plus(UNIT)}",
    f"bao-cao?phuong={quote_plus(WARD)}&nam=2025",
    f"nhat-ky{EVERYTHING}",
    f"tai-khoan{EVERYTHING}",
    f"bo-tri{EVERYTHING}",
)
PEOPLE_SCREENS = ("Dữ liệu", "Nhật ký truy cập", "Tài khoản đăng nhập")
SIGNIN_TITLE = "Chất lượng đội ngũ cán bộ, công chức"
LOCKED = "tạm khóa"
TABLES = "[data-testid='stDataFrame'], [data-testid='stTable']"


@dataclass(frozen=True)
class DemoNames:
    people: tuple[str, ...]
    units: tuple[str, ...]
    wards: tuple[str, ...]

    @property
    def everything(self) -> tuple[str, ...]:
        return self.people + self.units + self.wards


@pytest.fixture(scope="module")
def names(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> DemoNames:
    """Every name in the demo ward: people, units, wards (read on a copy, read-only)."""
    copy = tmp_path_factory.mktemp("names") / "demo.duckdb"
    shutil.copy(demo_db, copy)
    with duckdb.connect(str(copy), read_only=True) as con:

        def column(sql: str) -> tuple[str, ...]:
            return tuple(sorted({row[0] for row in con.execute(sql).fetchall() if row[0]}))

        found = DemoNames(
            people=column(
                "select full_name from people union select full_name from evaluation_rows"
            ),
            units=column("select unit from people"),
            wards=column("select ward from people"),
        )
    assert found.people and UNIT in found.units and WARD in found.wards
    return found


def found_in(text: str, candidates: tuple[str, ...]) -> list[str]:
    return [name for name in candidates if name in text]


def settle(page: Page) -> None:
    """Charts, tables and late deltas below the title."""
    page.wait_for_timeout(2_000)


def heading(page: Page) -> str:
    return page.get_by_role("heading", level=1).first.inner_text()


@pytest.mark.parametrize("path", [*PATHS, DEEP_LINK])
def test_a_visitor_who_has_not_signed_in_sees_the_form_and_no_byte_of_the_data(
    page: Page, frames: Frames, app_url: str, names: DemoNames, path: str
) -> None:
    page.goto(f"{app_url}/{path}")
    expect(signin_form(page)).to_be_visible(timeout=TIMEOUT)
    settle(page)
    expect(signin_form(page)).to_be_visible()
    expect(page.get_by_label("Tên đăng nhập", exact=True)).to_be_visible()
    expect(page.get_by_label("Mật khẩu", exact=True)).to_be_visible()
    assert heading(page) == SIGNIN_TITLE
    assert frames.text(), "no websocket frame captured: the check below would prove nothing"
    assert found_in(page.content(), names.everything) == []
    assert found_in(frames.text(), names.everything) == []
    expect(page.locator(f"{TABLES}, [data-testid='stMetric']")).to_have_count(0)
    expect(page.locator("[data-testid='stSidebarNav']")).to_have_count(0)


@pytest.mark.parametrize("link", VIEWER_LINKS)
def test_a_viewer_reaches_no_people_list_by_any_link(
    page: Page, frames: Frames, app_url: str, sign_in: SignIn, names: DemoNames, link: str
) -> None:
    sign_in(page, f"{app_url}/{link}", "viewer")
    settle(page)
    assert heading(page) not in PEOPLE_SCREENS
    expect(page.locator(TABLES).filter(has_text="Họ và tên")).to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    # The viewer's filters list the units: the frames were read, so the next line means something.
    assert found_in(frames.text(), names.units)
    assert found_in(page.content(), names.people) == []
    assert found_in(frames.text(), names.people) == []
    for title in ("Dữ liệu", "Nhật ký truy cập", "Tài khoản"):
        expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)


def test_the_checks_above_see_a_people_list_when_one_is_shown(
    page: Page, frames: Frames, app_url: str, sign_in: SignIn, names: DemoNames
) -> None:
    """The leader's placement screen lists people: the same checks find them there."""
    sign_in(page, app_url, "leader")
    page.get_by_role("link", name="Bố trí theo tiêu chuẩn").click()
    expect(page.get_by_role("heading", level=1).first).to_have_text(
        "Bố trí cán bộ, công chức theo tiêu chuẩn", timeout=TIMEOUT
    )
    settle(page)
    expect(page.locator(TABLES).filter(has_text="Họ và tên").first).to_be_attached()
    assert found_in(frames.text(), names.people)


@dataclass(frozen=True)
class FreshAccount:
    url: str
    username: str
    password: str


@pytest.fixture(scope="module")
def fresh_account(
    demo_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FreshAccount]:
    """A dashboard of its own with one more leader account, made before the server starts."""
    db = tmp_path_factory.mktemp("lockout") / "app.duckdb"
    shutil.copy(demo_db, db)
    password = generate_password()
    with Store(db) as store:
        add_user(store, "thu_khoa", password, "leader")
    with running_dashboard(db) as url:
        yield FreshAccount(url, "thu_khoa", password)


def answer(page: Page, frames: Frames, username: str, password: str) -> str:
    """Submit the form and return the server's answer: the generic refusal or the lock."""
    since = frames.mark()
    submit_sign_in(page, username, password)
    text = frames.wait_until(page, lambda t: GENERIC_FAILURE in t or LOCKED in t, since)
    message = GENERIC_FAILURE if GENERIC_FAILURE in text else LOCKED
    expect(page.get_by_text(message).first).to_be_visible(timeout=TIMEOUT)
    return message


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    page: Page, frames: Frames, fresh_account: FreshAccount, names: DemoNames
) -> None:
    page.goto(fresh_account.url)
    expect(signin_form(page)).to_be_visible(timeout=TIMEOUT)
    answers = [answer(page, frames, fresh_account.username, generate_password()) for _ in range(5)]
    assert answers[:4] == [GENERIC_FAILURE] * 4, answers
    if answers[4] != LOCKED:
        answers.append(answer(page, frames, fresh_account.username, generate_password()))
    assert answers[-1] == LOCKED, answers

    assert answer(page, frames, fresh_account.username, fresh_account.password) == LOCKED
    settle(page)
    expect(signin_form(page)).to_be_visible()
    assert heading(page) == SIGNIN_TITLE
    expect(page.locator(f"{TABLES}, [data-testid='stMetric']")).to_have_count(0)
    assert found_in(page.content(), names.everything) == []
    assert found_in(frames.text(), names.everything) == []


def test_signing_out_shows_the_form_again_and_takes_the_data_off_the_page(
    page: Page, app_url: str, sign_in: SignIn, names: DemoNames
) -> None:
    sign_in(page, app_url, "leader")
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Tổng số CBCC")
    expect(metric).to_be_visible(timeout=TIMEOUT)

    page.get_by_role("button", name="Đăng xuất").click()
    expect(signin_form(page)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Đã đăng xuất.")).to_be_visible()
    settle(page)
    assert heading(page) == SIGNIN_TITLE
    expect(page.locator(f"{TABLES}, [data-testid='stMetric']")).to_have_count(0)
    expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)
    assert found_in(page.content(), names.everything) == []


def test_after_signing_out_no_screen_of_the_account_is_left_to_click(
    page: Page, frames: Frames, app_url: str, sign_in: SignIn, names: DemoNames
) -> None:
    """The next person at the same computer sees a first visit: no list of the previous
    account's screens, and none of them opens without signing in."""
    sign_in(page, app_url, "hr")
    expect(page.get_by_role("link", name="Bố trí theo tiêu chuẩn")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(signin_form(page)).to_be_visible(timeout=TIMEOUT)
    settle(page)
    links = page.locator("[data-testid='stSidebarNav'] a:visible")  # what a person can see
    left = [text.split("\n")[-1] for text in links.all_inner_texts()]  # after the icon name
    since = frames.mark()
    for i in range(links.count()):
        links.nth(i).click()
        expect(signin_form(page)).to_be_visible(timeout=TIMEOUT)
        settle(page)
        assert heading(page) == SIGNIN_TITLE
        assert found_in(page.content(), names.everything) == []
    assert found_in(frames.text(since), names.everything) == []
    assert left == [], f"the signed-out page still lists the screens {left}"
