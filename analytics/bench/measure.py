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
4. the Excel and PDF of the whole dashboard (``python -m analytics export``);
5. every screen (``pages/*.py``) through Streamlit's AppTest, signed in as an HR officer: cold
   (caches cleared) and after a change of the unit filter;
6. peak memory (``ru_maxrss`` of this process and of its largest child).

It prints tables (Markdown, to paste into the README), then, as its LAST line, one JSON object
with every figure and ratio.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
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
    year = scope.year or (years[-1] if years else None)
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
        ScreenCall("people", scoped("people")),
        ScreenCall("composition_report", scoped("composition_report")),
        ScreenCall(
            "composition_people",
            lambda s, sc, p: _q("composition_people")(s, sc, *(p.composition or ())),
            runs_if=_needs("composition"),
        ),
        ScreenCall("placement_summary", scoped("placement_summary")),
        ScreenCall(
            "placement_checks + gap_matrix",
            lambda s, sc, p: _q("gap_matrix")(_q("placement_checks")(s, sc)),
        ),
        ScreenCall("gap_counts[field]", scoped("gap_counts", lambda p: "field")),
        ScreenCall("gap_counts[unit]", scoped("gap_counts", lambda p: "unit")),
        ScreenCall("gap_details", scoped("gap_details")),
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
        ScreenCall("quota_check", scoped("quota_check", year), runs_if=_needs("year")),
        ScreenCall("service_measures", scoped("service_measures", year), runs_if=_needs("year")),
        ScreenCall("service_people", scoped("service_people", year), runs_if=_needs("year")),
        ScreenCall("review_counts", scoped("review_counts")),
        ScreenCall("review_by_person", scoped("review_by_person")),
        ScreenCall("plan_status", scoped("plan_status", today)),
        ScreenCall("plan_counts", scoped("plan_counts", today)),
        ScreenCall("progress_history", scoped("progress_history")),
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
def measure_exports(db: Path) -> dict[str, Any]:
    """The whole dashboard as Excel and as PDF, as ``python -m analytics export`` writes them
    (not kept in the export archive)."""
    from analytics import cli

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench_export_") as tmp:
        for kind in ("xlsx", "pdf"):
            _log(f"  xuất {kind}")
            base = ["export", kind, "--db", str(db), "--out", f"{tmp}/", "--no-archive"]
            for extra in ([], ["--no-images"]):
                stdout, stderr = io.StringIO(), io.StringIO()
                started = time.perf_counter()
                with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                    code = cli.main([*base, *extra])
                seconds = time.perf_counter() - started
                if code == 0:
                    made = json.loads(stdout.getvalue().strip().splitlines()[-1])
                    out[kind] = {
                        "seconds": round(seconds, 3),
                        "bytes": made["bytes"],
                        "chart_images": not extra,
                        "notes": made.get("notes", []),
                    }
                    break
                out[kind] = {"seconds": None, "error": stderr.getvalue().strip()[-500:]}
    return out


# ============================================================================ screens
@contextlib.contextmanager
def _incidents() -> Iterator[list[logging.LogRecord]]:
    """Screens log their errors ("Mã sự cố") instead of raising: collect them."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.ERROR)
    logger = logging.getLogger("analytics.incident")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def measure_screens(db: Path) -> list[dict[str, Any]]:
    """Each screen in a fresh AppTest session signed in as an HR officer of the city (every
    screen open to it): cold, with Streamlit's data cache cleared, then after choosing one unit
    in the sidebar filter. Server side only (script, queries, figures), not the browser."""
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from analytics import accounts

    PagesManager.uses_pages_directory = False  # as ui.launch does
    # AppTest runs without a server: Streamlit warns about it on every run.
    for name in ["streamlit", *logging.root.manager.loggerDict]:
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    username, password = "bench-hr", accounts.generate_password()
    with Store(db) as store:
        if username in set(accounts.list_users(store)["username"]):
            accounts.reset_password(store, username, password)
        else:
            accounts.add_user(store, username, password, "hr")
        unit = store.execute(
            "select unit from staff where unit is not null group by unit order by count(*) desc"
        )
    chosen = [unit[0][0]] if unit else []
    previous_db = os.environ.get("ANALYTICS_DB")
    os.environ["ANALYTICS_DB"] = str(db)
    results = []
    try:
        for page in sorted((ROOT / "pages").glob("*.py")):
            _log(f"  màn hình {page.stem}")
            with _incidents() as incidents:
                app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=900)
                app.run()
                app.text_input(key="signin_username").input(username)
                app.text_input(key="signin_password").input(password)
                app.button(key="signin_submit").click().run()
                st.cache_data.clear()
                started = time.perf_counter()
                app.switch_page(f"pages/{page.name}").run()
                cold = time.perf_counter() - started
                filtered = None
                boxes = [m for m in app.multiselect if m.key == "f_unit"]
                if boxes and chosen:
                    boxes[0].set_value(chosen)
                    started = time.perf_counter()
                    app.run()
                    filtered = time.perf_counter() - started
                errors = [str(e.value) for e in app.exception] + [r.getMessage() for r in incidents]
            results.append(
                {
                    "page": page.name,
                    "cold_seconds": round(cold, 3),
                    "after_filter_seconds": None if filtered is None else round(filtered, 3),
                    "errors": errors,
                }
            )
    finally:
        if previous_db is None:
            os.environ.pop("ANALYTICS_DB", None)
        else:
            os.environ["ANALYTICS_DB"] = previous_db
        st.cache_data.clear()
        st.cache_resource.clear()  # the screens' connection to the benchmark database
    return results


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


def report(result: dict[str, Any]) -> str:
    """The readable tables, in Vietnamese."""
    scale = result["scale"]
    imp = result["import"]
    parts = [
        f"## Đo tốc độ — quy mô {scale['name']}: {_int(scale['people'])} người, "
        f"{_int(scale['wards'])} phường/xã, {result['repeat']} lần mỗi phép đo",
        "",
        f"Dữ liệu: sinh {result['setup']['generate_seconds']} s"
        + (" (tệp có sẵn trong benchmarks/.cache)" if result["setup"]["files_cached"] else "")
        + f", nhập qua dòng lệnh "
        f"{result['setup']['import_total_seconds']} s; đọc DataFrame cho pandas một lần "
        f"{result['setup']['pandas_load_seconds']} s.",
        "",
        f"### Nhập danh sách {_int(imp['rows'])} dòng ({imp['file_mb']} MB), mỗi lần một "
        "tiến trình mới",
        "",
        _markdown(
            ["cách đọc", "trung vị (s)", "số lần", "bộ nhớ đỉnh (MB)"],
            [
                [
                    "của ta (python -m analytics import)",
                    imp["ours_seconds"],
                    imp["repeat"],
                    imp["ours_peak_rss_mb"],
                ],
                [
                    "python-calamine (mức sàn)",
                    imp["calamine_seconds"],
                    imp["repeat"],
                    imp["calamine_peak_rss_mb"],
                ],
                [
                    "pandas + openpyxl",
                    imp["pandas_seconds"],
                    imp["pandas_repeat"],
                    imp["pandas_peak_rss_mb"],
                ],
            ],
        ),
        "",
        f"Tỷ lệ của ta / calamine: {imp['ratio_ours_calamine']}; pandas / của ta: "
        f"{imp['ratio_pandas_ours']}.",
    ]
    if imp["rows"] < 100_000:
        parts.append(f"(Quy mô phường: danh sách {_int(imp['rows'])} dòng thay cho 100.000.)")
    labels = SCOPE_LABELS
    by_figure: dict[str, list[dict[str, Any]]] = {}
    for f in result["figures"]:
        by_figure.setdefault(f["figure"], []).append(f)
    parts += [
        "",
        "### Số liệu của màn hình so với pandas: trung vị ms của ta / của pandas (ta ÷ pandas)",
        "",
        _markdown(
            ["số liệu", *labels.values(), "p95 lớn nhất của ta", "cùng số"],
            [
                [
                    found[0]["label"],
                    *(
                        f"{f['ours_median_ms']:.1f} / {f['pandas_median_ms']:.1f} "
                        f"(×{f['ratio_ours_pandas']})"
                        for f in found
                    ),
                    max(f["ours_p95_ms"] for f in found),
                    "có"
                    if all(f["same_numbers"] for f in found)
                    else "KHÔNG: "
                    + ", ".join(labels[f["scope"]] for f in found if not f["same_numbers"]),
                ]
                for found in by_figure.values()
            ],
        ),
    ]
    by_query: dict[str, dict[str, dict[str, float]]] = {}
    for c in result["queries"]:
        by_query.setdefault(c["query"], {})[c["scope"]] = c
    parts += [
        "",
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
        "### Màn hình (AppTest, phía máy chủ; s)",
        "",
        _markdown(
            ["màn hình", "lần đầu", "sau khi đổi bộ lọc đơn vị", "lỗi"],
            [
                [s["page"], s["cold_seconds"], s["after_filter_seconds"], len(s["errors"]) or ""]
                for s in result["screens"]
            ],
        ),
        "",
        "### Xuất toàn bộ bảng điều khiển và bộ nhớ",
        "",
        _markdown(
            ["việc", "thời gian (s)", "kích thước (KB)", "ghi chú"],
            [
                [
                    f"Xuất {kind.upper()}",
                    e.get("seconds"),
                    round(e["bytes"] / 1024) if e.get("bytes") else None,
                    ("ảnh biểu đồ: bật" if e.get("chart_images") else "ảnh biểu đồ: tắt")
                    if e.get("seconds") is not None
                    else f"lỗi: {e.get('error', '')[:80]}",
                ]
                for kind, e in result["exports"].items()
            ]
            + [
                [
                    "Bộ nhớ đỉnh, tiến trình này (MB)",
                    None,
                    result["memory"]["self_peak_rss_mb"],
                    "",
                ],
                [
                    "Bộ nhớ đỉnh, tiến trình con lớn nhất (MB)",
                    None,
                    result["memory"]["children_peak_rss_mb"],
                    "",
                ],
            ],
        ),
        "",
        f"Tổng thời gian: {result['total_seconds']} s.",
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
) -> int:
    """The whole benchmark; prints the tables, then the JSON line. Returns the exit code: 0, or
    1 when a pandas recompute disagreed with our query or a screen failed."""
    from importlib.metadata import version

    began = time.perf_counter()
    today = today or dt.date.today()
    repeat = max(1, repeat)
    size = generate.SCALES[scale]
    db = db or generate.CACHE / f"bench_{scale}.duckdb"
    _prepare(db)
    _log(f"Quy mô {scale}: sinh và nhập dữ liệu vào {db}")
    data = generate.build(scale, db)
    _log(f"Nhập danh sách {size.roster_rows} dòng: của ta, calamine, pandas")
    imported = measure_import(size.roster_rows, min(repeat, 3))
    _log("Truy vấn")
    with Store(db) as store:
        calls, figures, load_seconds = measure_queries(store, repeat, today)
    _log("Xuất Excel, PDF")
    exports = measure_exports(db)
    _log("Màn hình (AppTest)")
    screens = measure_screens(db)
    result: dict[str, Any] = {
        "command": "python -m analytics bench "
        + " ".join(sys.argv[2:] if sys.argv[1:2] == ["bench"] else [f"--scale {scale}"]),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        "scale": {"name": scale, "people": data.people, "wards": len(data.people_per_ward)},
        "repeat": repeat,
        "setup": {
            "generate_seconds": data.generate_seconds,
            "files_cached": data.files_cached,
            "import_seconds": data.import_seconds,
            "import_total_seconds": round(sum(data.import_seconds.values()), 3),
            "pandas_load_seconds": load_seconds,
        },
        "import": imported,
        "figures": figures,
        "queries": calls,
        "screens": screens,
        "exports": exports,
        "memory": {
            "self_peak_rss_mb": _peak_mb(),
            "children_peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN),
        },
        "all_same_numbers": all(f["same_numbers"] for f in figures),
        "screen_errors": sum(len(s["errors"]) for s in screens),
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": round(os.getloadavg()[0], 2),
            **{n: version(n) for n in ("duckdb", "pandas", "python-calamine", "streamlit")},
        },
    }
    result["total_seconds"] = round(time.perf_counter() - began, 1)
    print(report(result))
    line = json.dumps(result, ensure_ascii=False, default=str)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps(result, ensure_ascii=False, indent=2, default=str) + "\n", "utf-8"
        )
    print(line)
    return 0 if result["all_same_numbers"] and not result["screen_errors"] else 1
