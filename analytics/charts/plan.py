"""Charts and display tables of the plan screen (Tiến độ kế hoạch)."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analytics import categories as cat
from analytics.charts.base import date_vn, empty, plain_label, style, wrap
from analytics.charts.evaluations import number_vn
from analytics.queries import period_label

# The plan's start (categories.PLAN_START): a dated task without reports starts here.
PLAN_START = cat.PLAN_START
NO_PLAN = "Chưa có kế hoạch: nhập tệp kế hoạch (danh mục nhiệm vụ) ở trang Dữ liệu."
TODAY_COLOUR = "#D73027"
REPORT_COLOUR = "#333333"
RECURRING_COLOUR = "#9E9E9E"
DONE_LATE_COLOUR = cat.PLAN_STATUS_COLOURS[cat.PLAN_DONE_LATE]
SIX_CLEAR_MARKS = {True: "✓", False: "✗"}
SOURCES = {True: "Nhập trên ứng dụng", False: "Từ tệp báo cáo"}
# A reporting period of a recurring task on the timeline: its legend entry and look (a light
# fill, so the diamonds of the reports in it stay visible; a missed one hatched in red).
PERIOD_LEGEND = {
    "reported": "Kỳ đã báo cáo",
    "missed": "Kỳ thiếu báo cáo",
    "open": "Kỳ hiện tại, chưa báo cáo",
}
PERIOD_MARKERS: dict[str, dict[str, Any]] = {
    "reported": {"color": "rgba(27,120,55,0.30)", "line": {"color": "#1B7837", "width": 1}},
    "missed": {
        "color": "rgba(215,48,39,0.12)",
        "line": {"color": TODAY_COLOUR, "width": 1.5},
        "pattern": {"shape": "x", "fgcolor": TODAY_COLOUR, "size": 6},
    },
    "open": {"color": "rgba(158,158,158,0.15)", "line": {"color": "#9E9E9E", "width": 1}},
}
BAR_WIDTH = 0.42
# Where a row's texts sit, in rows: the diamonds of the reports above a dated bar, the sentence
# on lateness or missed periods below it, inside the plotting area (never past its edge).
REPORT_OFFSET = -0.33
NOTE_OFFSET = BAR_WIDTH / 2 + 0.03


def _day(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def task_label(row: Any, *, with_ward: bool = False) -> str:
    """'<b>3</b> Tham mưu bố trí…' over a few lines, then the deadline in italics."""
    title = textwrap.shorten(str(row.title), width=64, placeholder="…")
    due = _day(row.due_date)
    when = (
        "Thường xuyên" if row.recurring else (f"Hạn {date_vn(due)}" if due else "Chưa rõ thời hạn")
    )
    ward = f"{plain_label(row.ward)} · " if with_ward else ""
    return f"<b>{ward}{plain_label(row.task_code)}.</b> {wrap(title, 34)}<br><i>{when}</i>"


def _ms(days: int) -> int:
    return days * 24 * 3600 * 1000


def _periods(row: Any) -> list[dict[str, Any]]:
    periods = getattr(row, "periods", None)
    return [] if periods is None or len(periods) == 0 else list(periods)


def _late_days(row: Any) -> int | None:
    days = getattr(row, "days_late", None)
    return None if days is None or pd.isna(days) else int(days)


# The legend reads: statuses in their order, the stretches past the due date, the periods, the
# reports (Plotly's default is the order the traces were drawn in, row by row).
_LEGEND_ORDER = (
    *cat.PLAN_STATUS_COLOURS,
    "Quá hạn",
    "Thời gian hoàn thành muộn",
    *PERIOD_LEGEND.values(),
    "Nhiệm vụ thường xuyên",
    "Báo cáo tiến độ",
)


def _legend_rank(name: str) -> int:
    return 100 + (_LEGEND_ORDER.index(name) if name in _LEGEND_ORDER else len(_LEGEND_ORDER))


class _Timeline:
    """The figure being drawn: the legend entries shown once, the dates it spans."""

    def __init__(self, today: dt.date, plan_start: dt.date) -> None:
        self.fig = go.Figure()
        self.shown: set[str] = set()
        self.dates = [today, plan_start]
        self.notes: list[tuple[dt.date, dt.date, int, str, str]] = []

    def legend_once(self, name: str) -> bool:
        first = name not in self.shown
        self.shown.add(name)
        return first

    def bar(self, i: int, start: dt.date, end: dt.date, name: str, **trace: Any) -> None:
        """A bar on row ``i`` from ``start`` to ``end`` (at least a day long)."""
        self.fig.add_trace(
            go.Bar(
                y=[i],
                x=[_ms((end - start).days or 1)],
                base=[start.isoformat()],
                orientation="h",
                width=trace.pop("width", BAR_WIDTH),
                name=name,
                legendgroup=trace.pop("legendgroup", name),
                showlegend=self.legend_once(trace.pop("legend_key", name)),
                legendrank=_legend_rank(name),
                **trace,
            )
        )
        self.dates += [start, end]

    def note(self, first: dt.date, last: dt.date, i: int, text: str, colour: str) -> None:
        """A sentence under row ``i`` about the stretch ``first``–``last`` (placed by ``place``)."""
        self.notes.append((first, last, i, text, colour))

    def place_notes(self, low: dt.date, high: dt.date) -> None:
        """Each note ends at its stretch's end when that lies in the right half of the axis, else
        starts at its beginning: the text always runs into the plotting area, not off its edge."""
        middle = low + (high - low) / 2
        for first, last, i, text, colour in self.notes:
            right = last >= middle
            self.fig.add_annotation(
                x=last if right else first,
                y=i + NOTE_OFFSET,
                text=text,
                showarrow=False,
                xanchor="right" if right else "left",
                xshift=-4 if right else 4,
                yanchor="top",
                font={"color": colour, "size": 13},
            )


def _recurring_row(draw: _Timeline, i: int, row: Any, start: dt.date, today: dt.date) -> None:
    """A recurring task: one segment per reporting period, coloured by whether it was reported;
    the missed periods named under it. Without periods (an undated one-off task): a dotted line."""
    code = plain_label(row.task_code)
    periods = _periods(row)
    if not periods:
        draw.fig.add_trace(
            go.Scatter(
                x=[start, today],
                y=[i, i],
                mode="lines",
                line={"color": RECURRING_COLOUR, "width": 3, "dash": "dot"},
                name="Nhiệm vụ thường xuyên" if row.recurring else "Chưa rõ thời hạn",
                legendgroup="recurring",
                showlegend=draw.legend_once("recurring"),
                legendrank=_legend_rank("Nhiệm vụ thường xuyên"),
                hoverinfo="skip",
            )
        )
        draw.dates.append(start)
        return
    kind = str(row.report_every)
    for period in periods:
        state = str(period["state"])
        first, last = _day(period["period_start"]), _day(period["period_end"])
        assert first is not None and last is not None
        label = period_label(kind, first)
        draw.bar(
            i,
            first,
            last + dt.timedelta(days=1),
            PERIOD_LEGEND[state],
            marker=PERIOD_MARKERS[state],
            width=0.30,
            hovertemplate=(
                f"Nhiệm vụ {code} · {label}: {cat.PLAN_PERIOD_STATES[state]}"
                f" ({number_vn(int(period['reports']), 0)} báo cáo)<extra></extra>"
            ),
        )
    missed = [p for p in periods if p["state"] == "missed"]
    if missed:
        names = ", ".join(period_label(kind, p["period_start"]) for p in missed)
        draw.note(
            _day(missed[0]["period_start"]) or start,
            (_day(missed[-1]["period_end"]) or today) + dt.timedelta(days=1),
            i,
            f"Thiếu báo cáo: {plain_label(names)}",
            TODAY_COLOUR,
        )


def _dated_row(draw: _Timeline, i: int, row: Any, start: dt.date, due: dt.date) -> None:
    """A dated task: a bar to its due date in the colour of its status; past the due date a
    hatched stretch to today (overdue) or to the completion date (done late), with its days."""
    code = plain_label(row.task_code)
    reported = str(row.reported_status)
    done_late = bool(getattr(row, "done_late", False))
    shown = cat.PLAN_DONE_LATE if done_late else reported
    colour = cat.PLAN_STATUS_COLOURS.get(shown, cat.NO_DATA_COLOUR)
    percent = "" if pd.isna(row.percent) else f"{number_vn(row.percent, 0)}%"
    draw.bar(
        i,
        start,
        due,
        plain_label(shown),
        marker={"color": colour},
        text=[percent],
        textposition="inside",
        insidetextanchor="middle",
        textfont={"color": "white"},
        hovertemplate=(
            f"Nhiệm vụ {code}: {date_vn(start)} → hạn {date_vn(due)}<br>"
            f"Tình trạng báo cáo: {plain_label(reported)}"
            + (f" ({percent})" if percent else "")
            + "<extra></extra>"
        ),
    )
    days = _late_days(row)
    if days is None:
        return
    if bool(row.overdue):
        end, name, line = due + dt.timedelta(days=days), "Quá hạn", TODAY_COLOUR
        fill, text = "rgba(215,48,39,0.15)", f"Quá hạn {number_vn(days, 0)} ngày"
        hover = f"Nhiệm vụ {code}: quá hạn {number_vn(days, 0)} ngày (hạn {date_vn(due)})"
    elif done_late:
        completed = _day(row.completed_date) or due + dt.timedelta(days=days)
        end, name, line = completed, "Thời gian hoàn thành muộn", DONE_LATE_COLOUR
        fill, text = "rgba(140,109,0,0.15)", f"{cat.PLAN_DONE_LATE} {number_vn(days, 0)} ngày"
        hover = (
            f"Nhiệm vụ {code}: hạn {date_vn(due)}, hoàn thành ngày {date_vn(completed)}, "
            f"muộn {number_vn(days, 0)} ngày"
        )
    else:
        return
    draw.bar(
        i,
        due,
        end,
        name,
        marker={
            "color": fill,
            "line": {"color": line, "width": 2},
            "pattern": {"shape": "/", "fgcolor": line},
        },
        hovertemplate=f"{hover}<extra></extra>",
    )
    draw.note(due, end, i, f"<b>{text}</b>", line)


def _reports(
    draw: _Timeline, history: pd.DataFrame, position: dict[Any, int], dated: set[int]
) -> None:
    """Every progress report as a diamond: above a dated task's bar (never over its text), on a
    recurring task's period."""
    reports = history[
        [(w, c) in position for w, c in zip(history["ward"], history["task_code"], strict=True)]
    ]
    if reports.empty:
        return
    texts = [
        "<br>".join(
            part
            for part in (
                f"Nhiệm vụ {plain_label(r.task_code)} · báo cáo ngày "
                f"{date_vn(_day(r.report_date))}: {plain_label(r.status)}"
                + ("" if pd.isna(r.percent) else f" ({number_vn(r.percent, 0)}%)"),
                "" if pd.isna(r.deliverable) else wrap(f"Sản phẩm: {r.deliverable}", 60),
                "" if pd.isna(r.note) else wrap(f"Ghi chú: {r.note}", 60),
            )
            if part
        )
        for r in reports.itertuples()
    ]
    rows = [position[(w, c)] for w, c in zip(reports["ward"], reports["task_code"], strict=True)]
    draw.fig.add_trace(
        go.Scatter(
            x=[_day(d) for d in reports["report_date"]],
            y=[y + REPORT_OFFSET if y in dated else y for y in rows],
            mode="markers",
            marker={
                "symbol": "diamond",
                "size": 11,
                "color": REPORT_COLOUR,
                "line": {"color": "white", "width": 1},
            },
            name="Báo cáo tiến độ",
            legendrank=_legend_rank("Báo cáo tiến độ"),
            text=texts,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    draw.dates += [d for d in (_day(v) for v in reports["report_date"]) if d is not None]


def timeline(
    tasks: pd.DataFrame, history: pd.DataFrame, today: dt.date, *, plan_start: dt.date = PLAN_START
) -> go.Figure:
    """Tasks against time: dated tasks as bars from the plan start (or an earlier first report) to
    the due date, then a hatched stretch up to today (overdue) or to the completion date (done
    late), each with its days written under it; a recurring task as its reporting periods
    (reported, missed, current), the missed ones named under it; every progress report as a
    diamond, and a 'Hôm nay' line. ``tasks``: ``plan_status``; ``history``: ``progress_history``
    of all tasks."""
    if tasks.empty:
        return empty(NO_PLAN)
    with_ward = tasks["ward"].nunique() > 1
    labels = [task_label(r, with_ward=with_ward) for r in tasks.itertuples()]
    position = {(r.ward, r.task_code): i for i, r in enumerate(tasks.itertuples())}
    first_report = (
        history.groupby(["ward", "task_code"])["report_date"].min().map(_day).to_dict()
        if not history.empty
        else {}
    )
    draw = _Timeline(today, plan_start)
    dated: set[int] = set()
    for i, row in enumerate(tasks.itertuples()):
        due = _day(row.due_date)
        first = first_report.get((row.ward, row.task_code))
        start = min(d for d in (first, plan_start) if d is not None)
        if row.recurring or due is None:
            _recurring_row(draw, i, row, start, today)
        else:
            dated.add(i)
            _dated_row(draw, i, row, min(start, due), due)
    if not history.empty:
        _reports(draw, history, position, dated)
    fig = draw.fig
    low = min(draw.dates) - dt.timedelta(days=12)
    high = max(draw.dates) + dt.timedelta(days=20)
    draw.place_notes(low, high)
    fig.add_shape(
        type="line",
        x0=today,
        x1=today,
        y0=0,
        y1=1,
        yref="paper",
        line={"color": TODAY_COLOUR, "width": 2, "dash": "dash"},
    )
    # Inside the top of the plotting area, left of the line: the legend sits above the plot.
    fig.add_annotation(
        x=today,
        y=1,
        yref="paper",
        text=f"Hôm nay {date_vn(today)}",
        showarrow=False,
        xanchor="right",
        xshift=-4,
        yanchor="top",
        font={"color": TODAY_COLOUR, "size": 13},
    )
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(
        type="date",
        range=[low, high],
        tickformat="%m/%Y",
        dtick="M1",
        showgrid=True,
        gridcolor="#eee",
        title="Tháng",
    )
    fig.update_yaxes(
        tickmode="array",
        tickvals=list(range(len(labels))),
        ticktext=labels,
        range=[len(labels) - 0.5, -0.75],
        showgrid=False,
        zeroline=False,
    )
    fig = style(fig, "Tiến độ các nhiệm vụ theo thời gian", height=200 + 85 * len(labels))
    # The legend at the foot of the figure (container coordinates): Plotly keeps that strip for
    # it, so the month axis and its title stand above it instead of running into it.
    fig.update_layout(
        legend={
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "xref": "container",
            "x": 0,
            "xanchor": "left",
        },
        margin={"t": 70},
    )
    return fig


def task_table(tasks: pd.DataFrame) -> pd.DataFrame:
    """The plan's tasks for display: the status as read ("Hoàn thành muộn 63 ngày"), the days
    past the due date (so far, or at completion), this quarter's report and a recurring task's
    reporting periods."""
    shown = tasks.copy()
    shown["status"] = shown["status_label"]
    shown["percent"] = shown["percent"].map(lambda v: "" if pd.isna(v) else number_vn(v, 0))
    shown["due_date"] = shown["due_date"].map(_day)
    shown["last_report_date"] = shown["last_report_date"].map(_day)
    shown["completed_date"] = shown["completed_date"].map(_day)
    shown["quarter_report"] = [
        ("Chưa có" if bool(flag) else "Đã có") if bool(rec) else "—"
        for rec, flag in zip(shown["recurring"], shown["not_reported_this_period"], strict=True)
    ]
    shown["days_overdue"] = shown["days_overdue"].astype("Int64")
    shown["days_late"] = shown["days_late"].astype("Int64")
    shown["deadline_text"] = shown["deadline_text"].fillna("Chưa rõ")
    shown["missing_clear"] = shown["missing_clear"].replace("", "Đủ 6 rõ")
    shown["report_periods"] = shown["report_periods"].replace("", "—")
    return shown


def status_colours(shown: pd.DataFrame) -> dict[str, str]:
    """The background of each status cell of ``task_table``: the status's colour, and the
    late-done colour for every "Hoàn thành muộn N ngày"."""
    late = cat.PLAN_STATUS_COLOURS[cat.PLAN_DONE_LATE]
    labels = {str(v) for v in shown["status"] if str(v).startswith(cat.PLAN_DONE_LATE)}
    return {**cat.PLAN_STATUS_COLOURS, **dict.fromkeys(sorted(labels), late)}


def six_clear_table(tasks: pd.DataFrame, six_clear: dict[str, str]) -> pd.DataFrame:
    """Tasks × the six criteria of '6 rõ', marked ✓ / ✗, with what is missing."""
    rows = {
        "Mã": tasks["task_code"],
        "Nhiệm vụ": tasks["title"].map(
            lambda t: textwrap.shorten(str(t), width=90, placeholder="…")
        ),
    }
    for key, label in six_clear.items():
        rows[label] = tasks[key].map(lambda v: SIX_CLEAR_MARKS[bool(v)])
    rows["Còn thiếu"] = tasks["missing_clear"].replace("", "Đủ 6 rõ")
    return pd.DataFrame(rows).reset_index(drop=True)


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """Progress reports of a task for display, newest first, with where each came from."""
    shown = history.copy()
    shown["report_date"] = shown["report_date"].map(_day)
    shown["percent"] = shown["percent"].map(lambda v: "" if pd.isna(v) else number_vn(v, 0))
    shown["source"] = shown["entered_in_app"].map(lambda v: SOURCES[bool(v)])
    shown["created_at"] = shown["created_at"].map(
        lambda v: "" if pd.isna(v) else f"{pd.Timestamp(v):%d/%m/%Y %H:%M}"
    )
    return shown


def overdue_messages(tasks: pd.DataFrame, escape: Callable[[str], str] = str) -> list[str]:
    """One markdown sentence per overdue task: days over, due date, progress and lead unit.
    ``escape`` makes the file's values (task code, unit) literal: the screen passes ``ui.text.plain``."""
    messages = []
    for row in tasks[tasks["overdue"].fillna(False).astype(bool)].itertuples():
        done = "" if pd.isna(row.percent) else f", đã thực hiện {number_vn(row.percent, 0)}%"
        lead = row.lead_unit if isinstance(row.lead_unit, str) and row.lead_unit else "chưa rõ"
        messages.append(
            f"Nhiệm vụ **{escape(str(row.task_code))}** quá hạn **{int(row.days_overdue)} ngày** "
            f"(hạn {date_vn(_day(row.due_date))}{done}; chủ trì: {escape(lead)})."
        )
    return messages


def late_messages(tasks: pd.DataFrame, escape: Callable[[str], str] = str) -> list[str]:
    """One markdown sentence per task completed after its due date: the days late, the due date
    and the completion date ("Nhiệm vụ **3** hoàn thành muộn **63 ngày** (hạn 30/09/2026,
    hoàn thành ngày 02/12/2026)."). ``escape`` as in ``overdue_messages``."""
    return [
        f"Nhiệm vụ **{escape(str(row.task_code))}** hoàn thành muộn "
        f"**{number_vn(int(row.days_late), 0)} ngày** (hạn {date_vn(_day(row.due_date))}, "
        f"hoàn thành ngày {date_vn(_day(row.completed_date))})."
        for row in tasks[tasks["done_late"].fillna(False).astype(bool)].itertuples()
    ]


# Tasks drawn across many wards: a plan usually has a dozen; more are summed under "Khác".
MAX_TASK_BARS = 20


def _split_late(by_task: pd.DataFrame, statuses: tuple[str, ...]) -> tuple[pd.DataFrame, list[str]]:
    """The wards where a task is done after its due date (``late_wards``) as a segment of their
    own, "Hoàn thành muộn", right after "Hoàn thành"."""
    order = list(statuses)
    if "late_wards" not in by_task or not by_task["late_wards"].any():
        return by_task, order
    late = by_task[by_task["late_wards"] > 0].assign(
        status=cat.PLAN_DONE_LATE, wards=lambda f: f["late_wards"]
    )
    on_time = by_task.assign(wards=by_task["wards"] - by_task["late_wards"])
    if cat.PLAN_DONE_LATE not in order:
        order.insert(
            order.index("Hoàn thành") + 1 if "Hoàn thành" in order else 0, cat.PLAN_DONE_LATE
        )
    return pd.concat([on_time, late], ignore_index=True), order


def tasks_across_wards(by_task: pd.DataFrame, statuses: tuple[str, ...]) -> go.Figure:
    """One stacked bar per task of the plan: how many wards report it at each status (overdue in
    red, done after the due date apart as "Hoàn thành muộn"), in the plan's order; beyond
    ``MAX_TASK_BARS`` tasks the rest are one bar "Khác". ``by_task``: ``queries.plan_by_task``;
    ``statuses``: the order of the segments."""
    if by_task.empty:
        return empty(NO_PLAN)
    by_task, segments = _split_late(by_task, statuses)
    order = list(dict.fromkeys(by_task["task_code"]))
    kept = set(order[:MAX_TASK_BARS])
    titles = dict(zip(by_task["task_code"], by_task["title"], strict=False))
    labels = {
        code: f"<b>{plain_label(code)}.</b> "
        + wrap(textwrap.shorten(str(titles[code]), width=60, placeholder="…"), 36)
        for code in order[:MAX_TASK_BARS]
    }
    other = f"<b>Khác</b> ({number_vn(len(order) - len(kept), 0)} nhiệm vụ)"
    frame = by_task.assign(bar=[labels[c] if c in kept else other for c in by_task["task_code"]])
    bars = [labels[c] for c in order[:MAX_TASK_BARS]] + ([other] if len(order) > len(kept) else [])
    counts = frame.groupby(["bar", "status"], sort=False)["wards"].sum()
    fig = go.Figure()
    for status in segments:
        values = [int(counts.get((bar, status), 0)) for bar in bars]
        if not any(values):
            continue
        fig.add_trace(
            go.Bar(
                y=bars,
                x=values,
                orientation="h",
                name=status,
                marker={"color": cat.PLAN_STATUS_COLOURS.get(status, cat.NO_DATA_COLOUR)},
                hovertemplate=f"{status}: %{{x:,}} phường/xã<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(title="Số phường/xã", showgrid=True, gridcolor="#eee", tickformat=",d")
    return style(
        fig,
        "Tình trạng từng nhiệm vụ trên các phường/xã",
        height=160 + 62 * len(bars),
        legend_title="Tình trạng",
    )
