"""The reader's scope: who reads (role) and what they filtered. Every query takes one.

Roles prepare sign-in: a unit head sees only their unit, a viewer only aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

Role = Literal["leader", "hr", "unit_head", "viewer"]

ROLE_LABELS: dict[str, str] = {
    "leader": "Lãnh đạo phường",
    "hr": "Cán bộ phụ trách nhân sự",
    "unit_head": "Trưởng đơn vị",
    "viewer": "Người xem (chỉ số liệu tổng hợp)",
}


class ScopeError(PermissionError):
    """The reader's role does not allow this query."""


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

    def effective(self) -> Scope:
        """The scope after the role's limits: a unit head's units are their own unit."""
        if self.role == "unit_head":
            return replace(self, units=(self.role_unit or "",))
        return self

    @property
    def can_see_people(self) -> bool:
        return self.role != "viewer"

    def require_people(self) -> None:
        if not self.can_see_people:
            raise ScopeError(
                "Vai trò người xem chỉ được xem số liệu tổng hợp, không xem danh sách người."
            )

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
            ("Phường/xã", self.wards),
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


# The in_scope(...) call every query's WHERE uses, over columns of the same names.
SCOPE_SQL = (
    "in_scope(ward, unit, field, gender, age_band, sensitive, "
    "$wards::varchar[], $units::varchar[], $fields::varchar[], $genders::varchar[], "
    "$age_bands::varchar[], $sensitive_only)"
)
