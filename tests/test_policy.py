"""The one permission table (analytics.policy): what each role may do, who leads a plan task, and
the account's limits that no filter can widen (Scope.effective)."""

from __future__ import annotations

import unicodedata

import pytest

from analytics.policy import (
    ROLES,
    Action,
    PermissionDenied,
    can,
    leads_task,
    may_report_progress,
    may_write_ward,
    require,
    require_ward,
)
from analytics.scope import Account, Scope

KT = "Phòng Kinh tế, Hạ tầng và Đô thị"
VHXH = "Phòng Văn hóa – Xã hội"
OFFICE = "Văn phòng HĐND và UBND"
TWO_UNITS = f"{KT}, {VHXH}"  # a task two units lead together, as the plan writes it
WARD = "Phường Việt Hòa"

# Written out by hand from the issue, one row per action: x = allowed.
#   leader:    everything read, exports, originals, the audit log; no import, undo, standards,
#              staffing (ward profile, quota), plan or accounts.
#   hr:        everything.
#   unit_head: people of their own unit, import history and data quality, progress on their own
#              tasks; no originals, audit, accounts or import.
#   viewer:    aggregates, exports and the archive only.
MATRIX = """
action                leader  hr  unit_head  viewer
view_aggregates       x       x   x          x
view_people           x       x   x          .
download_people       x       x   x          .
export                x       x   x          x
view_archive          x       x   x          x
view_import_history   x       x   x          .
view_data_quality     x       x   x          .
download_original     x       x   .          .
import                .       x   .          .
undo_import           .       x   .          .
edit_standards        .       x   .          .
edit_staffing         .       x   .          .
update_plan           .       x   .          .
report_own_progress   .       x   x          .
manage_accounts       .       x   .          .
view_audit            x       x   .          .
"""


def _expected() -> dict[tuple[str, Action], bool]:
    header, *rows = [line.split() for line in MATRIX.strip().splitlines()]
    roles = header[1:]
    return {
        (role, Action(row[0])): mark == "x"
        for row in rows
        for role, mark in zip(roles, row[1:], strict=True)
    }


EXPECTED = _expected()


def test_the_matrix_names_every_role_and_every_action_once() -> None:
    # 4 roles x 16 actions = 64 cells; a new action must be decided here before it passes.
    assert {role for role, _ in EXPECTED} == set(ROLES)
    assert {action for _, action in EXPECTED} == set(Action)
    assert len(EXPECTED) == 4 * 16


@pytest.mark.parametrize(("role", "action"), sorted(EXPECTED))
def test_each_role_may_do_exactly_what_the_matrix_says(role: str, action: Action) -> None:
    assert can(role, action) is EXPECTED[(role, action)]


@pytest.mark.parametrize(("role", "action"), sorted(k for k, v in EXPECTED.items() if not v))
def test_require_refuses_in_vietnamese_what_the_role_may_not_do(role: str, action: Action) -> None:
    with pytest.raises(PermissionDenied, match=r"^Vai trò “.+” .+\.$"):
        require(role, action)


@pytest.mark.parametrize(("role", "action"), sorted(k for k, v in EXPECTED.items() if v))
def test_require_lets_through_what_the_role_may_do(role: str, action: Action) -> None:
    require(role, action)  # raises PermissionDenied otherwise


@pytest.mark.parametrize("role", [None, "", "admin", "HR", "Leader"])
@pytest.mark.parametrize("action", list(Action))
def test_an_unknown_or_missing_role_may_do_nothing(role: str | None, action: Action) -> None:
    assert not can(role, action)
    with pytest.raises(PermissionDenied):
        require(role, action)


def test_a_missing_role_is_named_as_not_signed_in() -> None:
    with pytest.raises(PermissionDenied, match="Người chưa đăng nhập"):
        require(None, Action.VIEW_AGGREGATES)


# ---------------------------------------------------------------- who leads a task
@pytest.mark.parametrize(
    ("unit", "lead", "leads"),
    [
        (KT, KT, True),
        (KT, TWO_UNITS, True),  # first of two
        (VHXH, TWO_UNITS, True),  # second of two
        (OFFICE, TWO_UNITS, False),
        (OFFICE, VHXH, False),
        (VHXH.upper(), VHXH, True),  # case does not matter
        (f"  {VHXH} ", VHXH, True),
        (OFFICE, "Các cơ quan, đơn vị", True),  # every unit's task
        (KT, "Các cơ quan, đơn vị trực thuộc UBND phường", True),
        (KT, "Tất cả các đơn vị", True),
        (None, VHXH, False),
        ("", VHXH, False),
        (VHXH, None, False),
        (VHXH, "", False),
        (None, "Các cơ quan, đơn vị", False),  # no unit: no own task
    ],
)
def test_a_unit_leads_a_task_that_names_it_or_every_unit(
    unit: str | None, lead: str | None, leads: bool
) -> None:
    assert leads_task(unit, lead) is leads


