"""``python -m analytics bench``: every figure a screen shows, timed at a given scale, beside
what the alternatives cost.

One run, in order:

1. the data: generated (or reused from ``benchmarks/.cache/``) and imported through the command
   line into a fresh DuckDB file (``analytics.bench.generate``);
2. import of a roster (100,000 rows; 2,000 at ward scale), each read in a fresh process: ours
   (the command line's import), python-calamine alone (the floor), pandas + openpyxl;
3. every query a screen calls, under five scopes (no filter, one ward, one unit, sensitive
   fields only, one year), as a leader: median and p95 of ``repeat`` calls; beside the figures
   of ``analytics.bench.pandas_side``, the same figure recomputed by pandas from DataFrames read
   once, timed the same way, and whether both give the same numbers;
4. every screen (``pages/*.py``) through Streamlit's AppTest, signed in as an HR officer: cold
   (caches cleared) and after a change of the unit filter;
5. the Excel and PDF of the whole dashboard (``python -m analytics export`` in a child process,
   stopped after ``EXPORT_TIMEOUT`` seconds);
6. peak memory (``ru_maxrss`` of this process and of its largest child).

It prints tables (Markdown, to paste into the README), then, as its LAST line, one JSON object
with every figure and ratio; ``--out`` also writes it to a file after each part (``complete``
false until the end), so a run stopped midway keeps what it measured.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from analytics.bench import generate
from analytics.bench import pandas_side as ps
from analytics.scope import Scope
from analytics.store import Store

ROOT = generate.ROOT
MARKER = ".bench"  # beside a database this command made: only such a file is overwritten

SCOPE_LABELS: dict[str, str] = {
    "all": "Không lọc",
    "ward": "Một phường",
    "unit": "Một đơn vị",
    "sensitive": "Chỉ lĩnh vực nhạy cảm",
    "year": "Một năm",
}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # KiB on Linux


# ============================================================================ timing
def _stats(runs: Sequence[float]) -> dict[str, float]:
    ordered = sorted(runs)
    # p95 as the nearest rank: of 10 calls or fewer, that is the slowest one.
    rank = max(0, min(len(ordered) - 1, round(0.95 * len(ordered) + 0.5) - 1))
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[rank] * 1000, 2),
    }


def _time(call: Callable[[], Any], repeat: int) -> tuple[dict[str, float], Any]:
    runs, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        runs.append(time.perf_counter() - started)
    return _stats(runs), result


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


# ============================================================================ scopes
@dataclass(frozen=True)
class Params:
    """The arguments the screens pass beside a scope, taken from the data."""

    today: dt.date
    year: int | None
    grade: str | None
    band: str | None
    staff_id: str | None
    composition: tuple[str, str, str] | None
    gap: tuple[str, str, str] | None


def scopes(store: Store) -> dict[str, Scope]:
    """The five scopes: the biggest ward, the most common unit, the year before the latest."""
    leader = Scope(role="leader")
    ward = store.execute("select ward from staff group by ward order by count(*) desc, ward")
    unit = store.execute(
        "select unit from staff where unit is not null group by unit order by count(*) desc, unit"
    )
    years = [r[0] for r in store.execute("select distinct year from evaluations order by year")]
    year = years[-2] if len(years) > 1 else (years[-1] if years else None)
    return {
        "all": leader,
        "ward": replace(leader, wards=(ward[0][0],)) if ward else leader,
        "unit": replace(leader, units=(unit[0][0],)) if unit else leader,
        "sensitive": replace(leader, sensitive_only=True),
        "year": replace(leader, year=year),
    }


def _params(store: Store, scope: Scope, today: dt.date) -> Params:
    from analytics import queries

    years = queries.evaluation_years(store, scope)
    year = scope.year_in_view(years)
    mix = queries.grade_mix(store, scope)
    grade = str(mix.sort_values("people").iloc[-1]["grade"]) if len(mix) else None
    bands = queries.score_bands(store, scope)
    band = str(bands.iloc[0]["band"]) if len(bands) else None
    people = store.execute(
        f"select staff_id from staff where {queries.SCOPE_SQL} order by staff_id limit 1",
        scope.params(),
    )
    report = queries.composition_report(store, scope)
    composition = None
    if len(report.columns):
        group, label = report.columns[0]
        composition = (queries.COMPOSITION_TOTAL, str(group), str(label))
    gaps = queries.gap_counts(store, scope, "field")
    gap = ("field", str(gaps.iloc[0]["group"]), str(gaps.iloc[0]["result"])) if len(gaps) else None
    return Params(today, year, grade, band, people[0][0] if people else None, composition, gap)


# ============================================================================ screen queries
Call = Callable[[Store, Scope, Params], Any]


def _q(name: str) -> Any:
    from analytics import queries

    return getattr(queries, name)


def _needs(*fields: str) -> Callable[[Params], bool]:
    return lambda p: all(getattr(p, f) is not None for f in fields)


@dataclass(frozen=True)
class ScreenCall:
    """A call a screen makes (pages/*.py, ui/*.py). ``scoped`` False: it takes no scope, so it
    is timed once, without a filter."""

    label: str
    call: Call
    scoped: bool = True
    runs_if: Callable[[Params], bool] = lambda p: True


def _calls() -> tuple[ScreenCall, ...]:
    def scoped(name: str, *args: Callable[[Params], Any]) -> Call:
        return lambda s, sc, p: _q(name)(s, sc, *(a(p) for a in args))

    today, year = (lambda p: p.today), (lambda p: p.year)
    return (
        ScreenCall("filter_options", scoped("filter_options")),
        ScreenCall("evaluation_years", scoped("evaluation_years")),
        ScreenCall("data_version", lambda s, sc, p: _q("data_version")(s), scoped=False),
        ScreenCall("overview", scoped("overview", today)),
        ScreenCall("qualification_summary", scoped("qualification_summary")),
        ScreenCall("distribution", scoped("distribution", lambda p: "education_level")),
        ScreenCall(
            "distribution[unit]",
            scoped("distribution", lambda p: "education_level", lambda p: "unit"),
        ),
        ScreenCall("people", scoped("people")),  # the whole list: the CSV made on request
        ScreenCall("people_size", scoped("people_size")),
        ScreenCall(
            "people[page]",  # what Trình độ draws for a bar: one page of 100
            lambda s, sc, p: _q("people")(s, sc, {"education_level": "Đại học"}, 100, 0),
        ),
        ScreenCall("composition_report", scoped("composition_report")),
        ScreenCall(
            "composition_people",
            lambda s, sc, p: _q("composition_people")(s, sc, *(p.composition or ())),
            runs_if=_needs("composition"),
        ),
        ScreenCall(
            "composition_people[page]",
            lambda s, sc, p: _q("composition_people")(s, sc, *(p.composition or ()), 100, 0),
            runs_if=_needs("composition"),
        ),
        ScreenCall("placement_summary", scoped("placement_summary")),
        ScreenCall("placement_matrix_size", scoped("placement_matrix_size")),
        ScreenCall(
            "placement_matrix[page]",  # what Bố trí draws: the first 100 people
            lambda s, sc, p: _q("placement_matrix")(s, sc, False, 100, 0),
        ),
        ScreenCall("gap_counts[field]", scoped("gap_counts", lambda p: "field")),
        ScreenCall("gap_counts[unit]", scoped("gap_counts", lambda p: "unit")),
        ScreenCall("gap_details", scoped("gap_details")),  # the whole list: the CSV
        ScreenCall("gap_details_size", scoped("gap_details_size")),
        ScreenCall(
            "gap_details[page]", lambda s, sc, p: _q("gap_details")(s, sc, None, None, None, 100, 0)
        ),
        ScreenCall(
            "gap_details[group]",
            lambda s, sc, p: _q("gap_details")(s, sc, *(p.gap or ())),
            runs_if=_needs("gap"),
        ),
        ScreenCall("standards", lambda s, sc, p: _q("standards")(s), scoped=False),
        ScreenCall("standard_targets", lambda s, sc, p: _q("standard_targets")(s), scoped=False),
        ScreenCall("standards_changes", lambda s, sc, p: _q("standards_changes")(s), scoped=False),
        ScreenCall("evaluation_rules", scoped("evaluation_rules")),
        ScreenCall("grade_mix", scoped("grade_mix")),
        ScreenCall(
            "grade_people",
            scoped("grade_people", year, lambda p: p.grade, lambda p: None),
            runs_if=_needs("year", "grade"),
        ),
        ScreenCall(
            "grade_people[page]",
            lambda s, sc, p: _q("grade_people")(s, sc, p.year, p.grade, None, 100, 0),
            runs_if=_needs("year", "grade"),
        ),
        ScreenCall("derived_grades", scoped("derived_grades", year), runs_if=_needs("year")),
        ScreenCall("evaluation_trend", scoped("evaluation_trend", year), runs_if=_needs("year")),
        ScreenCall("period_people", scoped("period_people", year), runs_if=_needs("year")),
        ScreenCall(
            "person_periods",
            scoped("person_periods", lambda p: p.staff_id, year),
            runs_if=_needs("year", "staff_id"),
        ),
        ScreenCall("score_histogram", scoped("score_histogram", year), runs_if=_needs("year")),
        ScreenCall("score_bands", scoped("score_bands")),
        ScreenCall(
            "score_band_people",
            scoped("score_band_people", year, lambda p: p.band),
            runs_if=_needs("year", "band"),
        ),
        ScreenCall(
            "score_band_people[page]",
            lambda s, sc, p: _q("score_band_people")(s, sc, p.year, p.band, 100, 0),
            runs_if=_needs("year", "band"),
        ),
        ScreenCall("quota_check", scoped("quota_check", year), runs_if=_needs("year")),
        ScreenCall("service_measures", scoped("service_measures", year), runs_if=_needs("year")),
        ScreenCall("service_people", scoped("service_people", year), runs_if=_needs("year")),
        ScreenCall(
            "service_people[page]",
            lambda s, sc, p: _q("service_people")(s, sc, p.year, 100, 0),
            runs_if=_needs("year"),
        ),
        ScreenCall("review_counts", scoped("review_counts")),
        ScreenCall("review_by_person_size", scoped("review_by_person_size")),
        ScreenCall(
            "review_by_person[page]", lambda s, sc, p: _q("review_by_person")(s, sc, 100, 0)
        ),
        ScreenCall("plan_summary", scoped("plan_summary", today)),
        ScreenCall("plan_status", scoped("plan_status", today)),
        ScreenCall("plan_status[page]", lambda s, sc, p: _q("plan_status")(s, sc, p.today, 100, 0)),
        ScreenCall("plan_counts", scoped("plan_counts", today)),
        ScreenCall("plan_wards[page]", lambda s, sc, p: _q("plan_wards")(s, sc, p.today, 100, 0)),
        ScreenCall("plan_by_task", scoped("plan_by_task", today)),
        ScreenCall("plan_six_clear", scoped("plan_six_clear", today)),
        ScreenCall("progress_history", scoped("progress_history")),
        ScreenCall("progress_history[task]", scoped("progress_history", lambda p: "1")),
        # Kế hoạch nhân sự and So sánh phường (issue 11)
        ScreenCall("retirement_summary", scoped("retirement_summary", lambda p: "sensitive")),
        ScreenCall("retirement_leavers", scoped("retirement_leavers", lambda p: 24)),
        ScreenCall(
            "retirement_successors", scoped("retirement_successors", lambda p: 24, lambda p: 5)
        ),
        ScreenCall("rotation_summary", scoped("rotation_summary")),
        ScreenCall("rotation_due", scoped("rotation_due")),
        ScreenCall("staffing", lambda s, sc, p: _q("staffing")(s, sc, on=p.today)),
        ScreenCall("training_summary", lambda s, sc, p: _q("training_summary")(s, sc, on=p.today)),
        ScreenCall("ward_comparison", scoped("ward_comparison", today)),
        ScreenCall("unmatched_evaluations", scoped("unmatched_evaluations")),
        ScreenCall("latest_roster_size", scoped("latest_roster_size")),
        ScreenCall("data_quality", scoped("data_quality")),
        ScreenCall("data_quality_summary", scoped("data_quality_summary")),
        ScreenCall("import_history", scoped("import_history")),
    )


def measure_queries(
    store: Store, repeat: int, today: dt.date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float]:
    """(every screen call per scope, the figures beside pandas per scope, seconds to read the
    pandas DataFrames once)."""
    started = time.perf_counter()
    frames = ps.load(store)
    load_seconds = round(time.perf_counter() - started, 3)
    calls: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    for key, scope in scopes(store).items():
        params = _params(store, scope, today)
        ctx = ps.Context(today, params.year)
        _log(f"  truy vấn — {SCOPE_LABELS[key]}")
        for item in _calls():
            if (not item.scoped and key != "all") or not item.runs_if(params):
                continue
            timing, _ = _time(partial(item.call, store, scope, params), repeat)
            calls.append({"query": item.label, "scope": key, **timing})
        for figure in ps.FIGURES:
            ours_timing, ours = _time(partial(figure.call, store, scope, ctx), repeat)
            pandas_timing, theirs = _time(partial(figure.pandas, frames, scope, ctx), repeat)
            same = figure.ours(ours) == theirs
            if not same:
                _log(f"  KHÁC NHAU: {figure.key} ({SCOPE_LABELS[key]})")
            figures.append(
                {
                    "figure": figure.key,
                    "label": figure.label,
                    "scope": key,
                    "ours_median_ms": ours_timing["median_ms"],
                    "ours_p95_ms": ours_timing["p95_ms"],
                    "pandas_median_ms": pandas_timing["median_ms"],
                    "pandas_p95_ms": pandas_timing["p95_ms"],
                    "ratio_ours_pandas": _ratio(
                        ours_timing["median_ms"], pandas_timing["median_ms"]
                    ),
                    "same_numbers": same,
                }
            )
    return calls, figures, load_seconds


def compare_figures(store: Store, today: dt.date) -> list[tuple[str, str, Any, Any]]:
    """(figure, scope, ours, pandas) for every figure and scope, untimed: for the tests."""
    frames = ps.load(store)
    out = []
    for key, scope in scopes(store).items():
        ctx = ps.Context(today, _params(store, scope, today).year)
        for figure in ps.FIGURES:
            out.append(
                (
                    figure.key,
                    key,
                    figure.ours(figure.call(store, scope, ctx)),
                    figure.pandas(frames, scope, ctx),
                )
            )
    return out


# ============================================================================ import
def _worker(mode: str, path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "analytics.bench.workers", mode, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{mode}: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure_import(rows: int, repeat: int) -> dict[str, Any]:
    """Each read in a fresh process, ours and calamine interleaved ``repeat`` times; pandas as
    often, or once when the roster is big (openpyxl takes ~40 s for 100,000 rows)."""
    path = generate.roster_path(rows)
    pandas_repeat = repeat if rows <= 20_000 else 1
    runs: dict[str, list[dict[str, Any]]] = {"ours": [], "calamine": [], "pandas": []}
    for i in range(repeat):
        order = ["calamine", "ours"] if i % 2 == 0 else ["ours", "calamine"]
        if i < pandas_repeat:
            order.append("pandas")
        for mode in order:
            run = _worker(mode, path)
            runs[mode].append(run)
            _log(f"  nhập {i + 1}/{repeat} {mode:<8} {run['seconds']:7.3f} s")
    median = {m: statistics.median(r["seconds"] for r in found) for m, found in runs.items()}
    bad = [r["rows"] for r in runs["ours"] if r["rows"] != rows]
    if bad:
        raise RuntimeError(f"imported {bad[0]} rows of {rows}")
    return {
        "file": path.name,
        "file_mb": round(path.stat().st_size / 1e6, 2),
        "rows": rows,
        "repeat": repeat,
        "pandas_repeat": pandas_repeat,
        "ours_seconds": round(median["ours"], 3),
        "calamine_seconds": round(median["calamine"], 3),
        "pandas_seconds": round(median["pandas"], 3),
        "ratio_ours_calamine": _ratio(median["ours"], median["calamine"]),
        "ratio_pandas_ours": _ratio(median["pandas"], median["ours"]),
        "ours_peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs["ours"]), 1),
        "ours_parse_child_peak_rss_mb": round(
            max(r.get("child_peak_rss_mb", 0.0) for r in runs["ours"]), 1
        ),
        "calamine_peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs["calamine"]), 1),
        "pandas_peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs["pandas"]), 1),
        "runs": {m: [round(r["seconds"], 3) for r in found] for m, found in runs.items()},
    }


# ============================================================================ exports
EXPORT_TIMEOUT = 600.0  # seconds an export may take before it is stopped and reported so


def _export_once(command: list[str], timeout: float) -> tuple[int | None, str, str, float]:
    """(exit code or None when stopped, stdout, stderr, seconds) of one export in a child
    process of its own session, so that on timeout its Chromium goes with it."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        stdout, stderr = child.communicate()
        return None, stdout, stderr, time.perf_counter() - started
    return child.returncode, stdout, stderr, time.perf_counter() - started


def measure_exports(db: Path, timeout: float = EXPORT_TIMEOUT) -> dict[str, Any]:
    """The whole dashboard as Excel and as PDF: ``python -m analytics export`` in a child
    process (not kept in the export archive); an export still running after ``timeout``
    seconds is stopped and reported as such. Without Chromium, again without chart images."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench_export_") as tmp:
        for kind in ("xlsx", "pdf"):
            _log(f"  xuất {kind}")
            base = [sys.executable, "-m", "analytics", "export", kind, "--db", str(db)]
            base += ["--out", f"{tmp}/", "--no-archive"]
            for extra in ([], ["--no-images"]):
                code, stdout, stderr, seconds = _export_once([*base, *extra], timeout)
                if code is None:
                    out[kind] = {"seconds": None, "stopped_after_seconds": round(seconds, 1)}
                    break
                if code == 0:
                    made = json.loads(stdout.strip().splitlines()[-1])
                    out[kind] = {
                        "seconds": round(seconds, 3),
                        "bytes": made["bytes"],
                        "chart_images": not extra,
                        "notes": made.get("notes", []),
                    }
                    break
                out[kind] = {"seconds": None, "error": stderr.strip()[-500:]}
    return out


# ============================================================================ screens
SCREEN_SCRIPT = ROOT / "benchmarks" / "screen_speed.py"


SCREEN_TIMEOUT = 300.0  # seconds a screen's run may take before it is reported as too slow


def measure_screens(db: Path, timeout: float = SCREEN_TIMEOUT) -> list[dict[str, Any]]:
    """Each screen through AppTest, cold and after a unit filter change, signed in as an HR
    officer: ``benchmarks/screen_speed.py`` in a child process (the dashboard's connection to
    ``db`` ends with it; ``analytics`` never imports Streamlit). A screen past ``timeout``
    seconds ends its child, reported as ``timed_out``; the screens after it get a new child."""
    remaining = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
    screens: list[dict[str, Any]] = []
    while remaining:
        command = [sys.executable, str(SCREEN_SCRIPT), "--db", str(db), "--json"]
        command += ["--timeout", str(timeout), "--pages", *remaining]
        done = subprocess.run(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=None, text=True, check=False
        )
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            raise RuntimeError(
                f"{SCREEN_SCRIPT.name} exited {done.returncode}: {done.stdout[-2000:]}"
            )
        found: list[dict[str, Any]] = json.loads(lines[-1])
        if not found:
            break
        screens += found
        measured = {s["page"] for s in found}
        remaining = [p for p in remaining if p not in measured]
    return screens


# ============================================================================ report
def _markdown(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    def cell(value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, float):
            return f"{value:,.2f}".replace(",", " ")
        return str(value)

    texts = [[cell(v) for v in row] for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in texts)) if texts else len(h) for i, h in enumerate(headers)
    ]

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"

    return "\n".join(
        [
            line(list(headers)),
            "|" + "|".join("-" * (w + 2) for w in widths) + "|",
            *map(line, texts),
        ]
    )


def _int(n: int) -> str:
    """12345 -> '12.345', as Vietnamese writes it."""
    return f"{n:,}".replace(",", ".")


def _import_section(imp: dict[str, Any]) -> list[str]:
    rows = [
        ["của ta (python -m analytics import)", "ours", "repeat"],
        ["python-calamine (mức sàn)", "calamine", "repeat"],
        ["pandas + openpyxl", "pandas", "pandas_repeat"],
    ]
    parts = [
        f"### Nhập danh sách {_int(imp['rows'])} dòng ({imp['file_mb']} MB), mỗi lần một "
        "tiến trình mới",
        "",
        _markdown(
            ["cách đọc", "trung vị (s)", "số lần", "bộ nhớ đỉnh (MB)"],
            [
                [label, imp[f"{key}_seconds"], imp[times], imp[f"{key}_peak_rss_mb"]]
                for label, key, times in rows
            ],
        ),
        "",
        f"Tỷ lệ của ta / calamine: {imp['ratio_ours_calamine']}; pandas / của ta: "
        f"{imp['ratio_pandas_ours']}.",
    ]
    if imp["rows"] < 100_000:
        parts.append(f"(Quy mô phường: danh sách {_int(imp['rows'])} dòng thay cho 100.000.)")
    return [*parts, ""]


def _figures_section(figures: list[dict[str, Any]]) -> list[str]:
    labels = SCOPE_LABELS
    by_figure: dict[str, list[dict[str, Any]]] = {}
    for f in figures:
        by_figure.setdefault(f["figure"], []).append(f)
    rows = []
    for found in by_figure.values():
        wrong = [labels[f["scope"]] for f in found if not f["same_numbers"]]
        cells = {
            f["scope"]: f"{f['ours_median_ms']:.1f} / {f['pandas_median_ms']:.1f} "
            f"(×{f['ratio_ours_pandas']})"
            for f in found
        }
        rows.append(
            [
                found[0]["label"],
                *(cells.get(k) for k in labels),
                max(f["ours_p95_ms"] for f in found),
                "KHÔNG: " + ", ".join(wrong) if wrong else "có",
            ]
        )
    return [
        "### Số liệu của màn hình so với pandas: trung vị ms của ta / của pandas (ta ÷ pandas)",
        "",
        _markdown(["số liệu", *labels.values(), "p95 lớn nhất của ta", "cùng số"], rows),
        "",
    ]


def _queries_section(queries: list[dict[str, Any]]) -> list[str]:
    labels = SCOPE_LABELS
    by_query: dict[str, dict[str, dict[str, Any]]] = {}
    for c in queries:
        by_query.setdefault(c["query"], {})[c["scope"]] = c
    return [
        "### Mọi truy vấn của các màn hình (ms, trung vị; p95 lớn nhất)",
        "",
        _markdown(
            ["truy vấn", *labels.values(), "p95 lớn nhất"],
            [
                [
                    name,
                    *(found[k]["median_ms"] if k in found else None for k in labels),
                    max(v["p95_ms"] for v in found.values()),
                ]
                for name, found in by_query.items()
            ],
        ),
        "",
    ]


def _screens_section(screens: list[dict[str, Any]]) -> list[str]:
    return [
        "### Màn hình (AppTest, phía máy chủ; s)",
        "",
        _markdown(
            ["màn hình", "lần đầu", "sau khi đổi bộ lọc đơn vị", "lỗi"],
            [
                [
                    s["page"],
                    s["cold_seconds"],
                    s["after_filter_seconds"],
                    s["errors"][0] if s.get("timed_out") else len(s["errors"]) or "",
                ]
                for s in screens
            ],
        ),
        "",
    ]


def _export_note(e: dict[str, Any]) -> str:
    if e.get("stopped_after_seconds") is not None:
        return f"dừng sau {e['stopped_after_seconds']} s (quá giới hạn)"
    if e.get("seconds") is None:
        return f"lỗi: {e.get('error', '')[:80]}"
    return "ảnh biểu đồ: bật" if e.get("chart_images") else "ảnh biểu đồ: tắt"


def _exports_section(exports: dict[str, Any]) -> list[str]:
    return [
        "### Xuất toàn bộ bảng điều khiển (python -m analytics export)",
        "",
        _markdown(
            ["tệp", "thời gian (s)", "kích thước (KB)", "ghi chú"],
            [
                [
                    kind.upper(),
                    e.get("seconds"),
                    round(e["bytes"] / 1024) if e.get("bytes") else None,
                    _export_note(e),
                ]
                for kind, e in exports.items()
            ],
        ),
        "",
    ]


def report(result: dict[str, Any]) -> str:
    """The readable tables, in Vietnamese (only of the parts that ran)."""
    scale, setup, memory = result["scale"], result["setup"], result["memory"]
    loaded = setup["pandas_load_seconds"]
    if "demo" in setup["import_seconds"]:
        made = (
            f"Dữ liệu: phường mẫu (analytics.demo), sinh và nhập {setup['import_total_seconds']} s"
        )
    else:
        made = (
            f"Dữ liệu: sinh {setup['generate_seconds']} s"
            + (" (tệp có sẵn trong benchmarks/.cache)" if setup["files_cached"] else "")
            + f", nhập qua dòng lệnh {setup['import_total_seconds']} s"
        )
    parts = [
        f"## Đo tốc độ — quy mô {scale['name']}: {_int(scale['people'])} người, "
        f"{_int(scale['wards'])} phường/xã, {result['repeat']} lần mỗi phép đo",
        "",
        made + (f"; đọc DataFrame cho pandas một lần {loaded} s." if loaded is not None else "."),
        "",
    ]
    if result["import"]:
        parts += _import_section(result["import"])
    if result["figures"]:
        parts += _figures_section(result["figures"])
    if result["queries"]:
        parts += _queries_section(result["queries"])
    if result["screens"]:
        parts += _screens_section(result["screens"])
    if result["exports"]:
        parts += _exports_section(result["exports"])
    parts += [
        f"Bộ nhớ đỉnh: tiến trình này {memory['self_peak_rss_mb']} MB, tiến trình con lớn nhất "
        f"{memory['children_peak_rss_mb']} MB. Tổng thời gian: {result['total_seconds']} s."
        + (f" Bỏ qua: {', '.join(result['skipped'])}." if result["skipped"] else ""),
    ]
    return "\n".join(parts)


def _prepare(db: Path) -> None:
    marker = db.with_name(db.name + MARKER)
    if db.exists() and not marker.exists():
        raise SystemExit(
            f"Tệp {db} đã có và không do lệnh bench tạo; chọn tệp khác với --db "
            "(lệnh bench luôn tạo mới cơ sở dữ liệu)."
        )
    db.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text("made by python -m analytics bench\n", encoding="utf-8")


def run(
    scale: str,
    *,
    db: Path | None = None,
    out: Path | None = None,
    repeat: int = 10,
    today: dt.date | None = None,
    skip: Sequence[str] = (),
    export_timeout: float = EXPORT_TIMEOUT,
) -> int:
    """The whole benchmark; prints the tables, then the JSON line (``--out``: also written to
    that file, after each part). ``skip`` leaves out parts: import, queries, screens, exports.
    Returns the exit code: 0, or 1 when a pandas recompute disagreed with our query or a
    screen failed."""
    from importlib.metadata import version

    began = time.perf_counter()
    today = today or dt.date.today()
    repeat = max(1, repeat)
    size = generate.SCALES[scale]
    db = db or generate.CACHE / f"bench_{scale}.duckdb"
    _prepare(db)
    _log(f"Quy mô {scale}: sinh và nhập dữ liệu vào {db}")
    data = generate.build(scale, db)
    result: dict[str, Any] = {
        "command": "python -m analytics bench "
        + " ".join(sys.argv[2:] if sys.argv[1:2] == ["bench"] else [f"--scale {scale}"]),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        "complete": False,
        "scale": {"name": scale, "people": data.people, "wards": len(data.people_per_ward)},
        "repeat": repeat,
        "skipped": sorted(skip),
        "setup": {
            "generate_seconds": data.generate_seconds,
            "files_cached": data.files_cached,
            "import_seconds": data.import_seconds,
            "import_total_seconds": round(sum(data.import_seconds.values()), 3),
            "pandas_load_seconds": None,
        },
        "import": None,
        "figures": [],
        "queries": [],
        "screens": [],
        "exports": {},
    }

    def save() -> None:  # after each part, so that a run stopped midway keeps what it measured
        result["memory"] = {
            "self_peak_rss_mb": _peak_mb(),
            "children_peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN),
        }
        result["total_seconds"] = round(time.perf_counter() - began, 1)
        if out:
            out.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(result, ensure_ascii=False, indent=2, default=str)
            out.write_text(text + "\n", "utf-8")

    save()
    if "import" not in skip:
        _log(f"Nhập danh sách {size.roster_rows} dòng: của ta, calamine, pandas")
        result["import"] = measure_import(size.roster_rows, min(repeat, 3))
        save()
    if "queries" not in skip:
        _log("Truy vấn")
        with Store(db) as store:
            calls, figures, load_seconds = measure_queries(store, repeat, today)
        result.update(queries=calls, figures=figures)
        result["setup"]["pandas_load_seconds"] = load_seconds
        save()
    if "screens" not in skip:
        _log("Màn hình (AppTest)")
        result["screens"] = measure_screens(db)
        save()
    if "exports" not in skip:
        _log("Xuất Excel, PDF")
        result["exports"] = measure_exports(db, export_timeout)
    result["all_same_numbers"] = all(f["same_numbers"] for f in result["figures"])
    result["screen_errors"] = sum(len(s["errors"]) for s in result["screens"])
    result["environment"] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
        **{n: version(n) for n in ("duckdb", "pandas", "python-calamine", "streamlit")},
    }
    result["complete"] = True
    save()
    print(report(result))
    line = json.dumps(result, ensure_ascii=False, default=str)
    print(line)
    return 0 if result["all_same_numbers"] and not result["screen_errors"] else 1
