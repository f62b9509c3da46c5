"""The progress import kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from analytics import categories as cat
from analytics.demo_files import write_progress
from analytics.ingest import normalize as norm
from analytics.ingest import steps
from analytics.ingest.dates import parse_date
from analytics.ingest.headers import WARD, FieldSpec, cell_text
from analytics.ingest.issues import Issue
from analytics.ingest.kinds.base import (
    DOTS,
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
    FieldSpec(
        "task_code", "Mã nhiệm vụ", ("ma nhiem vu", "nhiem vu", "tt", "stt", "ma"), required=True
    ),
    FieldSpec(
        "report_date",
        "Ngày báo cáo",
        ("ngay bao cao", "ngay", "ngay cap nhat", "thoi diem bao cao"),
        ("ngay bao cao",),
    ),
    FieldSpec(
        "status",
        "Tình trạng",
        ("tinh trang", "trang thai", "tien do", "tinh hinh thuc hien"),
        ("tinh trang", "trang thai"),
        required=True,
    ),
    FieldSpec(
        "percent",
        "Tỷ lệ hoàn thành (%)",
        ("ty le hoan thanh", "hoan thanh", "phan tram", "ty le"),
        ("ty le",),
    ),
    FieldSpec(
        "deliverable", "Sản phẩm", ("san pham", "ket qua", "san pham ket qua"), ("san pham",)
    ),
    FieldSpec("note", "Ghi chú", ("ghi chu", "kho khan vuong mac", "de xuat"), ("ghi chu",)),
    FieldSpec(
        "reported_by",
        "Người báo cáo",
        ("nguoi bao cao", "don vi bao cao", "nguoi cap nhat"),
        ("bao cao",),
    ),
    WARD,
)


def parse(book: Workbook, options: ImportOptions, store: Store) -> Parsed:
    sheet, header, legacy = steps.choose_table(book, KIND, options)
    table = Table.locate(book.file_name, sheet, header, "task_code")
    table.warnings.extend(legacy)
    if not table.rows:
        raise steps.no_records(table, KIND)
    wards = steps.wards_of(
        table, steps.ward_from_title(steps.title_cells(sheet, header)), options, store
    )
    codes = table.mapped(table.texts("task_code"), norm.task_code)
    known = {
        (w, c) for w, c in store.execute("select distinct ward, task_code from plan_task_rows")
    }
    for index, (ward, code) in enumerate(zip(wards, codes, strict=True)):
        if (ward, code) not in known:
            hint = (
                ""
                if any(w == ward for w, _ in known)
                else " Hãy nhập tệp kế hoạch của phường trước."
            )
            table.at(
                index,
                "task_code",
                f"nhiệm vụ '{code}' không có trong kế hoạch của {ward}.{hint}",
                error=True,
                code="PROGRESS_UNKNOWN_TASK",
            )
    dates_raw = table.raw("report_date")
    dates = []
    for index, value in enumerate(dates_raw):
        parsed = parse_date(value)
        if parsed.date is None:
            shown = cell_text(value) or "(trống)"
            table.at(
                index,
                "report_date",
                f"ngày báo cáo '{shown}' không hợp lệ; cần ngày dd/mm/yyyy.",
                error=True,
                code="PROGRESS_DATE_INVALID",
            )
        dates.append(parsed.date)
    status_text = table.texts("status")
    statuses = table.mapped(status_text, norm.plan_status)
    for index, (text, status) in enumerate(zip(status_text, statuses, strict=True)):
        if status is None:
            table.at(
                index,
                "status",
                f"tình trạng '{text}' không hợp lệ; cần một trong: {', '.join(cat.PLAN_STATUSES)}.",
                error=True,
                code="PROGRESS_STATUS_INVALID",
            )
    percent = steps.numbers(table, "percent", 0, 100, "tỷ lệ phần trăm 0–100", percent=True)
    steps.finish(table)
    rows = pa.table(
        {
            "ward": pa.array(wards, pa.string()),
            "task_code": pa.array(codes, pa.string()),
            "report_date": pa.array(dates, pa.date32()),
            "status": pa.array(statuses, pa.string()),
            "percent": pa.array(percent, pa.float64()),
            "deliverable": pa.array([v or None for v in table.texts("deliverable")], pa.string()),
            "note": pa.array([v or None for v in table.texts("note")], pa.string()),
            "reported_by": pa.array([v or None for v in table.texts("reported_by")], pa.string()),
            "source_row": pa.array([i + 1 for i in table.rows], pa.int32()),
        }
    )
    return Parsed(rows, book.file_name, sheet.name, sorted(set(wards)), table.warnings)


def load(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    cur.register("incoming", parsed.rows)
    cur.execute(
        """
        insert into progress_reports
            (import_id, ward, task_code, report_date, status, percent, deliverable, note,
             reported_by, source_row)
        select ?, ward, task_code, report_date, status, percent, deliverable, note, reported_by,
               source_row
        from incoming
        """,
        [import_id],
    )
    cur.unregister("incoming")
    return []


def _write_template(path: Path, ward: str) -> None:
    write_progress(
        path,
        [],
        title=f"BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC {ward}",
        period=f"(Kỳ báo cáo: {DOTS})",
    )


KIND = ImportKind(
    name="progress",
    label="báo cáo tiến độ",
    fields=FIELDS,
    key_field="task_code",
    parse=parse,
    load=load,
    row_table="progress_reports",
    record="báo cáo",
    header_alternatives=(),
    template_file="mau_bao_cao_tien_do.xlsx",
    template_sheet="Tiến độ",
    description=(
        "Mỗi báo cáo một dòng: mã nhiệm vụ, ngày báo cáo, tình trạng, tỷ lệ hoàn thành, "
        "sản phẩm, ghi chú, người báo cáo. Nhập sau kế hoạch."
    ),
    title_notes=(
        "Ghi tên phường/xã ở tiêu đề dòng 1; nếu cơ sở dữ liệu chỉ có một phường thì có thể bỏ "
        "trống.",
    ),
    guides={
        "task_code": Guide(
            "Mã nhiệm vụ đúng như trong kế hoạch đã nhập: 1, 2, 4a, 4b… Kế hoạch phải được nhập "
            "trước báo cáo tiến độ.",
            "2",
        ),
        "report_date": Guide("Ngày báo cáo, dd/mm/yyyy.", "30/06/2026"),
        "status": Guide(
            f"Tình trạng: {join_values(cat.PLAN_STATUSES)} (nhận cả 'Đã hoàn thành', 'Đang triển khai'…).",
            "Đang thực hiện",
        ),
        "percent": Guide("Tỷ lệ hoàn thành, 0–100; để trống với nhiệm vụ thường xuyên.", "60"),
        "deliverable": Guide("Sản phẩm đã có tại ngày báo cáo.", "Dự thảo báo cáo"),
        "note": Guide("Khó khăn, vướng mắc, đề xuất.", ""),
        "reported_by": Guide("Người hoặc đơn vị báo cáo.", "Phòng Văn hóa – Xã hội"),
    },
    write_template=_write_template,
    date_fields=frozenset({"report_date"}),
)
