"""Evaluations by period (NĐ 335/2025 scores monthly or quarterly, DOMAIN.md §5): where a file's
period comes from, monthly, quarterly and annual results kept apart, the annual result derived
from the period scores, a person written twice in one file. Expected values are worked out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_import_evaluations as base
from sheet_writers import SheetSpec, import_path, table_contents, write_grid, write_xlsx
from test_cli import last_json, python_m_analytics

from analytics.ingest.dates import Period, period_from_text
from analytics.store import Store

# The roster of the evaluation import tests (VH-001 … VH-005) and its fixture.
ROSTER, WARD_TITLE = base.ROSTER, base.WARD_TITLE
store = base.store
HEADER = ["STT", "Mã CBCC", "Cá nhân", "Điểm", "Mức xếp loại"]


def sheet(
    title: str, rows: list[list[object]], header: list[object] = HEADER
) -> list[list[object]]:
    """Ward block rows 1–3, the title row 4, the header row 5, data from row 6."""
    return [*WARD_TITLE, [title], header, *rows]


def periods(store: Store) -> list[tuple[object, ...]]:
    return store.execute(
        "select staff_id, year, period_kind, period_number, score, grade from evaluation_periods "
        "order by staff_id, year, period_kind, period_number"
    )


def annual(store: Store) -> list[tuple[object, ...]]:
    return store.execute(
        "select staff_id, year, grade, score, derived, periods from evaluations "
        "order by staff_id, year"
    )


# ------------------------------------------------------------------ the period in words
@pytest.mark.parametrize(
    ("text", "period"),
    [
        (
            "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ, CÔNG CHỨC THÁNG 12 NĂM 2025",
            Period(2025, "month", 12),
        ),
        ("tháng 12 năm 2025", Period(2025, "month", 12)),
        ("THÁNG 12/2025", Period(2025, "month", 12)),
        ("Tháng 01/2026", Period(2026, "month", 1)),
        ("quý IV năm 2025", Period(2025, "quarter", 4)),
        ("Quý 4/2025", Period(2025, "quarter", 4)),
        ("năm 2025", Period(2025)),
        ("T12-2025", Period(2025, "month", 12)),
        ("Quy IV 2025", Period(2025, "quarter", 4)),
        ("Năm 2025", Period(2025)),
        ("Việt Hòa, ngày 15 tháng 01 năm 2026", None),  # a signing date
        ("(Số liệu tính đến tháng 12/2025)", None),  # the figures' date, not the period
        ("Tháng 13/2025", None),
        ("Danh sách", None),
    ],
)
def test_a_period_is_read_from_titles_and_sheet_names(text: str, period: Period | None) -> None:
    assert period_from_text(text) == period


@pytest.mark.parametrize(
    ("text", "kind", "period"),
    [
        ("12", "month", Period(2025, "month", 12)),
        ("12/2025", "month", Period(2025, "month", 12)),
        ("IV", "quarter", Period(2025, "quarter", 4)),
        ("2", "quarter", Period(2025, "quarter", 2)),
        ("5", "quarter", None),
        ("Tháng 3", None, Period(2025, "month", 3)),
        ("Quý II/2026", None, Period(2026, "quarter", 2)),
        ("3", None, None),  # a bare number in a "Kỳ" column says neither month nor quarter
    ],
)
def test_a_period_cell_is_completed_by_its_column_and_year(
    text: str, kind: str | None, period: Period | None
) -> None:
    assert period_from_text(text, year=2025, kind=kind) == period  # type: ignore[arg-type]


def test_period_labels_are_vietnamese() -> None:
    assert [p.label() for p in (Period(2025, "month", 12), Period(2025, "quarter", 4))] == [
        "Tháng 12/2025",
        "Quý IV/2025",
    ]


# ------------------------------------------------------------------ where a file's period comes from
def test_a_quarter_comes_from_the_title(store: Store, tmp_path: Path) -> None:
    rows = sheet("KẾT QUẢ ĐÁNH GIÁ QUÝ IV NĂM 2025", [[1, "VH-001", "Nguyễn Văn An", 88, "HTT"]])
    result = import_path(store, "evaluation", write_grid(tmp_path / "q4.xlsx", rows))
    assert result.status == "imported", result.errors
    assert periods(store) == [("VH-001", 2025, "quarter", 4, 88.0, "HTTNV")]


def test_each_row_takes_its_quarter_from_a_quy_column(store: Store, tmp_path: Path) -> None:
    rows = sheet(
        "KẾT QUẢ CHẤM ĐIỂM NĂM 2025",
        [
            [1, "VH-001", "Nguyễn Văn An", "Quý I", 80, "HTT"],
            [2, "VH-001", "Nguyễn Văn An", "II", 90, "HTXS"],
            [3, "VH-002", "Trần Thị Bình", 2, 60, "HT"],
        ],
        header=["STT", "Mã CBCC", "Cá nhân", "Quý", "Điểm", "Mức xếp loại"],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "quy.xlsx", rows))
    assert result.status == "imported", result.errors
    assert result.warnings == []  # two quarters of one person are no duplicate
    assert periods(store) == [
        ("VH-001", 2025, "quarter", 1, 80.0, "HTTNV"),
        ("VH-001", 2025, "quarter", 2, 90.0, "HTXSNV"),
        ("VH-002", 2025, "quarter", 2, 60.0, "HTNV"),
    ]


def test_each_row_takes_its_month_from_thang_and_nam_columns(store: Store, tmp_path: Path) -> None:
    rows = [
        ["STT", "Mã CBCC", "Họ tên", "Tháng", "Năm", "Điểm", "Xếp loại"],
        [1, "VH-003", "Lê Thị Cúc", 11, 2025, 75, "HTT"],
        [2, "VH-003", "Lê Thị Cúc", 1, 2026, 95, "HTXS"],
    ]
    result = import_path(
        store, "evaluation", write_grid(tmp_path / "thang.xlsx", rows), ward="Phường Việt Hòa"
    )
    assert result.status == "imported", result.errors
    assert periods(store) == [
        ("VH-003", 2025, "month", 11, 75.0, "HTTNV"),
        ("VH-003", 2026, "month", 1, 95.0, "HTXSNV"),
    ]


def test_a_ky_column_names_each_rows_period(store: Store, tmp_path: Path) -> None:
    rows = sheet(
        "KẾT QUẢ ĐÁNH GIÁ",
        [
            [1, "VH-001", "Nguyễn Văn An", "Tháng 12/2025", 91, "HTXS"],
            [2, "VH-002", "Trần Thị Bình", "Quý IV/2025", 72, "HTT"],
            [3, "VH-003", "Lê Thị Cúc", "Năm 2025", 55, "HT"],
        ],
        header=["STT", "Mã CBCC", "Cá nhân", "Kỳ đánh giá", "Điểm", "Mức xếp loại"],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "ky.xlsx", rows))
    assert result.status == "imported", result.errors
    assert periods(store) == [
        ("VH-001", 2025, "month", 12, 91.0, "HTXSNV"),
        ("VH-002", 2025, "quarter", 4, 72.0, "HTTNV"),
    ]
    assert store.execute("select staff_id, grade, derived from evaluations order by 1") == [
        ("VH-001", "HTXSNV", True),
        ("VH-002", "HTTNV", True),
        ("VH-003", "HTNV", False),
    ]


def test_an_unreadable_period_cell_rejects_the_file_naming_the_cell(
    store: Store, tmp_path: Path
) -> None:
    before = table_contents(store)
    rows = sheet(
        "KẾT QUẢ ĐÁNH GIÁ NĂM 2025",
        [[1, "VH-001", "Nguyễn Văn An", 13, 91, "HTXS"]],
        header=["STT", "Mã CBCC", "Cá nhân", "Tháng", "Điểm", "Mức xếp loại"],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "sai.xlsx", rows))
    assert result.status == "rejected"
    [error] = result.errors
    assert (error.code, error.row, error.column) == ("EVAL_PERIOD_INVALID", 6, "D")
    assert "'13'" in error.message
    assert table_contents(store) == before


def test_the_sheet_name_gives_the_month_when_the_title_names_none(
    store: Store, tmp_path: Path
) -> None:
    rows = sheet("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI", [[1, "VH-002", "Trần Thị Bình", 70, "HTT"]])
    path = write_xlsx(tmp_path / "dg.xlsx", SheetSpec("T12-2025", rows))
    result = import_path(store, "evaluation", path)
    assert result.status == "imported", result.errors
    assert result.year == 2025
    assert periods(store) == [("VH-002", 2025, "month", 12, 70.0, "HTTNV")]


def test_the_period_chosen_on_import_wins_over_the_file(store: Store, tmp_path: Path) -> None:
    rows = sheet("KẾT QUẢ ĐÁNH GIÁ THÁNG 11 NĂM 2025", [[1, "VH-001", "Nguyễn Văn An", 80, "HTT"]])
    path = write_grid(tmp_path / "dg.xlsx", rows)
    result = import_path(store, "evaluation", path, period="quý IV năm 2025")
    assert result.status == "imported", result.errors
    assert periods(store) == [("VH-001", 2025, "quarter", 4, 80.0, "HTTNV")]


def test_an_unreadable_period_option_is_refused(store: Store, tmp_path: Path) -> None:
    rows = sheet("KẾT QUẢ ĐÁNH GIÁ NĂM 2025", [[1, "VH-001", "Nguyễn Văn An", 80, "HTT"]])
    result = import_path(
        store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows), period="cuối năm"
    )
    assert result.status == "rejected"
    assert [e.code for e in result.errors] == ["EVAL_PERIOD_INVALID"]
    assert "'cuối năm'" in result.errors[0].message


def test_a_file_with_no_period_anywhere_is_rejected_with_its_code(
    store: Store, tmp_path: Path
) -> None:
    rows = [["Mã CBCC", "Cá nhân", "Mức xếp loại"], ["VH-001", "Nguyễn Văn An", "HTT"]]
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.csv", rows))
    assert result.status == "rejected"
    [error] = result.errors
    assert error.code == "EVAL_NO_PERIOD"
    assert "--period" in error.message


def test_the_period_option_through_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "cbcc.duckdb"
    roster = write_grid(tmp_path / "roster.xlsx", ROSTER)
    evaluation = write_grid(
        tmp_path / "dg.xlsx",
        sheet("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI", [[1, "VH-003", "Lê Thị Cúc", 66, "HT"]]),
    )

    def cli(*argv: str) -> tuple[int, dict[str, object]]:
        done = python_m_analytics(*argv, "--db", str(db))
        return done.returncode, last_json(done.stdout)

    assert cli("import", "roster", str(roster))[0] == 0
    code, payload = cli("import", "evaluation", str(evaluation), "--period", "tháng 3 năm 2026")
    assert code == 0, payload
    assert (payload["status"], payload["year"], payload["rows_imported"]) == ("imported", 2026, 1)
    assert payload["period"] == "Tháng 3/2026"
    with Store(db, read_only=True) as store:
        assert periods(store) == [("VH-003", 2026, "month", 3, 66.0, "HTNV")]


# ------------------------------------------------------------------ the annual result
def month_file(tmp_path: Path, month: int, rows: list[list[object]], year: int = 2025) -> Path:
    title = f"KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ, CÔNG CHỨC THÁNG {month} NĂM {year}"
    return write_grid(tmp_path / f"thang_{month}_{year}.xlsx", sheet(title, rows))


def test_three_months_of_scores_give_the_year_their_average_and_its_band(
    store: Store, tmp_path: Path
) -> None:
    scores = {  # An: (92 + 85 + 78) / 3 = 85 → HTTNV; Bình: (95 + 90 + 88) / 3 = 91 → HTXSNV
        10: [
            [1, "VH-001", "Nguyễn Văn An", 92, "HTXS"],
            [2, "VH-002", "Trần Thị Bình", 95, "HTXS"],
        ],
        11: [[1, "VH-001", "Nguyễn Văn An", 85, "HTT"], [2, "VH-002", "Trần Thị Bình", 90, "HTXS"]],
        12: [[1, "VH-001", "Nguyễn Văn An", 78, "HTT"], [2, "VH-002", "Trần Thị Bình", 88, "HTT"]],
    }
    for month, rows in scores.items():
        result = import_path(store, "evaluation", month_file(tmp_path, month, rows))
        assert result.status == "imported", result.errors
    assert annual(store) == [
        ("VH-001", 2025, "HTTNV", 85.0, True, 3),
        ("VH-002", 2025, "HTXSNV", 91.0, True, 3),
    ]
    # Monthly results stay apart from the annual one.
    assert len(periods(store)) == 6


def test_the_derived_grade_follows_the_bands_in_settings(store: Store, tmp_path: Path) -> None:
    for month, score in ((11, 88), (12, 90)):  # (88 + 90) / 2 = 89: HTTNV under 90
        rows = [[1, "VH-001", "Nguyễn Văn An", score, None]]
        import_path(store, "evaluation", month_file(tmp_path, month, rows))
    assert annual(store) == [("VH-001", 2025, "HTTNV", 89.0, True, 2)]
    # An edit of the bands outside the application reaches the annual grade when the database is
    # next opened (migrate runs on every read-write open and sees the settings changed).
    store.execute("update settings set value = 89 where key = 'score_htxsnv'")
    store.migrate()
    assert annual(store) == [("VH-001", 2025, "HTXSNV", 89.0, True, 2)]


def test_the_annual_grade_wins_over_the_period_scores(store: Store, tmp_path: Path) -> None:
    for month, score in ((11, 95), (12, 93)):
        import_path(
            store,
            "evaluation",
            month_file(tmp_path, month, [[1, "VH-001", "Nguyễn Văn An", score, None]]),
        )
    year_file = sheet("KẾT QUẢ ĐÁNH GIÁ NĂM 2025", [[1, "VH-001", "Nguyễn Văn An", 89, "HTT"]])
    result = import_path(store, "evaluation", write_grid(tmp_path / "nam.xlsx", year_file))
    assert result.status == "imported", result.errors
    assert annual(store) == [("VH-001", 2025, "HTTNV", 89.0, False, None)]
    assert [p[3] for p in periods(store)] == [11, 12]  # the months are still there


def test_months_are_averaged_and_quarters_left_out_when_a_year_has_both(
    store: Store, tmp_path: Path
) -> None:
    import_path(
        store, "evaluation", month_file(tmp_path, 12, [[1, "VH-001", "Nguyễn Văn An", 60, None]])
    )
    quarter = sheet("KẾT QUẢ ĐÁNH GIÁ QUÝ IV NĂM 2025", [[1, "VH-001", "Nguyễn Văn An", 90, None]])
    import_path(store, "evaluation", write_grid(tmp_path / "q4.xlsx", quarter))
    assert annual(store) == [("VH-001", 2025, "HTNV", 60.0, True, 1)]


def test_discipline_in_a_month_makes_the_derived_year_khtnv(store: Store, tmp_path: Path) -> None:
    rows = [[1, "VH-001", "Nguyễn Văn An", 91, "HTXS", "Khiển trách"]]
    header = [*HEADER, "Kỷ luật"]
    title = "KẾT QUẢ ĐÁNH GIÁ THÁNG 12 NĂM 2025"
    import_path(store, "evaluation", write_grid(tmp_path / "kl.xlsx", sheet(title, rows, header)))
    assert annual(store) == [("VH-001", 2025, "KHTNV", 91.0, True, 1)]


def test_a_month_imported_again_replaces_that_month_only(store: Store, tmp_path: Path) -> None:
    import_path(
        store, "evaluation", month_file(tmp_path, 11, [[1, "VH-001", "Nguyễn Văn An", 70, None]])
    )
    import_path(
        store, "evaluation", month_file(tmp_path, 12, [[1, "VH-001", "Nguyễn Văn An", 50, None]])
    )
    corrected = sheet(
        "KẾT QUẢ ĐÁNH GIÁ THÁNG 12 NĂM 2025 (sửa)", [[1, "VH-001", "Nguyễn Văn An", 80, None]]
    )
    import_path(store, "evaluation", write_grid(tmp_path / "t12_sua.xlsx", corrected))
    assert [(p[3], p[4]) for p in periods(store)] == [(11, 70.0), (12, 80.0)]
    assert annual(store) == [("VH-001", 2025, "HTTNV", 75.0, True, 2)]  # (70 + 80) / 2


def test_period_rows_without_scores_give_no_annual_result(store: Store, tmp_path: Path) -> None:
    import_path(
        store, "evaluation", month_file(tmp_path, 12, [[1, "VH-001", "Nguyễn Văn An", None, "HT"]])
    )
    assert periods(store) == [("VH-001", 2025, "month", 12, None, "HTNV")]
    assert annual(store) == []


# ------------------------------------------------------------------ a person twice in one file
def test_the_same_id_twice_is_warned_naming_both_rows_and_the_later_row_is_kept(
    store: Store, tmp_path: Path
) -> None:
    rows = [[1, "VH-001", "Nguyễn Văn An", 60, "HT"]]
    rows += [
        [i, f"VH-00{i}", name, 80, "HTT"] for i, name in ((2, "Trần Thị Bình"), (3, "Lê Thị Cúc"))
    ]
    rows += [[4, "VH-001", "Nguyễn Văn An", 92, "HTXS"]]
    title = "KẾT QUẢ ĐÁNH GIÁ THÁNG 12 NĂM 2025"
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", sheet(title, rows)))
    assert result.status == "imported", result.errors
    [warning] = result.warnings
    assert (warning.code, warning.row) == ("EVAL_DUPLICATE_PERSON", 9)
    assert warning.message.startswith(
        "dòng 6 và dòng 9: cùng một người 'Nguyễn Văn An'; giữ dòng 9 (dòng sau)"
    )
    assert ("VH-001", 2025, "month", 12, 92.0, "HTXSNV") in periods(store)
    assert store.execute("select count(*) from evaluation_rows") == [(4,)]  # both rows stored


def test_the_same_person_matched_by_name_and_by_id_is_a_duplicate(
    store: Store, tmp_path: Path
) -> None:
    rows = [
        [1, "VH-002", "Trần Thị Binh", 70, "HTT"],  # by id, name misspelt
        [2, None, "Trần Thị Bình", 75, "HTT"],  # by name + birth date
    ]
    header = ["STT", "Mã CBCC", "Cá nhân", "Điểm", "Xếp loại", "Ngày sinh"]
    rows = [[*r, "05/07/1982"] for r in rows]
    result = import_path(
        store,
        "evaluation",
        write_grid(tmp_path / "dg.xlsx", sheet("KẾT QUẢ ĐÁNH GIÁ NĂM 2025", rows, header)),
    )
    assert result.status == "imported", result.errors
    [warning] = result.warnings
    assert warning.code == "EVAL_DUPLICATE_PERSON"
    assert "dòng 6 và dòng 7: cùng một người 'Trần Thị Bình' (mã VH-002)" in warning.message
    assert "giữ dòng 7" in warning.message
    assert annual(store) == [("VH-002", 2025, "HTTNV", 75.0, False, None)]
