"""The placement screen on the demo ward: counts, the gap matrix, reasons, the standards editor."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DEMO_USERS
from tests.markdown_view import visible, visible_frame
from tests.pages.conftest import DASHBOARD, SignIn, add_account, submit_sign_in

PAGE = "pages/3_bo_tri.py"


def open_page(sign_in: SignIn, role: str, **tied: str) -> AppTest:
    """Signed in through the entry script first, so the sidebar filters exist."""
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), role, **tied)
    at.switch_page(PAGE)
    return at


@pytest.fixture
def app(sign_in: SignIn) -> AppTest:
    return open_page(sign_in, "leader")


@pytest.fixture
def hr_app(sign_in: SignIn) -> AppTest:
    """The HR officer, the one role that edits the standards."""
    return open_page(sign_in, "hr")


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frame(at: AppTest, column: str, *, last: bool = False) -> pd.DataFrame:
    """The first (or last) table drawn that has ``column`` (a Styler's data for the matrix)."""
    # st.dataframe (the matrix) or a wrapping st.table (reasons, standards, history), as read
    drawn = [d.value for d in at.dataframe] + [visible_frame(t.value) for t in at.table]
    found = [f for f in drawn if column in f.columns]
    assert found, f"no table with column {column!r}"
    return found[-1] if last else found[0]


MATRIX = "Trình độ chuyên môn"  # a criterion column: only the matrix has it
REASONS = "Lý do"  # the picked list (drawn first) and the full list of reasons (drawn last)
STANDARDS = "Mã tiêu chuẩn"
HISTORY = "Nội dung thay đổi"


def test_page_shows_counts_and_the_matrix_with_demo_facts(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert metrics(app) == {
        "Số người đã đối chiếu": "40",
        "Chưa đạt tiêu chuẩn": "7",
        "Trong đó ở lĩnh vực nhạy cảm": "5",
        "Chưa có dữ liệu để đối chiếu": "2",
    }
    matrix = frame(app, MATRIX).set_index("Họ và tên")
    assert matrix.loc["Trần Tiến Nam", "Trình độ chuyên môn"] == "chưa đạt"
    assert matrix.loc["Trần Tiến Nam", "Lĩnh vực"] == "★ Đất đai"
    assert matrix.loc["Lê Duy An", "Chuyên ngành"] == "chưa đạt"
    assert matrix.loc["Lê Thúy Hà", "Trình độ chuyên môn"] == "chưa có dữ liệu"
    # Most severe first: the sensitive "chưa đạt" rows lead, the no-data rows close (by tên).
    assert list(matrix.index[:3]) == ["Lê Duy An", "Lê Trọng Long", "Trần Tiến Nam"]
    assert list(matrix.index[-2:]) == ["Lê Thúy Hà", "Bùi Thị Trang"]
    reasons = frame(app, REASONS, last=True)
    nam = reasons[reasons["Họ và tên"] == "Trần Tiến Nam"].iloc[0]
    assert nam["Lý do"] == "Trình độ chuyên môn Trung cấp thấp hơn yêu cầu Đại học trở lên."
    assert nam["Căn cứ"] == "NĐ 33/2023/NĐ-CP, Điều 10"


def test_sensitive_toggle_narrows_the_list(app: AppTest) -> None:
    app.run()
    app.toggle(key="f_sensitive").set_value(True).run()
    assert not app.exception
    assert metrics(app)["Chưa đạt tiêu chuẩn"] == "5"
    names = set(frame(app, REASONS, last=True)["Họ và tên"])
    assert "Trần Tiến Nam" in names
    assert "Trần Ngọc Linh" not in names  # a leader, not in a sensitive field
    assert app.toggle(key="bo_tri_sensitive").value is True


def test_page_switch_writes_the_sidebar_filter(app: AppTest) -> None:
    app.run()
    app.toggle(key="bo_tri_sensitive").set_value(True).run()
    assert not app.exception
    assert app.toggle(key="f_sensitive").value is True
    assert metrics(app)["Chưa đạt tiêu chuẩn"] == "5"


def test_picking_a_field_lists_its_people_with_reasons(app: AppTest) -> None:
    app.run()
    app.selectbox(key="bo_tri_group").set_value("Lĩnh vực: Công nghệ thông tin").run()
    assert not app.exception
    picked = frame(app, REASONS)
    assert picked["Họ và tên"].tolist() == ["Lê Duy An"]
    assert picked["Lý do"].iloc[0].startswith('Chuyên ngành "Văn hóa" không thuộc nhóm ngành')


def test_viewer_sees_counts_but_no_people(sign_in: SignIn) -> None:
    app = open_page(sign_in, "viewer")
    app.run()
    assert not app.exception
    assert metrics(app)["Chưa đạt tiêu chuẩn"] == "7"
    columns = {c for d in [*app.dataframe, *app.table] for c in d.value.columns}
    assert MATRIX not in columns and REASONS not in columns and "Họ và tên" not in columns
    assert not any(s.key == "bo_tri_group" for s in app.selectbox)
    assert not any(b.key == "std_save" for b in app.button)


def test_saving_a_standard_changes_results_and_records_history(hr_app: AppTest) -> None:
    app = hr_app.run()
    app.selectbox(key="std_pick").set_value(1).run()
    assert app.selectbox(key="std_level").value == "Đại học"
    app.selectbox(key="std_level").set_value("Trung cấp")
    app.text_input(key="std_by").input("Trần Thị Mai")
    app.button(key="std_save").click().run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    # Trần Tiến Nam (Trung cấp) now meets the floor; Lê Trọng Long (Cao đẳng) too.
    assert metrics(app)["Chưa đạt tiêu chuẩn"] == "5"
    matrix = frame(app, MATRIX)
    assert "Trần Tiến Nam" not in set(matrix["Họ và tên"])
    history = frame(app, HISTORY)
    assert history.iloc[0]["Người sửa"] == "Trần Thị Mai"
    assert history.iloc[0]["Nội dung thay đổi"] == "Yêu cầu: Đại học → Trung cấp"
    assert any("Đã lưu tiêu chuẩn số 1" in s.value for s in app.success)


def test_saving_with_a_blank_name_is_refused(hr_app: AppTest) -> None:
    app = hr_app.run()
    app.selectbox(key="std_pick").set_value(4).run()
    app.checkbox(key="std_active").uncheck()
    app.text_input(key="std_by").input("   ")
    app.button(key="std_save").click().run()
    assert not app.exception
    assert [visible(e.value) for e in app.error] == ["Cần ghi tên người sửa."]
    assert metrics(app)["Chưa đạt tiêu chuẩn"] == "7"
    assert any("Chưa có thay đổi nào" in c.value for c in app.caption)


def test_saving_without_a_name_records_the_signed_in_account(hr_app: AppTest) -> None:
    app = hr_app.run()
    app.selectbox(key="std_pick").set_value(4).run()
    app.checkbox(key="std_active").uncheck()
    app.button(key="std_save").click().run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    newest = frame(app, HISTORY).iloc[0]
    assert (newest["Người sửa"], newest["Nội dung thay đổi"]) == (
        DEMO_USERS["hr"],
        "Đang áp dụng: Có → Không",
    )


def test_adding_a_standard_through_the_widgets(hr_app: AppTest) -> None:
    app = hr_app.run()
    assert app.selectbox(key="std_pick").value == 0
    app.selectbox(key="std_criterion").set_value("major").run()
    app.selectbox(key="std_applies").set_value("field").run()
    app.selectbox(key="std_target").set_value("Văn thư – Lưu trữ")
    app.text_input(key="std_required").input("Lưu trữ; Văn thư")
    app.text_input(key="std_source").input("QĐ 1637/QĐ-UBND (thử)")
    app.text_input(key="std_by").input("Trần Thị Mai")
    app.button(key="std_save").click().run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    standards = frame(app, STANDARDS)
    new = standards[standards["Đối tượng"] == "Văn thư – Lưu trữ"].iloc[0]
    assert new["Yêu cầu"] == "Lưu trữ; Văn thư"
    assert new["Người sửa"] == "Trần Thị Mai"
    assert frame(app, HISTORY).iloc[0]["Thao tác"] == "Thêm mới"


def test_unit_head_sees_the_frame_read_only(sign_in: SignIn) -> None:
    app = open_page(sign_in, "unit_head", unit="Phòng Kinh tế, Hạ tầng và Đô thị")
    app.run()
    assert not app.exception
    assert metrics(app)["Chưa đạt tiêu chuẩn"] == "3"
    assert not any(b.key == "std_save" for b in app.button)


def test_empty_database_says_what_to_import_and_keeps_the_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "empty.duckdb"
    monkeypatch.setenv("ANALYTICS_DB", str(db))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    submit_sign_in(at, *add_account(db, "leader"))
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert any("nhập danh sách cán bộ" in i.value for i in at.info)
    assert len(frame(at, STANDARDS)) == 14
