"""The functions that write (``analytics.queries.writes``): a standards edit takes effect at
once and keeps its history; a progress report entered in the app is appended, history kept; bad
input is refused with nothing written. On the hand-written rows of the placements and plan tests
(``roster_store``, ``plan_store``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from test_queries_placements import check, roster_store
from test_queries_plan import ALL, plan_store, status

from analytics import queries
from analytics.scope import Scope
from analytics.store import Store

HR = "Nguyễn Thị Nhân Sự"
WARD = "Phường Thử"  # the ward of the plan's rows (tests/rows.add_plan)


@pytest.fixture
def roster() -> Store:
    return roster_store()


@pytest.fixture
def plan() -> Iterator[Store]:
    with plan_store() as s:
        yield s


# ---------------------------------------------------------------- editing the standards
def test_lowering_the_education_floor_changes_results_at_once_and_keeps_history(
    roster: Store,
) -> None:
    queries.save_standard(roster, {"standard_id": 1, "required": "Cao đẳng"}, HR)
    assert check(roster, "P6", "education_level")["result"] == "đạt"
    assert check(roster, "P1", "education_level")["reason"] == (
        "Trình độ chuyên môn Trung cấp thấp hơn yêu cầu Cao đẳng trở lên."
    )
    history = queries.standards_history(roster)
    assert len(history) == 1
    change = history.iloc[0]
    assert (change["standard_id"], change["action"], change["changed_by"]) == (1, "update", HR)
    assert json.loads(change["before"])["required"] == "Đại học"
    assert json.loads(change["after"])["required"] == "Cao đẳng"
    standard = queries.standards(roster).set_index("standard_id").loc[1]
    assert standard["updated_by"] == HR
    readable = queries.standards_changes(roster).iloc[0]
    assert readable["action"] == "Sửa"
    assert readable["changes"] == "Yêu cầu: Đại học → Cao đẳng"
    assert readable["standard"] == "Trình độ chuyên môn · Tất cả CBCC"


def test_deactivating_a_standard_removes_its_checks(roster: Store) -> None:
    queries.save_standard(roster, {"standard_id": 4, "active": False}, HR)
    checks = queries.placement_checks(roster, Scope())
    assert "certificate" not in set(checks["criterion"])
    assert queries.placement_summary(roster, Scope()).below_standard == 4
    readable = queries.standards_changes(roster).iloc[0]
    assert readable["action"] == "Ngừng áp dụng"
    assert readable["changes"] == "Đang áp dụng: Có → Không"


def test_a_new_standard_applies_at_once(roster: Store) -> None:
    new_id = queries.save_standard(
        roster,
        {
            "criterion": "major",
            "applies_to": "field",
            "target": "Nội vụ",
            "required": "Luật; Hành chính",
            "legal_source": "QĐ 1637/QĐ-UBND (thử)",
        },
        HR,
    )
    assert new_id >= 100
    row = check(roster, "P4", "major")
    assert row["result"] == "chưa đạt"  # P4 studied Văn hóa
    assert row["legal_source"] == "QĐ 1637/QĐ-UBND (thử)"
    readable = queries.standards_changes(roster).iloc[0]
    assert readable["action"] == "Thêm mới"
    assert readable["standard"] == "Chuyên ngành · Nội vụ"
    assert readable["changed_by"] == HR


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"standard_id": 1, "required": "  "}, "Yêu cầu không được để trống."),
        ({"standard_id": 1, "required": "Đại hoc"}, "phải là một trong các mức"),
        ({"standard_id": 2, "legal_source": ""}, "Cần ghi căn cứ pháp lý"),
        ({"standard_id": 999, "required": "Đại học"}, "Không có tiêu chuẩn số 999."),
        (
            {"criterion": "major", "applies_to": "field", "target": "Nội vụ", "required": "Luật"},
            "Cần ghi căn cứ pháp lý",
        ),
        (
            {"criterion": "major", "applies_to": "field", "required": "Luật", "legal_source": "X"},
            "Cần chọn lĩnh vực",
        ),
        (
            {"criterion": "tuoi", "applies_to": "all", "required": "18", "legal_source": "X"},
            "Tiêu chí không hợp lệ",
        ),
        (
            {"criterion": "major", "applies_to": "ai", "required": "Luật", "legal_source": "X"},
            "Đối tượng áp dụng không hợp lệ",
        ),
    ],
)
def test_invalid_standards_are_refused_and_nothing_is_written(
    roster: Store, values: dict[str, object], message: str
) -> None:
    before = queries.standards(roster)
    with pytest.raises(ValueError, match=message):
        queries.save_standard(roster, values, HR)
    assert queries.standards_history(roster).empty
    assert queries.standards(roster).equals(before)


def test_a_change_needs_who_made_it(roster: Store) -> None:
    with pytest.raises(ValueError, match="Cần ghi tên người sửa"):
        queries.save_standard(roster, {"standard_id": 1, "required": "Cao đẳng"}, " ")


# ---------------------------------------------------------------- progress reports
def test_add_progress_report_appends_and_history_keeps_both(plan: Store) -> None:
    queries.add_progress_report(
        plan,
        ward=WARD,
        task_code="3",
        report_date=dt.date(2026, 11, 20),
        status="Hoàn thành",
        percent=100,
        deliverable="Phương án bố trí",
        note=None,
        reported_by="Trần Văn Báo",
    )
    history = queries.progress_history(plan, ALL, "3")
    assert history["report_date"].map(lambda d: d.date()).tolist() == [
        dt.date(2026, 11, 20),
        dt.date(2026, 9, 30),
        dt.date(2026, 8, 31),
    ]
    assert history["status"].tolist() == ["Hoàn thành", "Đang thực hiện", "Đang thực hiện"]
    assert history["percent"].tolist() == [100.0, 70.0, 50.0]  # earlier reports untouched
    assert bool(history["entered_in_app"].iat[0]) is True
    assert history["reported_by"].iat[0] == "Trần Văn Báo"
    task = status(plan)["3"]
    assert task["status"] == "Hoàn thành"
    assert bool(task["overdue"]) is False


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"task_code": "99"}, "Nhiệm vụ 99 không có trong kế hoạch của Phường Thử."),
        ({"percent": 120}, "Tỷ lệ hoàn thành phải từ 0 đến 100."),
        ({"reported_by": "  "}, "Cần ghi tên người báo cáo."),
        ({"status": "Xong"}, "Tình trạng không hợp lệ: Xong"),
    ],
)
def test_add_progress_report_rejects_bad_input(
    plan: Store, changes: dict[str, object], message: str
) -> None:
    values: dict[str, object] = {
        "ward": WARD,
        "task_code": "3",
        "report_date": dt.date(2026, 11, 20),
        "status": "Đang thực hiện",
        "percent": 80,
        "deliverable": None,
        "note": None,
        "reported_by": "Trần Văn Báo",
        **changes,
    }
    with pytest.raises(ValueError, match=message):
        queries.add_progress_report(plan, **values)  # type: ignore[arg-type]
    assert len(queries.progress_history(plan, ALL, "3")) == 2  # nothing written
