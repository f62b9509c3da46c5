"""Screenshots of every screen on the demo ward, for the README and for looking at what we built.

The demo database is the start command's (Việt Hòa and the second ward, Tân Hưng) with its demo
accounts (random passwords, never printed); every screen of ``ui.screens.SCREENS`` (read from
there, so a new screen is shot too) is shot as the hr account ``tochuc`` of Việt Hòa, who sees
them all, the screens for several wards (So sánh phường) as the city's account ``sonoivu``, and
the sign-in form is shot first. Each screen is shot at every
size asked, by default the two of the meeting room: 1920×1080 and 1366×768, into one folder per
width (docs/screenshots/1920/1_tong_quan.png, docs/screenshots/1366/1_tong_quan.png).

Usage: .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
       .venv/bin/python scripts/screenshots.py --width 1366 --height 768 --only 2_trinh_do
       .venv/bin/python scripts/screenshots.py --db bench.duckdb --out /tmp/shots   # any database
                                                                   # (a copy is served; timed)
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, expect, sync_playwright

from analytics.accounts import DEMO_CITY_ACCOUNT, create_demo_accounts
from analytics.demo import DEMO_WARD_NAME, build_demo
from analytics.serve import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from analytics.store import Store
from ui.screens import MULTI_WARD_SCREENS, SCREENS

ROOT = Path(__file__).resolve().parent.parent
USERNAME = "tochuc"  # hr: every screen of a ward
CITY_USERNAME = DEMO_CITY_ACCOUNT[0]  # every ward: the comparison
TIMEOUT = 30_000
SIZES = ((1920, 1080), (1366, 768))  # the meeting room's screens (issue 10)
SIGNIN_BUTTON = ".st-key-signin_submit"
SIGNIN_NAME = "0_dang_nhap"


def screens() -> list[tuple[str, str, str]]:
    """(url path, sidebar link, file name) of every screen of ``ui.screens.SCREENS``, in its
    order; the file name is the page's stem. The demo holds one ward, so the screens offered only
    for several (``MULTI_WARD_SCREENS``: So sánh phường) are not in its navigation."""
    return [
        (s.url, s.title, Path(s.path).stem) for s in SCREENS if s.path not in MULTI_WARD_SCREENS
    ]


def city_screens() -> list[tuple[str, str, str]]:
    """The screens offered only for several wards, shot as the city's account."""
    return [(s.url, s.title, Path(s.path).stem) for s in SCREENS if s.path in MULTI_WARD_SCREENS]


def sign_in(page: Page, url: str, password: str, username: str = USERNAME) -> None:
    """Open ``url`` (a new session) and sign in through the form."""
    page.goto(url)
    expect(page.locator(SIGNIN_BUTTON)).to_be_visible(timeout=TIMEOUT)
    page.get_by_label("Tên đăng nhập", exact=True).fill(username)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.locator(SIGNIN_BUTTON)).to_have_count(0, timeout=TIMEOUT)


def open_screen(page: Page, link: str) -> None:
    """Through the sidebar link (the deep link usually lands there already); waits until the
    screen has finished running."""
    nav = page.locator("[data-testid='stSidebarNav']")
    expect(nav).to_be_visible(timeout=TIMEOUT)
    target = nav.get_by_role("link", name=link, exact=True)
    if target.get_attribute("aria-current") != "page":
        target.click()
    expect(target).to_have_attribute("aria-current", "page", timeout=TIMEOUT)
    expect(page.get_by_role("heading", level=1).first).to_be_visible(timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    running = page.locator("[data-testid='stStatusWidget']")
    expect(running).to_have_count(0, timeout=10 * TIMEOUT)


def shoot(page: Page, target: Path, width: int, height: int) -> None:
    """The whole screen at ``width``: the first ``height`` pixels as the user sees them, then the
    window grown to the content (Streamlit scrolls its main area itself, full_page alone would
    stop at the window)."""
    page.wait_for_load_state("networkidle")
    time.sleep(3)  # let Plotly finish drawing
    content = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], section.main')]"
        f".map(e => e.scrollHeight), {height})"
    )
    page.set_viewport_size({"width": width, "height": min(int(content) + 40, 12000)})
    time.sleep(2)
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size({"width": width, "height": height})
    print(target)


def present(page: Page, stem: Path, width: int, height: int) -> None:
    """Presentation mode as the audience sees it: the window only (a slide fills it)."""
    page.locator(".st-key-slides_start button").click()
    for number in (1, 2):
        expect(page.locator(".st-key-slide")).to_be_visible(timeout=TIMEOUT)
        expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=TIMEOUT)
        time.sleep(3)  # Plotly's drawing
        page.screenshot(path=f"{stem}_slide{number}.png")
        print(f"{stem}_slide{number}.png")
        page.locator(".st-key-slides_next button").click()
    page.locator(".st-key-slides_exit button").click()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--width", type=int, help="one width only (default: 1920 and 1366)")
    parser.add_argument("--height", type=int, help="its window height (default: by the width)")
    parser.add_argument("--db", type=Path, help="shoot a copy of this database, not the demo")
    parser.add_argument("--only", nargs="*", help="file names of the screens to shoot")
    args = parser.parse_args()
    known = dict(SIZES)
    sizes = (
        [(args.width, args.height or known.get(args.width, round(args.width * 9 / 16)))]
        if args.width
        else list(SIZES)
    )
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        if args.db:
            shutil.copy(args.db, db)
        else:
            build_demo(db, Path(tmp) / "files", second_ward=True)
        with Store(db) as store:
            made = create_demo_accounts(store, ward=DEMO_WARD_NAME)
        password, city_password = made.get(USERNAME, ""), made.get(CITY_USERNAME, "")
        with running_dashboard(db) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width, height in sizes:
                folder = args.out / str(width)
                page = browser.new_page(viewport={"width": width, "height": height})
                if not args.only or SIGNIN_NAME in args.only:
                    page.goto(url)
                    expect(page.locator(SIGNIN_BUTTON)).to_be_visible(timeout=TIMEOUT)
                    shoot(page, folder / f"{SIGNIN_NAME}.png", width, height)
                shots = [(s, USERNAME, password) for s in screens()]
                shots += [(s, CITY_USERNAME, city_password) for s in city_screens()]
                for (path, link, name), username, secret in shots:
                    if args.only and name not in args.only:
                        continue
                    sign_in(page, f"{url}/{path}", secret, username)
                    started = time.perf_counter()
                    open_screen(page, link)
                    print(f"{name} at {width}×{height}: {time.perf_counter() - started:.1f} s")
                    shoot(page, folder / f"{name}.png", width, height)
                    if path == "trinh-chieu":  # the deck itself, its first two slides
                        present(page, folder / name, width, height)
                page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
