"""The data screen: check and import an uploaded file, quality report, history, templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.demo_files import Person, build_demo_dataset, write_official_roster
from tests.markdown_view import visible
from tests.pages.conftest import DASHBOARD, SignIn

PAGE = "pages/6_du_lieu.py"
# write_demo_files: two rosters, three evaluations, a plan, two progress files; and the training
# records that build_demo imports last (analytics.demo_training)
DEMO_FILES = 9
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def app(sign_in: SignIn) -> AppTest:
    """The data screen of the HR officer, the one role that imports."""
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "hr")
    at.switch_page(PAGE)
    return at


@pytest.fixture(scope="module")
def new_roster(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A roster of the demo ward one month after the demo's last one, with two people."""
    path = tmp_path_factory.mktemp("upload") / "ds_2026-10-31.xlsx"
    people = [
        Person("Trần Văn Bình", dt.date(1990, 1, 2), "Nam", "Phòng Văn hóa – Xã hội", "Chuyên viên",
               "Văn hóa", "Cử nhân Văn hóa", "TC", "CV", "B", "B1", "01.003", False),
        Person("Lê Thị Cúc", 1992, "Nữ", "Văn phòng HĐND và UBND", "Chuyên viên",
               "Văn phòng", "ĐH Luật", "TC", "CV", "B", "B1", "01.003", True),
    ]  # fmt: skip
    write_official_roster(path, people, as_of=dt.date(2026, 10, 31))
    return path.read_bytes()


def _upload(at: AppTest, name: str, content: bytes) -> AppTest:
    return at.file_uploader(key="data_file").set_value((name, content, XLSX)).run()


def _frame_with(at: AppTest, column: str):  # type: ignore[no-untyped-def]
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    assert frames, f"no table with a '{column}' column"
    return frames