def test_leads_task_matches_decomposed_and_composed_text() -> None:
    nfd_unit = unicodedata.normalize("NFD", VHXH)
    nfd_lead = unicodedata.normalize("NFD", TWO_UNITS)
    assert nfd_unit != VHXH  # the test means something only if the spellings differ
    assert leads_task(nfd_unit, TWO_UNITS)
    assert leads_task(VHXH, nfd_lead)
    assert leads_task("x", unicodedata.normalize("NFD", "Các cơ quan, đơn vị"))


def test_leads_task_reads_the_unit_as_the_roster_importer_does() -> None:
    # A plan typed by hand often writes a hyphen and the old tone placement; the roster importer
    # makes "Phòng Văn hoá - Xã hội" the unit "Phòng Văn hóa – Xã hội", so a unit head of that
    # unit leads the task whichever way the plan spells it.
    assert leads_task(VHXH, "Phòng Văn hoá - Xã hội")


@pytest.mark.parametrize(
    ("role", "unit", "lead", "may"),
    [
        ("hr", None, KT, True),  # any task
        ("unit_head", VHXH, TWO_UNITS, True),
        ("unit_head", OFFICE, TWO_UNITS, False),
        ("unit_head", None, KT, False),
        ("leader", KT, KT, False),  # the leader does not report progress
        ("viewer", KT, KT, False),
        (None, KT, KT, False),
    ],
)
def test_hr_reports_on_any_task_and_a_unit_head_on_their_units_own(
    role: str | None, unit: str | None, lead: str, may: bool
) -> None:
    assert may_report_progress(role, unit, lead) is may


# ---------------------------------------------------------------- whose ward an account writes
@pytest.mark.parametrize(
    ("account_ward", "ward", "may"),
    [
        (None, WARD, True),  # a city account: every ward
        (None, "Phường Tân Hưng", True),
        (WARD, WARD, True),  # a ward officer: their own
        (WARD, "Phường Tân Hưng", False),
        (WARD, "", False),
    ],
)
def test_a_ward_officer_writes_only_their_own_wards_records(
    account_ward: str | None, ward: str, may: bool
) -> None:
    assert may_write_ward(account_ward, ward) is may


def test_writing_another_ward_is_refused_in_vietnamese_naming_both() -> None:
    with pytest.raises(PermissionDenied) as refused:
        require_ward(WARD, "Phường Tân Hưng", "sửa hồ sơ phường")
    assert str(refused.value) == (
        "Tài khoản gắn với Phường Việt Hòa chỉ được sửa hồ sơ phường của Phường Việt Hòa, "
        "không phải của Phường Tân Hưng."
    )
    require_ward(None, "Phường Tân Hưng", "sửa hồ sơ phường")  # a city account passes


# ---------------------------------------------------------------- account limits on the scope
def test_a_unit_heads_scope_is_their_own_unit_whatever_the_filter_says() -> None:
    for units in ((), (KT,), (KT, VHXH, OFFICE)):
        scope = Scope(units=units, role="unit_head", role_unit=VHXH)
        assert scope.effective().units == (VHXH,)
        assert scope.params()["units"] == [VHXH]


def test_a_unit_head_without_a_unit_sees_no_unit_rather_than_every_unit() -> None:
    assert Scope(role="unit_head").effective().units == ("",)


def test_a_ward_tied_account_sees_only_its_ward_even_with_no_ward_or_another_ward_chosen() -> None:
    for wards in ((), ("Xã Khác",), ("Xã Khác", WARD)):
        scope = Scope(wards=wards, role="leader", role_ward=WARD)
        assert scope.effective().wards == (WARD,)
        assert scope.params()["wards"] == [WARD]


def test_a_ward_tied_unit_head_is_held_to_both_unit_and_ward() -> None:
    scope = Scope(wards=("Xã Khác",), units=(KT,), role="unit_head", role_unit=VHXH, role_ward=WARD)
    assert (scope.effective().wards, scope.effective().units) == ((WARD,), (VHXH,))


def test_other_filters_pass_through_the_account_limits_unchanged() -> None:
    scope = Scope(fields=("Đất đai",), genders=("Nữ",), role="unit_head", role_unit=VHXH)
    assert scope.effective().fields == ("Đất đai",)
    assert scope.effective().genders == ("Nữ",)


def test_an_account_without_ward_or_unit_keeps_the_filters() -> None:
    scope = Scope(wards=(WARD,), units=(KT,), role="hr")
    assert scope.effective() == scope


def test_an_accounts_scope_carries_its_role_unit_and_ward() -> None:
    account = Account("truongphong", "unit_head", unit=VHXH, ward=WARD)
    scope = account.scope(units=(KT,))
    assert (scope.role, scope.role_unit, scope.role_ward) == ("unit_head", VHXH, WARD)
    assert scope.effective().units == (VHXH,)
