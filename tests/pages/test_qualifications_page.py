"""The qualifications screen on the demo ward: wiring, drill-downs and roles."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.demo_files import build_demo_dataset
from analytics.store import Store
from tests.markdown_view import visible, visible_frame
from tests.pages.conftest import DASHBOARD, SignIn, add_account, submit_sign_in

PAGE = "pages/2_trinh_do.py"
ECONOMY = "Phòng Kinh tế, Hạ tầng và Đô thị"


@pytest.fixture(scope="module")
def facts() -> dict[str, list[str]]:
    return build_demo_dataset().facts


@pytest.fixture
def app(sign_in: SignIn) -> AppTest:
    return open_page(sign_in(new_app(), "leader"))


def new_app() -> AppTest:
    return AppTest.from_file(DASHBOARD, default_timeout=60)


def open_page(at: AppTest) -> AppTest:
    """A signed-in dashboard on this screen (sign-in registers the pages of st.navigation)."""
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Trình độ đội ngũ"
    return at


def people_table(at: AppTest) -> pd.DataFrame | None:
    for frame in [*at.dataframe, *at.table]:  # the people lists are wrapping tables
        if "Họ và tên" in frame.value.columns:
            return visible_frame(frame.value)
    return None


def test_page_shows_the_summary_row_of_the_latest_snapshot(app: AppTest) -> None:
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Chuyên môn đại học trở lên"] == "90,0%"  # 36 of 40
    assert metrics["Thiếu thông tin trình độ"] == "10 người"
    assert any("30/09/2026" in c.value for c in app.caption)


@pytest.mark.parametrize(
    ("pick", "fact", "count"),
    [
        ("Chưa cập nhật", "missing_education", 2),
        ("Trung cấp", None, 1),
        ("Cao đẳng", None, 1),
    ],
)
def test_picking_an_education_level_lists_its_people(
    app: AppTest, facts: dict[str, list[str]], pick: str, fact: str | None, count: int
) -> None:
    app.selectbox(key="qual_pick").set_value(pick).run()
    assert not app.exception
    assert any(
        f"**Trình độ chuyên môn: {pick}** — {count} người" == visible(m.value) for m in app.markdown
    )
    table = people_table(app)
    assert table is not None and len(table) == count
    if fact:
        assert sorted(table["Họ và tên"]) == sorted(facts[fact])


def test_the_lower_levels_are_the_planted_under_qualified_people(app: AppTest) -> None:
    app.selectbox(key="qual_pick").set_value("Trung cấp").run()
    assert people_table(app)["Họ và tên"].tolist() == ["Trần Tiến Nam"]
    app.selectbox(key="qual_pick").set_value("Cao đẳng").run()
    assert people_table(app)["Họ và tên"].tolist() == ["Lê Trọng Long"]


def test_switching_dimension_and_breakdown_offers_the_segments(app: AppTest) -> None:
    app.selectbox(key="qual_dimension").set_value("political_theory").run()
    app.selectbox(key="qual_by").set_value("unit").run()
    assert not app.exception
    pick = app.selectbox(key="qual_pick")
    assert pick.value is None
    assert "Sơ cấp · Phòng Văn hóa – Xã hội: 1 người" in pick.options
    pick.set_value("Sơ cấp · Phòng Văn hóa – Xã hội").run()
    assert people_table(app)["Họ và tên"].tolist() == ["Trần Ngọc Linh"]  # the planted head of unit


@pytest.mark.parametrize(
    "dimension", ["major_group", "state_management", "it_skill", "foreign_language"]
)
@pytest.mark.parametrize("by", [None, "age_band", "gender", "party"])
def test_every_dimension_and_breakdown_renders(
    app: AppTest, dimension: str, by: str | None
) -> None:
    app.selectbox(key="qual_dimension").set_value(dimension)
    app.selectbox(key="qual_by").set_value(by).run()
    if by:
        app.radio(key="qual_scale").set_value("Tỷ lệ (%)").run()
    assert not app.exception


def test_composition_table_and_a_cell_drill_down(app: AppTest, facts: dict[str, list[str]]) -> None:
    report = next(f.value for f in app.dataframe if f.value.index.name == "Đơn vị")
    assert report.index[-1] == "Tổng cộng"
    assert report.iloc[-1, 0] == 40
    app.selectbox(key="comp_unit").set_value("Tổng cộng")
    app.selectbox(key="comp_column").set_value("Chuyên môn · Chưa cập nhật").run()
    assert not app.exception
    table = people_table(app)
    assert sorted(table["Họ và tên"]) == sorted(facts["missing_education"])


def test_a_viewer_sees_counts_without_people(sign_in: SignIn) -> None:
    app = open_page(sign_in(new_app(), "viewer"))
    keys = {s.key for s in app.selectbox}
    assert not {"qual_pick", "comp_unit", "comp_column"} & keys
    assert {m.label: m.value for m in app.metric}["Chuyên môn đại học trở lên"] == "90,0%"
    assert people_table(app) is None


def test_a_unit_head_sees_only_their_unit(sign_in: SignIn) -> None:
    app = open_page(sign_in(new_app(), "unit_head", unit=ECONOMY))
    assert any("11 người" in c.value for c in app.caption)
    app.selectbox(key="qual_by").set_value("unit").run()
    assert all(ECONOMY in o for o in app.selectbox(key="qual_pick").options)


def test_an_empty_database_says_what_to_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    monkeypatch.setenv("ANALYTICS_DB", str(db))
    at = new_app()
    submit_sign_in(at, *add_account(db, "leader"))
    at = open_page(at)
    assert any("Dữ liệu" in i.value for i in at.info)
