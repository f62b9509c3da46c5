"""Import speed of a city-wide roster against python-calamine reading the same file.

Target (issue): importing a 100,000-row roster costs at most 1.5 × what python-calamine alone
takes to read the file. This is a benchmark, not a timed test: run it by hand.

    .venv/bin/python benchmarks/import_speed.py [--rows 100000] [--repeat 3] [--profile]
    .venv/bin/python benchmarks/import_speed.py --isolation [--repeat 5]   # child vs in-process read

The roster is synthetic (``random.Random(2026)``, names drawn from lists of họ, đệm and tên)
and cached under ``benchmarks/.cache/``. Every measurement runs in a fresh Python process,
baseline and import interleaved; the medians are compared. ``--profile`` also runs the import
once under cProfile (or pyinstrument with ``--pyinstrument`` when installed) and prints the top
entries. The result is written to ``benchmarks/results/import_speed.json``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE = ROOT / "benchmarks" / ".cache"
RESULTS = ROOT / "benchmarks" / "results" / "import_speed.json"
TARGET = 1.5
GENERATOR_VERSION = 1  # bump when the generated file changes

# ============================================================================ synthetic roster
# The generator lives in analytics.bench.generate (shared with ``python -m analytics bench``).
from analytics.bench.generate import (  # noqa: E402
    SEED,
    WARDS,
    roster_path,
    synthetic_people,
    write_csv,
    write_xlsx,
)

__all__ = ["SEED", "WARDS", "roster_path", "synthetic_people", "write_csv", "write_xlsx"]


# ============================================================================ measurements
def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class _Stages:
    """Wall time of the importer's stages, by wrapping its module-level functions (the
    importer itself is not edited). Each stage is a handful of calls, so the overhead is nil."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, owner: object, name: str, stage: str, *, key: str | None = None) -> None:
        original = owner[key] if key is not None else getattr(owner, name)  # type: ignore[index]

        def timed(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started

        if key is not None:
            owner[key] = timed  # type: ignore[index]
        else:
            setattr(owner, name, timed)

    def install(self) -> None:
        import dataclasses

        from analytics.ingest import importer, kinds, steps
        from analytics.ingest.sheet import Table

        # The read runs in a child process (analytics.ingest.isolate): its checks and calamine
        # cannot be timed from here; ``--isolation`` measures them against an in-process read.
        self.wrap(importer, "read_workbook", "read (child: checks + calamine)")
        self.wrap(steps, "choose_table", "find header")
        locate = Table.locate.__func__  # type: ignore[attr-defined]

        def timed_locate(cls: type, *args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return locate(cls, *args, **kwargs)
            finally:
                self.seconds["locate rows"] = (
                    self.seconds.get("locate rows", 0.0) + time.perf_counter() - started
                )

        Table.locate = classmethod(timed_locate)  # type: ignore[method-assign,assignment]
        stages = {"parse": kinds.REGISTRY["roster"].parse, "load": kinds.REGISTRY["roster"].load}
        self.wrap(stages, "", "parse total", key="parse")
        self.wrap(importer, "_insert_import", "insert imports row")
        self.wrap(stages, "", "load roster_rows", key="load")
        kinds.REGISTRY["roster"] = dataclasses.replace(kinds.REGISTRY["roster"], **stages)

    def report(self, total: float) -> dict[str, float]:
        s = self.seconds
        parse = s.get("parse total", 0.0)
        out = {
            "read (child: checks + calamine)": s.get("read (child: checks + calamine)", 0.0),
            "find header": s.get("find header", 0.0),
            "locate rows": s.get("locate rows", 0.0),
            "normalise + arrow": parse - s.get("find header", 0.0) - s.get("locate rows", 0.0),
            "insert imports row": s.get("insert imports row", 0.0),
            "load roster_rows": s.get("load roster_rows", 0.0),
        }
        accounted = (
            out["read (child: checks + calamine)"]
            + parse
            + out["insert imports row"]
            + out["load roster_rows"]
        )
        out["other (sha256, commit…)"] = total - accounted
        return out


def worker(mode: str, path: Path, profile: str | None) -> dict[str, object]:
    """One measurement in this (fresh) process."""
    if mode == "baseline":
        import python_calamine

        cpu = time.process_time()
        started = time.perf_counter()
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        seconds = time.perf_counter() - started
        return {
            "seconds": seconds,
            "cpu_seconds": time.process_time() - cpu,
            "grid_rows": len(rows),
            "peak_rss_mb": _peak_rss_mb(),
        }
    if mode == "csv-baseline":
        cpu = time.process_time()
        started = time.perf_counter()
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        seconds = time.perf_counter() - started
        return {
            "seconds": seconds,
            "cpu_seconds": time.process_time() - cpu,
            "grid_rows": len(rows),
            "peak_rss_mb": _peak_rss_mb(),
        }

    if mode in ("read-isolated", "read-in-process"):
        return _read_worker(mode, path)

    from analytics.ingest.importer import import_file
    from analytics.store import Store

    stages = _Stages()
    if profile is None:
        stages.install()
    with tempfile.TemporaryDirectory(prefix="import_speed_") as tmp:
        store = Store(Path(tmp) / "bench.duckdb")  # migrations: setup, not timed
        profiler = None
        if profile == "cprofile":
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        elif profile == "pyinstrument":
            import pyinstrument

            profiler = pyinstrument.Profiler(interval=0.0005)
            profiler.start()
        cpu = time.process_time()
        started = time.perf_counter()
        result = import_file(store, "roster", path)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu
        if profile == "cprofile":
            profiler.disable()  # type: ignore[union-attr]
            out = CACHE / "import_speed.prof"
            profiler.dump_stats(str(out))  # type: ignore[union-attr]
            _print_cprofile(out)
        elif profile == "pyinstrument":
            profiler.stop()  # type: ignore[union-attr]
            print(profiler.output_text(unicode=True, color=False, show_all=False))  # type: ignore[union-attr]
        stored = store.execute("select count(*) from roster_rows")[0][0]
        store.close()
    if result.status != "imported":
        raise SystemExit(f"import {result.status}: {[e.message for e in result.errors][:5]}")
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rows_imported": result.rows_imported,
        "rows_stored": int(stored),
        "warnings": len(result.warnings),
        "peak_rss_mb": _peak_rss_mb(),
        "stages": stages.report(seconds) if profile is None else {},
    }


def _read_worker(mode: str, path: Path) -> dict[str, object]:
    """``readers.read_workbook`` (a child process parses) or ``read_workbook_unsafe`` (this
    process parses), modules imported beforehand as in a running server."""
    from analytics.ingest import isolate, readers

    del isolate  # imported: the server has it loaded
    read = readers.read_workbook if mode == "read-isolated" else readers.read_workbook_unsafe
    data = path.read_bytes()
    cpu = time.process_time()
    started = time.perf_counter()
    book = read(data, path.name)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,  # this process only, not the child
        "grid_rows": sum(len(sheet.rows) for sheet in book.sheets),
        "peak_rss_mb": _peak_rss_mb(),
    }


