"""A viewer cannot single a person out through filters: the demo ward's leadership
("Lãnh đạo UBND phường", 3 people) narrowed to its women is 1 person, and every figure of that
group reads "< 3" on the screens and in the charts' JSON the browser receives."""

from __future__ import annotations

import json
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import DASHBOARD, SignIn

LEADERSHIP = "Lãnh đạo UBND phường"
SMALL = {1, 2}  # every exact count of the filtered group is one of these
PEOPLE_METRICS = (
    "Tổng số CBCC",
    "Chưa đạt tiêu chuẩn vị trí",
    "Trong đó ở lĩnh vực nhạy cảm",
    "Chưa có dữ liệu để đối chiếu",
)


def narrowed(at: AppTest) -> AppTest:
    """The leadership unit and one gender: 1 person in the demo ward."""
    at.multiselect(key="f_unit").set_value([LEADERSHIP]).run()
    at.multiselect(key="f_gender").set_value(["Nữ"]).run()
    assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def drawn_values(fig: dict[str, Any]) -> list[Any]:
    """The numbers and labels each trace draws (bar lengths, slice sizes, bar texts)."""
    out: list[Any] = []
    for trace in fig.get("data", []):
        for key in ("x", "y", "values", "text"):
            value = trace.get(key)
            if isinstance(value, list):
                out += value
            elif value is not None and key == "text":
                out.append(value)
        if trace.get("type") == "bar":  # a bar's count also rides in its hover data
            out += [c for row in trace.get("customdata") or [] for c in row[2:4]]
    return out


def small_counts(values: list[Any]) -> list[Any]:
    return [v for v in values if (isinstance(v, int | float) and v in SMALL) or v in {"1", "2"}]


@pytest.fixture
def viewer(sign_in: SignIn) -> AppTest:
    return narrowed(sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "viewer"))


def test_overview_head_count_of_one_woman_in_the_leadership_reads_less_than_three(
    viewer: AppTest,
) -> None:
    metrics = {m.label: m.value for m in viewer.metric}
    assert metrics["Tổng số CBCC"] == "< 3"
    for label in PEOPLE_METRICS:
        assert metrics[label] not in {"1", "2"}, (label, metrics[label])
    for fig in figures(viewer):
        assert not small_counts(
            [v for t in fig["data"] if t.get("type") == "pie" for v in t["values"]]
        )


def test_the_same_filter_shows_the_leader_the_exact_head_count(sign_in: SignIn) -> None:
    leader = narrowed(sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader"))
    assert {m.label: m.value for m in leader.metric}["Tổng số CBCC"] == "1"


@pytest.mark.parametrize(
    "page", ["pages/2_trinh_do.py", "pages/3_bo_tri.py", "pages/4_danh_gia.py"]
)
def test_chart_json_holds_no_exact_small_count(viewer: AppTest, page: str) -> None:
    viewer.switch_page(page).run()
    assert not viewer.exception, viewer.exception
    charts = figures(viewer)
    assert charts
    for fig in charts:
        assert not small_counts(drawn_values(fig)), fig["layout"].get("title")
    for metric in viewer.metric:
        if not metric.label.startswith("Nhiệm vụ"):
            assert metric.value not in {"1", "2"}, (metric.label, metric.value)
    if page == "pages/2_trinh_do.py":
        bars = [t for t in charts[0]["data"] if t.get("type") == "bar"]
        assert any(x is None for t in bars for x in t["x"])  # the hidden bar: no length
        assert "< 3" in [v for t in bars for v in t["text"]]
