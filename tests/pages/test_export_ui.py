"""ui/export.py wired into a screen: lazy download buttons (nothing is built before a click),
the archive list and the comparison of two kept snapshots."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.export import archive, make_export
from analytics.scope import Scope
from analytics.store import Store
from tests.markdown_view import visible
from tests.pages.conftest import add_account, submit_sign_in

SCRIPT = """
from ui import auth, data
from ui.filters import current_scope
from ui.export import archive_panel, export_dashboard_buttons, export_view_buttons

auth.require_account(data.store())  # the sign-in form until signed in, as in dashboard.py
scope = current_scope()
export_view_buttons(scope, "trinh-do")
export_dashboard_buttons(scope)
archive_panel(scope)
"""


@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "ui.duckdb"
    shutil.copy(demo_db, copy)
    monkeypatch.setenv("ANALYTICS_DB", str(copy))
    return copy


def _app(db: Path, role: str = "leader") -> AppTest:
    """The export panels signed in through the real form as a new account of ``role``."""
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    submit_sign_in(at, *add_account(db, role))
    assert at.session_state["_account"].role == role
    return at


def test_buttons_are_drawn_without_building_any_file(db: Path) -> None:
    at = _app(db)
    at.run()
    assert not at.exception
    buttons = {b.key: b.label for b in at.get("download_button")}
    assert buttons["export_trinh-do_xlsx"] == "Tải Excel"
    assert buttons["export_trinh-do_pdf"] == "Tải PDF"
    assert buttons["export_all_pdf"] == "Tải PDF toàn bộ"
    assert buttons["export_all_zip"] == "Tải ảnh biểu đồ + CSV toàn bộ"
    with Store(db) as store:  # the app's connection is read-write: the same configuration
        assert archive.list_exports(store).empty
    assert "Chưa có bản xuất nào" in at.info[0].value


def test_the_archive_compares_the_two_latest_snapshots(db: Path) -> None:
    with Store(db) as store:
        for day, unit in ((2, "Lãnh đạo UBND phường"), (3, "Lãnh đạo UBND phường")):
            make_export(
                store,
                Scope(units=(unit,)),
                "xlsx",
                today=dt.date(2026, 10, 15),
                made_at=dt.datetime(2026, 10, day, 9, 0),
            )
    at = _app(db)
    at.run()
    assert not at.exception
    assert at.selectbox(key="archive_pick").value == 2
    assert at.selectbox(key="archive_before").value == 1
    assert at.selectbox(key="archive_after").value == 2
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Tổng số CBCC"] == "3"
    assert any("Tổng số CBCC: 3 → 3 (+0 người)." in visible(m.value) for m in at.markdown)
    assert "archive_download" in {b.key for b in at.get("download_button")}


def test_a_viewer_sees_no_people_level_snapshots(db: Path) -> None:
    with Store(db) as store:
        make_export(store, Scope(), "xlsx", today=dt.date(2026, 10, 15))
    at = _app(db, "viewer")
    at.run()
    assert not at.exception
    assert "Chưa có bản xuất nào" in at.info[0].value


def test_an_export_is_in_the_archive_as_soon_as_it_is_made(db: Path) -> None:
    # Issue 10: two exports, and the archive still said "Chưa có bản xuất nào" until a reload.
    at = _app(db)
    at.run()
    assert "Chưa có bản xuất nào" in at.info[0].value
    at.download_button(key="export_all_xlsx").click().run()
    assert not at.exception
    assert not [i for i in at.info if "Chưa có bản xuất nào" in i.value]
    assert at.selectbox(key="archive_pick").value == 1
    assert "Cần ít nhất hai bản đã lưu để so sánh." in [c.value for c in at.caption]
    at.download_button(key="export_trinh-do_xlsx").click().run()
    assert not at.exception
    # Two clicks, two files kept, both listed in the same session: the newest first.
    assert [o.split(" · ")[:3] for o in at.selectbox(key="archive_pick").options] == [
        ["Số 2", "Excel", "Trình độ đội ngũ"],
        ["Số 1", "Excel", "Toàn bộ bảng điều khiển"],
    ]
    assert at.selectbox(key="archive_pick").value == 2  # the picker opens on the new file
    assert at.selectbox(key="archive_before").value == 1
    assert at.selectbox(key="archive_after").value == 2
    with Store(db) as store:
        kept = archive.list_exports(store)
    assert kept["view"].tolist() == ["trinh-do", "toan-bo"]


def test_one_click_makes_one_file_whether_the_page_or_the_download_asks_first() -> None:
    from ui.export import _Job

    built: list[int] = []
    started = threading.Event()

    def build() -> bytes:
        started.set()
        time.sleep(0.2)  # the download's thread is still building when the page asks
        built.append(1)
        return b"PK-file"

    job = _Job(build)
    results: list[bytes] = []
    download = threading.Thread(target=lambda: results.append(job()))
    download.start()
    started.wait(5)
    results.append(job())  # the page's rerun waits for the same build
    download.join(5)
    assert results == [b"PK-file", b"PK-file"]
    assert built == [1]


def test_a_failed_build_is_raised_to_the_download_every_time_it_is_asked() -> None:
    from ui.export import _Job

    def build() -> bytes:
        raise RuntimeError("hết dung lượng")

    job = _Job(build)
    for _ in range(2):  # the page's half and the download's half see the same failure
        with pytest.raises(RuntimeError, match="hết dung lượng"):
            job()


def test_the_archive_opens_on_a_new_file_without_a_warning(db: Path) -> None:
    at = _app(db)
    at.run()
    for _ in range(3):
        at.download_button(key="export_all_xlsx").click().run()
    assert not at.exception
    assert not at.warning  # no "set via the Session State API" warning of the pickers
    assert at.selectbox(key="archive_pick").value == 3
    assert (at.selectbox(key="archive_before").value, at.selectbox(key="archive_after").value) == (
        2,
        3,
    )
    at.selectbox(key="archive_before").select(1).run()  # a choice of the reader is kept
    assert at.selectbox(key="archive_before").value == 1
    at.run()
    assert at.selectbox(key="archive_before").value == 1
