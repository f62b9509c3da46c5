"""Charts and display helpers of the qualifications screen, on hand-made counts."""

from __future__ import annotations

import pandas as pd

from analytics import categories as cat
from analytics.charts import qualifications as charts
from analytics.queries import category_order

CULTURE = "Phòng Văn hóa – Xã hội"
OFFICE = "Văn phòng HĐND và UBND"


def counts(rows: list[tuple[str, str, int]], dimension: str, by: str | None = None) -> pd.DataFrame:
    """A frame shaped like ``queries.distribution``."""
    frame = pd.DataFrame(rows, columns=["category", "group", "people"])
    frame["category"] = pd.Categorical(
        frame["category"], categories=category_order(dimension), ordered=True
    )
    if by:
        frame["group"] = pd.Categorical(frame["group"], categories=category_order(by), ordered=True)
    return frame


def test_level_colours_are_the_shared_palette_and_majors_get_distinct_ones() -> None:
    assert charts.colours("education_level") == cat.palette_for(cat.EDUCATION_LEVELS)
    majors = charts.colours("major_group")
    assert majors[cat.NO_DATA] == cat.NO_DATA_COLOUR
    named = [majors[g] for g, _ in cat.MAJOR_GROUPS]
    assert len(set(named)) == len(named)
    assert "rgb(136, 136, 136)" not in named  # "Khác" is not mistaken for the no-data grey


def test_single_bars_keep_canonical_order_and_show_an_empty_no_data_bucket() -> None:
    frame = counts([("Thạc sĩ", "", 1), ("Đại học", "", 3)], "education_level")
    fig = charts.distribution_chart(frame, "education_level")
    bar = fig.data[0]
    assert [c[0] for c in bar.customdata] == ["Thạc sĩ", "Đại học", cat.NO_DATA]
    assert list(bar.x) == [1, 3, 0]
    assert list(bar.text) == ["1 (25,0%)", "3 (75,0%)", "0 (0,0%)"]
    assert bar.marker.color[-1] == cat.NO_DATA_COLOUR


def test_stacked_bars_have_one_trace_per_category_and_vietnamese_hover() -> None:
    frame = counts(
        [("Đại học", CULTURE, 8), ("Đại học", OFFICE, 20), ("Cao đẳng", CULTURE, 22)],
        "education_level",
        "unit",
    )
    fig = charts.distribution_chart(frame, "education_level", "unit")
    assert [t.name for t in fig.data] == ["Đại học", "Cao đẳng", cat.NO_DATA]
    university = fig.data[0]
    # groups in the canonical unit order: the office before the culture department
    assert [c[1] for c in university.customdata] == [OFFICE, CULTURE]
    # the click reads the first two as written; the hover the escaped copies at the end
    assert university.customdata[1] == ["Đại học", CULTURE, 8, "26,7%", "Đại học", CULTURE]
    assert university.hovertemplate.startswith(
        "%{customdata[4]} · %{customdata[5]}: %{customdata[2]} người"
    )
    shares = charts.distribution_chart(frame, "education_level", "unit", shares=True)
    assert list(shares.data[0].x) == [100.0, 8 / 30 * 100]


def test_an_empty_distribution_says_what_to_import() -> None:
    fig = charts.distribution_chart(counts([], "education_level"), "education_level")
    assert "nhập danh sách" in fig.layout.annotations[0].text


def test_pick_options_skip_empty_counts_and_points_map_back() -> None:
    frame = counts([("Đại học", CULTURE, 8), ("Cao đẳng", CULTURE, 0)], "education_level", "unit")
    assert charts.pick_options(frame) == {f"Đại học · {CULTURE}": ("Đại học", CULTURE, 8)}
    assert charts.point_pick({"customdata": ["Đại học", CULTURE, 8, "100,0%"]}) == (
        "Đại học",
        CULTURE,
    )
    assert charts.point_pick({"x": 3}) is None


def test_counts_table_has_a_column_per_group_the_total_and_the_share() -> None:
    frame = counts(
        [("Đại học", CULTURE, 3), ("Đại học", OFFICE, 1), (cat.NO_DATA, OFFICE, 1)],
        "education_level",
        "unit",
    )
    table = charts.counts_table(frame, "education_level", "unit")
    assert list(table.columns) == ["Trình độ chuyên môn", OFFICE, CULTURE, "Tổng số", "Tỷ lệ"]
    assert table.values.tolist() == [["Đại học", 1, 3, 4, "80,0%"], [cat.NO_DATA, 1, 0, 1, "20,0%"]]


def test_composition_display_tells_repeated_headers_apart() -> None:
    columns = pd.MultiIndex.from_tuples(
        [
            ("Tổng số", ""),
            ("Chuyên môn", "TC"),
            ("Chuyên môn", cat.NO_DATA),
            ("Lý luận chính trị", "TC"),
            ("Lý luận chính trị", cat.NO_DATA),
            ("Ngạch", "Chuyên viên"),
        ]
    )
    report = pd.DataFrame(
        [[5, 1, 1, 2, 0, 3]], index=pd.Index(["Tổng cộng"], name="Đơn vị"), columns=columns
    )
    shown, back = charts.composition_display(report)
    leaves = [leaf for _, leaf in shown.columns]
    assert len(set(leaves)) == len(leaves)
    assert [back[leaf] for leaf in leaves] == list(report.columns)
    assert leaves[0] == "Tổng số" and leaves[-1] == "CV"
    flat = charts.composition_flat(report)
    assert list(flat.columns) == [
        "Đơn vị",
        "Tổng số",
        "Chuyên môn · TC",
        f"Chuyên môn · {cat.NO_DATA}",
        "Lý luận chính trị · TC",
        f"Lý luận chính trị · {cat.NO_DATA}",
        "Ngạch · Chuyên viên",
    ]


def test_people_columns_show_what_was_counted() -> None:
    assert charts.people_columns("it_skill", "party")[-2:] == ["it_skill", "party_member"]
    assert "rank_code" in charts.composition_people_columns("Ngạch")


# Widths by charts._column_width (7 px a character + 20, at least 44): "Tổng số" 7*7+20 = 69,
# "x", "y", "z" 44 each; group A needs 44+44 = 88, group B 44.
PARTS_FRAME = pd.DataFrame(
    [[3, 1, 2, 3]],
    columns=pd.MultiIndex.from_tuples([("", "Tổng số"), ("A", "x"), ("A", "y"), ("B", "z")]),
)


def test_bm02_parts_split_where_the_next_group_would_not_fit() -> None:
    # 200 px: "Tổng số" 69 + A 88 = 157; + B 44 = 201 > 200, so B opens a part of its own.
    parts = charts.composition_parts(PARTS_FRAME, width=200)
    assert [list(p.columns) for p in parts] == [
        [("", "Tổng số"), ("A", "x"), ("A", "y")],
        [("", "Tổng số"), ("B", "z")],
    ]
    assert parts[1].iloc[0].tolist() == [3, 3]  # the total repeated beside B's count


def test_bm02_groups_share_a_part_when_they_fit() -> None:
    # 201 px: 69 + 88 + 44 = 201 fits exactly.
    (part,) = charts.composition_parts(PARTS_FRAME, width=201)
    assert list(part.columns) == list(PARTS_FRAME.columns)
