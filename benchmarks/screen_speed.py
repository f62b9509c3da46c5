"""How long each screen takes, server side (AppTest: the script run, queries and figure building;
the browser's drawing is not included): cold, with Streamlit's data cache cleared, then after a
change of the unit filter. Signed in through the real form as an HR officer of the city (every
screen is open to that role); the account ``bench-hr`` is made (or its password reset) in the
database measured.

    .venv/bin/python benchmarks/screen_speed.py                 # the demo ward, in a temporary file
    .venv/bin/python benchmarks/screen_speed.py --db FILE --json

``python -m analytics bench`` runs it in a child process with ``--json`` (one JSON line: a list
of {page, cold_seconds, after_filter_seconds, errors, timed_out}), so the dashboard's connection
to the database ends with the child and the dashboard is never imported by ``analytics``. A
screen whose run passes ``--timeout`` seconds is reported as such and ends the child; the bench
measures the screens after it in a new one.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

USERNAME = "bench-hr"


@contextlib.contextmanager
def _incidents() -> Iterator[list[logging.LogRecord]]:
    """Screens log their errors ("Mã sự cố", ui/errors.py) instead of raising: collect them."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.ERROR)
    logger = logging.getLogger("analytics.incident")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def _account(db: Path) -> tuple[str, list[str]]:
    """A fresh password for ``bench-hr`` and the unit to filter by (the most common one)."""
    from analytics import accounts
    from analytics.store import Store

    password = accounts.generate_password()
    with Store(db) as store:
        if USERNAME in set(accounts.list_users(store)["username"]):
            accounts.reset_password(store, USERNAME, password)
        else:
            accounts.add_user(store, USERNAME, password, "hr")
        unit = store.execute(
            "select unit from staff where unit is not null group by unit order by count(*) desc"
        )
    return password, [unit[0][0]] if unit else []


TIMEOUT = 300.0  # seconds a script run may take before the screen is reported as too slow


def pages(db: Path | None = None) -> list[str]:
    """The files of pages/; with ``db`` of one ward, without the screens offered only when
    several wards are in view (ui.screens.MULTI_WARD_SCREENS)."""
    from ui.screens import MULTI_WARD_SCREENS

    names = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
    if db is None:
        return names
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("select count(distinct ward) from staff").fetchone()
    if row and row[0] > 1:
        return names
    return [n for n in names if f"pages/{n}" not in MULTI_WARD_SCREENS]


def measure(
    db: Path, names: list[str] | None = None, timeout: float = TIMEOUT, log: bool = True
) -> list[dict[str, Any]]:
    """The screens ``names`` (default: all) in order. A screen whose run passes ``timeout`` is
    reported (``timed_out``) and ends the measurement: its script thread cannot be stopped and
    would slow the screens after it, so the caller measures those in a fresh process."""
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    PagesManager.uses_pages_directory = False  # as ui.launch does
    password, chosen = _account(db)
    os.environ["ANALYTICS_DB"] = str(db)
    results = []
    offered = pages(db)  # a screen the account is not offered is not measured
    for name in offered if not names else [n for n in names if n in offered]:
        if log:
            print(f"  màn hình {Path(name).stem}", file=sys.stderr, flush=True)
        cold = filtered = None
        with _incidents() as incidents:
            app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=900)
            app.run()
            app.text_input(key="signin_username").input(USERNAME)
            app.text_input(key="signin_password").input(password)
            app.button(key="signin_submit").click().run()
            st.cache_data.clear()
            try:
                started = time.perf_counter()
                app.switch_page(f"pages/{name}").run(timeout=timeout)
                cold = time.perf_counter() - started
                boxes = [m for m in app.multiselect if m.key == "f_unit"]
                if boxes and chosen:
                    boxes[0].set_value(chosen)
                    started = time.perf_counter()
                    app.run(timeout=timeout)
                    filtered = time.perf_counter() - started
            except RuntimeError as exc:
                if "timed out" not in str(exc):
                    raise
                results.append(
                    {
                        "page": name,
                        "cold_seconds": None if cold is None else round(cold, 3),
                        "after_filter_seconds": None,
                        "errors": [f"quá {timeout:g} s (AppTest: {exc})"],
                        "timed_out": True,
                    }
                )
                break
            errors = [str(e.value) for e in app.exception] + [r.getMessage() for r in incidents]
        results.append(
            {
                "page": name,
                "cold_seconds": round(cold, 3),
                "after_filter_seconds": None if filtered is None else round(filtered, 3),
                "errors": errors,
                "timed_out": False,
            }
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the database (default: the demo ward, built)")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--pages", nargs="+", help="only these files of pages/ (in this order)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per script run")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from analytics.demo import build_demo

            db = Path(tmp) / "demo.duckdb"
            build_demo(db, Path(tmp) / "files")
        results = measure(db, args.pages, args.timeout)
    if args.json:
        print(json.dumps(results, ensure_ascii=False), flush=True)
        if results and results[-1]["timed_out"]:
            os._exit(0)  # the slow screen's script thread is still running: end it with us
        return 0
    print(f"{'màn hình':<24} {'lần đầu (s)':>12} {'sau khi đổi bộ lọc (s)':>24} lỗi")
    for r in results:
        cold, after = (
            "—" if v is None else f"{v:.3f}" for v in (r["cold_seconds"], r["after_filter_seconds"])
        )
        print(f"{r['page']:<24} {cold:>12} {after:>24} {len(r['errors']) or ''}")
    code = 1 if any(r["errors"] for r in results) else 0
    if results and results[-1]["timed_out"]:
        sys.stdout.flush()
        os._exit(code)  # the slow screen's script thread is still running: end it with us
    return code


if __name__ == "__main__":
    raise SystemExit(main())
