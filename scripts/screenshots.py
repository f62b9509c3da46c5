"""Screenshots of every screen on the demo ward, for the README and for looking at what we built.

Usage: .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from analytics.demo import build_demo
from analytics.serve import CHROMIUM, CHROMIUM_ARGS, running_dashboard

SCREENS = [
    ("", "1_tong_quan"),
    ("trinh-do", "2_trinh_do"),
    ("bo-tri", "3_bo_tri"),
    ("danh-gia", "4_danh_gia"),
    ("ke-hoach", "5_ke_hoach"),
    ("du-lieu", "6_du_lieu"),
    ("bao-cao", "7_bao_cao"),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--width", type=int, default=1600)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        build_demo(db, Path(tmp) / "files")
        with running_dashboard(db) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": 1000})
            for path, name in SCREENS:
                page.set_viewport_size({"width": args.width, "height": 1000})
                page.goto(f"{url}/{path}")
                page.wait_for_load_state("networkidle")
                page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
                time.sleep(3)  # let Plotly finish drawing
                # Streamlit scrolls its main area itself: grow the window to the content's height.
                height = page.evaluate(
                    "Math.max(...[...document.querySelectorAll('[data-testid=stMain], section.main')]"
                    ".map(e => e.scrollHeight), 1000)"
                )
                page.set_viewport_size(
                    {"width": args.width, "height": min(int(height) + 40, 12000)}
                )
                time.sleep(2)
                target = args.out / f"{name}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
