"""The evaluation import kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from analytics import categories as cat
from analytics.demo_files import write_evaluation
from analytics.ingest import normalize as norm
from analytics.ingest import steps
from analytics.ingest.dates import year_from_text
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

FIELDS: tuple[FieldSpec, ...] = (
    SEQ,
    STAFF_ID,
    NAME,
    BIRTH,
    WARD,
    UNIT,
    POSITION,
    FieldSpec("year", "Năm", ("nam", "nam danh gia", "nam xep loai")),
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


def parse(book: Workbook, options: ImportOptions, store: Store) -> Parsed:
    sheet, header, legacy = steps.choose_table(book, KIND, options)
    table = Table.locate(book.file_name, sheet, header, "full_name")
    table.warnings.extend(legacy)
    if not table.rows:
        raise steps.no_records(table, KIND)
    title = steps.title_cells(sheet, header)
    n = len(table.rows)
    title_year = steps.first(year_from_text(t) for t in title) or year_from_text(sheet.name)
    default_year = options.year or title_year
    years_raw = table.texts("year") if table.has("year") else [""] * n
    years = table.mapped(years_raw, lambda v: year_from_text(v) if v else default_year)
    if any(y is None for y in years):
        index = years.index(None)
        if table.has("year") and years_raw[index]:
            table.at(
                index,
                "year",
                f"năm '{years_raw[index]}' không hợp lệ; cần năm bốn chữ số (2025).",
                error=True,
            )
        else:
            raise ImportRejected(
                [
                    Issue(
                        file=book.file_name,
                        sheet=sheet.name,
                        message="Không xác định được năm đánh giá: ghi 'NĂM 2025' ở tiêu đề, thêm cột 'Năm', đặt tên trang 'Năm 2025' hoặc chọn năm khi nhập (--year).",
                    )
                ]
            )
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
            )
    scores = steps.numbers(table, "score", 0, 100, "điểm từ 0 đến 100 (NĐ 335/2025)")
    for index, (grade, skip, score) in enumerate(zip(grades, not_graded, scores, strict=True)):
        if grade is None and not skip and not grade_text[index] and score is None:
            table.at(
                index,
                "grade",
                "chưa có xếp loại và điểm; dòng được giữ, không tính vào tỷ lệ xếp loại.",
            )
    on_time = steps.numbers(table, "on_time_rate", 0, 100, "tỷ lệ phần trăm 0–100", percent=True)
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
            "year": pa.array(years, pa.int32()),
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
    distinct_years = sorted({y for y in years if y})
    return Parsed(
        rows,
        book.file_name,
        sheet.name,
        sorted(set(wards)),
        table.warnings,
        year=distinct_years[0] if len(distinct_years) == 1 else None,
    )


def load(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    cur.register("incoming", parsed.rows)
    # Match by id, else by name + birth date, else name + birth year, else a name unique in the ward.
    cur.execute(
        """
        insert into evaluation_rows
        with people as (
            select distinct ward, staff_id, name_key, birth_date, birth_year from roster_rows
        ),
        src as (
            select *, name_key(full_name) as nk from incoming
        ),
        by_id as (
            select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
            from src as s join people as p on p.ward = s.ward and p.staff_id = s.staff_id
            group by s.source_row
        ),
        by_date as (
            select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
            from src as s join people as p
                on p.ward = s.ward and p.name_key = s.nk and p.birth_date = s.birth_date
            group by s.source_row
        ),
        by_year as (
            select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
            from src as s join people as p
                on p.ward = s.ward and p.name_key = s.nk
                and p.birth_year = s.birth_year
                -- a year matches when either side knows only the year, never two dates
                and (s.birth_date is null or p.birth_date is null)
            group by s.source_row
        ),
        by_name as (
            select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
            from src as s join people as p on p.ward = s.ward and p.name_key = s.nk
            where s.birth_year is null
            group by s.source_row
        )
        select
            ? as import_id, s.ward, s.year, s.source_row,
            case
                when i.n = 1 then i.staff_id
                when d.n = 1 then d.staff_id
                when y.n = 1 then y.staff_id
                when nm.n = 1 then nm.staff_id
            end as staff_id,
            case
                when i.n = 1 then 'id'
                when d.n = 1 then 'name_birth_date'
                when y.n = 1 then 'name_birth_year'
                when nm.n = 1 then 'name_only'
                when greatest(d.n, y.n, nm.n) > 1 then 'ambiguous'
                else 'unmatched'
            end as match_method,
            s.full_name, s.nk, s.birth_date, s.birth_year, s.unit, s.grade, s.score,
            s.on_time_rate, s.satisfaction, s.disciplined, s.note
        from src as s
        left join by_id as i using (source_row)
        left join by_date as d using (source_row)
        left join by_year as y using (source_row)
        left join by_name as nm using (source_row)
        """,
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
    return [
        Issue(
            file=parsed.file_name,
            sheet=parsed.sheet,
            row=int(row),
            message=messages[method].format(name=name),
        )
        for row, name, method in problems
    ]


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
        "Mỗi người một dòng: mã CBCC, họ tên, ngày sinh (để ghép đúng người), điểm theo "
        "thang 100, xếp loại, tỷ lệ hồ sơ đúng hạn, mức độ hài lòng. Nhập sau danh sách cán bộ."
    ),
    title_notes=(
        "Ghi tên phường/xã ở ô A2 và năm đánh giá ở tiêu đề (… NĂM 2025); hoặc chọn khi nhập.",
    ),
    guides={
        "year": Guide(
            "Năm đánh giá. Không cần nếu tiêu đề đã ghi 'NĂM 2025' hoặc năm được chọn khi nhập.",
            "2025",
        ),
        "score": Guide(
            "Điểm đánh giá theo thang 100 (NĐ 335/2025: tiêu chí chung 30 + kết quả nhiệm vụ 70), số "
            "từ 0 đến 100.",
            "86,5",
        ),
        "grade": Guide(
            "Xếp loại: "
            + join_values(f"{label} ({code})" for code, label in cat.GRADE_LABELS.items())
            + ". Người chưa đủ 6 tháng công tác trong năm ghi 'Không xếp loại'.",
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
