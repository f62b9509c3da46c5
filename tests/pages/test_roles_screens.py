"""What each role gets on the screens once signed in through the real form: the pages offered,
the people shown (none for a viewer, only their unit's for a unit head), the writing tools, the
accounts screen and the audit log. Before sign-in nothing of the data shows at all."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from analytics.accounts import GENERIC_FAILURE
from analytics.demo_files import EvaluationRow, Person, write_evaluation, write_official_roster
from analytics.ingest.importer import ImportOptions, import_file
from analytics.policy import leads_task
from analytics.store import Store
from tests.conftest import DEMO_USERS
from tests.markdown_view import visible, visible_frame
from tests.pages.conftest import DASHBOARD, SignIn, submit_sign_in

CULTURE = "Phòng Văn hóa – Xã hội"  # the unit of the demo unit head, truongphong
ECONOMY = "Phòng Kinh tế, Hạ tầng và Đô thị"
NAME = "Họ và tên"

OVERVIEW = "pages/1_tong_quan.py"
QUALIFICATIONS = "pages/2_trinh_do.py"
PLACEMENTS = "pages/3_bo_tri.py"
EVALUATIONS = "pages/4_danh_gia.py"
PLAN = "pages/5_ke_hoach.py"
DATA = "pages/6_du_lieu.py"
REPORT = "pages/7_bao_cao.py"
AUDIT = "pages/8_nhat_ky.py"
ACCOUNTS = "pages/9_tai_khoan.py"
SLIDES = "pages/10_trinh_chieu.py"
ALL_PAGES = (
    OVERVIEW, QUALIFICATIONS, PLACEMENTS, EVALUATIONS, PLAN, DATA, REPORT, SLIDES, AUDIT, ACCOUNTS,
)  # fmt: skip
PAGES_OF = {
    "viewer": (OVERVIEW, QUALIFICATIONS, PLACEMENTS, EVALUATIONS, PLAN, REPORT, SLIDES),
    "unit_head": (OVERVIEW, QUALIFICATIONS, PLACEMENTS, EVALUATIONS, PLAN, DATA, REPORT, SLIDES),
    "leader": (OVERVIEW, QUALIFICATIONS, PLACEMENTS, EVALUATIONS, PLAN, DATA, REPORT, SLIDES, AUDIT),
    "hr": ALL_PAGES,
}  # fmt: skip
# The downloads a viewer gets on each screen: the meeting exports and the CSVs of count tables.
VIEWER_DOWNLOADS = {
    OVERVIEW: {"export_tong-quan_xlsx", "export_tong-quan_pdf", "export_tong-quan_zip"},
    QUALIFICATIONS: {
        "export_trinh-do_xlsx", "export_trinh-do_pdf", "export_trinh-do_zip",
        "qual_counts_csv", "comp_csv",
    },
    PLACEMENTS: {
        "export_bo-tri_xlsx", "export_bo-tri_pdf", "export_bo-tri_zip", "bo_tri_standards_csv",
    },
    EVALUATIONS: {
        "export_danh-gia_xlsx", "export_danh-gia_pdf", "export_danh-gia_zip",
        "ev_bands_csv", "ev_quota_csv",
    },
    PLAN: {
        "export_ke-hoach_xlsx", "export_ke-hoach_pdf", "export_ke-hoach_zip",
        "pl_tasks_csv", "pl_six_clear_csv", "pl_history_csv",
    },
    REPORT: {"export_all_xlsx", "export_all_pdf", "export_all_zip"},
    SLIDES: {"slides_pdf"},
}  # fmt: skip
# The people lists' downloads a leader gets on these screens (for contrast with the viewer's).
PEOPLE_DOWNLOADS = {
    "bo_tri_matrix_csv", "bo_tri_reasons_csv", "ev_people_csv", "ev_band_people_csv",
    "ev_service_people_csv", "ev_review_csv", "qual_people_csv", "comp_people_csv",
}  # fmt: skip


# ------------------------------------------------------------------ reading the demo database
def _names(db: Path, sql: str, params: list[str] | None = None) -> frozenset[str]:
    with Store(db, read_only=True) as store:
        return frozenset(str(r[0]) for r in store.execute(sql, params))


@pytest.fixture(scope="module")
def demo_names(demo_db: Path) -> frozenset[str]:
    """Everyone in any roster of the demo ward."""
    return _names(demo_db, "select distinct full_name from people")


@pytest.fixture(scope="module")
def culture_names(demo_db: Path) -> frozenset[str]:
    """The people of the unit head's unit in the latest roster."""
    return _names(demo_db, "select full_name from staff where unit = ?", [CULTURE])


