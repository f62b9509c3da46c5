"""Display helpers of the evaluations screen, on hand-made counts."""

from __future__ import annotations

import pandas as pd

from analytics.charts import evaluations as charts

THRESHOLDS = {"HTXSNV": 90.0, "HTTNV": 70.0, "HTNV": 50.0}


def test_score_bands_write_counts_with_the_vietnamese_thousands_mark() -> None:
    bands = pd.DataFrame(
        {
            "year": [2026, 2026],
            "band": ["HTTNV", "HTNV"],
            "people": [1234, 7],
            "grade_differs": [0, 12],
        }
    )
    shown = charts.band_display(bands, 2026, THRESHOLDS).set_index("band")
    assert shown.loc["HTTNV", "people"] == "1.234"  # 1234: a dot before the hundreds
    assert shown.loc["HTNV", "people"] == "7"
    assert shown.loc["HTNV", "Xếp loại khác"] == "12"
    assert shown.loc["HTXSNV", "people"] == "0"  # a band nobody is in still shows, as 0
