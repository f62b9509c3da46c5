"""One timed read of a roster in a fresh process, for the import comparison.

    python -m analytics.bench.workers ours|calamine|pandas FILE

prints one JSON line: seconds (wall, the read or import alone: modules are imported and the
database created beforehand, as in a running server), rows and the process's peak RSS.
``ours`` is the command line's import (``python -m analytics import roster FILE``) into a fresh
database; ``calamine`` python-calamine reading the sheet (the floor); ``pandas``
``pd.read_excel(engine="openpyxl")``.
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def ours(path: Path) -> dict[str, Any]:
    from analytics import cli
    from analytics.ingest import isolate  # the server has it loaded
    from analytics.store import Store

    del isolate
    with tempfile.TemporaryDirectory(prefix="bench_import_") as tmp:
        db = Path(tmp) / "import.duckdb"
        Store(db).close()  # migrations: setup, not timed
        out = io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = cli.main(["import", "roster", str(path), "--db", str(db)])
        seconds = time.perf_counter() - started
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    if code != 0:
        raise SystemExit(f"import {result.get('status')}: {result.get('message')}")
    return {
        "seconds": seconds,
        "rows": int(result["rows_imported"]),
        "peak_rss_mb": _peak_mb(),
        "child_peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN),  # the parse child
    }


def calamine(path: Path) -> dict[str, Any]:
    import python_calamine

    started = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    return {"seconds": time.perf_counter() - started, "rows": len(rows), "peak_rss_mb": _peak_mb()}


def pandas(path: Path) -> dict[str, Any]:
    import openpyxl
    import pandas as pd

    del openpyxl
    started = time.perf_counter()
    frame = pd.read_excel(path, engine="openpyxl", header=None)
    return {"seconds": time.perf_counter() - started, "rows": len(frame), "peak_rss_mb": _peak_mb()}


MODES = {"ours": ours, "calamine": calamine, "pandas": pandas}


def main(argv: list[str]) -> int:
    mode, file = argv
    print(json.dumps(MODES[mode](Path(file))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
