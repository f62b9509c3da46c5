"""Evaluation figures (DOMAIN.md §5) on hand-written rows: grade mix, the HTXSNV quota, NĐ 335/2025
score bands, service measures and the review list. Expected numbers are worked out by hand."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from rows import add_evaluations, add_roster

from analytics import queries
from analytics.scope import Scope, ScopeError
from analytics.store import Store

KT = "Phòng Kinh tế, Hạ tầng và Đô thị"
VH = "Phòng Văn hóa – Xã hội"
VP = "Văn phòng HĐND và UBND"
ALL = Scope()


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        yield s


def people(prefix: str, n: int, unit: str) -> list[dict[str, object]]:
    return [
        {"staff_id": f"{prefix}{i}", "full_name": f"Nguyễn Văn {prefix}{i}", "unit": unit}
        for i in range(n)
    ]


def grades(prefix: str, grade: str, ids: range, year: int = 2026) -> list[dict[str, object]]:
    return [{"staff_id": f"{prefix}{i}", "year": year, "grade": grade} for i in ids]


# ------------------------------------------------------------------ grade mix and quota
@pytest.fixture
def quota_store(store: Store) -> Store:
    """KT: 2 HTXSNV + 5 HTTNV; VH: 2 HTXSNV + 10 HTTNV; VP: 1 HTXSNV + 4 HTTNV + 1 not graded."""
    add_roster(store, people("k", 7, KT) + people("v", 12, VH) + people("p", 6, VP))
    add_evaluations(
        store,
        grades("k", "HTXSNV", range(2))
        + grades("k", "HTTNV", range(2, 7))
        + grades("v", "HTXSNV", range(2))
        + grades("v", "HTTNV", range(2, 12))
        + grades("p", "HTXSNV", range(1))
        + grades("p", "HTTNV", range(1, 5))
        + [{"staff_id": "p5", "year": 2026, "grade": None}]
        + grades("k", "KHTNV", range(1), year=2025)
        + grades("k", "HTTNV", range(1, 7), year=2025),
    )
    return store


def test_grade_mix_counts_people_by_year_unit_and_grade(quota_store: Store) -> None:
    mix = queries.grade_mix(quota_store, ALL)
    got = {(int(r.year), r.unit, r.grade): int(r.people) for r in mix.itertuples()}
    assert got == {
        (2025, KT, "HTTNV"): 6,
        (2025, KT, "KHTNV"): 1,
        (2026, KT, "HTTNV"): 5,
        (2026, KT, "HTXSNV"): 2,
        (2026, VH, "HTTNV"): 10,
        (2026, VH, "HTXSNV"): 2,
        (2026, VP, "HTTNV"): 4,
        (2026, VP, "HTXSNV"): 1,
        (2026, VP, "Không xếp loại"): 1,
    }
    assert queries.evaluation_years(quota_store, ALL) == [2025, 2026]


def test_quota_allows_the_floor_of_twenty_percent_of_httnv(quota_store: Store) -> None:
    quota = queries.quota_check(quota_store, ALL, 2026).set_index("unit")
    # KT: floor(0.2 × 5) = 1 < 2 → exceeded; VH: floor(0.2 × 10) = 2, 2 is allowed;
    # VP: floor(0.2 × 4) = 0 < 1 → exceeded.
    assert quota.loc[KT, ["htxsnv", "httnv", "allowed"]].tolist() == [2, 5, 1]
    assert bool(quota.loc[KT, "exceeded"]) is True
    assert quota.loc[VH, ["htxsnv", "httnv", "allowed"]].tolist() == [2, 10, 2]
    assert bool(quota.loc[VH, "exceeded"]) is False
    assert quota.loc[VP, ["htxsnv", "httnv", "allowed"]].tolist() == [1, 4, 0]
    assert bool(quota.loc[VP, "exceeded"]) is True


def test_quota_ratio_comes_from_the_settings_table(quota_store: Store) -> None:
    quota_store.execute("update settings set value = 0.1 where key = 'quota_htxsnv_ratio'")
    quota = queries.quota_check(quota_store, ALL, 2026).set_index("unit")
    # VH: floor(0.1 × 10) = 1 < 2 → now exceeded.
    assert int(quota.loc[VH, "allowed"]) == 1
    assert bool(quota.loc[VH, "exceeded"]) is True
    assert queries.evaluation_rules(quota_store, ALL).quota_ratio == pytest.approx(0.1)


def test_grade_people_lists_the_people_of_one_unit_and_grade(quota_store: Store) -> None:
    found = queries.grade_people(quota_store, ALL, 2026, "HTXSNV", KT)
    assert sorted(found["staff_id"]) == ["k0", "k1"]
    not_graded = queries.grade_people(quota_store, ALL, 2026, "Không xếp loại")
    assert not_graded["staff_id"].tolist() == ["p5"]


def test_grade_people_is_refused_to_the_viewer_role(quota_store: Store) -> None:
    with pytest.raises(ScopeError):
        queries.grade_people(quota_store, Scope(role="viewer"), 2026, "HTXSNV")


def test_evaluation_rules_read_thresholds_and_sources(store: Store) -> None:
    rules = queries.evaluation_rules(store, ALL)
    assert (rules.score_htxsnv, rules.score_httnv, rules.score_htnv) == (90, 70, 50)
    assert rules.quota_ratio == pytest.approx(0.2)
    assert rules.review_khtnv_years == 2
    assert rules.sources["quota_htxsnv_ratio"] == "NĐ 335/2025/NĐ-CP"


# ------------------------------------------------------------------ NĐ 335/2025 score bands
SCORES = {
    "s1": 90.0,
    "s2": 89.9,
    "s3": 70.0,
    "s4": 69.9,
    "s5": 50.0,
    "s6": 49.9,
    "s7": 100.0,
    "s8": None,
}
WRITTEN_GRADES = {
    "s1": "HTXSNV",
    "s2": "HTXSNV",  # 89.9 is HTTNV by score: the file's grade differs
    "s3": "HTTNV",
    "s4": "HTNV",
    "s5": "HTNV",
    "s6": "KHTNV",
    "s7": "HTXSNV",
    "s8": "HTTNV",
}


@pytest.fixture
def score_store(store: Store) -> Store:
    add_roster(store, [{"staff_id": k, "full_name": f"Trần Thị {k}"} for k in SCORES])
    add_evaluations(
        store,
        [
            {"staff_id": k, "year": 2026, "grade": WRITTEN_GRADES[k], "score": v}
            for k, v in SCORES.items()
        ],
    )
    return store


def test_score_bands_put_boundary_scores_in_the_upper_band(score_store: Store) -> None:
    bands = queries.score_bands(score_store, ALL).set_index("band")
    # 90.0, 100 → HTXSNV; 89.9, 70 → HTTNV; 69.9, 50 → HTNV; 49.9 → KHTNV; no score → no data.
    assert bands["people"].to_dict() == {
        "HTXSNV": 2,
        "HTTNV": 2,
        "HTNV": 2,
        "KHTNV": 1,
        "Chưa cập nhật": 1,
    }
    assert int(bands.loc["HTTNV", "grade_differs"]) == 1
    assert int(bands["grade_differs"].sum()) == 1


def test_score_band_people_of_one_band(score_store: Store) -> None:
    found = queries.score_band_people(score_store, ALL, 2026, "HTTNV")
    assert sorted(found["staff_id"]) == ["s2", "s3"]
    assert queries.score_band_people(score_store, ALL, 2026, "Chưa cập nhật")[
        "staff_id"
    ].tolist() == ["s8"]


def test_score_histogram_bins_of_five_points(score_store: Store) -> None:
    hist = queries.score_histogram(score_store, ALL, 2026)
    got = {(float(r.bin_start), r.band): int(r.people) for r in hist.itertuples()}
    # 100 joins the last bin 95–100; 89.9 sits in 85–90, 90.0 in 90–95; no score is left out.
    assert got == {
        (45.0, "KHTNV"): 1,
        (50.0, "HTNV"): 1,
        (65.0, "HTNV"): 1,
        (70.0, "HTTNV"): 1,
        (85.0, "HTTNV"): 1,
        (90.0, "HTXSNV"): 1,
        (95.0, "HTXSNV"): 1,
    }
    assert (hist["bin_end"] - hist["bin_start"]).eq(5).all()


def test_score_histogram_is_empty_without_scores(store: Store) -> None:
    add_roster(store, [{"staff_id": "a", "full_name": "Lê Văn A"}])
    add_evaluations(store, [{"staff_id": "a", "year": 2026, "grade": "HTTNV"}])
    assert queries.score_histogram(store, ALL, 2026).empty


# ------------------------------------------------------------------ service measures
@pytest.fixture
def service_store(store: Store) -> Store:
    add_roster(
        store,
        [
            {"staff_id": "a", "full_name": "Phạm Văn An", "unit": KT},
            {"staff_id": "b", "full_name": "Phạm Văn Bình", "unit": KT},
            {"staff_id": "c", "full_name": "Phạm Thị Cúc", "unit": KT},
            {"staff_id": "d", "full_name": "Phạm Thị Dung", "unit": VH},
        ],
    )
    add_evaluations(
        store,
        [
            {
                "staff_id": "a",
                "year": 2026,
                "grade": "HTTNV",
                "on_time_rate": 90.0,
                "satisfaction": 80.0,
            },
            {"staff_id": "b", "year": 2026, "grade": "HTTNV", "on_time_rate": 100.0},
            {"staff_id": "c", "year": 2026, "grade": "HTTNV"},
            {"staff_id": "d", "year": 2026, "grade": "HTTNV"},
            {"staff_id": "a", "year": 2025, "grade": "HTTNV", "on_time_rate": 70.0},
        ],
    )
    return store


def test_service_measures_average_only_people_with_figures(service_store: Store) -> None:
    measures = queries.service_measures(service_store, ALL, 2026)
    assert measures["unit"].tolist() == [KT]  # VH has no figures at all
    row = measures.iloc[0]
    assert row["on_time_rate"] == pytest.approx(95.0)  # (90 + 100) / 2
    assert row["satisfaction"] == pytest.approx(80.0)  # only a has one
    assert (int(row["people_with_on_time"]), int(row["people_with_satisfaction"])) == (2, 1)


def test_service_people_lists_people_with_a_figure(service_store: Store) -> None:
    found = queries.service_people(service_store, ALL, 2026)
    assert sorted(found["staff_id"]) == ["a", "b"]


# ------------------------------------------------------------------ review list
@pytest.fixture
def review_store(store: Store) -> Store:
    add_roster(
        store,
        [
            {"staff_id": "old", "full_name": "Vũ Văn Cũ"},  # KHTNV 2023: outside 2024–2025
            {"staff_id": "recent", "full_name": "Vũ Văn Mới"},  # KHTNV 2025
            {
                "staff_id": "tc",
                "full_name": "Vũ Thị Trung",
                "education_level": "Trung cấp",
                "major": "Văn hóa",
            },
            {"staff_id": "law", "full_name": "Vũ Văn Luật", "field": "Đất đai", "major": "Luật"},
            {
                "staff_id": "both",
                "full_name": "Vũ Văn Hai",
                "education_level": "Cao đẳng",
                "field": "Đất đai",
                "major": "Quản lý đất đai",
            },
            {"staff_id": "fine", "full_name": "Vũ Văn Tốt"},
        ],
    )
    add_evaluations(
        store,
        [
            {"staff_id": "old", "year": 2023, "grade": "KHTNV"},
            {"staff_id": "old", "year": 2024, "grade": "HTTNV"},
            {"staff_id": "old", "year": 2025, "grade": "HTTNV"},
            {"staff_id": "recent", "year": 2024, "grade": "HTTNV"},
            {"staff_id": "recent", "year": 2025, "grade": "KHTNV"},
            {"staff_id": "both", "year": 2024, "grade": "KHTNV"},
            {"staff_id": "fine", "year": 2025, "grade": "HTXSNV"},
        ],
    )
    return store


def test_review_list_reasons(review_store: Store) -> None:
    review = queries.review_list(review_store, ALL)
    got = sorted(zip(review["staff_id"], review["reason_code"], strict=True))
    assert got == [
        ("both", "education"),
        ("both", "khtnv"),
        ("law", "major"),
        ("recent", "khtnv"),
        ("tc", "education"),
    ]
    reasons = dict(
        zip(review["staff_id"] + "/" + review["reason_code"], review["reason"], strict=True)
    )
    assert reasons["recent/khtnv"] == "Xếp loại Không hoàn thành nhiệm vụ năm 2025."
    assert reasons["both/khtnv"] == "Xếp loại Không hoàn thành nhiệm vụ năm 2024."
    assert reasons["tc/education"].startswith("Trình độ đào tạo thấp hơn tiêu chuẩn của vị trí:")
    assert "Trung cấp" in reasons["tc/education"]
    assert reasons["law/major"].startswith("Chuyên ngành đào tạo không phù hợp với vị trí:")


def test_review_by_person_keeps_one_row_per_person_with_every_reason(review_store: Store) -> None:
    review = queries.review_by_person(review_store, ALL)
    assert review["staff_id"].tolist()[0] == "both"  # two reasons first
    assert sorted(review["staff_id"]) == ["both", "law", "recent", "tc"]
    both = review.set_index("staff_id").loc["both"]
    assert int(both["reason_count"]) == 2
    first, second = both["reasons"].split("; ", 1)
    assert first == "Xếp loại Không hoàn thành nhiệm vụ năm 2024."
    assert second.startswith("Trình độ đào tạo thấp hơn tiêu chuẩn")


def test_review_counts_are_aggregates_for_any_role(review_store: Store) -> None:
    viewer = Scope(role="viewer")
    counts = queries.review_counts(review_store, ALL)
    assert dict(zip(counts["reason_code"], counts["people"], strict=True)) == {
        "khtnv": 2,
        "education": 2,
        "major": 1,
    }
    # every reason counts fewer than 3 people (small_cell_threshold): a viewer sees "< 3"
    hidden = queries.review_counts(review_store, viewer)
    assert hidden["people_hidden"].tolist() == [True, True, True]
    assert hidden["people"].isna().all()
    with pytest.raises(ScopeError):
        queries.review_by_person(review_store, viewer)


def test_review_counts_show_every_reason_when_nobody_is_listed(store: Store) -> None:
    counts = queries.review_counts(store, ALL)
    assert counts["people"].tolist() == [0, 0, 0]
    assert queries.review_by_person(store, ALL).empty


# ------------------------------------------------------------------ period scores (NĐ 335/2025)
# Scores of October, November, December 2026; k3 also has an annual result (HTXSNV, 95).
MONTHS = {
    10: {"k0": 90, "k1": 60, "k2": 50, "k3": 88, "v0": 100},
    11: {"k0": 80, "k1": 70, "k2": 40, "k3": 92, "v0": 90},
    12: {"k0": 70, "k1": 80, "k2": 30, "v1": 45},
}


def add_period(store: Store, kind: str, number: int, scores: dict[str, float]) -> None:
    """One monthly (or quarterly) file: the rows, then their period."""
    rows = [{"staff_id": k, "year": 2026, "grade": None, "score": v} for k, v in scores.items()]
    import_id = add_evaluations(store, rows)
    store.execute(
        "update evaluation_rows set period_kind = ?, period_number = ? where import_id = ?",
        [kind, number, import_id],
    )


@pytest.fixture
def period_store(store: Store) -> Store:
    add_roster(store, people("k", 4, KT) + people("v", 2, VH))
    for month, scores in MONTHS.items():
        add_period(store, "month", month, scores)
    add_evaluations(store, [{"staff_id": "k3", "year": 2026, "grade": "HTXSNV", "score": 95}])
    return store


def test_the_trend_averages_each_units_scores_per_month(period_store: Store) -> None:
    trend = queries.evaluation_trend(period_store, ALL, 2026)
    got = {(r.unit, int(r.period_number)): (r.score, int(r.people)) for r in trend.itertuples()}
    assert got == {
        (KT, 10): (72.0, 4),  # (90 + 60 + 50 + 88) / 4
        (KT, 11): (70.5, 4),  # (80 + 70 + 40 + 92) / 4
        (KT, 12): (60.0, 3),  # (70 + 80 + 30) / 3
        (VH, 10): (100.0, 1),
        (VH, 11): (90.0, 1),
        (VH, 12): (45.0, 1),
    }
    assert set(trend["period_kind"]) == {"month"}


def test_a_viewer_reads_no_average_over_fewer_than_three_people(period_store: Store) -> None:
    trend = queries.evaluation_trend(period_store, Scope(role="viewer"), 2026)
    vh = trend[trend["unit"] == VH]
    assert vh["score"].isna().all() and vh["score_hidden"].all() and vh["people_hidden"].all()
    kt = trend[trend["unit"] == KT].sort_values("period_number")
    assert kt["score"].tolist() == [72.0, 70.5, 60.0]


def test_a_unit_head_sees_the_trend_of_their_unit_only(period_store: Store) -> None:
    head = Scope(role="unit_head", role_unit=VH)
    assert set(queries.evaluation_trend(period_store, head, 2026)["unit"]) == {VH}


def test_the_annual_grade_is_derived_from_the_months_unless_the_year_has_one(
    period_store: Store,
) -> None:
    found = queries.evaluation_people(period_store, ALL, 2026).set_index("staff_id")
    got = {
        k: (r.grade, r.score, bool(r.derived), None if pd.isna(r.periods) else int(r.periods))
        for k, r in found.iterrows()
    }
    assert got == {
        "k0": ("HTTNV", 80.0, True, 3),  # (90 + 80 + 70) / 3
        "k1": ("HTTNV", 70.0, True, 3),  # (60 + 70 + 80) / 3: 70 is in the HTTNV band
        "k2": ("KHTNV", 40.0, True, 3),  # (50 + 40 + 30) / 3
        "k3": ("HTXSNV", 95.0, False, None),  # the annual result wins over (88 + 92) / 2
        "v0": ("HTXSNV", 95.0, True, 2),  # (100 + 90) / 2
        "v1": ("KHTNV", 45.0, True, 1),
    }
    mix = queries.grade_mix(period_store, ALL)
    assert {(r.unit, r.grade): int(r.people) for r in mix.itertuples()} == {
        (KT, "HTTNV"): 2,
        (KT, "KHTNV"): 1,
        (KT, "HTXSNV"): 1,
        (VH, "HTXSNV"): 1,
        (VH, "KHTNV"): 1,
    }


def test_derived_grades_are_counted_by_their_period_kind(period_store: Store) -> None:
    derived = queries.derived_grades(period_store, ALL, 2026)
    assert derived[["derived_from", "people"]].values.tolist() == [["month", 5]]


def test_one_persons_months_in_order(period_store: Store) -> None:
    rows = queries.person_periods(period_store, ALL, "k0", 2026)
    assert rows[["period_number", "score", "score_band"]].values.tolist() == [
        [10, 90.0, "HTXSNV"],
        [11, 80.0, "HTTNV"],
        [12, 70.0, "HTTNV"],
    ]
    assert queries.period_people(period_store, ALL, 2026)["staff_id"].tolist() == [
        "k0",
        "k1",
        "k2",
        "k3",
        "v0",
        "v1",
    ]


def test_period_people_are_refused_to_a_viewer_and_scoped_for_a_unit_head(
    period_store: Store,
) -> None:
    with pytest.raises(ScopeError):
        queries.period_people(period_store, Scope(role="viewer"), 2026)
    with pytest.raises(ScopeError):
        queries.person_periods(period_store, Scope(role="viewer"), "k0", 2026)
    head = Scope(role="unit_head", role_unit=VH)
    assert queries.period_people(period_store, head, 2026)["staff_id"].tolist() == ["v0", "v1"]
    assert queries.person_periods(period_store, head, "k0", 2026).empty
