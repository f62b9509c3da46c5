"""List queries read one page at a time (LIMIT/OFFSET in DuckDB): the pages put together are the
whole list in its order, and each list's size is what the whole list holds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analytics import queries
from analytics.scope import Scope
from analytics.store import Store

SCOPES = {
    "every ward": Scope(),
    "one unit": Scope(units=("Phòng Kinh tế, Hạ tầng và Đô thị",)),
    "sensitive fields": Scope(sensitive_only=True),
}
LISTS = {
    "gap_details": (),
    "gap_details by field": ("field", "Tài chính – Kế toán", None),
    "placement_matrix": (False,),
    "placement_matrix with passed": (True,),
    "review_by_person": (),
    "grade_people": (2025, "HTTNV", None),
    "grade_people of a unit": (2025, "HTTNV", "Phòng Kinh tế, Hạ tầng và Đô thị"),
    "score_band_people": (2025, "HTTNV"),
    "service_people": (2025,),
    "people": ({"education_level": "Đại học"},),
    "composition_people": ("Tổng cộng", "Trong đó", "Nữ"),
}

# Lists of the demo ward longer than one page of 3 (the others may be short by nature).
LONG = {"gap_details", "placement_matrix with passed", "review_by_person", "grade_people",
        "score_band_people", "service_people", "people", "composition_people"}  # fmt: skip


@pytest.fixture(scope="module")
def store(demo_db: Path) -> Store:
    return Store(demo_db, read_only=True)


@pytest.mark.parametrize("scope_name", SCOPES)
@pytest.mark.parametrize("list_name", LISTS)
def test_pages_put_together_are_the_whole_list(
    store: Store, list_name: str, scope_name: str
) -> None:
    name, args = list_name.split()[0], LISTS[list_name]
    scope = SCOPES[scope_name]
    whole = getattr(queries, name)(store, scope, *args)
    size = getattr(queries, f"{name}_size")(store, scope, *args)
    assert size.rows == len(whole)
    if scope_name == "every ward" and list_name in LONG:
        assert len(whole) > 3, "a list of one page would not test the paging"
    if name == "gap_details":
        assert size.people == whole["staff_id"].nunique()
    pages = [
        getattr(queries, name)(store, scope, *args, limit=3, offset=start)
        for start in range(0, len(whole) + 3, 3)
    ]
    assert all(len(p) <= 3 for p in pages)
    joined = (
        pd.concat([p for p in pages if not p.empty], ignore_index=True) if len(whole) else whole
    )
    assert list(joined["staff_id"]) == list(whole["staff_id"])
    assert joined.shape[0] == whole.shape[0]


def test_the_demo_lists_have_the_sizes_counted_by_hand(store: Store) -> None:
    # Bố trí on the demo ward (README): 9 people with a gap; 40 checked with the passed ones.
    assert queries.placement_matrix_size(store, Scope()).rows == 9
    assert queries.placement_matrix_size(store, Scope(), True).rows == 40


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("grade_people_size", (2025, "HTTNV", None)),
        ("score_band_people_size", (2025, "HTTNV")),
        ("service_people_size", (2025,)),
    ],
)
def test_a_viewer_gets_no_size_of_an_evaluation_people_list(
    store: Store, name: str, args: tuple[object, ...]
) -> None:
    from analytics.policy import PermissionDenied

    with pytest.raises(PermissionDenied):
        getattr(queries, name)(store, Scope(role="viewer"), *args)