def ward_roster_path(rows: int = 40) -> Path:
    """A ward's roster (``rows`` people, one ward), cached like the city roster."""
    path = CACHE / f"roster_ward_{rows}_v{GENERATOR_VERSION}.xlsx"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        write_xlsx(path, synthetic_people(rows))
    return path


def measure_isolation(paths: list[Path], repeat: int) -> list[dict[str, Any]]:
    """Reading in a child process against reading in this process: ``repeat`` × each, fresh
    processes, interleaved; medians and the difference."""
    results = []
    for path in paths:
        runs: dict[str, list[dict[str, Any]]] = {"read-isolated": [], "read-in-process": []}
        print(f"\n{path.relative_to(ROOT)}: {repeat} × (isolated, in-process), fresh processes")
        for i in range(repeat):
            order = list(runs) if i % 2 == 0 else list(reversed(runs))
            for mode in order:
                run = _run_worker(mode, path)
                runs[mode].append(run)
                print(f"  run {i + 1}/{repeat} {mode:<16} {run['seconds']:7.3f}s")
        isolated, here = (
            _median(runs["read-isolated"], "seconds"),
            _median(runs["read-in-process"], "seconds"),
        )
        results.append(
            {
                "file": str(path.relative_to(ROOT)),
                "grid_rows": int(runs["read-isolated"][0]["grid_rows"]),
                "isolated_seconds": round(isolated, 4),
                "in_process_seconds": round(here, 4),
                "overhead_seconds": round(isolated - here, 4),
                "ratio": round(isolated / here, 3),
                "isolated_runs": [round(float(r["seconds"]), 4) for r in runs["read-isolated"]],
                "in_process_runs": [round(float(r["seconds"]), 4) for r in runs["read-in-process"]],
            }
        )
    print(f"\n{'file':<40} {'rows':>7} {'isolated s':>10} {'here s':>8} {'overhead s':>10}")
    for r in results:
        print(
            f"{Path(r['file']).name:<40} {r['grid_rows']:>7} {r['isolated_seconds']:>10.3f} "
            f"{r['in_process_seconds']:>8.3f} {r['overhead_seconds']:>+10.3f}"
        )
    return results


