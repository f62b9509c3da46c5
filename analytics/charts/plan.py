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

# The plan was issued in 6/2026 (DOMAIN.md §1): a dated task without reports starts here.
PLAN_START = dt.date(2026, 6, 1)
NO_PLAN = "Chưa có kế hoạch: nhập tệp kế hoạch (danh mục nhiệm vụ) ở trang Dữ liệu."
TODAY_COLOUR = "#D73027"
REPORT_COLOUR = "#333333"
RECURRING_COLOUR = "#9E9E9E"
SIX_CLEAR_MARKS = {True: "✓", False: "✗"}
SOURCES = {True: "Nhập trên ứng dụng", False: "Từ tệp báo cáo"}


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


def timeline(
    tasks: pd.DataFrame, history: pd.DataFrame, today: dt.date, *, plan_start: dt.date = PLAN_START
) -> go.Figure:
    """Tasks against time: dated tasks as bars from the plan start (or an earlier first report) to
    the due date, an overdue stretch up to today, recurring tasks as a dotted line, every progress
    report as a diamond, and a 'Hôm nay' line. ``tasks``: ``plan_status``; ``history``:
    ``progress_history`` of all tasks."""
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
    fig = go.Figure()
    shown_legend: set[str] = set()
    dated: set[int] = set()
    all_dates = [today, plan_start]

    def legend_once(name: str) -> bool:
        first = name not in shown_legend
        shown_legend.add(name)
        return first

    for i, row in enumerate(tasks.itertuples()):
        due = _day(row.due_date)
        first = first_report.get((row.ward, row.task_code))
        start = min(d for d in (first, plan_start) if d is not None)
        if row.recurring or due is None:
            fig.add_trace(
                go.Scatter(
                    x=[start, today],
                    y=[i, i],
                    mode="lines",
                    line={"color": RECURRING_COLOUR, "width": 3, "dash": "dot"},
                    name="Nhiệm vụ thường xuyên",
                    legendgroup="recurring",
                    showlegend=legend_once("recurring"),
                    hoverinfo="skip",
                )
            )
            all_dates.append(start)
            continue
        dated.add(i)
        start = min(start, due)
        reported = str(row.reported_status)
        code = plain_label(row.task_code)
        percent = "" if pd.isna(row.percent) else f"{number_vn(row.percent, 0)}%"
        fig.add_trace(
            go.Bar(
                y=[i],
                x=[_ms((due - start).days or 1)],
                base=[start.isoformat()],
                orientation="h",
                width=0.42,
                marker={"color": cat.PLAN_STATUS_COLOURS.get(reported, cat.NO_DATA_COLOUR)},
                name=plain_label(reported),
                legendgroup=reported,
                showlegend=legend_once(reported),
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
        )
        all_dates += [start, due]
        if bool(row.overdue):
            days = int(row.days_overdue)
            fig.add_trace(
                go.Bar(
                    y=[i],
                    x=[_ms(days)],
                    base=[due.isoformat()],
                    orientation="h",
                    width=0.42,
                    marker={
                        "color": "rgba(215,48,39,0.15)",
                        "line": {"color": TODAY_COLOUR, "width": 2},
                        "pattern": {"shape": "/", "fgcolor": TODAY_COLOUR},
                    },
                    name="Quá hạn",
                    legendgroup="Quá hạn",
                    showlegend=legend_once("Quá hạn"),
                    hovertemplate=(
                        f"Nhiệm vụ {code}: quá hạn {days} ngày (hạn {date_vn(due)})<extra></extra>"
                    ),
                )
            )
            fig.add_annotation(
                x=today,
                y=i,
                text=f"<b>Quá hạn {days} ngày</b>",
                showarrow=False,
                xanchor="left",
                xshift=6,
                font={"color": TODAY_COLOUR},
            )
    reports = (
        history[
            [(w, c) in position for w, c in zip(history["ward"], history["task_code"], strict=True)]
        ]
        if not history.empty
        else history
    )
    if not reports.empty:
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
        # On a dated task the diamonds sit just above its bar, so they never hide the bar's text.
        rows = [
            position[(w, c)] for w, c in zip(reports["ward"], reports["task_code"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=[_day(d) for d in reports["report_date"]],
                y=[y - 0.33 if y in dated else y for y in rows],
                mode="markers",
                marker={
                    "symbol": "diamond",
                    "size": 11,
                    "color": REPORT_COLOUR,
                    "line": {"color": "white", "width": 1},
                },
                name="Báo cáo tiến độ",
                text=texts,
                hovertemplate="%{text}<extra></extra>",
            )
        )
        all_dates += [d for d in (_day(v) for v in reports["report_date"]) if d is not None]
    low = min(all_dates) - dt.timedelta(days=12)
    high = max(all_dates) + dt.timedelta(days=75)
    fig.add_shape(
        type="line",
        x0=today,
        x1=today,
        y0=0,
        y1=1,
        yref="paper",
        line={"color": TODAY_COLOUR, "width": 2, "dash": "dash"},
    )
    fig.add_annotation(
        x=today,
        y=1,
        yref="paper",
        text=f"Hôm nay {date_vn(today)}",
        showarrow=False,
        yanchor="bottom",
        font={"color": TODAY_COLOUR, "size": 14},
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
        range=[len(labels) - 0.5, -0.7],
        showgrid=False,
        zeroline=False,
    )
    fig = style(fig, "Tiến độ các nhiệm vụ theo thời gian", height=130 + 85 * len(labels))
    fig.update_layout(margin={"t": 90})
    return fig


def task_table(tasks: pd.DataFrame) -> pd.DataFrame:
    """The plan's tasks for display: status with the overdue days, this quarter's report."""
    shown = tasks.copy()
    shown["percent"] = shown["percent"].map(lambda v: "" if pd.isna(v) else number_vn(v, 0))
    shown["due_date"] = shown["due_date"].map(_day)
    shown["last_report_date"] = shown["last_report_date"].map(_day)
    shown["quarter_report"] = [
        ("Chưa có" if bool(flag) else "Đã có") if bool(rec) else "—"
        for rec, flag in zip(shown["recurring"], shown["not_reported_this_period"], strict=True)
    ]
    shown["days_overdue"] = shown["days_overdue"].astype("Int64")
    shown["deadline_text"] = shown["deadline_text"].fillna("Chưa rõ")
    shown["missing_clear"] = shown["missing_clear"].replace("", "Đủ 6 rõ")
    return shown


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


# Tasks drawn across many wards: a plan usually has a dozen; more are summed under "Khác".
MAX_TASK_BARS = 20


def tasks_across_wards(by_task: pd.DataFrame, statuses: tuple[str, ...]) -> go.Figure:
    """One stacked bar per task of the plan: how many wards report it at each status (overdue in
    red), in the plan's order; beyond ``MAX_TASK_BARS`` tasks the rest are one bar "Khác".
    ``by_task``: ``queries.plan_by_task``; ``statuses``: the order of the segments."""
    if by_task.empty:
        return empty(NO_PLAN)
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
    for status in statuses:
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
