"""The reader's scope: who reads (the signed-in account's role, unit and ward) and what they
filtered. Every query takes one.

The role, unit and ward come from the account (ui/auth.py), never from a widget or the URL; the
permissions themselves are decided in ``analytics.policy``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from analytics.policy import ROLE_LABELS, Action, PermissionDenied, Role, can, require, role_label

__all__ = ["OPERATOR", "ROLE_LABELS", "SCOPE_SQL", "Account", "Role", "Scope", "ScopeError"]

# Kept for the callers that catch it: a refusal of the policy.
ScopeError = PermissionDenied


@dataclass(frozen=True)
class Scope:
    """Filters as tuples (empty = all). ``year`` is the evaluation year in view."""

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

    def params(self) -> dict[str, Any]:
        """Named parameters of the ``in_scope`` SQL macro."""
        scope = self.effective()
        return {
            "wards": list(scope.wards),
            "units": list(scope.units),
            "fields": list(scope.fields),
            "genders": list(scope.genders),
            "age_bands": list(scope.age_bands),
            "sensitive_only": scope.sensitive_only,
        }

    def describe(self) -> str:
        """The filters in Vietnamese, for exports and captions."""
        parts = []
        labels = (
            ("Phường/xã", self.effective().wards),
            ("Đơn vị", self.effective().units),
            ("Lĩnh vực", self.fields),
            ("Giới tính", self.genders),
            ("Độ tuổi", self.age_bands),
        )
        for label, values in labels:
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        if self.sensitive_only:
            parts.append("Chỉ lĩnh vực nhạy cảm")
        if self.year:
            parts.append(f"Năm đánh giá: {self.year}")
        return "; ".join(parts) if parts else "Toàn bộ (không lọc)"


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
