"""The reader's scope: who reads (the signed-in account's role, unit and ward) and what they
filtered. Every query takes one.

The role, unit and ward come from the account (ui/auth.py), never from a widget or the URL; the
permissions themselves are decided in ``analytics.policy``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from analytics import filters
from analytics.policy import ROLE_LABELS, Action, PermissionDenied, Role, can, require, role_label

__all__ = ["OPERATOR", "ROLE_LABELS", "SCOPE_SQL", "Account", "Role", "Scope", "ScopeError"]

# Kept for the callers that catch it: a refusal of the policy.
ScopeError = PermissionDenied


@dataclass(frozen=True)
class Scope:
    """Filters as tuples (empty = all), declared in ``analytics.filters.FILTERS``. ``year`` is the
    evaluation year chosen (the year in view: ``year_in_view``). ``province`` narrows the wards to
    ``province_wards`` (that province's wards the reader may see) when no ward is chosen."""

    province: str | None = None
    province_wards: tuple[str, ...] = ()
    wards: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    sensitive_only: bool = False
    year: int | None = None
    role: Role = "leader"
    role_unit: str | None = None
    role_ward: str | None = None  # an account tied to one ward; None = every ward (the city)

    def effective(self) -> Scope:
        """The scope after the account's limits: a unit head's units are their own unit, a ward
        officer's wards their own ward, whatever the filters say."""
        scope = self
        if self.province is not None and not self.wards:
            scope = replace(scope, wards=self.province_wards or ("",))
        if self.role == "unit_head":
            scope = replace(scope, units=(self.role_unit or "",))
        if self.role_ward is not None:
            scope = replace(scope, wards=(self.role_ward,))
        return scope

    def can(self, action: Action) -> bool:
        return can(self.role, action)

    def require(self, action: Action) -> None:
        require(self.role, action)

    @property
    def can_see_people(self) -> bool:
        return can(self.role, Action.VIEW_PEOPLE)

    def require_people(self) -> None:
        require(self.role, Action.VIEW_PEOPLE)

    def values(self) -> dict[str, filters.Value]:
        """The filters as chosen, by field of ``filters.FILTERS``, after the account's limits (a
        unit head's unit, a ward officer's ward; a province's wards are not listed as chosen)."""
        shown = replace(self, province_wards=()).effective()
        if self.province is not None and not self.wards:
            shown = replace(shown, wards=(self.role_ward,) if self.role_ward is not None else ())
        return {spec.field: getattr(shown, spec.field) for spec in filters.FILTERS}

    def params(self) -> dict[str, Any]:
        """Named parameters of the ``in_scope`` SQL macro."""
        scope = self.effective()
        return filters.sql_params(
            {spec.field: getattr(scope, spec.field) for spec in filters.FILTERS}
        )

    def describe(self) -> str:
        """The filters in Vietnamese, for exports and captions."""
        return filters.describe(self.values())

    def file_name_part(self) -> str:
        """The filters in an export's file name: 'phong-van-hoa-xa-hoi_nam-2025'."""
        return filters.file_name_part(self.values())

    def year_in_view(self, years: Iterable[int]) -> int | None:
        """The evaluation year every screen, chart and export shows: the year chosen when the
        scope holds results of it, else the latest year it holds (None: no results at all).

        >>> Scope(year=2024).year_in_view([2023, 2024, 2025]), Scope().year_in_view([2024, 2025])
        (2024, 2025)
        >>> Scope(year=2019).year_in_view([2024, 2025]), Scope().year_in_view([])
        (2025, None)
        """
        held = {int(y) for y in years}
        if not held:
            return None
        return self.year if self.year in held else max(held)


@dataclass(frozen=True)
class Account:
    """A signed-in person: what every scope and permission check starts from."""

    username: str
    role: Role
    unit: str | None = None
    ward: str | None = None

    @property
    def label(self) -> str:
        where = [x for x in (self.unit, self.ward) if x]
        return f"{self.username} — {role_label(self.role)}" + (
            f" ({', '.join(where)})" if where else ""
        )

    def scope(self, **filters: object) -> Scope:
        """The reader's scope: the filters chosen, limited by this account."""
        return Scope(role=self.role, role_unit=self.unit, role_ward=self.ward, **filters)  # type: ignore[arg-type]


# Whoever runs ``python -m analytics`` on the server: they can open the database file anyway, so
# the command line acts as the HR officer of every ward (and says so in the audit log).
OPERATOR = Account("dòng lệnh", "hr")


# The in_scope(...) call every query's WHERE uses, over columns of the same names.
SCOPE_SQL = (
    "in_scope(ward, unit, field, gender, age_band, sensitive, "
    "$wards::varchar[], $units::varchar[], $fields::varchar[], $genders::varchar[], "
    "$age_bands::varchar[], $sensitive_only)"
)
