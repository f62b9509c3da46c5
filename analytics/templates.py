"""Blank files to fill in, one per kind of import, in the official layouts the importer reads.

Each template is the layout of ``analytics.demo_files`` written with no rows (title block,
header, numbering row), followed by empty bordered rows to fill and, on a second sheet
"Hướng dẫn", what every column holds and the written forms the importer accepts. The header is
located by the importer's own ``find_header``, so the template and the importer cannot drift
apart; a test fills one row of each template and imports it.

>>> name, data = template_bytes("roster", ward="Phường Việt Hòa")
>>> name, data[:2]
('mau_danh_sach_cbcc.xlsx', b'PK')
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analytics import categories as cat
from analytics.ingest import kinds
from analytics.ingest.headers import Header, find_header
from analytics.ingest.kinds.base import DOTS, TEMPLATE_DATE, TEMPLATE_YEAR, Guide, join_values
from analytics.ingest.readers import read_workbook

#: Empty bordered rows under the header; more can be added in Excel.
KINDS = kinds.KINDS
FILE_NAMES: dict[str, str] = {name: kind.template_file for name, kind in kinds.REGISTRY.items()}
#: What each template holds, for the page that offers them.
DESCRIPTIONS: dict[str, str] = {name: kind.description for name, kind in kinds.REGISTRY.items()}
SHEET_NAMES: dict[str, str] = {name: kind.template_sheet for name, kind in kinds.REGISTRY.items()}

BLANK_ROWS = 40
GUIDE_SHEET = "Hướng dẫn"
#: Written in the title block when no ward is given. The importer does not read it as a ward
#: (no name after "PHƯỜNG"), so an unfilled template falls back to the ward chosen on import.
WARD_PLACEHOLDER = "PHƯỜNG (XÃ) ……………"


# Guides by field name (the importer's names in analytics.ingest.headers); a (kind, field) key
# overrides the shared one where the same column means something else in that kind of file.
GUIDES: dict[str, Guide] = {
    "seq": Guide("Số thứ tự. Không bắt buộc.", "1"),
    "staff_id": Guide(
        "Mã cán bộ, công chức (mã số, mã định danh) nếu đơn vị có. Không bắt buộc, nhưng nên ghi: "
        "giúp ghép đúng người giữa các kỳ danh sách và với kết quả đánh giá.",
        "VH-001",
    ),
    "full_name": Guide(
        "Họ, chữ đệm và tên đầy đủ. Dòng không có họ tên không được nhập (dòng mục, dòng trống "
        "được bỏ qua).",
        "Nguyễn Thị Hương",
    ),
    "birth_male": Guide(
        "Ngày sinh của người là nam. Ghi dd/mm/yyyy hoặc chỉ năm sinh. Cột nào (Nam hay Nữ) có "
        "ngày sinh thì cho biết giới tính; không ghi ở cả hai cột.",
        "05/03/1985",
    ),
    "birth_female": Guide("Ngày sinh của người là nữ (như cột Nam).", "1990"),
    "birth": Guide(
        "Ngày sinh dd/mm/yyyy hoặc năm sinh; dùng để ghép đúng người khi có người trùng họ tên.",
        "05/03/1985",
    ),
    "ward": Guide(
        "Tên phường/xã. Chỉ cần khi một tệp gồm nhiều phường, xã; nếu không, ghi tên ở khối "
        "tiêu đề hoặc chọn phường khi nhập.",
        "Phường Việt Hòa",
    ),
    "unit": Guide(
        f"Đơn vị công tác: {join_values(cat.UNITS)}. Nhận cả cách viết tắt (VP HĐND-UBND, Phòng VH-XH, "
        "TT Phục vụ HCC, Bộ phận một cửa); đơn vị khác giữ nguyên tên.",
        "Phòng Văn hóa – Xã hội",
    ),
    "position": Guide(
        "Chức vụ hoặc chức danh: Chủ tịch, Phó Chủ tịch UBND, Trưởng phòng, Phó Trưởng phòng, "
        "Chánh Văn phòng, Giám đốc, Chuyên viên, Cán sự… (nhận cả CT, PCT, TP, PTP, CV). Người "
        "giữ chức vụ lãnh đạo được đối chiếu thêm tiêu chuẩn lý luận chính trị, quản lý nhà nước.",
        "Chuyên viên",
    ),
    "note": Guide("Ghi chú tự do.", ""),
}

# Drop-down suggestions (other written forms stay allowed).
_CHOICES: dict[str, tuple[str, ...]] = {
    "political_theory": cat.POLITICAL_THEORY_LEVELS,
    "state_management": cat.STATE_MANAGEMENT_LEVELS,
    "grade": (*cat.GRADE_LABELS.values(), "Không xếp loại"),
    "status": cat.PLAN_STATUSES,
}


def guide(kind: str, name: str) -> Guide:
    """The guide of field ``name`` in files of ``kind``."""
    return kinds.get(kind).guides.get(name) or GUIDES[name]


def title_ward(ward: str | None) -> str:
    """'Phường Việt Hòa' -> 'PHƯỜNG VIỆT HÒA' as title blocks write it; a blank to fill if None."""
    return ward.strip().upper() if ward and ward.strip() else WARD_PLACEHOLDER


# Sentinel texts of the writers -> the blanks a user fills.
# Fields written as dates: kept as text cells so Excel does not swap day and month.
_DATE_FIELDS = frozenset().union(*(kind.date_fields for kind in kinds.REGISTRY.values()))

_BLANKS = (
    (f"{TEMPLATE_DATE.day}/{TEMPLATE_DATE.month}/{TEMPLATE_DATE.year}", f"{DOTS}/{DOTS}/{DOTS}"),
    (
        f"ngày {TEMPLATE_DATE.day} tháng {TEMPLATE_DATE.month} năm {TEMPLATE_DATE.year}",
        f"ngày {DOTS} tháng {DOTS} năm {DOTS}",
    ),
    (f"NĂM {TEMPLATE_YEAR}", f"NĂM {DOTS}"),
    # The signature's place name when the ward is a blank: "(Xã) …, ngày …" -> "…, ngày …".
    ("(Xã) ", ""),
)


def template_bytes(kind: str, ward: str | None = None) -> tuple[str, bytes]:
    """A blank .xlsx for ``kind`` (roster, evaluation, plan, progress): file name and bytes.

    ``ward`` (e.g. "Phường Việt Hòa") goes into the title block; without it the title block
    carries a blank to fill.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILE_NAMES[kind]
        write = kinds.get(kind).write_template
        assert write is not None
        write(path, title_ward(ward))
        data = path.read_bytes()
    header = find_header(read_workbook(data, path.name).sheets[0], kind)
    if header is None:  # the writers' layout no longer matches the importer
        raise RuntimeError(f"template of {kind} has no header the importer recognises")
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    sheet.title = SHEET_NAMES[kind]
    first_row = _first_row(sheet, header)
    _fill_blanks(sheet)
    _open_rows(sheet, first_row, header)
    _add_guide(book.create_sheet(GUIDE_SHEET), kind, header, first_row)
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return FILE_NAMES[kind], out.getvalue()


