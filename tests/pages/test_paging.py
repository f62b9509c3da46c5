"""Long lists reach the browser one page at a time (issue 9): a page of 100 rows, the total
said, a "Trang" picker, and the full list in the CSV download."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.store import Store
from tests.markdown_view import visible_frame
from tests.pages.conftest import DASHBOARD, add_account, submit_sign_in
from tests.rows import add_roster

WARD = "Phường Thử Trang"
# 260 land officers with Trung cấp: each below the Đại học floor of their post (one gap each).
EXTRA = [
    {
        "staff_id": f"T{i:03d}",
        "full_name": f"Nguyễn Văn Thử {i:03d}",
        "field": "Đất đai",
        "major": "Quản lý đất đai",
        "education_level": "Trung cấp",
    }
    for i in range(260)
]


@pytest.fixture
def big(app_db: Path) -> AppTest:
    with Store(app_db) as store:
        add_roster(store, EXTRA, ward=WARD)
    username, password = add_account(app_db, "leader")  # every ward
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    submit_sign_in(at, username, password)
    at.switch_page("pages/3_bo_tri.py")
    at.run()
    assert not at.exception, at.exception
    return at


def element(at: AppTest, column: str) -> pd.DataFrame:
    """The last table drawn with ``column`` (the matrix: a criterion; the reasons: "Lý do")."""
    drawn = [d.value for d in at.dataframe] + [visible_frame(t.value) for t in at.table]
    found = [f for f in drawn if column in f.columns]
    assert found, f"no table with column {column!r}"
    return found[-1]


MATRIX = "Trình độ chuyên môn"
REASONS = "Lý do"


def matrix_rows(app_db: Path) -> int:
    """People with at least one gap in every ward's latest roster: the matrix's total."""
    with Store(app_db) as store:
        return int(
            store.execute(
                "select count(distinct ward || staff_id) from placement_checks "
                "where snapshot_rank = 1 and result <> 'đạt'"
            )[0][0]
        )


def test_the_matrix_sends_one_page_and_says_the_total(big: AppTest, app_db: Path) -> None:
    total = matrix_rows(app_db)
    assert total > 260  # the 260 added plus the demo ward's own gaps
    picker = big.number_input(key="bo_tri_matrix_page")
    assert picker.value == 1
    assert picker.label == f"Trang (1–{-(-total // 100)})"
    assert len(element(big, MATRIX)) == 100
    said = [c.value for c in big.caption if "trong tổng số" in c.value]
    assert f"Dòng 1–100 trong tổng số {total} dòng." in said[0]
    last = -(-total // 100)
    picker.set_value(last).run()
    assert not big.exception
    assert len(element(big, MATRIX)) == total - 100 * (last - 1)
    said = [c.value for c in big.caption if "trong tổng số" in c.value]
    assert f"Dòng {100 * (last - 1) + 1}–{total} trong tổng số {total} dòng." in said[0]


def test_the_reasons_list_is_paged_too(big: AppTest, app_db: Path) -> None:
    with Store(app_db) as store:
        gaps = int(store.execute("select count(*) from placement_gaps")[0][0])
    assert gaps > 100
    assert big.number_input(key="bo_tri_reasons_page").label == f"Trang (1–{-(-gaps // 100)})"
    assert len(element(big, REASONS)) == 100
