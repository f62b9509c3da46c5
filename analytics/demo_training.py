"""Training records (kind "training"): the file layout and the demo ward's synthetic records.

``write_training`` writes the layout a ward office sends ("KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG"): title
block rows 1–2, title row 4, header row 6, one record a row from row 7. ``demo_training_rows``
gives the demo ward's records: a few done courses that close existing gaps, some under way or
planned, one course no rule names ("khóa khác"). Everything is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from analytics.demo_files import DEMO_WARD, DemoDataset

TRAINING_TITLE = "KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC"
TRAINING_HEADERS: tuple[tuple[str, float], ...] = (
    ("STT", 5),
    ("Họ và tên", 24),
    ("Ngày sinh", 12),
    ("Nội dung đào tạo, bồi dưỡng", 44),
    ("Từ ngày", 12),
    ("Đến ngày", 12),
    ("Văn bằng, chứng chỉ", 22),
    ("Cơ sở đào tạo", 28),
    ("Ghi chú", 24),
)


@dataclass(frozen=True)
class TrainingRow:
    full_name: str
    birth: date | int | str
    course: str
    date_from: date | None = None
    date_to: date | None = None
    certificate: str = ""
    issuer: str = ""
    note: str = ""


def write_training(path: Path, rows: list[TrainingRow], *, ward: str = DEMO_WARD) -> None:
    """Write a training-records file (.xlsx) in the layout above."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dao tao"
    n_cols = len(TRAINING_HEADERS)
    bold = Font(name="Times New Roman", size=13, bold=True)
    plain = Font(name="Times New Roman", size=12)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet["A1"] = "ỦY BAN NHÂN DÂN"
    sheet["A2"] = ward
    sheet["A2"].font = bold
    sheet.cell(1, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").font = bold
    sheet.cell(2, 6, "Độc lập - Tự do - Hạnh phúc").font = bold
    sheet.merge_cells(start_row=4, start_column=1, end_row=4, end_column=n_cols)
    sheet["A4"] = TRAINING_TITLE
    sheet["A4"].font = Font(name="Times New Roman", size=14, bold=True)
    sheet["A4"].alignment = Alignment(horizontal="center")
    for col, (header, width) in enumerate(TRAINING_HEADERS, start=1):
        cell = sheet.cell(6, col, header)
        cell.font = bold
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = width
    for seq, row in enumerate(rows, start=1):
        values = (
            seq,
            row.full_name,
            row.birth,
            row.course,
            row.date_from,
            row.date_to,
            row.certificate,
            row.issuer,
            row.note,
        )
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(6 + seq, col, value if value != "" else None)
            cell.font = plain
            cell.border = border
            if isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def demo_training_rows(data: DemoDataset) -> list[TrainingRow]:
    """The demo ward's records: LLCT Trung cấp done (closes the head of unit's gap), a degree
    under way and one planned, a KHTNV follow-up course planned, a course of no rule."""
    by_key = {member.key: member for member in data.staff}

    def who(key: str) -> tuple[str, date | int]:
        member = by_key[key]
        return member.person.full_name, member.birth

    return [
        TrainingRow(*who("tp_van_hoa_sc"), "Trung cấp lý luận chính trị – hành chính",
                    date(2025, 9, 8), date(2026, 6, 30), "Bằng Trung cấp LLCT",
                    "Trường Chính trị thành phố Hải Phòng"),
        TrainingRow(*who("xay_dung_cd"), "Đào tạo liên thông đại học ngành Xây dựng",
                    date(2026, 3, 1), date(2027, 6, 30), "", "Trường Đại học Xây dựng Hà Nội"),
        TrainingRow(*who("dia_chinh_tc"), "Đại học Quản lý đất đai (liên thông, vừa làm vừa học)",
                    date(2026, 10, 15), date(2028, 6, 30), "", "Trường Đại học Tài nguyên và Môi trường"),
        TrainingRow(*who("mot_cua_dat_dai"), "Bồi dưỡng nghiệp vụ chuyên sâu lĩnh vực đất đai",
                    date(2026, 11, 2), date(2026, 11, 20), "", "Sở Nông nghiệp và Môi trường"),
        TrainingRow(*who("ptp_noi_vu"), "Bồi dưỡng kiến thức QLNN ngạch chuyên viên chính",
                    date(2025, 4, 1), date(2025, 6, 30), "Chứng chỉ QLNN ngạch CVC",
                    "Học viện Hành chính Quốc gia"),
        TrainingRow(*who("cntt_tt"), "Tập huấn kỹ năng chuyển đổi số",
                    date(2026, 5, 12), date(2026, 5, 14), "", "Sở Khoa học và Công nghệ"),
    ]  # fmt: skip
