"""The training import kind: courses people took or will take (kết quả đào tạo, bồi dưỡng).

Each row is one person and one course. The person is matched to the ward's roster as evaluation
rows are; the course to a rule of ``course_rules`` by its keywords (a course no rule names is
kept as "khóa khác": no row is lost). Whether a course is done, under way or planned is read at
query time from the dates and the certificate (or a written status).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pyarrow as pa

from analytics.demo_training import write_training
from analytics.ingest import normalize as norm
from analytics.ingest import steps
from analytics.ingest.dates import parse_date
from analytics.ingest.headers import BIRTH, NAME, SEQ, STAFF_ID, UNIT, WARD, FieldSpec, cell_text
from analytics.ingest.issues import Issue
from analytics.ingest.kinds.base import Guide, ImportKind, ImportOptions, Parsed
from analytics.ingest.readers import Workbook
from analytics.ingest.sheet import Table
from analytics.store import Store

COURSE = FieldSpec(
    "course",
    "Nội dung đào tạo, bồi dưỡng",
    (
        "khoa hoc",
        "noi dung dao tao boi duong",
        "noi dung dao tao",
        "noi dung boi duong",
        "ten lop",
        "ten khoa hoc",
        "lop boi duong",
        "chuong trinh dao tao",
    ),
    ("noi dung dao tao", "khoa hoc", "ten lop"),
    required=True,
)
FIELDS: tuple[FieldSpec, ...] = (
    SEQ,
    STAFF_ID,
    NAME,
    BIRTH,
    WARD,
    UNIT,
    COURSE,
    FieldSpec("date_from", "Từ ngày", ("tu ngay", "ngay bat dau", "bat dau")),
    FieldSpec("date_to", "Đến ngày", ("den ngay", "ngay ket thuc", "ket thuc")),
    FieldSpec(
        "period", "Thời gian", ("thoi gian", "thoi gian hoc", "thoi gian dao tao"), ("thoi gian",)
    ),
    FieldSpec(
        "certificate",
        "Văn bằng, chứng chỉ",
        ("chung chi", "van bang chung chi", "van bang", "so chung chi", "chung chi duoc cap"),
        ("chung chi",),
    ),
    FieldSpec(
        "issuer",
        "Cơ sở đào tạo",
        ("co so dao tao", "don vi cap", "noi cap", "don vi to chuc", "co so dao tao boi duong"),
        ("co so dao tao", "noi cap", "don vi cap"),
    ),
    FieldSpec("status", "Tình trạng", ("tinh trang", "trang thai", "ket qua")),
    FieldSpec("note", "Ghi chú", ("ghi chu",)),
)

# The stable codes of this kind's issues.
DATE_INVALID = "TRAINING_DATE_INVALID"
DATES_REVERSED = "TRAINING_DATES_REVERSED"
STATUS_INVALID = "TRAINING_STATUS_INVALID"
COURSE_MISSING = "TRAINING_COURSE_MISSING"
COURSE_OTHER = "TRAINING_COURSE_OTHER"
UNMATCHED = "TRAINING_UNMATCHED"
AMBIGUOUS = "TRAINING_AMBIGUOUS"
NAME_ONLY = "TRAINING_NAME_ONLY"

# Written statuses (folded) -> the stored word.
STATUS_WORDS: dict[str, str] = {
    "da hoan thanh": "done",
    "hoan thanh": "done",
    "da xong": "done",
    "da cap chung chi": "done",
    "dang hoc": "ongoing",
    "dang dao tao": "ongoing",
    "dang boi duong": "ongoing",
    "dang thuc hien": "ongoing",
    "ke hoach": "planned",
    "du kien": "planned",
    "da dang ky": "planned",
    "dang ky": "planned",
    "da len ke hoach": "planned",
    "chua hoc": "planned",
}
_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*/\s*(\d{4})$")
_RANGE_SPLIT = re.compile(r"\s+(?:-|–|đến|den)\s+|\s*(?:–|đến)\s*")


def _month_bounds(text: str) -> tuple[dt.date, dt.date] | None:
    match = _MONTH_YEAR.match(text.strip())
    if not match:
        return None
    month, year = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _one_date(value: object, *, end: bool) -> tuple[dt.date | None, bool]:
    """A date cell (dd/mm/yyyy, or mm/yyyy: its first or last day); (None, False) if unreadable."""
    if value in (None, ""):
        return None, True
    bounds = _month_bounds(cell_text(value)) if isinstance(value, str) else None
    if bounds:
        return bounds[1] if end else bounds[0], True
    parsed = parse_date(value)
    if parsed.date is not None:
        return parsed.date, True
    if parsed.year is not None and not parsed.problem:  # a bare year
        return (dt.date(parsed.year, 12, 31) if end else dt.date(parsed.year, 1, 1)), True
    return None, False


def _period(text: str) -> tuple[dt.date | None, dt.date | None, bool]:
    """'01/3/2026 - 30/4/2026', '3/2026 – 5/2026', 'tháng 3/2026': (from, to, readable)."""
    cleaned = re.sub(r"(?i)\b(?:từ|tu|tháng|thang|ngày|ngay)\b", " ", text).strip()
    parts = [p for p in _RANGE_SPLIT.split(cleaned) if p.strip()]
    if len(parts) == 1:
        bounds = _month_bounds(parts[0])
        if bounds:
            return bounds[0], bounds[1], True
        day, ok = _one_date(parts[0].strip(), end=True)
        return None, day, ok
    if len(parts) == 2:
        start, ok1 = _one_date(parts[0].strip(), end=False)
        stop, ok2 = _one_date(parts[1].strip(), end=True)
        return start, stop, ok1 and ok2
    return None, None, False


def parse(book: Workbook, options: ImportOptions, store: Store) -> Parsed:
    sheet, header, legacy = steps.choose_table(book, KIND, options)
    table = Table.locate(book.file_name, sheet, header, "full_name")
    table.warnings.extend(legacy)
    if not table.rows:
        raise steps.no_records(table, KIND)
    wards = steps.wards_of(
        table, steps.ward_from_title(steps.title_cells(sheet, header)), options, store
    )
    n = len(table.rows)
    courses = table.texts("course")
    for index, course in enumerate(courses):
        if not course:
            table.at(
                index,
                "course",
                "chưa ghi nội dung đào tạo, bồi dưỡng (tên khóa học); cần tên khóa, ví dụ "
                "'Trung cấp lý luận chính trị'.",
                error=True,
                code=COURSE_MISSING,
            )
    starts: list[dt.date | None] = [None] * n
    ends: list[dt.date | None] = [None] * n
    for name, target, end in (("date_from", starts, False), ("date_to", ends, True)):
        if not table.has(name):
            continue
        for index, value in enumerate(table.raw(name)):
            day, ok = _one_date(value, end=end)
            if not ok:
                table.at(
                    index,
                    name,
                    f"ngày '{cell_text(value)}' không đọc được; cần ngày dd/mm/yyyy hoặc tháng "
                    "mm/yyyy.",
                    error=True,
                    code=DATE_INVALID,
                )
            target[index] = day
    if table.has("period"):
        for index, text in enumerate(table.texts("period")):
            if not text:
                continue
            start, stop, ok = _period(text)
            if not ok:
                table.at(
                    index,
                    "period",
                    f"thời gian '{text}' không đọc được; cần ví dụ '01/03/2026 - 30/04/2026' "
                    "hoặc '3/2026 - 5/2026'.",
                    error=True,
                    code=DATE_INVALID,
                )
                continue
            starts[index] = starts[index] or start
            ends[index] = ends[index] or stop
    for index, (start, stop) in enumerate(zip(starts, ends, strict=True)):
        if start and stop and stop < start:
            table.at(
                index,
                "date_to" if table.has("date_to") else "period",
                f"ngày kết thúc {stop:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y}.",
                error=True,
                code=DATES_REVERSED,
            )
    status_text = table.texts("status") if table.has("status") else [""] * n
    statuses = table.mapped(status_text, lambda v: STATUS_WORDS.get(norm.fold(v)) if v else None)
    for index, (text, status) in enumerate(zip(status_text, statuses, strict=True)):
        if text and status is None:
            table.at(
                index,
                "status",
                f"tình trạng '{text}' không nhận ra; cần 'Đã hoàn thành', 'Đang học' hoặc 'Kế "
                "hoạch' (hoặc để trống: tính theo ngày và chứng chỉ).",
                error=True,
                code=STATUS_INVALID,
            )
    births, _ = steps.births(table)
    names = table.mapped(table.texts("full_name"), norm.person_name)
    units = table.mapped(
        table.texts("unit") if table.has("unit") else [s or "" for s in table.sections], norm.unit
    )
    steps.finish(table)

    def optional(name: str) -> list[str | None]:
        return [v or None for v in table.texts(name)] if table.has(name) else [None] * n

    rows = pa.table(
        {
            "ward": pa.array(wards, pa.string()),
            "source_row": pa.array([i + 1 for i in table.rows], pa.int32()),
            "staff_id": pa.array([v or None for v in table.texts("staff_id")], pa.string()),
            "full_name": pa.array(names, pa.string()),
            "birth_date": pa.array([b.date for b in births], pa.date32()),
            "birth_year": pa.array([b.year for b in births], pa.int32()),
            "unit": pa.array(units, pa.string()),
            "course": pa.array(courses, pa.string()),
            "date_from": pa.array(starts, pa.date32()),
            "date_to": pa.array(ends, pa.date32()),
            "certificate": pa.array(optional("certificate"), pa.string()),
            "issuer": pa.array(optional("issuer"), pa.string()),
            "status": pa.array(statuses, pa.string()),
            "note": pa.array(optional("note"), pa.string()),
        }
    )
    return Parsed(rows, book.file_name, sheet.name, sorted(set(wards)), table.warnings)


def load(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    cur.register("incoming", parsed.rows)
    cur.execute(steps.sql_text("training_records"), [import_id])
    cur.unregister("incoming")
    problems = cur.execute(
        """
        select source_row, full_name, course, match_method, course_key is null
        from training_records
        where import_id = ?
          and (match_method in ('unmatched', 'ambiguous', 'name_only') or course_key is null)
        order by source_row
        """,
        [import_id],
    ).fetchall()
    messages = {
        "unmatched": (
            UNMATCHED,
            "không tìm thấy '{name}' trong danh sách cán bộ của phường (theo mã, họ tên và "
            "ngày/năm sinh); dòng được lưu nhưng chưa gắn với ai.",
        ),
        "ambiguous": (
            AMBIGUOUS,
            "'{name}' khớp với nhiều người trong danh sách; dòng được lưu nhưng chưa gắn với ai, "
            "cần thêm mã CBCC hoặc ngày sinh.",
        ),
        "name_only": (NAME_ONLY, "'{name}' chỉ khớp theo họ tên (tệp không có ngày sinh)."),
    }
    issues: list[Issue] = []
    for row, name, course, method, other in problems:
        if method in messages:
            code, text = messages[method]
            issues.append(
                Issue(
                    file=parsed.file_name,
                    sheet=parsed.sheet,
                    row=int(row),
                    message=text.format(name=name),
                    code=code,
                )
            )
        if other:
            issues.append(
                Issue(
                    file=parsed.file_name,
                    sheet=parsed.sheet,
                    row=int(row),
                    message=(
                        f"khóa '{course}' không thuộc nội dung nào của bảng course_rules; lưu là "
                        "'khóa khác' (không khép khoảng trống tiêu chuẩn nào)."
                    ),
                    code=COURSE_OTHER,
                )
            )
    return issues


def _write_template(path: Path, ward: str) -> None:
    write_training(path, [], ward=ward)


KIND = ImportKind(
    name="training",
    label="kết quả đào tạo, bồi dưỡng",
    fields=FIELDS,
    key_field="full_name",
    parse=parse,
    load=load,
    row_table="training_records",
    record="khóa học của một người",
    header_alternatives=(),
    template_file="mau_dao_tao_boi_duong.xlsx",
    template_sheet="Đào tạo",
    description=(
        "Mỗi người một dòng mỗi khóa: mã CBCC, họ tên, ngày sinh (để ghép đúng người), nội dung "
        "đào tạo, bồi dưỡng, từ ngày, đến ngày, văn bằng/chứng chỉ, cơ sở đào tạo. Nhập sau danh "
        "sách cán bộ."
    ),
    title_notes=("Ghi tên phường/xã ở ô A2; hoặc chọn phường khi nhập.",),
    guides={
        "course": Guide(
            "Tên khóa học như quyết định cử đi học ghi: 'Trung cấp lý luận chính trị', 'Bồi dưỡng "
            "kiến thức QLNN ngạch chuyên viên', 'Bồi dưỡng kế toán trưởng', 'Chứng chỉ ứng dụng "
            "CNTT cơ bản'… Khóa khác vẫn được lưu.",
            "Trung cấp lý luận chính trị – hành chính",
        ),
        "date_from": Guide("Ngày bắt đầu, dd/mm/yyyy (hoặc tháng mm/yyyy).", "08/09/2025"),
        "date_to": Guide(
            "Ngày kết thúc, dd/mm/yyyy. Đã qua ngày này (hoặc có chứng chỉ) thì tính là đã hoàn "
            "thành; chưa tới thì là đang học hoặc đã lên kế hoạch.",
            "30/06/2026",
        ),
        "period": Guide(
            "Thời gian học khi không có cột Từ ngày/Đến ngày: '01/03/2026 - 30/04/2026' hoặc "
            "'3/2026 - 5/2026'.",
            "3/2026 - 5/2026",
        ),
        "certificate": Guide(
            "Văn bằng, chứng chỉ được cấp (số hiệu nếu có); có chứng chỉ là đã hoàn thành.",
            "Bằng Trung cấp LLCT",
        ),
        "issuer": Guide("Cơ sở đào tạo hoặc đơn vị cấp chứng chỉ.", "Trường Chính trị thành phố"),
        "status": Guide(
            "Không bắt buộc: 'Đã hoàn thành', 'Đang học' hoặc 'Kế hoạch'; để trống thì tính theo "
            "ngày và chứng chỉ.",
            "",
        ),
    },
    write_template=_write_template,
    date_fields=frozenset({"birth", "date_from", "date_to"}),
)