def _print_cprofile(path: Path) -> None:
    import pstats

    for sort in ("cumulative", "tottime"):
        print(f"\n---- cProfile, top 25 by {sort} ({path.relative_to(ROOT)})")
        pstats.Stats(str(path)).strip_dirs().sort_stats(sort).print_stats(25)


def _run_worker(
    mode: str, path: Path, profile: str | None = None, analytics_root: Path | None = None
) -> dict[str, object]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, "--file", str(path)]
    if profile:
        command += ["--profile-with", profile]
    if analytics_root:
        command += ["--analytics-root", str(analytics_root)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"worker {mode} failed ({done.returncode})")
    lines = done.stdout.rstrip().splitlines()
    if profile:
        print("\n".join(lines[:-1]))
    return json.loads(lines[-1])


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(float(run[key]) for run in runs)


def measure(
    path: Path,
    rows: int,
    repeat: int,
    *,
    csv_file: bool = False,
    analytics_root: Path | None = None,
) -> dict[str, Any]:
    """``repeat`` × (baseline, import), interleaved, each in a fresh process; medians."""
    baseline_mode = "csv-baseline" if csv_file else "baseline"
    baseline: list[dict[str, Any]] = []
    imports: list[dict[str, Any]] = []
    load_before = os.getloadavg()[0]
    for i in range(repeat):
        # Alternate which side goes first, so drift hits both alike.
        order = [baseline_mode, "import"] if i % 2 == 0 else ["import", baseline_mode]
        for mode in order:
            run = _run_worker(mode, path, analytics_root=analytics_root)
            (baseline if mode == baseline_mode else imports).append(run)
            print(
                f"  run {i + 1}/{repeat} {mode:<12} {run['seconds']:7.3f}s wall "
                f"{run['cpu_seconds']:7.3f}s cpu  peak RSS {run['peak_rss_mb']:7.1f} MB"
            )
    problems = [
        f"expected {rows} rows, imported {run['rows_imported']}, stored {run['rows_stored']}"
        for run in imports
        if run["rows_imported"] != rows or run["rows_stored"] != rows
    ]
    if problems and not csv_file:
        raise SystemExit(f"{path.name}: {problems[0]}")
    if problems:  # reported, not fatal: the CSV variant is informational
        print(f"  WARNING {path.name}: {problems[0]}")
    base, imp = _median(baseline, "seconds"), _median(imports, "seconds")
    base_cpu, imp_cpu = _median(baseline, "cpu_seconds"), _median(imports, "cpu_seconds")
    stages = {
        name: round(statistics.median(float(run["stages"][name]) for run in imports), 4)
        for name in imports[0]["stages"]
    }
    return {
        "file": str(path.relative_to(ROOT)),
        "file_mb": round(path.stat().st_size / 1e6, 2),
        "analytics_root": str(analytics_root) if analytics_root else None,
        "baseline": (
            "csv.reader" if csv_file else "python_calamine to_python(skip_empty_area=False)"
        ),
        "baseline_seconds": round(base, 4),
        "import_seconds": round(imp, 4),
        "ratio": round(imp / base, 3),
        "target": TARGET,
        "pass": imp / base <= TARGET,
        "baseline_cpu_seconds": round(base_cpu, 4),
        "import_cpu_seconds": round(imp_cpu, 4),
        "cpu_ratio": round(imp_cpu / base_cpu, 3),
        "rows_expected": rows,
        "rows_imported": int(imports[0]["rows_imported"]),
        "warnings": int(imports[0]["warnings"]),
        "baseline_peak_rss_mb": round(max(float(r["peak_rss_mb"]) for r in baseline), 1),
        "import_peak_rss_mb": round(max(float(r["peak_rss_mb"]) for r in imports), 1),
        "baseline_runs": [round(float(r["seconds"]), 4) for r in baseline],
        "import_runs": [round(float(r["seconds"]), 4) for r in imports],
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "import_stages_median": stages,
    }


