"""The audit log (analytics.audit): an append-only hash chain whose times show in Vietnam time
(UTC+7), and one entry for every kind of action the app and the command line take."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sheet_writers import AN, BINH, roster_rows, write_grid

from analytics import accounts, audit, queries
from analytics.accounts import generate_password
from analytics.export import make_export
from analytics.ingest.importer import ImportOptions, import_file
from analytics.policy import PermissionDenied
from analytics.scope import OPERATOR, Account
from analytics.store import Store
from tests.rows import add_plan

HR = Account("tochuc", "hr")
LEADER = Account("lanhdao", "leader")
VHXH = "Phòng Văn hóa – Xã hội"
DEMO_WARD = "Phường Việt Hòa"  # the ward sheet_writers' title block names
# 17:30 UTC on 1 December is 00:30 on 2 December in Việt Nam (UTC+7).
LATE_EVENING_UTC = dt.datetime(2026, 12, 1, 17, 30)


@pytest.fixture
def store() -> Store:
    return Store(":memory:")


def rows(
    store: Store,
    columns: tuple[str, ...] = ("username", "role", "action", "outcome"),
    **filters: Any,
) -> list[tuple[object, ...]]:
    """``entries`` oldest first as plain tuples (empty cells as None)."""
    frame = audit.entries(store, **filters)
    frame = frame.astype(object).where(frame.notna(), None)
    return list(frame[list(columns)].itertuples(index=False, name=None))[::-1]


@pytest.fixture
def three(store: Store) -> Store:
    """A log of three entries (ids 1, 2, 3)."""
    audit.record(store, "tochuc", "hr", "signin", at=dt.datetime(2026, 10, 1, 1, 0))
    audit.record(store, "tochuc", "hr", "import", detail="roster: a.xlsx", address="10.0.0.1")
    audit.record(store, "tochuc", "hr", "signout")
    return store


# ---------------------------------------------------------------- the chain
def test_a_log_written_only_by_record_verifies(three: Store) -> None:
    assert audit.verify(three)
    assert [r[0] for r in three.execute("select audit_id from audit_log order by 1")] == [1, 2, 3]


def test_an_empty_log_verifies(store: Store) -> None:
    assert audit.verify(store)


def test_each_entry_carries_the_hash_of_the_one_before(three: Store) -> None:
    chain = three.execute("select prev_hash, hash from audit_log order by audit_id")
    assert chain[0][0] is None
    assert [prev for prev, _ in chain[1:]] == [digest for _, digest in chain[:2]]


@pytest.mark.parametrize("audit_id", [1, 2, 3])
@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("username", "'kẻ gian'"),
        ("role", "'leader'"),
        ("action", "'export'"),  # no row is an export
        ("outcome", "'failed'"),
        ("detail", "'sửa lén'"),
        ("address", "'1.2.3.4'"),
        ("occurred_at", "occurred_at + interval 1 second"),
        ("hash", "'0000'"),
    ],
)
def test_editing_any_row_breaks_the_chain(
    three: Store, audit_id: int, column: str, value: str
) -> None:
    three.execute(f"update audit_log set {column} = {value} where audit_id = ?", [audit_id])
    assert not audit.verify(three)


@pytest.mark.parametrize("audit_id", [1, 2, 3])
def test_deleting_any_row_breaks_the_chain(three: Store, audit_id: int) -> None:
    three.execute("delete from audit_log where audit_id = ?", [audit_id])
    assert not audit.verify(three)


def test_swapping_two_rows_breaks_the_chain(three: Store) -> None:
    three.execute("update audit_log set audit_id = 99 where audit_id = 1")
    three.execute("update audit_log set audit_id = 1 where audit_id = 2")
    three.execute("update audit_log set audit_id = 2 where audit_id = 99")
    assert not audit.verify(three)


@pytest.mark.parametrize(("action", "outcome"), [("hack", "ok"), ("signin", "maybe")])
def test_an_unknown_action_or_outcome_is_refused_and_nothing_written(
    store: Store, action: str, outcome: str
) -> None:
    with pytest.raises(ValueError, match="unknown audit"):
        audit.record(store, "tochuc", "hr", action, outcome=outcome)
    assert store.execute("select count(*) from audit_log") == [(0,)]


def test_a_long_detail_is_clipped_to_2000_characters(store: Store) -> None:
    audit.record(store, "tochuc", "hr", "import", detail="x" * 5000)
    (detail,) = store.execute("select detail from audit_log")[0]
    assert len(detail) == 2000 and detail.endswith("…")
    assert audit.verify(store)


# ---------------------------------------------------------------- Vietnam time
def test_times_are_stored_in_utc_and_shown_in_vietnam_time(store: Store) -> None:
    audit.record(store, "tochuc", "hr", "signin", at=LATE_EVENING_UTC)
    assert store.execute("select occurred_at from audit_log") == [(LATE_EVENING_UTC,)]
    shown = audit.entries(store)["at"].iloc[0]
    assert (shown.day, shown.hour, shown.minute) == (2, 0, 30)  # 17:30 + 7 h


def test_a_utc_time_given_with_its_zone_keeps_the_chain_whole(store: Store) -> None:
    # The same instant as LATE_EVENING_UTC, written with its zone (as dt.datetime.now(dt.UTC)
    # gives it): stored as 17:30 UTC, and the chain must still verify.
    audit.record(store, "tochuc", "hr", "signin", at=LATE_EVENING_UTC.replace(tzinfo=dt.UTC))
    assert store.execute("select occurred_at from audit_log") == [(LATE_EVENING_UTC,)]
    assert audit.verify(store)


def test_entries_filter_by_vietnam_calendar_days(store: Store) -> None:
    times = {
        "a": dt.datetime(2026, 12, 1, 16, 59),  # 23:59 on 1 Dec in Việt Nam
        "b": dt.datetime(2026, 12, 1, 17, 30),  # 00:30 on 2 Dec
        "c": dt.datetime(2026, 12, 2, 16, 59, 59),  # 23:59:59 on 2 Dec
        "d": dt.datetime(2026, 12, 2, 17, 0),  # 00:00 on 3 Dec
    }
    for name, at in times.items():
        audit.record(store, name, "hr", "signin", at=at)
    day = dt.date(2026, 12, 2)
    assert rows(store, ("username",), since=day, until=day) == [("b",), ("c",)]
    assert rows(store, ("username",), until=dt.date(2026, 12, 1)) == [("a",)]
    assert rows(store, ("username",), since=dt.date(2026, 12, 3)) == [("d",)]


def test_entries_filter_by_user_and_action_newest_first(store: Store) -> None:
    audit.record(store, "tochuc", "hr", "signin")
    audit.record(store, "lanhdao", "leader", "signin")
    audit.record(store, "tochuc", "hr", "import")
    audit.record(store, "tochuc", "hr", "signout")
    frame = audit.entries(store, usernames=("tochuc",), actions=("signin", "signout"))
    assert list(frame["audit_id"]) == [4, 1]
    assert list(frame["action_label"]) == ["Đăng xuất", "Đăng nhập"]
    assert list(audit.entries(store, limit=2)["audit_id"]) == [4, 3]
    assert audit.usernames(store) == ["lanhdao", "tochuc"]


def test_an_empty_log_gives_an_empty_frame_with_the_label_columns(store: Store) -> None:
    frame = audit.entries(store)
    assert frame.empty
    assert {"at", "username", "action_label", "outcome_label"} <= set(frame.columns)


# ---------------------------------------------------------------- one entry per kind of action
def test_sign_in_ok_and_failed_and_sign_out_are_audited(store: Store) -> None:
    password = generate_password()
    accounts.add_user(store, "tochuc", password, "hr")
    accounts.authenticate(store, "tochuc", password, address="10.0.0.7")
    accounts.authenticate(store, "tochuc", password + "x")
    audit.record(store, "tochuc", "hr", "signout", address="10.0.0.7")  # as ui.auth does
    assert rows(store, ("username", "action", "outcome", "address"))[1:] == [
        ("tochuc", "signin", "ok", "10.0.0.7"),
        ("tochuc", "signin", "failed", None),
        ("tochuc", "signout", "ok", "10.0.0.7"),
    ]
    assert list(audit.entries(store)["outcome_label"])[1] == "Không thành công"


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_grid(tmp_path / "danh_sach.xlsx", roster_rows([AN, BINH]))


def test_an_accepted_import_is_audited_ok(store: Store, roster: Path) -> None:
    result = import_file(store, "roster", roster, actor=HR, address="10.0.0.7")
    assert result.status == "imported"
    assert rows(store, ("username", "role", "action", "outcome", "address")) == [
        ("tochuc", "hr", "import", "ok", "10.0.0.7")
    ]
    assert rows(store, ("detail",)) == [(result.message(),)]


def test_the_same_file_again_is_audited_ok_as_unchanged(store: Store, roster: Path) -> None:
    import_file(store, "roster", roster, actor=HR)
    again = import_file(store, "roster", roster, actor=HR)
    assert again.status == "unchanged"
    assert rows(store, ("outcome", "detail"))[1] == (
        "ok",
        again.message(),
    )


def test_a_broken_file_is_audited_rejected(store: Store, tmp_path: Path) -> None:
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    result = import_file(store, "roster", broken, actor=HR)
    assert result.status == "rejected"
    assert rows(store) == [("tochuc", "hr", "import", "rejected")]


def test_a_dry_run_is_not_audited(store: Store, roster: Path) -> None:
    result = import_file(store, "roster", roster, ImportOptions(dry_run=True), actor=HR)
    assert result.status == "validated"
    assert rows(store) == []


@pytest.mark.parametrize(
    "actor",
    [
        Account("xem", "viewer"),
        Account("lanhdao", "leader"),
        Account("truongphong", "unit_head", unit=VHXH),
    ],
    ids=lambda a: a.role,
)
def test_an_import_by_a_role_that_may_not_import_is_refused_and_audited(
    store: Store, roster: Path, actor: Account
) -> None:
    with pytest.raises(PermissionDenied):
        import_file(store, "roster", roster, actor=actor, address="10.0.0.9")
    assert rows(store, ("username", "role", "action", "outcome", "detail", "address")) == [
        (
            actor.username,
            actor.role,
            "import",
            "refused",
            "danh sách cán bộ, công chức: danh_sach.xlsx",
            "10.0.0.9",
        )
    ]
    assert store.execute("select count(*) from imports") == [(0,)]


def test_a_ward_hr_importing_another_wards_file_is_audited_rejected(
    store: Store, roster: Path
) -> None:
    other = Account("tochuc_khac", "hr", ward="Phường Khác")
    result = import_file(store, "roster", roster, actor=other)
    assert result.status == "rejected"
    assert "chỉ được nhập dữ liệu của Phường Khác" in result.errors[0].text()
    assert rows(store) == [("tochuc_khac", "hr", "import", "rejected")]
    assert store.execute("select count(*) from roster_rows") == [(0,)]


def test_a_ward_hr_importing_their_own_wards_file_is_audited_ok(store: Store, roster: Path) -> None:
    own = Account("tochuc_vh", "hr", ward=DEMO_WARD)
    assert import_file(store, "roster", roster, actor=own).status == "imported"
    assert rows(store) == [("tochuc_vh", "hr", "import", "ok")]


def test_the_command_line_imports_as_the_operator(store: Store, roster: Path) -> None:
    import_file(store, "roster", roster)
    assert rows(store) == [(OPERATOR.username, "hr", "import", "ok")]


def test_an_export_is_audited_under_its_actor(store: Store, roster: Path) -> None:
    import_file(store, "roster", roster)
    made = make_export(
        store,
        LEADER.scope(),
        "xlsx",
        today=dt.date(2026, 10, 1),
        chart_images=False,
        actor=LEADER,
        address="10.0.0.8",
    )
    assert rows(store, ("username", "role", "action", "outcome", "address"))[-1] == (
        "lanhdao",
        "leader",
        "export",
        "ok",
        "10.0.0.8",
    )
    (detail,) = rows(store, ("detail",), actions=("export",))[0]
    assert isinstance(detail, str) and detail.startswith(made.file_name)


def test_a_standards_edit_is_audited(store: Store) -> None:
    queries.save_standard(store, {"standard_id": 1, "required": "Cao đẳng"}, "Lê Thị Tổ", actor=HR)
    assert rows(store, ("username", "role", "action", "outcome", "detail")) == [
        ("tochuc", "hr", "standards_edit", "ok", "Tiêu chuẩn số 1 (update), người sửa: Lê Thị Tổ")
    ]


def test_a_plan_update_is_audited(store: Store) -> None:
    add_plan(store, [{"task_code": "2", "title": "Rà soát đội ngũ", "lead_unit": VHXH}])
    queries.add_progress_report(
        store,
        ward="Phường Thử",
        task_code="2",
        report_date=dt.date(2026, 10, 1),
        status="Đang thực hiện",
        percent=50,
        deliverable=None,
        note=None,
        reported_by="Lê Thị Tổ",
        actor=HR,
    )
    assert rows(store, ("username", "role", "action", "outcome", "detail")) == [
        ("tochuc", "hr", "plan_update", "ok", "Phường Thử, nhiệm vụ 2: Đang thực hiện, 50%")
    ]


def test_account_changes_are_audited(store: Store) -> None:
    accounts.add_user(store, "minh", generate_password(), "viewer", by=HR)
    accounts.set_active(store, "minh", False, by=HR)
    accounts.set_active(store, "minh", True, by=HR)
    accounts.reset_password(store, "minh", generate_password(), by=HR)
    assert rows(store, ("username", "action", "outcome")) == [
        ("tochuc", "account_add", "ok"),
        ("tochuc", "account_disable", "ok"),
        ("tochuc", "account_enable", "ok"),
        ("tochuc", "account_password", "ok"),
    ]


def test_a_log_of_every_kind_of_action_still_verifies(store: Store, roster: Path) -> None:
    password = generate_password()
    accounts.add_user(store, "tochuc", password, "hr")
    accounts.authenticate(store, "tochuc", password)
    import_file(store, "roster", roster, actor=HR)
    with pytest.raises(PermissionDenied):
        import_file(store, "roster", roster, actor=Account("xem", "viewer"))
    make_export(store, HR.scope(), "xlsx", today=dt.date(2026, 10, 1), chart_images=False, actor=HR)
    queries.save_standard(store, {"standard_id": 1, "required": "Cao đẳng"}, "Lê Thị Tổ", actor=HR)
    audit.record(store, "tochuc", "hr", "signout")
    assert [a for (a,) in rows(store, ("action",))] == [
        "account_add",
        "signin",
        "import",
        "import",
        "export",
        "standards_edit",
        "signout",
    ]
    assert audit.verify(store)
