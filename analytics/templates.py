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

import datetime as dt
import io
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analytics import categories as cat
from analytics.demo_files import write_evaluation, write_official_roster, write_plan, write_progress
from analytics.ingest.headers import KIND_FIELDS, KIND_LABELS, Header, find_header
from analytics.ingest.readers import read_workbook

KINDS = ("roster", "evaluation", "plan", "progress")

FILE_NAMES: dict[str, str] = {
    "roster": "mau_danh_sach_cbcc.xlsx",
    "evaluation": "mau_ket_qua_danh_gia.xlsx",
    "plan": "mau_ke_hoach.xlsx",
    "progress": "mau_bao_cao_tien_do.xlsx",
}

#: What each template holds, for the page that offers them.
DESCRIPTIONS: dict[str, str] = {
    "roster": "Mỗi người một dòng: mã CBCC, họ tên, đơn vị, ngày sinh (cột Nam hoặc Nữ), chức vụ, "
    "lĩnh vực, trình độ chuyên môn, lý luận chính trị, quản lý nhà nước, tin học, ngoại ngữ, "
    "ngạch, đảng viên, dân tộc, tôn giáo.",
    "evaluation": "Mỗi người một dòng: mã CBCC, họ tên, ngày sinh (để ghép đúng người), điểm theo "
    "thang 100, xếp loại, tỷ lệ hồ sơ đúng hạn, mức độ hài lòng. Nhập sau danh sách cán bộ.",
    "plan": "Mỗi nhiệm vụ một dòng: số thứ tự, nội dung, chủ trì, phối hợp, thời hạn, sản phẩm, "
    "người chịu trách nhiệm, thẩm quyền quyết định ('6 rõ').",
    "progress": "Mỗi báo cáo một dòng: mã nhiệm vụ, ngày báo cáo, tình trạng, tỷ lệ hoàn thành, "
    "sản phẩm, ghi chú, người báo cáo. Nhập sau kế hoạch.",
}

#: Empty bordered rows under the header; more can be added in Excel.
BLANK_ROWS = 40
GUIDE_SHEET = "Hướng dẫn"
#: Written in the title block when no ward is given. The importer does not read it as a ward
#: (no name after "PHƯỜNG"), so an unfilled template falls back to the ward chosen on import.
WARD_PLACEHOLDER = "PHƯỜNG (XÃ) ……………"
DOTS = "……"

# The writers need a date and a year; these sentinels are replaced by dotted blanks.
_SENTINEL_DATE = dt.date(1901, 1, 1)
_SENTINEL_YEAR = 1901


@dataclass(frozen=True)
class Guide:
    """What a column holds and how it may be written."""

    text: str
    example: str = ""


def _join(values: Iterable[object]) -> str:
    return "; ".join(str(v) for v in values)