def _print_table(results: list[dict[str, Any]]) -> None:
    head = (
        f"{'file':<36} {'baseline s':>10} {'import s':>9} {'ratio':>6} {'target':>6} "
        f"{'result':>6} {'cpu ratio':>9} {'rows':>7} {'RSS base':>9} {'RSS import':>10}"
    )
    print("\n" + head + "\n" + "-" * len(head))
    for r in results:
        name = Path(r["file"]).name + (" (other root)" if r["analytics_root"] else "")
        verdict = "n/a" if r["baseline"] == "csv.reader" else ("PASS" if r["pass"] else "FAIL")
        print(
            f"{name:<36} {r['baseline_seconds']:>10.3f} {r['import_seconds']:>9.3f} "
            f"{r['ratio']:>6.2f} {r['target']:>6.1f} {verdict:>6} {r['cpu_ratio']:>9.2f} "
            f"{r['rows_imported']:>7} {r['baseline_peak_rss_mb']:>7.0f}MB "
            f"{r['import_peak_rss_mb']:>8.0f}MB"
        )
    for r in results:
        print(f"\nimport stages, median wall seconds ({Path(r['file']).name}):")
        for name, seconds in r["import_stages_median"].items():
            print(f"  {name:<28} {seconds:8.3f}")
    load = sorted({value for r in results for value in r["load_average"]})
    print(
        f"\n1-minute load average during the runs: {load[0]:.1f}-{load[-1]:.1f} on {os.cpu_count()} CPUs"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="also profile one import (cProfile)")
    parser.add_argument(
        "--pyinstrument", action="store_true", help="profile with pyinstrument (if installed)"
    )
    parser.add_argument(
        "--csv", action="store_true", help="also measure the CSV (UTF-8 BOM) variant"
    )
    parser.add_argument(
        "--shared-strings",
        action="store_true",
        help="also measure an xlsx with a shared-strings table, as Excel writes it (slow to generate)",
    )
    parser.add_argument(
        "--analytics-root",
        type=Path,
        help="import the analytics package from this checkout (a git worktree of an older "
        "commit, say) for a before/after comparison; not saved to the JSON result",
    )
    parser.add_argument(
        "--isolation",
        action="store_true",
        help="only measure reading in a child process against reading in-process (a 40-row "
        "ward roster and the --rows roster); written to benchmarks/results/isolation.json",
    )
    parser.add_argument("--no-save", action="store_true", help="do not write the JSON result")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--profile-with", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        if args.analytics_root:
            sys.path.insert(0, str(args.analytics_root.resolve()))
        print(json.dumps(worker(args.worker, Path(args.file), args.profile_with)))
        return 0

    if args.isolation:
        found = measure_isolation([ward_roster_path(), roster_path(args.rows, "xlsx")], args.repeat)
        if not args.no_save:
            out = RESULTS.with_name("isolation.json")
            payload = {
                "command": " ".join(
                    [".venv/bin/python benchmarks/import_speed.py", *(argv or sys.argv[1:])]
                ),
                "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
                "note": "Wall-clock medians of fresh processes; read_workbook (child process) "
                "against read_workbook_unsafe (same process).",
                "load_average": round(os.getloadavg()[0], 2),
                "results": found,
            }
            out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")
            print(f"\nwrote {out.relative_to(ROOT)}")
        return 0

    files = [(roster_path(args.rows, "xlsx"), False)]
    if args.shared_strings:
        files.append((roster_path(args.rows, "xlsx", shared_strings=True), False))
    if args.csv:
        files.append((roster_path(args.rows, "csv"), True))
    results = []
    for path, is_csv in files:
        print(f"\n{path.relative_to(ROOT)}: {args.repeat} × (baseline, import), fresh processes")
        results.append(
            measure(
                path, args.rows, args.repeat, csv_file=is_csv, analytics_root=args.analytics_root
            )
        )
    _print_table(results)
    if args.profile or args.pyinstrument:
        profiler = "pyinstrument" if args.pyinstrument else "cprofile"
        _run_worker("import", files[0][0], profiler, args.analytics_root)
    if not args.no_save and not args.analytics_root:
        _save(results, args, argv)
    return 0 if all(r["pass"] for r in results if r["baseline"] != "csv.reader") else 1


def _save(results: list[dict[str, Any]], args: argparse.Namespace, argv: list[str] | None) -> None:
    from importlib.metadata import version

    payload = {
        "command": " ".join(
            [
                ".venv/bin/python benchmarks/import_speed.py",
                *(argv if argv is not None else sys.argv[1:]),
            ]
        ),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        "rows": args.rows,
        "repeat": args.repeat,
        "target_ratio": TARGET,
        "pass": results[0]["pass"],
        "note": (
            "Wall-clock medians of fresh processes; the machine may have been shared (see "
            "load_average). cpu_ratio counts the CPU time of all threads (DuckDB runs in parallel)."
        ),
        "results": results,
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            **{
                name: version(name)
                for name in ("python-calamine", "duckdb", "pyarrow", "xlsxwriter")
            },
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    raise SystemExit(main())
