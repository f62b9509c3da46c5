"""The evaluation screen renders the demo ward: grade mix, score bands, the quota breach of 2026,
service measures and the review list."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.markdown_view import visible, visible_frame
from tests.pages.conftest import DASHBOARD, SignIn

PAGE = "pages/4_danh_gia.py"
KT = "Phòng Kinh tế, Hạ tầng và Đô thị"


def open_page(sign_in: SignIn, role: str) -> AppTest:
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), role)
    at.switch_page(PAGE).run()
    return at


@pytest.fixture
def app(sign_in: SignIn) -> AppTest:
    return open_page(sign_in, "leader")


def tables(app: AppTest) -> list[pd.DataFrame]:
    return [visible_frame(t.value) for t in app.table] + [d.value for d in app.dataframe]


def table_with(app: AppTest, column: str) -> pd.DataFrame:
    return next(t for t in tables(app) if column in t.columns)


def test_evaluation_page_shows_the_latest_year(app: AppTest) -> None:
    assert not app.exception
    metrics = {m.label: m for m in app.metric}
    assert metrics["Được đánh giá năm 2026"].value == "40"
    assert (metrics["HTXSNV"].value, metrics["HTXSNV"].delta) == ("5", "12,5%")
    assert (metrics["Không xếp loại"].value, metrics["Không xếp loại"].delta) == ("1", "2,5%")


def test_quota_table_flags_the_unit_over_the_ratio(app: AppTest) -> None:
    quota = table_with(app, "Đối chiếu tỷ lệ").set_index("Đơn vị")
    assert quota.loc[KT, "Đối chiếu tỷ lệ"] == "Vượt tỷ lệ"
    assert quota.loc[KT, ["HTXSNV", "HTTNV", "HTXSNV tối đa"]].tolist() == ["2", "8", "1"]
    assert (quota.drop(index=KT)["Đối chiếu tỷ lệ"] == "Trong tỷ lệ").all()
    assert any(KT in visible(e.value) and "vượt 1" in e.value for e in app.error)


def test_review_list_names_the_khtnv_person_with_the_reason(app: AppTest) -> None:
    review = table_with(app, "Lý do cần xem xét").set_index("Họ và tên")
    assert (
        review.loc["Đỗ Mạnh Giang", "Lý do cần xem xét"]
        == "Xếp loại Không hoàn thành nhiệm vụ năm 2025."
    )
    assert len(review) == 7
    assert any("không phải kết luận" in w.value for w in app.warning)


def test_score_bands_table_counts_every_band(app: AppTest) -> None:
    bands = table_with(app, "Khoảng điểm").set_index("Khung điểm")
    assert bands["Số người"].to_dict() == {
        "HTXSNV": "5",
        "HTTNV": "32",
        "HTNV": "2",
        "KHTNV": "0",
        "Chưa cập nhật": "1",
    }


def test_people_behind_a_unit_and_grade(app: AppTest) -> None:
    app.selectbox(key="ev_people_unit").set_value(KT).run()
    app.selectbox(key="ev_people_grade").set_value("HTXSNV").run()
    assert not app.exception
    people = table_with(app, "Xếp loại")
    assert sorted(people["Họ và tên"]) == ["Nguyễn Diệu Chi", "Nguyễn Minh Hoàng"]


def test_year_filter_shows_2025_without_a_breach(app: AppTest) -> None:
    app.selectbox(key="f_year").set_value(2025).run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    # 39 were graded in 2025; the one who left in 2026 is not in the latest roster.
    assert metrics["Được đánh giá năm 2025"] == "38"
    assert any("không đơn vị nào vượt" in s.value for s in app.success)


def test_viewer_sees_counts_but_no_names(sign_in: SignIn) -> None:
    app = open_page(sign_in, "viewer")
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    # 1 person: fewer than small_cell_threshold, so a viewer reads "< 3" (analytics.privacy)
    assert metrics["Xếp loại Không hoàn thành nhiệm vụ"] == "< 3"
    assert all("Họ và tên" not in t.columns for t in tables(app))
