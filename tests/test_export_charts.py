"""The export's chart figures stay drawable at a city's or a country's scale (issue 9): a counts
axis with a tick per person is left to Plotly's own ticks, many wards' plans are one bar per
task, and every chart of one export is drawn by one browser session. No browser needed: the
session is replaced by a recorder. Every expected number is worked out in the comments."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, ClassVar

import plotly.graph_objects as go
import pytest
from PIL import Image

from analytics.charts import plan as plan_charts
from analytics.export import images, make_export
from analytics.export.charts import CHARTS, build_figures
from analytics.export.content import collect
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_plan, add_progress, add_roster

TODAY = dt.date(2026, 10, 15)
MADE_AT = dt.datetime(2026, 10, 15, 9, 30)
WARDS = [f"Phường Số {i:02d}" for i in range(30)]


def _ticks(fig: go.Figure) -> dict[str, float]:
    """Ticks each numeric axis with a fixed step would draw: its span over its step."""
    out = {}
    for key, axis in fig.layout.to_plotly_json().items():
        step = axis.get("dtick") if key[1:5] == "axis" else None
        if isinstance(step, int | float):
            span = images._data_extent(fig, key[0], key.replace("axis", ""))
            if axis.get("range"):
                span = axis["range"][1] - axis["range"][0]
            out[key] = span / step
    return out


# ---------------------------------------------------------------- ticks
def test_a_tick_per_person_over_a_city_is_left_to_plotly() -> None:
    # Two stacked segments per field: Đất đai 597 + 30 = 627 people, Y tế 294 + 14 = 308; a step
    # of 1 would draw 627 ticks (> 25).
    fig = go.Figure(
        [
            go.Bar(x=[597, 294], y=["Đất đai", "Y tế"], orientation="h", name="Chưa đạt"),
            go.Bar(x=[30, 14], y=["Đất đai", "Y tế"], orientation="h", name="Chưa có dữ liệu"),
        ]
    ).update_layout(barmode="stack")
    assert images._data_extent(fig, "x", "x") == 627
    thinned = images.thin_ticks(fig.update_xaxes(dtick=1))
    assert thinned.layout.xaxis.dtick is None
    assert thinned.layout.xaxis.nticks == images.AUTO_TICKS
    assert [t.y for t in thinned.data] == [("Đất đai", "Y tế"), ("Đất đai", "Y tế")]  # labels kept


def test_a_tick_per_person_in_a_ward_is_kept() -> None:
    # Stacked 7 + 5 = 12 people in the widest bar: 12 ticks of 1, under 25.
    fig = go.Figure(
        [
            go.Bar(x=[7, 2], y=["Văn phòng", "Phòng Kinh tế"], orientation="h"),
            go.Bar(x=[5, 1], y=["Văn phòng", "Phòng Kinh tế"], orientation="h"),
        ]
    ).update_layout(barmode="stack")
    assert images.thin_ticks(fig.update_xaxes(dtick=1)).layout.xaxis.dtick == 1


def test_a_fixed_range_counts_its_ticks_over_the_range() -> None:
    # range 0..937.5 with a step of 1: 937 ticks; the same range with a step of 100: 9.
    fig = go.Figure(go.Bar(x=[891], y=["Công nghệ thông tin"], orientation="h"))
    assert images.thin_ticks(fig.update_xaxes(dtick=1, range=[0, 937.5])).layout.xaxis.dtick is None
    fig = fig.update_xaxes(dtick=100, range=[0, 937.5], tickmode="linear")
    assert images.thin_ticks(fig).layout.xaxis.dtick == 100


def test_a_date_step_is_left_alone() -> None:
    fig = go.Figure(go.Bar(x=["2026-06-01", "2026-12-31"], y=["1", "2"], orientation="h"))
    assert images.thin_ticks(fig.update_xaxes(dtick="M1")).layout.xaxis.dtick == "M1"


# ---------------------------------------------------------------- many wards
@pytest.fixture(scope="module")
def many_wards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 wards, each with 2 people and the same 2-task plan. Task 1 (due 30/06/2026, before
    today 15/10/2026) is reported done by the first 10 wards: 10 'Hoàn thành', 20 'Quá hạn'.
    Task 2 (due 31/12/2026) has no report: 30 'Chưa thực hiện'."""
    db = tmp_path_factory.mktemp("many") / "many.duckdb"
    with Store(db) as store:
        for i, ward in enumerate(WARDS):
            add_roster(
                store,
                [
                    {"staff_id": f"A{i:02d}", "full_name": f"Lê Văn An {i:02d}"},
                    {"staff_id": f"B{i:02d}", "full_name": f"Trần Thị Bình {i:02d}"},
                ],
                ward=ward,
            )
            add_plan(
                store,
                [
                    {"task_code": "1", "title": "Rà soát vị trí việc làm",
                     "due_date": dt.date(2026, 6, 30)},
                    {"task_code": "2", "title": "Sắp xếp đội ngũ",
                     "due_date": dt.date(2026, 12, 31)},
                ],
                ward=ward,
            )  # fmt: skip
            if i < 10:
                add_progress(
                    store,
                    [{"task_code": "1", "report_date": dt.date(2026, 6, 20),
                      "status": "Hoàn thành", "percent": 100}],
                    ward=ward,
                )  # fmt: skip
    return db


