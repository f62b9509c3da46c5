"""Screenshots of every screen on the demo ward, for the README and for looking at what we built.

The demo database gets its demo accounts (random passwords, never printed); every screen is shot
as the hr account ``tochuc``, who sees them all, and the sign-in form is shot first.

Usage: .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
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

from analytics.accounts import create_demo_accounts
from analytics.demo import build_demo
from analytics.serve import CHROMIUM, CHROMIUM_ARGS, running_dashboard
from analytics.store import Store

USERNAME = "tochuc"  # hr: every screen
TIMEOUT = 30_000
# (url path, sidebar link, page title, file name)
SCREENS = [
    ("", "Tổng quan", "Tổng quan chất lượng đội ngũ", "1_tong_quan"),
    ("trinh-do", "Trình độ đội ngũ", "Trình độ đội ngũ", "2_trinh_do"),
    ("bo-tri", "Bố trí theo tiêu chuẩn", "Bố trí cán bộ, công chức theo tiêu chuẩn", "3_bo_tri"),
    ("danh-gia", "Đánh giá, xếp loại", "Đánh giá, xếp loại", "4_danh_gia"),
    ("ke-hoach", "Tiến độ kế hoạch", "Tiến độ kế hoạch", "5_ke_hoach"),
    ("du-lieu", "Dữ liệu", "Dữ liệu", "6_du_lieu"),
    ("bao-cao", "Báo cáo họp", "Báo cáo cho cuộc họp", "7_bao_cao"),
    ("nhat-ky", "Nhật ký truy cập", "Nhật ký truy cập", "8_nhat_ky"),
    ("tai-khoan", "Tài khoản", "Tài khoản đăng nhập", "9_tai_khoan"),
]
SIGNIN_BUTTON = ".st-key-signin_submit"


def sign_in(page: Page, url: str, password: str) -> None:
    """Open ``url`` (a new session) and sign in through the form."""
    page.goto(url)
    expect(page.locator(SIGNIN_BUTTON)).to_be_visible(timeout=TIMEOUT)
    page.get_by_label("Tên đăng nhập", exact=True).fill(USERNAME)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.locator(SIGNIN_BUTTON)).to_have_count(0, timeout=TIMEOUT)


def open_screen(page: Page, link: str, title: str) -> None:
    """Through the sidebar: a deep link does not survive the sign-in (the default screen shows)."""
    heading = page.get_by_role("heading", level=1).first
    expect(heading).to_be_visible(timeout=TIMEOUT)
    if heading.inner_text().strip() != title:
        page.locator("[data-testid='stSidebarNav']").get_by_role(
            "link", name=link, exact=True
        ).click()
    expect(heading).to_have_text(title, timeout=TIMEOUT)


def shoot(page: Page, target: Path, width: int) -> None:
    page.wait_for_load_state("networkidle")
    time.sleep(3)  # let Plotly finish drawing
    # Streamlit scrolls its main area itself: grow the window to the content's height.
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], section.main')]"
        ".map(e => e.scrollHeight), 1000)"
    )
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12000)})
    time.sleep(2)
    page.screenshot(path=str(target), full_page=True)
    print(target)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--db", type=Path, help="shoot a copy of this database, not the demo")
    parser.add_argument("--only", nargs="*", help="file names of the screens to shoot")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        if args.db:
            shutil.copy(args.db, db)
        else:
            build_demo(db, Path(tmp) / "files")
        with Store(db) as store:
            password = create_demo_accounts(store)[USERNAME]
        with running_dashboard(db) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": 1000})
            page.goto(url)
            expect(page.locator(SIGNIN_BUTTON)).to_be_visible(timeout=TIMEOUT)
            shoot(page, args.out / "0_dang_nhap.png", args.width)
            for path, link, title, name in SCREENS:
                if args.only and name not in args.only:
                    continue
                page.set_viewport_size({"width": args.width, "height": 1000})
                sign_in(page, f"{url}/{path}", password)
                started = time.perf_counter()
                open_screen(page, link, title)
                page.wait_for_load_state("networkidle")
                running = page.locator("[data-testid='stStatusWidget']")
                expect(running).to_have_count(0, timeout=10 * TIMEOUT)
                print(f"{name}: {time.perf_counter() - started:.1f} s to draw")
                shoot(page, args.out / f"{name}.png", args.width)
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
