"""Small cells: a viewer never gets a figure of 1 or 2 people (settings.small_cell_threshold = 3).

The ward, by hand (roster of 30/09/2026, defaults of tests/rows.py: Đại học, LLCT trung cấp…):
    Phòng Văn hóa – Xã hội (VH), 2 people: V1 Đại học; V2 Trung cấp (below the Đại học floor), Nữ.
    Phòng Kinh tế (KT), 5 people: K1, K2 Đại học; K3, K4, K5 Trung cấp (below the floor).
Evaluations 2026: VH both HTTNV (on time 90 and 80); KT: K1 HTXSNV, K2–K5 HTTNV (on time 100, 90,
80, 70, 60 → average 80). The HTXSNV quota of KT is floor(4 × 0,2) = 0, so K1 exceeds it.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics import privacy, queries
from analytics.charts import evaluations as evaluation_charts
from analytics.charts import placements as placement_charts
from analytics.charts import qualifications as qualification_charts
from analytics.export import make_export
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_evaluations, add_roster

VH = "Phòng Văn hóa – Xã hội"
KT = "Phòng Kinh tế, Hạ tầng và Đô thị"
TODAY = dt.date(2026, 11, 29)
VIEWER = Scope(role="viewer")
LEADER = Scope(role="leader")


@pytest.fixture
def store() -> Store:
    store = Store(":memory:")
    tc = {"education_level": "Trung cấp"}
    add_roster(
        store,
        [
            {"staff_id": "V1", "full_name": "Nguyễn Văn An", "unit": VH},
            {"staff_id": "V2", "full_name": "Trần Thị Bình", "unit": VH, "gender": "Nữ", **tc},
            {"staff_id": "K1", "full_name": "Lê Văn Cường", "unit": KT},
            {"staff_id": "K2", "full_name": "Phạm Văn Dũng", "unit": KT},
            {"staff_id": "K3", "full_name": "Hoàng Văn Giang", "unit": KT, **tc},
            {"staff_id": "K4", "full_name": "Vũ Văn Hải", "unit": KT, **tc},
            {"staff_id": "K5", "full_name": "Đỗ Văn Khánh", "unit": KT, **tc},
        ],
    )
    grades = {"V1": "HTTNV", "V2": "HTTNV", "K1": "HTXSNV"}
    on_time = {"V1": 90, "V2": 80, "K1": 100, "K2": 90, "K3": 80, "K4": 70, "K5": 60}
    add_evaluations(
        store,
        [
            {"staff_id": s, "year": 2026, "grade": grades.get(s, "HTTNV"), "on_time_rate": rate}
            for s, rate in on_time.items()
        ],
    )
    return store


def cells(frame: pd.DataFrame, *keys: str) -> dict[tuple[str, ...], float]:
    """{(key values…): people} of a masked frame (NaN where hidden)."""
    return {tuple(str(r[k]) for k in keys): float(r["people"]) for _, r in frame.iterrows()}


def set_threshold(store: Store, k: int) -> None:
    store.execute("update settings set value = ? where key = 'small_cell_threshold'", [k])


# ---------------------------------------------------------------- the rule
def test_threshold_is_the_setting_for_a_viewer_and_none_for_roles_that_see_people(
    store: Store,
) -> None:
    assert privacy.threshold(store, VIEWER) == 3
    assert privacy.threshold(store, LEADER) is None
    assert privacy.threshold(store, Scope(role="hr")) is None
    assert privacy.threshold(store, Scope(role="unit_head", role_unit=VH)) is None


def test_count_text_is_built_from_the_threshold() -> None:
    assert privacy.count_text(float("nan"), True, 3) == "< 3"
    assert privacy.count_text(None, True, 7) == "< 7"
    assert privacy.count_text(1234, False, 3) == "1.234"
    assert privacy.count_text(0, False, 3) == "0"


def test_mask_counts_hides_only_counts_between_zero_and_the_threshold() -> None:
    frame = pd.DataFrame({"people": [0, 1, 2, 3, 40]})
    masked = privacy.mask_counts(frame, ["people"], 3)
    assert masked["people_hidden"].tolist() == [False, True, True, False, False]
    assert [None if math.isnan(n) else n for n in masked["people"]] == [0, None, None, 3, 40]
    assert privacy.frame_threshold(masked) == 3


# ---------------------------------------------------------------- qualifications
def test_viewer_distribution_by_unit_hides_the_two_person_unit(store: Store) -> None:
    frame = queries.distribution(store, VIEWER, "unit")
    people = cells(frame, "category")
    assert math.isnan(people[(VH,)])  # 2 people
    assert people[(KT,)] == 5
    assert frame.set_index("category")["people_hidden"].to_dict() == {VH: True, KT: False}
    # the 5-person unit's share of 7 is shown; the 2-person one's is hidden with its count
    shares = frame.set_index("category")
    assert shares.loc[KT, "share"] == pytest.approx(5 / 7)
    assert bool(shares.loc[VH, "share_hidden"]) and math.isnan(shares.loc[VH, "share"])
    assert int(frame["total"].iloc[0]) == 7


def test_viewer_distribution_with_a_breakdown_hides_cells_groups_and_their_shares(
    store: Store,
) -> None:
    frame = queries.distribution(store, VIEWER, "education_level", "unit")
    people = cells(frame, "category", "group")
    # ĐH·VH 1, TC·VH 1, ĐH·KT 2 hidden; TC·KT 3 shown
    assert [k for k, n in people.items() if math.isnan(n)] == [
        ("Đại học", KT),
        ("Đại học", VH),
        ("Trung cấp", VH),
    ]
    assert people[("Trung cấp", KT)] == 3
    tc_kt = frame[(frame["category"] == "Trung cấp") & (frame["group"] == KT)].iloc[0]
    assert tc_kt["share"] == pytest.approx(3 / 5)  # of the 5 people of KT
    vh = frame[frame["group"] == VH]
    assert vh["group_total_hidden"].all() and vh["share_hidden"].all()
    # category totals over both units: ĐH 3, TC 4 — both shown
    totals = frame.drop_duplicates("category").set_index("category")["category_total"]
    assert totals.to_dict() == {"Đại học": 3, "Trung cấp": 4}


def test_a_leader_gets_every_exact_number(store: Store) -> None:
    frame = queries.distribution(store, LEADER, "education_level", "unit")
    assert cells(frame, "category", "group") == {
        ("Đại học", KT): 2,
        ("Đại học", VH): 1,
        ("Trung cấp", KT): 3,
        ("Trung cấp", VH): 1,
    }
    assert not frame["people_hidden"].any()
    assert frame["people"].dtype.kind == "i"
    assert queries.overview(store, Scope(units=(VH,)), TODAY).head_count == 2
    assert queries.composition_report(store, LEADER).loc[VH, ("Tổng số", "")] == 2


def test_filtering_to_the_two_person_unit_hides_the_head_count(store: Store) -> None:
    summary = queries.overview(store, Scope(role="viewer", units=(VH,)), TODAY)
    assert summary.head_count is None
    assert "head_count" in summary.hidden
    assert summary.text("head_count") == "< 3"
    # 1 of 2 has a degree: a share over fewer than 3 people is hidden too
    assert summary.university_share is None and "university_share" in summary.hidden
    assert summary.below_standard is None  # V2, below the Đại học floor
    assert summary.grade_counts == {"HTTNV": None}
    whole = queries.overview(store, VIEWER, TODAY)
    assert (whole.head_count, whole.below_standard) == (7, 4)
    assert whole.university_share == pytest.approx(3 / 7)
    assert whole.grade_counts == {"HTTNV": 6, "HTXSNV": None}


def test_a_higher_threshold_in_settings_hides_the_five_person_cells_too(store: Store) -> None:
    set_threshold(store, 6)
    frame = queries.distribution(store, VIEWER, "unit")
    assert frame["people_hidden"].tolist() == [True, True]
    assert (
        queries.overview(store, Scope(role="viewer", units=(KT,)), TODAY).text("head_count")
        == "< 6"
    )
    assert queries.overview(store, VIEWER, TODAY).head_count == 7  # 7 ≥ 6
    table = qualification_charts.counts_table(frame, "unit")
    assert table["Tổng số"].tolist()[:2] == ["< 6", "< 6"]


def test_bm02_cell_of_fewer_than_three_is_hidden(store: Store) -> None:
    report = queries.composition_report(store, VIEWER)
    assert math.isnan(report.loc[VH, ("Tổng số", "")])
    assert report.loc[KT, ("Tổng số", "")] == 5
    assert report.loc[queries.COMPOSITION_TOTAL, ("Tổng số", "")] == 7
    assert math.isnan(report.loc[queries.COMPOSITION_TOTAL, ("Trong đó", "Nữ")])  # V2 alone
    assert report.loc[KT, ("Trong đó", "Nữ")] == 0  # nobody: nothing to hide
    shown, _ = qualification_charts.composition_display(report)
    assert shown.loc[VH].iloc[0] == "< 3"
    flat = qualification_charts.composition_flat(report).set_index("Đơn vị")
    assert flat.loc[KT, "Tổng số"] == "5"


def test_qualification_summary_of_a_small_group_hides_total_counts_and_shares(
    store: Store,
) -> None:
    summary = queries.qualification_summary(store, Scope(role="viewer", units=(VH,)))
    assert summary.total is None and summary.text("total") == "< 3"
    education = summary.shares.set_index("dimension").loc["education_level"]
    assert bool(education["people_hidden"]) and bool(education["share_hidden"])
    whole = queries.qualification_summary(store, VIEWER)
    assert whole.total == 7
    assert whole.shares.set_index("dimension").loc["education_level", "people"] == 3


# ---------------------------------------------------------------- placements
def test_gap_counts_hide_the_unit_with_one_person_below_standard(store: Store) -> None:
    counts = queries.gap_counts(store, VIEWER, "unit").set_index("group")
    assert bool(counts.loc[VH, "people_hidden"]) and math.isnan(counts.loc[VH, "people"])
    assert counts.loc[KT, "people"] == 3
    fig = placement_charts.gap_bars(queries.gap_counts(store, VIEWER, "unit"), "unit")
    bar = fig.data[0]
    assert list(bar.x) == [3, None]  # the hidden bar has no length
    assert list(bar.text) == ["3", "< 3"]


def test_placement_summary_of_the_two_person_unit_is_hidden(store: Store) -> None:
    summary = queries.placement_summary(store, Scope(role="viewer", units=(VH,)))
    assert (summary.checked, summary.below_standard, summary.gaps) == (None, None, None)
    assert summary.text("checked") == "< 3"
    assert summary.no_data == 0  # nobody: shown
    whole = queries.placement_summary(store, VIEWER)
    assert (whole.checked, whole.below_standard, whole.gaps) == (7, 4, 4)


# ---------------------------------------------------------------- evaluations
def test_service_average_of_a_two_person_unit_is_hidden(store: Store) -> None:
    measures = queries.service_measures(store, VIEWER, 2026).set_index("unit")
    assert bool(measures.loc[VH, "on_time_rate_hidden"])
    assert math.isnan(measures.loc[VH, "on_time_rate"])  # (90 + 80) / 2 never leaves
    assert math.isnan(measures.loc[VH, "people_with_on_time"])
    assert measures.loc[KT, "on_time_rate"] == pytest.approx(80)  # (100+90+80+70+60) / 5
    exact = queries.service_measures(store, LEADER, 2026).set_index("unit")
    assert exact.loc[VH, "on_time_rate"] == pytest.approx(85)
    fig = evaluation_charts.service_by_unit(
        queries.service_measures(store, VIEWER, 2026), 2026, [VH, KT]
    )
    on_time = fig.data[0]
    assert list(on_time.x) == [None, 80.0]
    assert on_time.text[0] == "< 3 người"


def test_grade_mix_quota_and_histogram_hide_small_cells(store: Store) -> None:
    mix = queries.grade_mix(store, VIEWER)
    people = cells(mix, "unit", "grade")
    assert math.isnan(people[(VH, "HTTNV")]) and math.isnan(people[(KT, "HTXSNV")])
    assert people[(KT, "HTTNV")] == 4
    assert evaluation_charts.grade_counts(mix, 2026)["HTTNV"] == 6
    assert evaluation_charts.grade_counts(mix, 2026)["HTXSNV"] is None
    assert evaluation_charts.evaluated(mix, 2026) == 7
    quota = queries.quota_check(store, VIEWER, 2026).set_index("unit")
    # KT: 1 HTXSNV over an allowance of 0 — the verdict would tell the hidden 1, so it is hidden
    assert bool(quota.loc[KT, "exceeded_hidden"]) and bool(quota.loc[KT, "htxsnv_hidden"])
    assert quota.loc[KT, "allowed"] == 0
    assert bool(queries.quota_check(store, LEADER, 2026).set_index("unit").loc[KT, "exceeded"])
    shown = evaluation_charts.quota_display(queries.quota_check(store, VIEWER, 2026), [VH, KT])
    assert shown.set_index("unit").loc[KT, "htxsnv"] == "< 3"
    assert not shown["exceeded"].any()


def test_review_counts_hide_reasons_of_fewer_than_three(store: Store) -> None:
    counts = queries.review_counts(store, VIEWER).set_index("reason_code")
    # education below the standard: V2, K3, K4, K5 = 4 people; no KHTNV: 0
    assert counts.loc["education", "people"] == 4
    assert counts.loc["khtnv", "people"] == 0


# ---------------------------------------------------------------- charts and export
def test_a_hidden_bar_has_no_length_and_reads_less_than_three(store: Store) -> None:
    frame = queries.distribution(store, VIEWER, "unit")
    fig = qualification_charts.distribution_chart(frame, "unit")
    bar = fig.data[0]
    values = dict(zip([str(y) for y in bar.y], bar.x, strict=True))
    texts = dict(zip([str(y) for y in bar.y], bar.text, strict=True))
    vh = next(y for y in values if y.startswith("Phòng Văn hóa"))
    assert values[vh] is None and texts[vh] == "< 3"
    assert "2" not in str(bar.customdata)  # nowhere in the figure's data
    assert any(a.text == "< 3" for a in fig.layout.annotations)
    table = qualification_charts.counts_table(frame, "unit").set_index("Đơn vị")
    assert table.loc[VH, "Tổng số"] == "< 3" and table.loc[KT, "Tổng số"] == "5"


def test_a_viewers_excel_export_prints_less_than_three(store: Store) -> None:
    made = make_export(
        store,
        Scope(role="viewer", units=(VH,)),
        "xlsx",
        today=TODAY,
        chart_images=False,
        record=False,
    )
    book = load_workbook(io.BytesIO(made.data))
    overview = {
        row[0]: row[1]
        for row in book["Tổng quan"].iter_rows(values_only=True)
        if row and isinstance(row[0], str)
    }
    assert overview["Tổng số CBCC (người)"] == "< 3"
    assert overview["Chưa đạt tiêu chuẩn vị trí (người)"] == "< 3"
    composition = [
        row for row in book["Cơ cấu đội ngũ"].iter_rows(values_only=True) if row and row[0] == VH
    ]
    assert composition[0][1] == "< 3"
    values = [v for row in book["Tổng quan"].iter_rows(values_only=True) for v in row]
    assert 1 not in values and 2 not in values
    leader = make_export(
        store, Scope(units=(VH,)), "xlsx", today=TODAY, chart_images=False, record=False
    )
    exact = load_workbook(io.BytesIO(leader.data))["Tổng quan"]
    assert any(row[:2] == ("Tổng số CBCC (người)", 2) for row in exact.iter_rows(values_only=True))
