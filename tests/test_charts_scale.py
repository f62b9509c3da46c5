"""Count axes at every scale: a ward's chart steps by one person or task; a country's chart
lets Plotly pick round steps (a tick per task drew 12,276 labels on one axis at national scale)."""

from __future__ import annotations

import pandas as pd

from analytics.charts import evaluations, overview, placements
from analytics.charts.base import MAX_UNIT_TICKS, count_step


def test_count_step_keeps_unit_steps_only_while_few() -> None:
    assert count_step(MAX_UNIT_TICKS) == 1
    assert count_step(MAX_UNIT_TICKS + 1) is None
    assert count_step(24, 2) == 2 and count_step(26, 2) is None


def test_plan_bars_of_a_ward_and_of_the_country() -> None:
    ward = overview.plan_bars({"Hoàn thành": 2, "Đang thực hiện": 3, "Quá hạn": 1})
    assert ward.layout.xaxis.dtick == 1
    country = overview.plan_bars(
        {"Hoàn thành": 2967, "Đang thực hiện": 12276, "Quá hạn": 5875, "Chưa thực hiện": 4984}
    )
    assert country.layout.xaxis.dtick is None
    assert list(country.data[0].text) == ["2.967", "12.276", "5.875", "4.984"]


def test_gap_bars_step_by_one_for_a_ward_and_freely_for_the_country() -> None:
    def gaps(people: list[int]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "group": ["Đất đai", "Xây dựng"],
                "result": ["chưa đạt", "chưa đạt"],
                "people": people,
                "sensitive": [True, True],
            }
        )

    assert placements.gap_bars(gaps([3, 5]), "field").layout.xaxis.dtick == 1
    assert placements.gap_bars(gaps([40_000, 21_000]), "field").layout.xaxis.dtick is None


def test_grades_by_unit_step_by_two_for_a_ward_and_freely_for_the_country() -> None:
    def mix(people: list[int]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "unit": ["Văn phòng HĐND và UBND", "Văn phòng HĐND và UBND"],
                "grade": ["HTTNV", "HTNV"],
                "people": people,
                "year": [2025, 2025],
            }
        )

    units = ["Văn phòng HĐND và UBND"]
    assert evaluations.grade_by_unit(mix([6, 4]), 2025, units).layout.xaxis.dtick == 2
    assert evaluations.grade_by_unit(mix([60_000, 30_000]), 2025, units).layout.xaxis.dtick is None
