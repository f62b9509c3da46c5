"""The evaluation import kind."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa

from analytics import categories as cat
from analytics.demo_files import write_evaluation
from analytics.ingest import normalize as norm
from analytics.ingest import steps
from analytics.ingest.dates import Period, PeriodKind, period_from_text, year_from_text
from analytics.ingest.headers import BIRTH, NAME, POSITION, SEQ, STAFF_ID, UNIT, WARD, FieldSpec
from analytics.ingest.issues import ImportRejected, Issue
from analytics.ingest.kinds.base import (
    TEMPLATE_YEAR,
    Guide,
    ImportKind,
    ImportOptions,
    Parsed,
    join_values,
)
from analytics.ingest.readers import Workbook
from analytics.ingest.sheet import Table
from analytics.store import Store

# Cadre-management software heads the person column "Cá nhân" (DOMAIN.md §5).
PERSON = replace(NAME, aliases=(*NAME.aliases, "ca nhan", "ho ten ca nhan", "ho va ten ca nhan"))
# The period of each row, where a file holds several (NĐ 335/2025 scores monthly or quarterly).
MONTH = FieldSpec("month", "Tháng", ("thang", "thang danh gia", "thang xep loai"))
QUARTER = FieldSpec("quarter", "Quý", ("quy", "quy danh gia", "quy xep loai"))
PERIOD = FieldSpec(
    "period",
    "Kỳ đánh giá",
    ("ky", "ky danh gia", "ky xep loai", "ky danh gia xep loai", "thoi gian danh gia"),
)

FIELDS: tuple[FieldSpec, ...] = (
    SEQ,
    STAFF_ID,
    PERSON,
    BIRTH,
    WARD,
    UNIT,
    POSITION,
    FieldSpec("year", "Năm", ("nam", "nam danh gia", "nam xep loai")),
    MONTH,
    QUARTER,
    PERIOD,
    FieldSpec(
        "score",
        "Điểm đánh giá",
        ("diem", "tong diem", "diem danh gia", "diem so", "diem tong hop", "tong so diem"),
        ("diem",),
    ),
    FieldSpec(
        "grade",
        "Xếp loại",
        (
            "xep loai",
            "ket qua xep loai",
            "muc xep loai",
            "muc do xep loai",
            "xep loai muc do",
            "xep loai chat luong",
            "danh gia xep loai",
            "ket qua danh gia",
            "muc do hoan thanh",
        ),
        ("xep loai", "ket qua danh gia"),
        required=True,
    ),
    FieldSpec(
        "on_time_rate",
        "Tỷ lệ hồ sơ đúng hạn (%)",
        ("ty le ho so dung han", "ho so dung han"),
        ("dung han",),
    ),
    FieldSpec(
        "satisfaction",
        "Mức độ hài lòng (%)",
        ("muc do hai long", "ty le hai long", "hai long"),
        ("hai long",),
    ),
    FieldSpec(
        "disciplined", "Kỷ luật", ("ky luat", "bi ky luat", "hinh thuc ky luat"), ("ky luat",)
    ),
    FieldSpec("note", "Ghi chú", ("ghi chu",)),
)


_GRADES_EXPECTED = "; ".join(f"{label} ({code})" for code, label in cat.GRADE_LABELS.items())


# The stable codes of this kind's issues (scripts and tests read them; people read the text).
GRADE_INVALID = "EVAL_GRADE_INVALID"
NO_RESULT = "EVAL_NO_RESULT"
NO_PERIOD = "EVAL_NO_PERIOD"
PERIOD_INVALID = "EVAL_PERIOD_INVALID"
YEAR_INVALID = "EVAL_YEAR_INVALID"
SCORE_INVALID = "EVAL_SCORE_INVALID"
RATE_INVALID = "EVAL_RATE_INVALID"
UNMATCHED = "EVAL_UNMATCHED"
AMBIGUOUS = "EVAL_AMBIGUOUS"
NAME_ONLY = "EVAL_NAME_ONLY"
DUPLICATE_PERSON = "EVAL_DUPLICATE_PERSON"

_PERIOD_EXAMPLES = "'tháng 12 năm 2025', 'quý IV năm 2025' hoặc 'năm 2025'"
# The columns that give each row its period, the first one present wins, and what a bare
# number in it means.
_PERIOD_COLUMNS: tuple[tuple[str, PeriodKind | None], ...] = (
    ("month", "month"),
    ("quarter", "quarter"),
    ("period", None),
)


@contextmanager
def _coded(table: Table, code: str) -> Iterator[None]:
    """The issues a shared step adds to ``table`` inside the block carry this kind's ``code``
    (EVAL_SCORE_INVALID, not the step's NUMBER_…): one code per problem of an evaluation file."""
    errors, warnings = len(table.errors), len(table.warnings)
    yield
    for issues, since in ((table.errors, errors), (table.warnings, warnings)):
        issues[since:] = [replace(i, code=code) for i in issues[since:]]


def _file_period(
    book: Workbook, sheet_name: str, title: list[str], options: ImportOptions
) -> Period | None:
    """The period of the whole file: --period, else the title block, else the sheet name; a year
    chosen when importing (--year) replaces the year the file names, as before periods."""
    if options.period:
        chosen = period_from_text(options.period)
        if chosen is None:
            raise ImportRejected(
                [
                    Issue(
                        file=book.file_name,
                        message=(
                            f"Kỳ đánh giá '{options.period}' không đọc được; cần ví dụ "
                            f"{_PERIOD_EXAMPLES}."
                        ),
                        code=PERIOD_INVALID,
                    )
                ]
            )
        return chosen
    in_title = [p for p in map(period_from_text, title) if p is not None]
    # A title cell naming a month or a quarter is more precise than one naming only the year.
    found = next((p for p in in_title if p.kind != "year"), None) or next(iter(in_title), None)
    found = found or period_from_text(sheet_name)
    if options.year is not None:
        return found.with_year(options.year) if found else Period(options.year)
    return found


def _row_periods(
    table: Table, book: Workbook, file_period: Period | None, options: ImportOptions
) -> list[Period | None]:
    """Each record's period: --period, else its Tháng / Quý / Kỳ cell, else the file's period;
    the year from the "Năm" column where there is one (as before periods)."""
    n = len(table.rows)
    if options.period and file_period is not None:
        return [file_period] * n
    default_year = file_period.year if file_period else None
    years_raw = table.texts("year") if table.has("year") else [""] * n
    years = table.mapped(years_raw, lambda v: year_from_text(v) if v else default_year)
    for index, (text, year) in enumerate(zip(years_raw, years, strict=True)):
        if text and year is None:
            table.at(
                index,
                "year",
                f"năm '{text}' không hợp lệ; cần năm bốn chữ số (2025).",
                error=True,
                code=YEAR_INVALID,
            )
    column, kind = next(((c, k) for c, k in _PERIOD_COLUMNS if table.has(c)), ("", None))
    cells = table.texts(column) if column else [""] * n
    kind_of_file = file_period.kind if file_period else "year"
    number_of_file = file_period.number if file_period else None
    periods: list[Period | None] = []
    for index, (text, year) in enumerate(zip(cells, years, strict=True)):
        if text:
            period = period_from_text(text, year=year, kind=kind)
            if period is None:
                table.at(
                    index,
                    column,
                    f"kỳ đánh giá '{text}' không đọc được; cần ví dụ {_PERIOD_EXAMPLES}"
                    + (", hoặc số tháng/quý cùng cột 'Năm'." if year is None else "."),
                    error=True,
                    code=PERIOD_INVALID,
                )
            periods.append(period)
        else:
            periods.append(Period(year, kind_of_file, number_of_file) if year else None)
    missing = [i for i, period in enumerate(periods) if period is None]
    if missing and not table.errors:
        raise ImportRejected(
            [
                Issue(
                    file=book.file_name,
                    sheet=table.sheet.name,
                    row=table.row_number(missing[0]) if table.has("year") else None,
                    message=(
                        "Không xác định được năm đánh giá: ghi 'NĂM 2025' (hoặc 'THÁNG 12 NĂM "
                        "2025', 'QUÝ IV NĂM 2025') ở tiêu đề, thêm cột 'Năm', đặt tên trang "
                        "'Năm 2025' hoặc chọn khi nhập (--year, --period)."
                    ),
                    code=NO_PERIOD,
                )
            ],
            table.warnings,
        )
    return periods


def parse(book: Workbook, options: ImportOptions, store: Store) -> Parsed:
    sheet, header, legacy = steps.choose_table(book, KIND, options)
    table = Table.locate(book.file_name, sheet, header, "full_name")
    table.warnings.extend(legacy)
    if not table.rows:
        raise steps.no_records(table, KIND)
    title = steps.title_cells(sheet, header)
    n = len(table.rows)
    periods = _row_periods(table, book, _file_period(book, sheet.name, title, options), options)
    wards = steps.wards_of(table, steps.ward_from_title(title), options, store)

    grade_text = table.texts("grade")
    grades = table.mapped(grade_text, norm.grade)
    not_graded = table.mapped(grade_text, norm.is_not_graded)
    for index, (text, grade, skip) in enumerate(zip(grade_text, grades, not_graded, strict=True)):
        if text and grade is None and not skip:
            table.at(
                index,
                "grade",
                f"xếp loại '{text}' không hợp lệ; cần một trong: {_GRADES_EXPECTED}.",
                error=True,
                code=GRADE_INVALID,
            )
    with _coded(table, SCORE_INVALID):
        scores = steps.numbers(table, "score", 0, 100, "điểm từ 0 đến 100 (NĐ 335/2025)")
    for index, (grade, skip, score) in enumerate(zip(grades, not_graded, scores, strict=True)):
        if grade is None and not skip and not grade_text[index] and score is None:
            table.at(
                index,
                "grade",
                "chưa có xếp loại và điểm; dòng được giữ, không tính vào tỷ lệ xếp loại.",
                code=NO_RESULT,
            )
    with _coded(table, RATE_INVALID):
        on_time = steps.numbers(
            table, "on_time_rate", 0, 100, "tỷ lệ phần trăm 0–100", percent=True
        )
        satisfaction = steps.numbers(
            table, "satisfaction", 0, 100, "tỷ lệ phần trăm 0–100", percent=True
        )
    disciplined = (
        table.mapped(table.texts("disciplined"), lambda v: bool(v) and norm.yes_no(v) is not False)
        if table.has("disciplined")
        else [None] * n
    )

    births, _ = steps.births(table)
    names = table.mapped(table.texts("full_name"), norm.person_name)
    units = table.mapped(
        table.texts("unit") if table.has("unit") else [s or "" for s in table.sections], norm.unit
    )
    steps.finish(table)
    rows = pa.table(
        {
            "ward": pa.array(wards, pa.string()),
            "year": pa.array([p.year if p else None for p in periods], pa.int32()),
            "period_kind": pa.array([p.kind if p else None for p in periods], pa.string()),
            "period_number": pa.array([p.number if p else None for p in periods], pa.int32()),
            "source_row": pa.array([i + 1 for i in table.rows], pa.int32()),
            "staff_id": pa.array([v or None for v in table.texts("staff_id")], pa.string()),
            "full_name": pa.array(names, pa.string()),
            "birth_date": pa.array([b.date for b in births], pa.date32()),
            "birth_year": pa.array([b.year for b in births], pa.int32()),
            "unit": pa.array(units, pa.string()),
            "grade": pa.array(grades, pa.string()),
            "score": pa.array(scores, pa.float64()),
            "on_time_rate": pa.array(on_time, pa.float64()),
            "satisfaction": pa.array(satisfaction, pa.float64()),
            "disciplined": pa.array(disciplined, pa.bool_()),
            "note": pa.array([v or None for v in table.texts("note")], pa.string()),
        }
    )
    distinct_years = sorted({p.year for p in periods if p})
    distinct_periods = sorted({p.label() for p in periods if p})
    return Parsed(
        rows,
        book.file_name,
        sheet.name,
        sorted(set(wards)),
        table.warnings,
        year=distinct_years[0] if len(distinct_years) == 1 else None,
        extra={"period": distinct_periods[0]} if len(distinct_periods) == 1 else {},
    )


def load(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    cur.register("incoming", parsed.rows)
    # The person of each row: analytics/sql/ingest/person_match.sql (shared with training).
    cur.execute(
        """
        insert into evaluation_rows (
            import_id, ward, year, period_kind, period_number, source_row, staff_id,
            match_method, full_name, name_key, birth_date, birth_year, unit, grade, score,
            on_time_rate, satisfaction, disciplined, note
        )
        with matched as (
            {{person_match}}
        ),
        src as (
            select *, name_key(full_name) as nk from incoming
        )
        select
            ? as import_id, s.ward, s.year, s.period_kind, s.period_number, s.source_row,
            m.staff_id,
            m.match_method,
            s.full_name, s.nk, s.birth_date, s.birth_year, s.unit, s.grade, s.score,
            s.on_time_rate, s.satisfaction, s.disciplined, s.note
        from src as s
        left join matched as m using (source_row)
        """.replace("{{person_match}}", steps.sql_text("person_match")),
        [import_id],
    )
    cur.unregister("incoming")
    problems = cur.execute(
        """
        select source_row, full_name, match_method
        from evaluation_rows
        where import_id = ? and match_method in ('unmatched', 'ambiguous', 'name_only')
        order by source_row
        """,
        [import_id],
    ).fetchall()
    messages = {
        "unmatched": "không tìm thấy '{name}' trong danh sách cán bộ của phường (theo mã, họ tên và ngày/năm sinh); dòng được lưu nhưng chưa gắn với ai.",
        "ambiguous": "'{name}' khớp với nhiều người trong danh sách; dòng được lưu nhưng chưa gắn với ai, cần thêm mã CBCC hoặc ngày sinh.",
        "name_only": "'{name}' chỉ khớp theo họ tên (tệp không có ngày sinh); kiểm tra lại.",
    }
    codes = {"unmatched": UNMATCHED, "ambiguous": AMBIGUOUS, "name_only": NAME_ONLY}
    issues = [
        Issue(
            file=parsed.file_name,
            sheet=parsed.sheet,
            row=int(row),
            message=messages[method].format(name=name),
            code=codes[method],
        )
        for row, name, method in problems
    ]
    return issues + _duplicates(cur, import_id, parsed)


def _duplicates(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    """One warning per person who has several rows for the same period in this file.

    The later row is kept: the views ``evaluations`` and ``evaluation_periods`` rank a file's
    rows by ``source_row`` descending, as they rank imports (a correction is written after).
    """
    found = cur.execute(
        """
        select
            staff_id,
            list(source_row order by source_row) as rows,
            list(full_name order by source_row) as names
        from evaluation_rows
        where import_id = ? and staff_id is not null
        group by staff_id, year, period_kind, period_number
        having count(*) > 1
        order by min(source_row)
        """,
        [import_id],
    ).fetchall()
    issues = []
    for staff_id, rows, names in found:
        listed = [f"dòng {r}" for r in rows]
        where = ", ".join(listed[:-1]) + f" và {listed[-1]}"
        who = f"'{names[-1]}'" + (f" (mã {staff_id})" if len(set(names)) > 1 else "")
        later, earlier = (
            ("dòng sau", "dòng trước") if len(rows) == 2 else ("dòng sau cùng", "các dòng trước")
        )
        issues.append(
            Issue(
                file=parsed.file_name,
                sheet=parsed.sheet,
                row=int(rows[-1]),
                message=(
                    f"{where}: cùng một người {who}; giữ dòng {rows[-1]} ({later}), "
                    f"{earlier} không được tính."
                ),
                code=DUPLICATE_PERSON,
            )
        )
    return issues


def _write_template(path: Path, ward: str) -> None:
    write_evaluation(path, [], year=TEMPLATE_YEAR, ward=ward, year_in="title", with_id=True)


KIND = ImportKind(
    name="evaluation",
    label="kết quả đánh giá, xếp loại",
    fields=FIELDS,
    key_field="full_name",
    parse=parse,
    load=load,
    row_table="evaluation_rows",
    record="người",
    header_alternatives=(frozenset({"full_name", "score"}),),
    template_file="mau_ket_qua_danh_gia.xlsx",
    template_sheet="Đánh giá",
    description=(
        "Mỗi người một dòng mỗi kỳ: mã CBCC, họ tên, ngày sinh (để ghép đúng người), điểm theo "
        "thang 100, xếp loại, tỷ lệ hồ sơ đúng hạn, mức độ hài lòng. Kỳ là năm, hoặc tháng, quý "
        "(NĐ 335/2025 chấm điểm theo tháng hoặc quý). Nhập sau danh sách cán bộ."
    ),
    title_notes=(
        "Ghi tên phường/xã ở ô A2 và kỳ đánh giá ở tiêu đề (… NĂM 2025, … THÁNG 12 NĂM 2025 hoặc "
        "… QUÝ IV NĂM 2025); hoặc chọn khi nhập.",
    ),
    guides={
        "year": Guide(
            "Năm đánh giá. Không cần nếu tiêu đề đã ghi 'NĂM 2025' hoặc năm được chọn khi nhập.",
            "2025",
        ),
        "month": Guide(
            "Tháng được chấm điểm (1–12), khi một tệp có nhiều tháng; năm lấy từ cột 'Năm' hoặc "
            "tiêu đề.",
            "12",
        ),
        "quarter": Guide(
            "Quý được chấm điểm (I–IV hoặc 1–4), khi một tệp có nhiều quý; năm lấy từ cột 'Năm' "
            "hoặc tiêu đề.",
            "IV",
        ),
        "period": Guide(
            "Kỳ đánh giá của dòng: 'Tháng 12/2025', 'Quý IV/2025' hoặc 'Năm 2025'. Không cần nếu "
            "tiêu đề đã ghi kỳ.",
            "Tháng 12/2025",
        ),
        "score": Guide(
            "Điểm đánh giá theo thang 100 (NĐ 335/2025: tiêu chí chung 30 + kết quả nhiệm vụ 70), số "
            "từ 0 đến 100.",
            "86,5",
        ),
        "grade": Guide(
            "Xếp loại: "
            + join_values(f"{label} ({code})" for code, label in cat.GRADE_LABELS.items())
            + "; cũng nhận viết tắt HTXS, HTT, HT, KHT. Người chưa đủ 6 tháng công tác trong năm "
            "ghi 'Không xếp loại'.",
            "Hoàn thành tốt nhiệm vụ",
        ),
        "on_time_rate": Guide(
            "Tỷ lệ hồ sơ giải quyết đúng hạn, phần trăm 0–100; để trống nếu không giải quyết hồ sơ.",
            "97,5",
        ),
        "satisfaction": Guide(
            "Mức độ hài lòng của người dân, phần trăm 0–100; để trống nếu không có.", "95"
        ),
        "disciplined": Guide("Ghi 'x' hoặc hình thức kỷ luật nếu bị kỷ luật trong năm.", ""),
    },
    write_template=_write_template,
    date_fields=frozenset({"birth_male", "birth_female", "birth"}),
)
