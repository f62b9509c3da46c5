"""Vietnamese name order in DuckDB (ICU "vi") matches ``names.sort_key``, the reference."""

from __future__ import annotations

import random

from analytics.names import sort_key
from analytics.queries import name_order
from analytics.store import Store

TRICKY = [
    "Nguyễn Văn An",
    "Lê Thị An",
    "Trần Ân",
    "Phạm Ăn",
    "Lê Thị Dung",
    "Trần Văn Đức",
    "Hoàng Đa",
    "Vũ Da",
    "Đỗ Văn Ba",
    "Ngô Bà",
    "Bùi Bả",
    "Đặng Bã",
    "Hồ Bá",
    "Dương Bạ",
    "Lý Thị Ngọc Ánh",
    "Mai Anh",
    "Trịnh Văn Hùng",
    "Đinh Huy",
    "Lâm Hưng",
    "Tạ Ơn",
    "Cao Ôn",
    "Hà On",
    "Nguyễn Thị Yến",
    "Nguyễn Văn Thu",
    "Nguyễn Thị Thư",
    "Lê Văn Thủ",
    "Nguyễn Văn Tuấn",
    "Nguyễn Đức Tuân",
]


def test_duckdb_name_order_matches_the_reference_sort_key() -> None:
    with Store(":memory:") as store:
        got = store.df(
            f"select full_name from (select unnest($names::varchar[]) as full_name) "
            f"order by {name_order('full_name')}",
            {"names": TRICKY},
        )["full_name"].tolist()
    assert [sort_key(n) for n in got] == sorted(sort_key(n) for n in TRICKY)
    assert (
        got.index("Lê Thị An") < got.index("Nguyễn Văn An") < got.index("Lê Thị Dung")
    )  # đệm Thị < Văn
    assert got.index("Vũ Da") < got.index("Hoàng Đa")


def test_duckdb_name_order_matches_sort_key_on_generated_names_with_and_without_dem() -> None:
    rng = random.Random(9)
    ho = ["Nguyễn", "Trần", "Lê", "Đỗ", "Dương", "Vũ"]
    dem = ["Văn", "Thị", "Đức", "Thị Ngọc", ""]
    ten = ["An", "Ánh", "Dung", "Đức", "Hùng", "Huy", "Hưng", "Bạ", "Bả", "Yến"]
    names = [
        " ".join(w for w in (rng.choice(ho), rng.choice(dem), rng.choice(ten)) if w)
        for _ in range(2000)
    ]
    with Store(":memory:") as store:
        got = store.df(
            f"select full_name from (select unnest($names::varchar[]) as full_name) "
            f"order by {name_order('full_name')}",
            {"names": names},
        )["full_name"].tolist()
    assert [sort_key(n) for n in got] == sorted(sort_key(n) for n in names)