def test_the_page_shows_quality_history_and_templates(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert app.title[0].value == "Dữ liệu"
    assert [t.label for t in app.tabs] == [
        "Nhập tệp",
        "Chất lượng dữ liệu",
        "Lịch sử nhập",
        "Mẫu tệp trống",
    ]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Dòng đánh giá chưa ghép được người"] == "0"
    history = _frame_with(app, "Thời điểm nhập")[0]
    assert len(history) == DEMO_FILES
    assert history["Lần nhập số"].tolist() == sorted(history["Lần nhập số"], reverse=True)
    assert len(app.selectbox(key="data_original_pick").options) == DEMO_FILES
    assert app.get("download_button")  # originals and templates
    keys = {b.proto.id for b in app.get("download_button")}
    for kind in ("roster", "evaluation", "plan", "progress"):
        assert any(f"data_template_{kind}" in k for k in keys)
    assert any("data_original_download" in k for k in keys)


def test_choosing_a_problem_lists_its_people_with_their_source_rows(app: AppTest) -> None:
    app.run()
    app.selectbox(key="data_quality_pick").set_value("Thiếu trình độ chuyên môn").run()
    assert not app.exception
    expected = set(build_demo_dataset().facts["missing_education"])
    lists = [
        f
        for f in _frame_with(app, "Dòng trong tệp")
        if "Vấn đề" not in f.columns and "Họ và tên" in f.columns
    ]
    assert set(lists[0]["Họ và tên"]) == expected
    assert lists[0]["Dòng trong tệp"].notna().all()


def test_the_people_trinh_do_counts_as_incomplete_are_the_first_list_here(
    app: AppTest,
) -> None:
    # One truth per count: Trình độ says "Thiếu thông tin trình độ: N người … cần bổ sung" and
    # links here; the first choice of the report lists those N, QLNN, tin học and ngoại ngữ
    # gaps included (issue 10: it said 10 and listed 6).
    app.switch_page("pages/2_trinh_do.py").run()
    said = {m.label: m.value for m in app.metric}["Thiếu thông tin trình độ"]
    app.switch_page(PAGE).run()
    pick = app.selectbox(key="data_quality_pick")  # options as shown: "problem (N người)"
    first = pick.options[0]
    assert first.startswith("Thiếu thông tin trình độ")
    lists = [
        f
        for f in _frame_with(app, "Dòng trong tệp")
        if "Vấn đề" not in f.columns and "Họ và tên" in f.columns
    ]
    assert said == f"{len(lists[0])} người"
    assert first.endswith(f"({len(lists[0])} người)")
    for dimension in ("quản lý nhà nước", "tin học", "ngoại ngữ"):
        assert any(dimension in option for option in pick.options)


def test_an_upload_is_checked_then_imported_on_confirmation(
    app: AppTest, new_roster: bytes
) -> None:
    app.run()
    _upload(app, "ds_2026-10-31.xlsx", new_roster)
    assert not app.exception
    assert "hợp lệ: 2 dòng" in visible(app.success[0].value)
    preview = _frame_with(app, "Họ và tên")[0]
    assert preview["Họ và tên"].tolist() == ["Trần Văn Bình", "Lê Thị Cúc"]
    confirm = app.button(key="data_confirm")
    assert confirm.label == "Nhập vào cơ sở dữ liệu"
    # 2 people against the demo ward's 40: all 40 would leave, so a tick must say so first.
    assert confirm.disabled
    tick = app.checkbox(key="data_confirm_leave")
    assert "40 người sẽ không còn trong danh sách hiện hành" in tick.label
    assert "2 người mới, 40 người sẽ không còn trong danh sách" in visible(
        " ".join(m.value for m in app.markdown)
    )
    tick.check().run()
    confirm = app.button(key="data_confirm")
    assert not confirm.disabled
    # Nothing written by the check.
    assert len(_frame_with(app, "Thời điểm nhập")[0]) == DEMO_FILES

    confirm.click().run()
    assert not app.exception
    assert visible(app.success[0].value).startswith("Đã nhập 2 dòng danh sách cán bộ, công chức")
    history = _frame_with(app, "Thời điểm nhập")[0]
    assert len(history) == DEMO_FILES + 1
    assert history["Tệp"].iloc[0] == "ds_2026-10-31.xlsx"


def test_a_file_imported_before_is_unchanged(app: AppTest, new_roster: bytes) -> None:
    app.run()
    _upload(app, "ds.xlsx", new_roster)
    app.checkbox(key="data_confirm_leave").check().run()
    app.button(key="data_confirm").click().run()
    _upload(app, "ban_sao.xlsx", new_roster)
    assert not app.exception
    assert "đã được nhập trước đây" in visible(app.info[0].value)
    assert app.button(key="data_confirm").disabled


def test_a_corrupt_file_is_refused_in_vietnamese_and_cannot_be_confirmed(app: AppTest) -> None:
    app.run()
    _upload(app, "hong.xlsx", b"PK\x03\x04this is not a workbook")
    assert not app.exception
    error = visible(app.error[0].value)
    assert "bị từ chối" in error
    assert "Tệp 'hong.xlsx': Tệp xlsx bị hỏng" in error
    assert app.button(key="data_confirm").disabled


def test_a_roster_without_its_as_of_date_takes_the_one_chosen(app: AppTest, tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    write_official_roster(path, [build_demo_dataset().roster_2026[0]], as_of=dt.date(2026, 1, 1))
    app.run()
    app.date_input(key="data_as_of").set_value(dt.date(2026, 10, 15))
    _upload(app, "ds.csv", path.read_bytes())
    assert not app.exception
    assert "số liệu tính đến ngày 15/10/2026" in visible(app.success[0].value)


def test_a_unit_head_reads_their_unit_and_cannot_import(sign_in: SignIn) -> None:
    unit = "Trung tâm Phục vụ hành chính công"
    app = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "unit_head", unit=unit)
    app.switch_page(PAGE).run()
    assert not app.exception
    assert len(app.file_uploader) == 0
    assert "Chỉ cán bộ tổ chức (nhân sự) được nhập dữ liệu" in app.info[0].value
    problems = _frame_with(app, "Vấn đề")[0]
    assert set(problems["Đơn vị"]) == {unit}
    keys = {b.proto.id for b in app.get("download_button")}
    assert not any("data_original_download" in k for k in keys)


def test_the_viewer_role_is_kept_out(sign_in: SignIn) -> None:
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "viewer")
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)
