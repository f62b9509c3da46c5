"""The demo ward, built through the real importers from spreadsheets in official layouts."""

from __future__ import annotations

from pathlib import Path

from analytics.demo_files import write_demo_files
from analytics.ingest import kinds
from analytics.ingest.importer import ImportOptions, ImportResult, import_file
from analytics.store import Store

DEMO_FILES_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"


def build_demo(db: str | Path, files_dir: Path | None = None) -> list[ImportResult]:
    """Write the demo files and import them, in order, into ``db``."""
    files_dir = files_dir or DEMO_FILES_DIR
    # In the registry's order, which is the order kinds depend on each other (evaluations match
    # people of a roster, progress reports tasks of a plan); files of one kind keep theirs.
    files = sorted(write_demo_files(files_dir), key=lambda f: kinds.KINDS.index(f.kind))
    results = []
    with Store(db) as store:
        for demo_file in files:
            options = ImportOptions(year=demo_file.year, imported_by="demo")
            results.append(import_file(store, demo_file.kind, demo_file.path, options))
    return results