def _first_row(sheet: Worksheet, header: Header) -> int:
    """The 1-based row under the header (one or two rows) and its numbering row "(1) (2) …"."""
    top = header.row + 1
    last = max([r.max_row for r in sheet.merged_cells.ranges if r.min_row == top], default=top)
    row = last + 1
    texts = [c.value for c in sheet[row] if c.value not in (None, "")]
    if texts and all(isinstance(t, str) and re.fullmatch(r"\(\d+\)", t) for t in texts):
        row += 1
    return row


def _fill_blanks(sheet: Worksheet) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                text = cell.value
                for sentinel, blank in _BLANKS:
                    text = text.replace(sentinel, blank)
                cell.value = text


def _open_rows(sheet: Worksheet, first_row: int, header: Header) -> None:
    """Drop the total row, push the signature block down, add empty bordered rows to fill."""
    below = [r for r in sheet.merged_cells.ranges if r.min_row >= first_row]
    for merged in below:
        sheet.unmerge_cells(merged.coord)
    first_text = str(sheet.cell(first_row, 1).value or "")
    if first_text.startswith("Tổng cộng"):
        sheet.delete_rows(first_row)
        below = [r for r in below if r.min_row != first_row]
        for merged in below:
            merged.shift(row_shift=-1)
    sheet.insert_rows(first_row, BLANK_ROWS)
    for merged in below:
        merged.shift(row_shift=BLANK_ROWS)
        sheet.merge_cells(merged.coord)

    width = max(header.labels) + 1
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="Times New Roman", size=12)
    by_column = {col: name for name, col in header.columns.items()}
    for row in range(first_row, first_row + BLANK_ROWS):
        for col in range(1, width + 1):
            cell = sheet.cell(row, col)
            cell.border = border
            cell.font = font
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            if by_column.get(col - 1) in _DATE_FIELDS:
                cell.number_format = "@"
    last_row = first_row + BLANK_ROWS - 1
    for name, choices in _CHOICES.items():
        choice_col = header.columns.get(name)
        if choice_col is None:
            continue
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=False,  # a suggestion: other accepted forms ("TC", "HTTNV") stay valid
        )
        letter = get_column_letter(choice_col + 1)
        validation.add(f"{letter}{first_row}:{letter}{last_row}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = sheet.cell(first_row, 1)


def _add_guide(sheet: Worksheet, kind: str, header: Header, first_row: int) -> None:
    bold = Font(name="Times New Roman", size=12, bold=True)
    plain = Font(name="Times New Roman", size=12)
    wrap = Alignment(vertical="top", wrap_text=True)
    sheet["A1"] = f"HƯỚNG DẪN ĐIỀN MẪU {kinds.get(kind).label.upper()}"
    sheet["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    notes = [
        f"Giữ nguyên các dòng tiêu đề cột; điền mỗi {kinds.get(kind).record} một dòng, bắt đầu từ dòng "
        f"{first_row} của trang đầu. Có thể thêm dòng; các dòng để trống được bỏ qua.",
        *kinds.get(kind).title_notes,
        "Ngày ghi theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 05/03/1985.",
        "Lưu tệp dạng .xlsx (hoặc .xls, .csv) rồi nhập ở trang Dữ liệu: trang hiện kết quả kiểm "
        "tra và xem trước trước khi ghi vào cơ sở dữ liệu. Trang 'Hướng dẫn' này không được nhập.",
    ]
    row = 3
    for note in notes:
        sheet.cell(row, 1, f"• {note}").font = plain
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        sheet.cell(row, 1).alignment = wrap
        sheet.row_dimensions[row].height = 33
        row += 1
    row += 1
    titles = ("Cột", "Tiêu đề cột", "Bắt buộc", "Nội dung và cách ghi được chấp nhận", "Ví dụ")
    for col, title in enumerate(titles, start=1):
        cell = sheet.cell(row, col, title)
        cell.font = bold
        cell.alignment = wrap
    specs = {spec.name: spec for spec in kinds.get(kind).fields}
    by_column = {col: name for name, col in header.columns.items()}
    for col in sorted(header.labels):
        row += 1
        name = by_column.get(col, "")
        spec_name = "birth" if name.startswith("birth_") else name
        required = specs[spec_name].required if spec_name in specs else False
        item = guide(kind, name) if name else Guide("")
        label = header.labels[col]
        if name.startswith("birth_"):  # "Ngày, tháng, năm sinh Nam" -> "… sinh – Nam"
            label = re.sub(r" (Nam|Nữ)$", r" – \1", label)
        values = (
            get_column_letter(col + 1),
            label,
            "Có" if required else "",
            item.text,
            item.example,
        )
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row, c, value)
            cell.font = plain
            cell.alignment = wrap
    extra = [
        spec
        for spec in kinds.get(kind).fields
        if spec.name not in header.columns and spec.name not in {"birth"}
    ]
    if extra:
        row += 2
        sheet.cell(
            row, 1, "Các cột khác cũng được nhận nếu thêm vào (ghi đúng tiêu đề):"
        ).font = bold
        for spec in extra:
            row += 1
            item = guide(kind, spec.name)
            for c, value in enumerate(("", spec.label, "", item.text, item.example), start=1):
                cell = sheet.cell(row, c, value)
                cell.font = plain
                cell.alignment = wrap
    for letter, width in zip("ABCDE", (7, 26, 10, 80, 30), strict=True):
        sheet.column_dimensions[letter].width = width
