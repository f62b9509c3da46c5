"""How long a screen takes to re-render after a filter change, on the demo ward (AppTest, server
side: the script run, queries and figure building; the browser's drawing is not included).

Usage: .venv/bin/python benchmarks/screen_speed.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from analytics.demo import build_demo  # noqa: E402

PAGES = [
    "pages/1_tong_quan.py",
    "pages/2_trinh_do.py",
    "pages/3_bo_tri.py",
    "pages/4_danh_gia.py",
    "pages/5_ke_hoach.py",
    "pages/6_du_lieu.py",
    "pages/7_bao_cao.py",
]
UNITS = (
    ["Lãnh đạo UBND phường"],
    ["Phòng Văn hóa – Xã hội"],
    [],
    ["Phòng Kinh tế, Hạ tầng và Đô thị"],
    ["Lãnh đạo UBND phường"],  # seen before: served from the cache
    [],
)


def main() -> int:
    PagesManager.uses_pages_directory = False  # as ui.launch does
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        build_demo(db, Path(tmp) / "files")
        os.environ["ANALYTICS_DB"] = str(db)
        print(f"{'màn hình':<24} {'lần đầu (s)':>12} {'trung vị (s)':>13} {'đã cache (s)':>13}")
        for page in PAGES:
            app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
            app.run()
            app.switch_page(page)
            app.run()
            times = []
            for units in UNITS:
                app.multiselect(key="f_unit").set_value(units)
                start = time.perf_counter()
                app.run()
                times.append(time.perf_counter() - start)
                if app.exception:
                    raise SystemExit(f"{page}: {app.exception}")
            print(
                f"{Path(page).stem:<24} {times[0]:>12.3f} {statistics.median(times):>13.3f} {times[4]:>13.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
