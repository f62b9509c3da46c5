"""The demo ward, built through the real importers from spreadsheets in official layouts."""

from __future__ import annotations

from pathlib import Path

from analytics.demo_city import SECOND_PROFILE, SECOND_QUOTA, write_second_ward_files
from analytics.demo_files import build_demo_dataset, write_demo_files
from analytics.demo_training import demo_training_rows, write_training
from analytics.ingest import kinds
from analytics.ingest.importer import ImportOptions, ImportResult, import_file
from analytics.store import Store

DEMO_FILES_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"


def build_demo(
    db: str | Path, files_dir: Path | None = None, *, second_ward: bool = False
) -> list[ImportResult]:
    """Write the demo files and import them, in order, into ``db``. ``second_ward``: also the
    synthetic Phường Tân Hưng (analytics.demo_city), for the city's comparison; the start
    command's demo has it, the tests' demo ward (one ward, numbers worked by hand) does not."""
    files_dir = files_dir or DEMO_FILES_DIR
    # In the registry's order, which is the order kinds depend on each other (evaluations match
    # people of a roster, progress reports tasks of a plan); files of one kind keep theirs.
    files = sorted(write_demo_files(files_dir), key=lambda f: kinds.KINDS.index(f.kind))
    results = []
    with Store(db) as store:
        for demo_file in files:
            # the ward named: a progress report names none, and a second run of the demo finds
            # two wards in the database
            options = ImportOptions(year=demo_file.year, ward=DEMO_WARD_NAME, imported_by="demo")
            results.append(import_file(store, demo_file.kind, demo_file.path, options))
        # Training records last: they match people of the latest roster.
        training = files_dir / "dao_tao_boi_duong_2026.xlsx"
        write_training(training, demo_training_rows(build_demo_dataset()))
        options = ImportOptions(ward=DEMO_WARD_NAME, imported_by="demo")
        results.append(import_file(store, "training", training, options))
        _demo_staffing(store, DEMO_PROFILE, DEMO_QUOTA)
        if second_ward:
            # after the training records, whose file names no ward (one ward in the database)
            for demo_file in write_second_ward_files(files_dir):
                options = ImportOptions(year=demo_file.year, imported_by="demo")
                results.append(import_file(store, demo_file.kind, demo_file.path, options))
            _demo_staffing(store, SECOND_PROFILE, SECOND_QUOTA)
    return results


# The demo ward's profile and quota for the staffing screens: synthetic figures, no real ward's.
DEMO_PROFILE = ("Phường Việt Hòa", "phường", 24000, False)  # norm 32 + 8,000 / 2,000 = 36
DEMO_QUOTA = 42
DEMO_SOURCE = "Số liệu mẫu (không phải số liệu thật)"
#: The ward the demo's role accounts are tied to when the demo holds more than one ward.
DEMO_WARD_NAME = DEMO_PROFILE[0]


def _demo_staffing(store: Store, profile: tuple[str, str, int, bool], quota: int) -> None:
    ward, kind, residents, mountain = profile
    with store.transaction() as cur:
        cur.execute(
            "insert into ward_profiles select ?, ?, ?, ?, ? "
            "where not exists (select 1 from ward_profiles where ward = ?)",
            [ward, kind, residents, mountain, DEMO_SOURCE, ward],
        )
        cur.execute(
            "insert into staffing_quotas select ?, null, ?, 'QĐ mẫu/QĐ-UBND', date '2025-07-01', ? "
            "where not exists (select 1 from staffing_quotas where ward = ?)",
            [ward, quota, DEMO_SOURCE, ward],
        )