def test_many_wards_plan_chart_is_one_bar_per_task_counting_wards(many_wards: Path) -> None:
    with Store(many_wards, read_only=True) as store:
        snapshot = collect(store, Scope(), today=TODAY, made_at=MADE_AT)
        spec = next(c for c in CHARTS if c.name == "tien-do-ke-hoach")
        [(_, fig)], notes = build_figures(store, snapshot, [spec])
    assert notes == []
    # One bar per task (2), not one per ward's task (60); a segment per status present.
    bars = {label for trace in fig.data for label in trace.y}
    assert len(bars) == 2
    assert len(bars) <= plan_charts.MAX_TASK_BARS + 1
    segments = {trace.name: list(trace.x) for trace in fig.data}
    assert segments == {
        "Hoàn thành": [10, 0],
        "Quá hạn": [20, 0],
        "Chưa thực hiện": [0, 30],
    }
    assert fig.layout.title.text == "Tình trạng từng nhiệm vụ trên các phường/xã"


class _Recorder:
    """A ChartSession that draws nothing: it keeps what it was given and how often it was made."""

    made: ClassVar[list[_Recorder]] = []

    def __init__(self, *, width: int, scale: float, **_: Any) -> None:
        self.width, self.scale = width, scale
        self.figures: list[go.Figure] = []
        self.renders = 0
        _Recorder.made.append(self)

    def render(self, figures: list[go.Figure]) -> list[bytes]:
        self.renders += 1
        self.figures = list(figures)
        out = []
        for fig in figures:
            buffer = io.BytesIO()
            Image.new("RGB", (self.width, int(fig.layout.height))).save(buffer, "PNG")
            out.append(buffer.getvalue())
        return out

    def close(self) -> None:
        pass

    def __enter__(self) -> _Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


@pytest.fixture
def sessions(monkeypatch: pytest.MonkeyPatch) -> list[_Recorder]:
    """The chart sessions the export makes, none of them a browser."""
    _Recorder.made.clear()
    monkeypatch.setattr(images, "ChartSession", _Recorder)
    return _Recorder.made


def test_every_chart_of_the_dashboard_is_drawn_in_one_session_with_few_ticks(
    many_wards: Path, sessions: list[_Recorder]
) -> None:
    with Store(many_wards, read_only=True) as store:
        made = make_export(store, Scope(), "pdf", today=TODAY, made_at=MADE_AT, record=False)
    [session] = sessions  # one browser for the whole dashboard
    assert session.renders == 1
    assert len(session.figures) == len(CHARTS) == 13  # the comparison of wards too: many wards
    assert (session.width, session.scale) == images.PDF_SIZE[::2]
    for fig in session.figures:
        assert all(n <= images.MAX_TICKS for n in _ticks(fig).values()), fig.layout.title.text
    assert made.notes == []


def test_without_chart_images_no_browser_is_started(
    many_wards: Path, sessions: list[_Recorder]
) -> None:
    with Store(many_wards, read_only=True) as store:
        for kind in ("xlsx", "pdf"):
            make_export(
                store, Scope(), kind, today=TODAY, made_at=MADE_AT, chart_images=False,
                record=False,
            )  # fmt: skip
    assert sessions == []


def test_the_overdue_label_beside_today_s_line_has_room_in_the_image() -> None:
    # Issue 10: "Quá hạn 63 ngà…" was cut at the image's edge: Plotly leaves annotations out of
    # its automatic margins. The label's 15 characters at 13 px need about 15 × 13 × 0,62 ≈ 121
    # px plus its 6 px shift; the export's margin used to be 24 px.
    fig = go.Figure(go.Bar(x=[10], y=[0], orientation="h"))
    fig.add_annotation(
        x=10, y=0, text="<b>Quá hạn 63 ngày</b>", showarrow=False, xanchor="left", xshift=6
    )
    out = images.captioned(fig, "Phường Việt Hòa · số liệu đến ngày 30/09/2026")
    assert out.layout.margin.r >= 15 * 13 * 0.62 + 6
    plain = images.captioned(go.Figure(go.Bar(x=[10], y=[0])), "Phường Việt Hòa")
    assert plain.layout.margin.r == 24  # no such label: no room taken from the chart