# Guides by field name (the importer's names in analytics.ingest.headers); a (kind, field) key
# overrides the shared one where the same column means something else in that kind of file.
GUIDES: dict[str | tuple[str, str], Guide] = {
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
    "gender": Guide("Nam hoặc Nữ (khi ngày sinh ghi trong một cột 'Ngày sinh').", "Nữ"),
    "ward": Guide(
        "Tên phường/xã. Chỉ cần khi một tệp gồm nhiều phường, xã; nếu không, ghi tên ở khối "
        "tiêu đề hoặc chọn phường khi nhập.",
        "Phường Việt Hòa",
    ),
    "unit": Guide(
        f"Đơn vị công tác: {_join(cat.UNITS)}. Nhận cả cách viết tắt (VP HĐND-UBND, Phòng VH-XH, "
        "TT Phục vụ HCC, Bộ phận một cửa); đơn vị khác giữ nguyên tên.",
        "Phòng Văn hóa – Xã hội",
    ),
    "position": Guide(
        "Chức vụ hoặc chức danh: Chủ tịch, Phó Chủ tịch UBND, Trưởng phòng, Phó Trưởng phòng, "
        "Chánh Văn phòng, Giám đốc, Chuyên viên, Cán sự… (nhận cả CT, PCT, TP, PTP, CV). Người "
        "giữ chức vụ lãnh đạo được đối chiếu thêm tiêu chuẩn lý luận chính trị, quản lý nhà nước.",
        "Chuyên viên",
    ),
    "field": Guide(
        "Lĩnh vực phụ trách hoặc vị trí việc làm; dùng để đối chiếu ngành đào tạo và xác định "
        f"lĩnh vực nhạy cảm. Các lĩnh vực: {_join(cat.FIELDS)}.",
        "Địa chính – Đất đai",
    ),
    "education": Guide(
        "Trình độ kèm chuyên ngành trong cùng ô. Trình độ: Tiến sĩ (TS); Thạc sĩ (ThS, Cao học); "
        "Đại học (ĐH, Cử nhân, CN, Kỹ sư, KS, Bác sĩ, Dược sĩ, Kiến trúc sư, Luật sư); Cao đẳng "
        "(CĐ); Trung cấp (TC); Sơ cấp (SC); Chưa qua đào tạo.",
        "Cử nhân Luật; Kỹ sư Xây dựng; ThS Quản lý đất đai; TC Kế toán",
    ),
    "major": Guide("Chuyên ngành đào tạo, nếu ghi riêng khỏi cột trình độ.", "Quản lý đất đai"),
    "political_theory": Guide(
        "Cử nhân; Cao cấp (CC); Trung cấp (TC); Sơ cấp (SC); Chưa qua đào tạo. Ở cột này 'TC' là "
        "Trung cấp lý luận chính trị.",
        "TC",
    ),
    "state_management": Guide(
        "Chuyên viên cao cấp (CVCC); Chuyên viên chính (CVC); Chuyên viên (CV); Cán sự; Chưa qua "
        "bồi dưỡng.",
        "CV",
    ),
    "it_skill": Guide(
        "Chứng chỉ A, B, C; Cơ bản, Nâng cao (TT 03/2014/TT-BTTTT); Trung cấp, Cao đẳng, Đại học "
        "CNTT.",
        "Cơ bản",
    ),
    "foreign_language": Guide(
        "Tên ngoại ngữ và trình độ: A, B, C; bậc 1–6; A1–C2; Đại học.",
        "Tiếng Anh B1; Anh bậc 3; Tiếng Anh C",
    ),
    "rank": Guide(
        "Mã ngạch hoặc tên ngạch: "
        + _join(f"{code} {name}" for code, name in cat.RANKS.items())
        + ".",
        "01.003",
    ),
    "party_member": Guide(
        "Ghi 'x' (hoặc ngày vào Đảng) nếu là đảng viên; để trống nếu không.", "x"
    ),
    "ethnicity": Guide("Dân tộc.", "Kinh"),
    "religion": Guide("Tôn giáo, hoặc 'Không'.", "Không"),
    "certificates": Guide(
        "Chứng chỉ khác theo yêu cầu của vị trí (ví dụ kế toán trưởng); nhiều chứng chỉ cách nhau "
        "bằng dấu chấm phẩy.",
        "Kế toán trưởng",
    ),
    "staff_type": Guide("Cán bộ hoặc Công chức.", "Công chức"),
    "note": Guide("Ghi chú tự do.", ""),
    "year": Guide(
        "Năm đánh giá. Không cần nếu tiêu đề đã ghi 'NĂM 2025' hoặc năm được chọn khi nhập.", "2025"
    ),
    "score": Guide(
        "Điểm đánh giá theo thang 100 (NĐ 335/2025: tiêu chí chung 30 + kết quả nhiệm vụ 70), số "
        "từ 0 đến 100.",
        "86,5",
    ),
    "grade": Guide(
        "Xếp loại: "
        + _join(f"{label} ({code})" for code, label in cat.GRADE_LABELS.items())
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
    ("plan", "task_code"): Guide(
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
    ("plan", "deliverable"): Guide(
        "Sản phẩm đầu ra (rõ sản phẩm). Để trống sẽ bị đánh dấu thiếu trong '6 rõ'.",
        "Báo cáo kết quả rà soát",
    ),
    "accountable": Guide(
        "Người (chức danh) chịu trách nhiệm (rõ trách nhiệm).", "Trưởng phòng VH-XH"
    ),
    "authority": Guide("Cấp có thẩm quyền quyết định (rõ thẩm quyền).", "Chủ tịch UBND phường"),
    "assignee": Guide("Người thực hiện (rõ người).", ""),
    ("progress", "task_code"): Guide(
        "Mã nhiệm vụ đúng như trong kế hoạch đã nhập: 1, 2, 4a, 4b… Kế hoạch phải được nhập "
        "trước báo cáo tiến độ.",
        "2",
    ),
    "report_date": Guide("Ngày báo cáo, dd/mm/yyyy.", "30/06/2026"),
    "status": Guide(
        f"Tình trạng: {_join(cat.PLAN_STATUSES)} (nhận cả 'Đã hoàn thành', 'Đang triển khai'…).",
        "Đang thực hiện",
    ),
    "percent": Guide("Tỷ lệ hoàn thành, 0–100; để trống với nhiệm vụ thường xuyên.", "60"),
    ("progress", "deliverable"): Guide("Sản phẩm đã có tại ngày báo cáo.", "Dự thảo báo cáo"),
    ("progress", "note"): Guide("Khó khăn, vướng mắc, đề xuất.", ""),
    "reported_by": Guide("Người hoặc đơn vị báo cáo.", "Phòng Văn hóa – Xã hội"),
}

# Fields written as dates: kept as text cells so Excel does not swap day and month.
_DATE_FIELDS = {"birth_male", "birth_female", "birth", "report_date"}
# Drop-down suggestions (other written forms stay allowed).
_CHOICES: dict[str, tuple[str, ...]] = {
    "political_theory": cat.POLITICAL_THEORY_LEVELS,
    "state_management": cat.STATE_MANAGEMENT_LEVELS,
    "grade": (*cat.GRADE_LABELS.values(), "Không xếp loại"),
    "status": cat.PLAN_STATUSES,
}


def guide(kind: str, name: str) -> Guide:
    """The guide of field ``name`` in files of ``kind``."""
    return GUIDES.get((kind, name)) or GUIDES[name]


def title_ward(ward: str | None) -> str:
    """'Phường Việt Hòa' -> 'PHƯỜNG VIỆT HÒA' as title blocks write it; a blank to fill if None."""
    return ward.strip().upper() if ward and ward.strip() else WARD_PLACEHOLDER


def _write_roster(path: Path, ward: str) -> None:
    write_official_roster(
        path,
        [],
        ward=ward,
        as_of=_SENTINEL_DATE,
        sections=False,
        with_id=True,
        sheet_name="Danh sach",
    )


def _write_evaluation(path: Path, ward: str) -> None:
    write_evaluation(path, [], year=_SENTINEL_YEAR, ward=ward, year_in="title", with_id=True)


def _write_plan(path: Path, ward: str) -> None:
    write_plan(path, [], ward=ward, subtitle=f"(Kèm theo Kế hoạch số {DOTS}/KH-UBND ngày {DOTS})")


def _write_progress(path: Path, ward: str) -> None:
    write_progress(
        path,
        [],
        title=f"BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC {ward}",
        period=f"(Kỳ báo cáo: {DOTS})",
    )


_WRITERS: dict[str, Callable[[Path, str], None]] = {
    "roster": _write_roster,
    "evaluation": _write_evaluation,
    "plan": _write_plan,
    "progress": _write_progress,
}

# Sentinel texts of the writers -> the blanks a user fills.
_BLANKS = (
    (f"{_SENTINEL_DATE.day}/{_SENTINEL_DATE.month}/{_SENTINEL_DATE.year}", f"{DOTS}/{DOTS}/{DOTS}"),
    (
        f"ngày {_SENTINEL_DATE.day} tháng {_SENTINEL_DATE.month} năm {_SENTINEL_DATE.year}",
        f"ngày {DOTS} tháng {DOTS} năm {DOTS}",
    ),
    (f"NĂM {_SENTINEL_YEAR}", f"NĂM {DOTS}"),
    # The signature's place name when the ward is a blank: "(Xã) …, ngày …" -> "…, ngày …".
    ("(Xã) ", ""),
)
SHEET_NAMES = {
    "roster": "Danh sách",
    "evaluation": "Đánh giá",
    "plan": "Kế hoạch",
    "progress": "Tiến độ",
}


def template_bytes(kind: str, ward: str | None = None) -> tuple[str, bytes]:
    """A blank .xlsx for ``kind`` (roster, evaluation, plan, progress): file name and bytes.

    ``ward`` (e.g. "Phường Việt Hòa") goes into the title block; without it the title block
    carries a blank to fill.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILE_NAMES[kind]
        _WRITERS[kind](path, title_ward(ward))
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
    sheet["A1"] = f"HƯỚNG DẪN ĐIỀN MẪU {KIND_LABELS[kind].upper()}"
    sheet["A1"].font = Font(name="Times New Roman", size=14, bold=True)
    notes = [
        f"Giữ nguyên các dòng tiêu đề cột; điền mỗi {_RECORD[kind]} một dòng, bắt đầu từ dòng "
        f"{first_row} của trang đầu. Có thể thêm dòng; các dòng để trống được bỏ qua.",
        *_TITLE_NOTES[kind],
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
    specs = {spec.name: spec for spec in KIND_FIELDS[kind]}
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
        for spec in KIND_FIELDS[kind]
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


_RECORD = {"roster": "người", "evaluation": "người", "plan": "nhiệm vụ", "progress": "báo cáo"}
_TITLE_NOTES: dict[str, tuple[str, ...]] = {
    "roster": (
        "Ghi tên phường/xã ở ô A2 (ví dụ PHƯỜNG VIỆT HÒA) và ngày số liệu ở dòng 5 '(Số liệu "
        "tính đến ngày 30/9/2026)'; hoặc chọn phường và ngày khi nhập.",
    ),
    "evaluation": (
        "Ghi tên phường/xã ở ô A2 và năm đánh giá ở tiêu đề (… NĂM 2025); hoặc chọn khi nhập.",
    ),
    "plan": ("Ghi tên phường/xã ở ô A2 và ở tiêu đề; hoặc chọn phường khi nhập.",),
    "progress": (
        "Ghi tên phường/xã ở tiêu đề dòng 1; nếu cơ sở dữ liệu chỉ có một phường thì có thể bỏ "
        "trống.",
    ),
}