# ------------------------------------------------------------------ reading the app tree
def _strings(value: object) -> Iterator[str]:
    """Every string inside a proto's dict, JSON texts (a chart's spec) opened up."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value
        if value[:1] in "{[":
            with contextlib.suppress(ValueError):
                yield from _strings(json.loads(value))


def _frame_strings(frame: pd.DataFrame) -> Iterator[str]:
    yield from (str(c) for c in frame.columns)
    yield from (str(i) for i in frame.index)
    yield from (str(v) for v in frame.to_numpy().ravel())


def tree_text(at: AppTest) -> str:
    """All the text of the main area and the sidebar: labels, values, options, help, table
    cells, chart data (what a person could read on the screen, or in its page source)."""
    texts: list[str] = []
    for node in [*at.main, *at.sidebar]:
        proto = getattr(node, "proto", None)
        if proto is not None:
            texts.extend(_strings(MessageToDict(proto)))
        if getattr(node, "type", None) in ("dataframe", "table"):  # st.table: "table"
            texts.extend(_frame_strings(node.value))
    return visible("\n".join(texts))  # as read: markdown escapes of ui.text.plain undone


def names_in(at: AppTest, names: frozenset[str]) -> set[str]:
    """The names that appear in the app tree as whole words."""
    text = tree_text(at)
    return {n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)}


def people_frames(at: AppTest) -> list[pd.DataFrame]:
    drawn = [d.value for d in at.dataframe] + [visible_frame(t.value) for t in at.table]
    return [f for f in drawn if NAME in f.columns]


def download_keys(at: AppTest) -> set[str]:
    return {b.key for b in at.get("download_button")}


def registered(at: AppTest) -> list[str]:
    """The screens that st.navigation offers this session (switch_page refuses the others)."""
    pages = []
    for page in ALL_PAGES:
        try:
            at.switch_page(page)
        except ValueError:
            continue
        pages.append(page)
    return pages


def new_app() -> AppTest:
    return AppTest.from_file(DASHBOARD, default_timeout=60)


def assert_drawn(at: AppTest, where: str = "") -> None:
    """No exception, and no incident either (ui.errors.guarded turns a crash into a message)."""
    assert not at.exception, (where, at.exception)
    incidents = [e.value for e in at.error if "Mã sự cố" in e.value]
    assert not incidents, (where, incidents)


def on(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert_drawn(at, page)
    return at


def shows_sign_in_form(at: AppTest) -> bool:
    labels = [t.label for t in at.text_input]
    return labels == ["Tên đăng nhập", "Mật khẩu"] and not at.metric and not at.dataframe


# ------------------------------------------------------------------ before sign-in
def test_before_sign_in_only_the_form_shows(app_db: Path, demo_names: frozenset[str]) -> None:
    at = new_app().run()
    assert_drawn(at)
    assert [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert at.button(key="signin_submit").label == "Đăng nhập"
    assert not at.metric and not at.dataframe and not at.get("download_button")
    assert not at.multiselect and not at.selectbox and not at.toggle  # no sidebar filters
    assert len(at.sidebar.children) == 0
    assert names_in(at, demo_names) == set()


def test_a_wrong_password_is_refused_and_shows_no_data(
    app_db: Path, demo_names: frozenset[str]
) -> None:
    at = submit_sign_in(new_app(), DEMO_USERS["leader"], "not-the-password")
    assert_drawn(at)
    assert [visible(e.value) for e in at.error] == [GENERIC_FAILURE]
    assert "_account" not in at.session_state
    assert shows_sign_in_form(at)
    assert len(at.sidebar.children) == 0
    assert names_in(at, demo_names) == set()


# ------------------------------------------------------------------ navigation and sign-out
@pytest.mark.parametrize("role", ["viewer", "unit_head", "leader", "hr"])
def test_each_role_is_offered_its_screens(sign_in: SignIn, role: str) -> None:
    at = sign_in(new_app(), role)
    assert registered(at) == list(PAGES_OF[role])


@pytest.mark.parametrize("role", ["viewer", "unit_head", "leader", "hr"])
def test_every_screen_has_sign_out_and_it_shows_the_form_again(sign_in: SignIn, role: str) -> None:
    at = sign_in(new_app(), role)
    for page in PAGES_OF[role]:
        button = on(at, page).button(key="signout")
        assert button.label == "Đăng xuất", page
    at.button(key="signout").click().run()
    assert_drawn(at)
    assert "_account" not in at.session_state
    assert shows_sign_in_form(at)
    assert [visible(i.value) for i in at.info] == ["Đã đăng xuất."]


# ------------------------------------------------------------------ viewer
def test_a_viewer_sees_no_person_on_any_screen(sign_in: SignIn, demo_names: frozenset[str]) -> None:
    at = sign_in(new_app(), "viewer")
    for page in PAGES_OF["viewer"]:
        on(at, page)
        assert people_frames(at) == [], page
        assert download_keys(at) == VIEWER_DOWNLOADS[page], page
        assert not download_keys(at) & PEOPLE_DOWNLOADS, page
        offered = {o for s in at.selectbox for o in s.options}
        assert not {o for o in offered if any(n in o for n in demo_names)}, page
        assert names_in(at, demo_names) == set(), page


def test_a_leader_gets_the_people_and_downloads_a_viewer_does_not(
    sign_in: SignIn, demo_names: frozenset[str]
) -> None:
    at = sign_in(new_app(), "leader")
    keys = download_keys(on(at, PLACEMENTS))
    assert people_frames(at) and names_in(at, demo_names)  # what the viewer's checks look for
    keys |= download_keys(on(at, EVALUATIONS))
    on(at, QUALIFICATIONS)
    at.selectbox(key="qual_pick").set_value("Trung cấp")
    at.selectbox(key="comp_unit").set_value("Tổng cộng")
    at.selectbox(key="comp_column").set_value("Tổng số").run()
    assert_drawn(at)
    keys |= download_keys(at)
    assert keys >= PEOPLE_DOWNLOADS


# ------------------------------------------------------------------ unit head
def assert_only_own_people(
    at: AppTest, own: frozenset[str], everyone: frozenset[str], where: str
) -> None:
    frames = people_frames(at)
    assert frames, f"{where}: no people list"
    for frame in frames:
        assert set(frame[NAME]) <= own, (where, set(frame[NAME]) - own)
    assert names_in(at, own), f"{where}: the own unit's names are read from the tree"
    assert names_in(at, everyone - own) == set(), where


def test_a_unit_head_lists_only_the_people_of_their_unit(
    sign_in: SignIn, demo_names: frozenset[str], culture_names: frozenset[str]
) -> None:
    at = sign_in(new_app(), "unit_head")
    assert at.session_state["_account"].unit == CULTURE

    on(at, QUALIFICATIONS)
    at.selectbox(key="comp_unit").set_value("Tổng cộng")
    at.selectbox(key="comp_column").set_value("Tổng số").run()
    listed = people_frames(at)[0]
    assert set(listed[NAME]) == culture_names  # the drill-down of the total: the whole unit
    assert_only_own_people(at, culture_names, demo_names, "Trình độ")

    on(at, PLACEMENTS)  # the matrix and the reasons
    assert_only_own_people(at, culture_names, demo_names, "Bố trí")

    on(at, EVALUATIONS)
    assert_only_own_people(at, culture_names, demo_names, "Đánh giá")

    on(at, DATA)  # the quality report (its people) and the unmatched evaluations
    assert_only_own_people(at, culture_names, demo_names, "Dữ liệu")
    assert "data_original_download" not in download_keys(at)
    assert not any(b.label == "Tải tệp gốc" for b in at.get("download_button"))


def test_a_unit_head_who_picks_another_unit_gets_no_one_of_it(sign_in: SignIn) -> None:
    at = on(sign_in(new_app(), "unit_head"), EVALUATIONS)
    at.selectbox(key="ev_people_unit").set_value(ECONOMY)
    at.selectbox(key="ev_people_grade").set_value("HTXSNV").run()
    assert_drawn(at)
    # A leader gets Nguyễn Diệu Chi and Nguyễn Minh Hoàng here (test_evaluations_page).
    assert names_in(at, frozenset({"Nguyễn Diệu Chi", "Nguyễn Minh Hoàng"})) == set()
    assert any(c.value == "Không có ai." for c in at.caption)


@pytest.fixture
def roster_with_warnings(app_db: Path, tmp_path: Path) -> Path:
    """Imported by the command line before the app opens: a roster (dated before the demo's
    last one, so the latest roster stays the demo's) with an impossible birth date in two
    units, and a roster of another unit only."""
    both = tmp_path / "canh_bao.xlsx"
    economy_only = tmp_path / "chi_kinh_te.xlsx"
    common = ("Chuyên viên", "Văn hóa", "Cử nhân Văn hóa", "TC", "CV", "B", "B1", "01.003", False)
    write_official_roster(
        both,
        [
            Person("Vương Thị Nguyệt", "31/02/1985", "Nữ", CULTURE, *common),
            Person("Khổng Văn Quyết", "31/02/1985", "Nam", ECONOMY, *common),
        ],
        as_of=dt.date(2026, 3, 31),
    )
    write_official_roster(
        economy_only,
        [Person("Khổng Văn Tài", 1988, "Nam", ECONOMY, *common)],
        as_of=dt.date(2026, 4, 30),
    )
    with Store(app_db) as store:
        for path in (both, economy_only):
            result = import_file(store, "roster", path, ImportOptions())
            assert result.status == "imported", result.as_json()
    return both


def test_a_unit_head_reads_only_the_imports_and_warnings_of_their_unit(
    sign_in: SignIn, app_db: Path, roster_with_warnings: Path
) -> None:
    with Store(app_db) as store:
        (import_id,) = store.execute(
            "select import_id from imports where file_name = 'canh_bao.xlsx'"
        )[0]
        rows = dict(
            store.execute(
                "select full_name, source_row from roster_rows where import_id = ?", [import_id]
            )
        )
    at = on(sign_in(new_app(), "unit_head"), DATA)
    history = next(d.value for d in at.dataframe if "Thời điểm nhập" in d.value.columns)
    assert "canh_bao.xlsx" in set(history["Tệp"])
    assert "chi_kinh_te.xlsx" not in set(history["Tệp"])  # no row of their unit
    assert len(history) == 8 + 1  # the demo's eight files, each with their unit, and this one
    assert history.set_index("Tệp").loc["canh_bao.xlsx", "Cảnh báo"] == 1  # of 2: their own

    at.selectbox(key="data_original_pick").set_value(import_id).run()
    assert_drawn(at)
    expander = next(e for e in at.expander if e.label.startswith("Cảnh báo của lần nhập này"))
    assert expander.label == "Cảnh báo của lần nhập này (1)"
    shown = visible(" ".join(m.value for m in expander.markdown))
    # Vương Thị Nguyệt (Nữ, their unit): the birth date in the "Nữ" column of her row.
    assert f"ô D{rows['Vương Thị Nguyệt']} (cột 'Ngày, tháng, năm sinh Nữ')" in shown
    assert "(31/02/1985)" in shown
    # Khổng Văn Quyết (Nam, another unit): his is in the "Nam" column of his row, held back.
    assert f"ô C{rows['Khổng Văn Quyết']} " not in shown and "sinh Nam" not in shown
    # the other unit's birth date, and the file-level note that this list is older than the current
    assert any("2 cảnh báo khác nói về người của đơn vị khác" in c.value for c in expander.caption)
    assert "Khổng Văn Quyết" not in tree_text(at)
    assert "Khổng Văn Tài" not in tree_text(at)

    leader = on(sign_in(new_app(), "leader"), DATA)  # the whole ward: both, and the older-list note
    leader.selectbox(key="data_original_pick").set_value(import_id).run()
    labels = [e.label for e in leader.expander]
    assert "Cảnh báo của lần nhập này (3)" in labels


@pytest.fixture
def unmatched_evaluations(app_db: Path, tmp_path: Path) -> None:
    """Imported by the command line before the app opens: grades of 2023 for two people in
    no roster, one in each of two units."""
    path = tmp_path / "danh_gia_2023.xlsx"
    rows = [
        EvaluationRow("Vương Thị Lạ", dt.date(1990, 5, 6), "Chuyên viên", CULTURE, 85.0, "HTTNV"),
        EvaluationRow("Khổng Văn Lạ", dt.date(1991, 7, 8), "Chuyên viên", ECONOMY, 80.0, "HTTNV"),
    ]
    write_evaluation(path, rows, year=2023)
    with Store(app_db) as store:
        result = import_file(store, "evaluation", path, ImportOptions())
        assert result.status == "imported", result.as_json()


def test_a_unit_head_reads_only_the_unmatched_grades_of_their_unit(
    sign_in: SignIn, unmatched_evaluations: None
) -> None:
    def unmatched(at: AppTest) -> set[str]:
        on(at, DATA)
        frame = next(d.value for d in at.dataframe if "Lý do" in d.value.columns)
        return set(frame[NAME])

    assert unmatched(sign_in(new_app(), "leader")) == {"Vương Thị Lạ", "Khổng Văn Lạ"}
    head = sign_in(new_app(), "unit_head")
    assert unmatched(head) == {"Vương Thị Lạ"}
    assert "Khổng Văn Lạ" not in tree_text(head)


def plan_leads(db: Path) -> dict[str, str]:
    with Store(db) as store:  # the configuration of the app's connection, open beside it
        rows = store.execute("select task_code, lead_unit from plan_tasks order by task_code")
    return {str(code): str(lead) for code, lead in rows}


def offered_tasks(at: AppTest) -> list[str]:
    return [o.split(". ", 1)[0] for o in at.selectbox(key="pf_task").options]


@pytest.mark.parametrize("unit", [CULTURE, ECONOMY])
def test_a_unit_head_reports_only_on_the_tasks_their_unit_leads(
    sign_in: SignIn, app_db: Path, unit: str
) -> None:
    at = (
        sign_in(new_app(), "unit_head")
        if unit == CULTURE
        else sign_in(new_app(), "unit_head", unit=unit)
    )
    on(at, PLAN)
    leads = plan_leads(app_db)
    expected = [code for code, lead in leads.items() if leads_task(unit, lead)]
    assert sorted(offered_tasks(at)) == sorted(expected)
    # Tasks 2, 3 and 4a are led by Phòng Văn hóa – Xã hội alone.
    own_only = {"2", "3", "4a"}
    if unit == CULTURE:
        assert own_only <= set(offered_tasks(at))
    else:
        assert not own_only & set(offered_tasks(at))


# ------------------------------------------------------------------ leader
def test_a_leader_reads_everything_but_writes_nothing(sign_in: SignIn) -> None:
    at = on(sign_in(new_app(), "leader"), DATA)
    assert len(at.file_uploader) == 0
    assert any(visible(i.value).startswith("Chỉ cán bộ tổ chức (nhân sự)") for i in at.info)
    assert "data_original_download" in download_keys(at)
    assert (
        next(b for b in at.get("download_button") if b.key == "data_original_download").label
        == "Tải tệp gốc"
    )

    on(at, PLACEMENTS)
    assert not any(b.key == "std_save" for b in at.button)
    on(at, PLAN)
    assert not any(s.key == "pf_task" for s in at.selectbox)
    assert not any(b.key == "pf_submit" for b in at.button)
    on(at, AUDIT)
    assert at.title[0].value == "Nhật ký truy cập"


# ------------------------------------------------------------------ hr
def test_the_hr_officer_has_the_writing_tools(sign_in: SignIn) -> None:
    at = on(sign_in(new_app(), "hr"), DATA)
    assert at.file_uploader(key="data_file")
    on(at, PLACEMENTS)
    assert at.button(key="std_save")
    on(at, PLAN)
    assert at.selectbox(key="pf_task") and at.button(key="pf_submit")
    on(at, ACCOUNTS)
    assert at.title[0].value == "Tài khoản đăng nhập"


def test_an_account_made_on_the_accounts_screen_signs_in_and_disabling_it_ends_it(
    sign_in: SignIn,
) -> None:
    hr = on(sign_in(new_app(), "hr"), ACCOUNTS)
    hr.text_input(key="acc_name").input("phochutich")
    hr.selectbox(key="acc_role").set_value("leader")
    hr.selectbox(key="acc_unit").set_value(None)
    hr.selectbox(key="acc_ward").set_value(None)
    next(b for b in hr.button if b.label == "Tạo tài khoản").click().run()
    assert_drawn(hr)
    assert not hr.error, [e.value for e in hr.error]
    assert visible(hr.success[0].value).startswith("Đã tạo tài khoản phochutich")
    assert len(hr.code) == 1
    password = hr.code[0].value
    hr.run()  # shown once: the next step no longer shows it
    assert len(hr.code) == 0

    new = submit_sign_in(new_app(), "phochutich", password)
    assert_drawn(new)
    assert new.session_state["_account"].username == "phochutich"
    assert new.session_state["_account"].role == "leader"
    assert not shows_sign_in_form(new)

    hr.selectbox(key="acc_pick").set_value("phochutich")
    hr.button(key="acc_disable").click().run()
    assert_drawn(hr)
    assert any("Đã khóa tài khoản phochutich" in visible(s.value) for s in hr.success)

    new.run()  # its next step
    assert_drawn(new)
    assert "_account" not in new.session_state
    assert shows_sign_in_form(new)
    assert any("bị khóa" in visible(i.value) for i in new.info)


# ------------------------------------------------------------------ a ward-tied account
def test_a_leader_of_a_ward_without_data_sees_the_empty_state_and_no_one(
    sign_in: SignIn, demo_names: frozenset[str]
) -> None:
    at = sign_in(new_app(), "leader", ward="Phường Khác")
    assert at.session_state["_account"].ward == "Phường Khác"
    for page in PAGES_OF["leader"]:
        on(at, page)
        assert people_frames(at) == [], page
        assert names_in(at, demo_names) == set(), page
    on(at, OVERVIEW)
    assert any("Chưa có dữ liệu" in visible(i.value) for i in at.info)


def test_an_account_tied_to_a_ward_is_told_only_of_its_own_ward(sign_in: SignIn) -> None:
    at = sign_in(new_app(), "leader", ward="Phường Khác")
    for page in PAGES_OF["leader"]:
        text = tree_text(on(at, page)).casefold()
        assert "việt hòa" not in text, f"{page} names the demo ward"
    on(at, DATA)  # the blank templates carry the account's ward
    assert any("Tên Phường Khác đã được điền sẵn." in visible(c.value) for c in at.caption)


# ------------------------------------------------------------------ the audit log
def test_the_audit_screen_lists_the_sign_ins_with_their_usernames(sign_in: SignIn) -> None:
    sign_in(new_app(), "viewer")
    submit_sign_in(new_app(), DEMO_USERS["unit_head"], "not-the-password")
    at = on(sign_in(new_app(), "leader"), AUDIT)
    log = next(visible_frame(t.value) for t in at.table if "Tài khoản" in t.value.columns)
    sign_ins = log[log["Việc"] == "Đăng nhập"]
    assert sorted(zip(sign_ins["Tài khoản"], sign_ins["Kết quả"], strict=True)) == [
        ("lanhdao", "Thành công"),
        ("truongphong", "Không thành công"),
        ("xem", "Thành công"),
    ]
    assert next(b for b in at.get("download_button") if b.key == "audit_csv").label == (
        "Tải nhật ký (CSV)"
    )
