"""The plan import kind."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyarrow as pa

from analytics.demo_files import write_plan
from analytics.ingest import normalize as norm
from analytics.ingest import steps
from analytics.ingest.dates import parse_deadline
from analytics.ingest.headers import WARD, FieldSpec
from analytics.ingest.issues import Issue
from analytics.ingest.kinds.base import (
    DOTS,
    Guide,
    ImportKind,
    ImportOptions,
    Parsed,
)
from analytics.ingest.readers import Workbook
from analytics.ingest.sheet import Table
from analytics.store import Store

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("task_code", "TT", ("tt", "stt", "ma nhiem vu", "ma", "so tt", "muc"), required=True),
    FieldSpec(
        "title",
        "Nội dung nhiệm vụ",
        (
            "noi dung nhiem vu",
            "noi dung",
            "nhiem vu",
            "ten nhiem vu",
            "nhiem vu giai phap",
            "noi dung cong viec",
        ),
        ("noi dung", "nhiem vu"),
        required=True,
    ),
    FieldSpec(
        "lead_unit",
        "Cơ quan chủ trì",
        ("co quan chu tri", "chu tri", "don vi chu tri", "co quan thuc hien"),
        ("chu tri",),
    ),
    FieldSpec(
        "coordinating_units",
        "Cơ quan phối hợp",
        ("co quan phoi hop", "phoi hop", "don vi phoi hop"),
        ("phoi hop",),
    ),
    FieldSpec(
        "deadline",
        "Thời gian thực hiện",
        ("thoi gian thuc hien", "thoi han", "thoi gian hoan thanh", "thoi gian", "han hoan thanh"),
        ("thoi gian", "thoi han"),
    ),
    FieldSpec(
        "deliverable",
        "Sản phẩm",
        ("san pham", "san pham dau ra", "ket qua san pham"),
        ("san pham",),
    ),
    FieldSpec(
        "accountable",
        "Người chịu trách nhiệm",
        ("nguoi chiu trach nhiem", "trach nhiem", "nguoi phu trach"),
        ("trach nhiem",),
    ),
    FieldSpec(
        "authority",
        "Thẩm quyền quyết định",
        ("tham quyen quyet dinh", "tham quyen", "cap quyet dinh", "nguoi phe duyet"),
        ("tham quyen",),
    ),
    FieldSpec(
        "assignee", "Người thực hiện", ("nguoi thuc hien", "can bo thuc hien"), ("nguoi thuc hien",)
    ),
    WARD,
)


def parse(book: Workbook, options: ImportOptions, store: Store) -> Parsed:
    sheet, header, legacy = steps.choose_table(book, KIND, options)
    table = Table.locate(book.file_name, sheet, header, "title")
    table.warnings.extend(legacy)
    codes_text = table.texts("task_code")
    keep = [i for i, code in enumerate(codes_text) if code and not re.fullmatch(r"[IVX]+\.?", code)]
    if not keep:
        raise steps.no_records(table, KIND)
    title_cells = steps.title_cells(sheet, header)
    wards = steps.wards_of(table, steps.ward_from_title(title_cells), options, store)
    # Sub-tasks "a", "b" belong to the numbered task above them in the same ward; a code is
    # unique per ward, so one file may hold the plans of many wards (a ward column).
    codes: list[str] = []
    parent: dict[str, str] = {}
    for i in keep:
        code = norm.task_code(codes_text[i])
        if re.fullmatch(r"\d+(\.\d+)*", code):
            parent[wards[i]] = code
        elif re.fullmatch(r"[a-z]", code) and wards[i] in parent:
            code = parent[wards[i]] + code
        codes.append(code)
    seen: dict[tuple[str, str], int] = {}
    for i, code in zip(keep, codes, strict=True):
        first = seen.setdefault((wards[i], code), table.row_number(i))
        if first != table.row_number(i):
            table.at(
                i,
                "task_code",
                f"mã nhiệm vụ '{code}' của {wards[i]} trùng với dòng {first}.",
                error=True,
                code="PLAN_DUPLICATE_TASK",
            )

    def pick(name: str) -> list[str | None]:
        values = table.texts(name)
        return [values[i] or None for i in keep]

    deadlines_text = pick("deadline")
    deadlines = table.mapped([t or "" for t in deadlines_text], parse_deadline)
    steps.finish(table)
    rows = pa.table(
        {
            "ward": pa.array([wards[i] for i in keep], pa.string()),
            "source_row": pa.array([table.row_number(i) for i in keep], pa.int32()),
            "sort_order": pa.array(list(range(1, len(keep) + 1)), pa.int32()),
            "task_code": pa.array(codes, pa.string()),
            "title": pa.array(pick("title"), pa.string()),
            "lead_unit": pa.array(pick("lead_unit"), pa.string()),
            "coordinating_units": pa.array(pick("coordinating_units"), pa.string()),
            "deadline_text": pa.array(deadlines_text, pa.string()),
            "due_date": pa.array([d.due_date for d in deadlines], pa.date32()),
            "recurring": pa.array([d.recurring for d in deadlines], pa.bool_()),
            "deliverable": pa.array(pick("deliverable"), pa.string()),
            "accountable": pa.array(pick("accountable"), pa.string()),
            "authority": pa.array(pick("authority"), pa.string()),
            "assignee": pa.array(pick("assignee"), pa.string()),
        }
    )
    return Parsed(rows, book.file_name, sheet.name, sorted(set(wards)), table.warnings)


def load(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    cur.register("incoming", parsed.rows)
    cur.execute(
        """
        insert into plan_task_rows
        select ? as import_id, ward, source_row, sort_order, task_code, title, lead_unit,
               coordinating_units, deadline_text, due_date, recurring, deliverable, accountable,
               authority, assignee
        from incoming
        """,
        [import_id],
    )
    cur.unregister("incoming")
    return []


def _write_template(path: Path, ward: str) -> None:
    write_plan(path, [], ward=ward, subtitle=f"(Kèm theo Kế hoạch số {DOTS}/KH-UBND ngày {DOTS})")


KIND = ImportKind(
    name="plan",
    label="kế hoạch (danh mục nhiệm vụ)",
    fields=FIELDS,
    key_field="title",
    parse=parse,
    load=load,
    row_table="plan_task_rows",
    record="nhiệm vụ",
    header_alternatives=(),
    template_file="mau_ke_hoach.xlsx",
    template_sheet="Kế hoạch",
    description=(
        "Mỗi nhiệm vụ một dòng: số thứ tự, nội dung, chủ trì, phối hợp, thời hạn, sản phẩm, "
        "người chịu trách nhiệm, thẩm quyền quyết định ('6 rõ')."
    ),
    title_notes=("Ghi tên phường/xã ở ô A2 và ở tiêu đề; hoặc chọn phường khi nhập.",),
    guides={
        "task_code": Guide(
            "Số thứ tự nhiệm vụ trong kế hoạch: 1, 2, 3…; nhiệm vụ con ghi a, b ở dòng dưới nhiệm vụ "
            "số (thành 4a, 4b). Không trùng nhau.",
            "4",
        ),
        "title": Guide("Nội dung nhiệm vụ.", "Rà soát, đánh giá toàn bộ đội ngũ cán bộ, công chức"),
        "lead_unit": Guide("Cơ quan, đơn vị chủ trì.", "Phòng Văn hóa – Xã hội"),
        "coordinating_units": Guide("Cơ quan, đơn vị phối hợp.", "Các đơn vị liên quan"),
        "deadline": Guide(
            "Thời hạn như kế hoạch ghi: 'Hoàn thành trong tháng 6/2026' (hạn 30/06/2026), 'Hoàn "
            "thành trong Quý III/2026' (hạn 30/09/2026), 'Thường xuyên', hoặc một ngày dd/mm/yyyy.",
            "Hoàn thành trong tháng 6/2026",
        ),
        "deliverable": Guide(
            "Sản phẩm đầu ra (rõ sản phẩm). Để trống sẽ bị đánh dấu thiếu trong '6 rõ'.",
            "Báo cáo kết quả rà soát",
        ),
        "accountable": Guide(
            "Người (chức danh) chịu trách nhiệm (rõ trách nhiệm).", "Trưởng phòng VH-XH"
        ),
        "authority": Guide("Cấp có thẩm quyền quyết định (rõ thẩm quyền).", "Chủ tịch UBND phường"),
        "assignee": Guide("Người thực hiện (rõ người).", ""),
    },
    write_template=_write_template,
    date_fields=frozenset(()),
)
