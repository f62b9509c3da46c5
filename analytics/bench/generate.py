"""Synthetic data for the benchmark, at the size of a ward, a city or the country.

Everything is invented (``random.Random(2026)``; names drawn from lists of họ, đệm and tên), in
the layouts offices send: a roster with a "Phường/Xã" column in the official layout (title
block, two-row header with Nam | Nữ, numbering row, total, signature; past Hải Phòng's 114 wards
also a "Tỉnh/thành phố" column in 34 groups, ``province_of``), one consolidated evaluation file
per year 2021–2025 with a ward column, one consolidated plan and one progress file for every
ward. The files are written once under ``benchmarks/.cache/`` and imported
through the command line (``analytics.cli.main``) into a fresh DuckDB file.

    >>> data = build("city", Path("/tmp/city.duckdb"))   # doctest: +SKIP
    >>> data.people_per_ward["Phường Hồng Bàng"]          # doctest: +SKIP
    77
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import random
import shutil
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "benchmarks" / ".cache"
SEED = 2026
GENERATOR_VERSION = 2  # bump when a generated file changes: the cache is keyed on it
# 2: a national roster names each ward's province ("Tỉnh/thành phố", province_of)
ROSTER_VERSION = 1  # the same for the import comparison's roster (roster_path)
EVALUATION_YEARS = (2021, 2022, 2023, 2024, 2025)
AS_OF = dt.date(2026, 9, 30)

# ============================================================================ vocabulary
_PHUONG = (
    "Hồng Bàng", "Hồng An", "Ngô Quyền", "Gia Viên", "Lê Chân", "An Biên", "Hải An", "Đông Hải",
    "Kiến An", "Phù Liễn", "Nam Đồ Sơn", "Đồ Sơn", "Hưng Đạo", "Dương Kinh", "An Dương",
    "An Hải", "An Phong", "Thủy Nguyên", "Thiên Hương", "Hòa Bình", "Nam Triệu", "Bạch Đằng",
    "Lưu Kiếm", "Lê Ích Mộc", "Hải Dương", "Lê Thanh Nghị", "Việt Hòa", "Thành Đông",
    "Nam Đồng", "Tân Hưng", "Thạch Khôi", "Tứ Minh", "Ái Quốc", "Chu Văn An", "Chí Linh",
    "Trần Hưng Đạo", "Nguyễn Trãi", "Trần Nhân Tông", "Lê Đại Hành", "Kinh Môn",
    "Nguyễn Đại Năng", "Trần Liễu", "Bắc An Phụ", "Phạm Sư Mạnh", "Nhị Chiểu",
)  # fmt: skip
_XA = (
    "An Lão", "An Khánh", "An Quang", "An Trường", "Kiến Thụy", "Kiến Minh", "Kiến Hải",
    "Kiến Hưng", "Nghi Dương", "Quyết Thắng", "Tiên Lãng", "Tân Minh", "Tiên Minh", "Chấn Hưng",
    "Hùng Thắng", "Vĩnh Bảo", "Nguyễn Bỉnh Khiêm", "Vĩnh Am", "Vĩnh Hải", "Vĩnh Hòa",
    "Vĩnh Thịnh", "Vĩnh Thuận", "Việt Khê", "Nam An Phụ", "Nam Sách", "Thái Tân", "Hợp Tiến",
    "Trần Phú", "An Phú", "Thanh Hà", "Hà Tây", "Hà Bắc", "Hà Nam", "Hà Đông", "Cẩm Giang",
    "Cẩm Giàng", "Tuệ Tĩnh", "Mao Điền", "Kẻ Sặt", "Bình Giang", "Đường An", "Thượng Hồng",
    "Gia Lộc", "Yết Kiêu", "Gia Phúc", "Trường Tân", "Tứ Kỳ", "Tân Kỳ", "Đại Sơn", "Chí Minh",
    "Lạc Phượng", "Nguyên Giáp", "Ninh Giang", "Vĩnh Lại", "Khúc Thừa Dụ", "Tân An",
    "Hồng Châu", "Thanh Miện", "Bắc Thanh Miện", "Hải Hưng", "Nguyễn Lương Bằng",
    "Nam Thanh Miện", "Phú Thái", "Lai Khê", "An Thành", "Kim Thành", "Liên Hòa",
)  # fmt: skip
WARDS = (
    [f"Phường {n}" for n in _PHUONG]
    + [f"Xã {n}" for n in _XA]
    + ["Đặc khu Cát Hải", "Đặc khu Bạch Long Vĩ"]
)
assert len(WARDS) == 114, len(WARDS)

_HO = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Vũ", 5), ("Hoàng", 4), ("Bùi", 4),
    ("Đỗ", 4), ("Đặng", 3), ("Phan", 3), ("Ngô", 2), ("Đinh", 2), ("Đoàn", 2), ("Dương", 2),
    ("Lương", 1), ("Mai", 1), ("Cao", 1), ("Tạ", 1), ("Lưu", 1), ("Hà", 1), ("Trịnh", 1),
    ("Lại", 1), ("Quách", 1), ("Tô", 1), ("Vương", 1),
)  # fmt: skip
_DEM_NAM = (
    "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thành", "Ngọc", "Mạnh", "Tiến", "Duy",
    "Trọng", "Công", "Hải", "Văn Minh", "Đình", "Bá", "Anh", "Thế", "Huy",
)  # fmt: skip
_DEM_NU = (
    "Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Thúy", "Phương", "Hồng", "Kim",
    "Bích", "Diệu", "Thị Thu", "Thị Minh", "Thị Thanh", "Khánh", "Mai",
)  # fmt: skip
_TEN_NAM = (
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Khánh",
    "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Tuấn", "Tùng", "Việt", "Vinh",
    "Toàn", "Trung", "Lâm", "Kiên", "Hưng", "Thịnh", "Đông", "Hậu", "Khoa", "Lợi", "Nghĩa",
    "Phúc", "Quyết", "Tài", "Thuận", "Tiến", "Vũ", "Hòa",
)  # fmt: skip
_TEN_NU = (
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huyền", "Lan",
    "Liên", "Linh", "Loan", "Mai", "Ngân", "Nga", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo",
    "Trang", "Uyên", "Vân", "Yến", "Thủy", "Hương", "Lý", "My", "Nhàn", "Tâm", "Thơm", "Tuyết",
)  # fmt: skip
_UNITS = (
    ("Văn phòng HĐND và UBND", 6), ("VP HĐND-UBND", 2), ("Văn phòng HĐND và UBND xã", 2),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", 5), ("Phòng Kinh tế", 3), ("Phòng KT, HT và ĐT", 1),
    ("Phòng Văn hóa – Xã hội", 5), ("Phòng VH-XH", 2), ("Phòng Văn hóa - Xã hội", 1),
    ("Trung tâm Phục vụ hành chính công", 4), ("TT Phục vụ HCC", 1), ("Bộ phận một cửa", 1),
    ("Lãnh đạo UBND", 2), ("Lãnh đạo UBND phường", 1),
)  # fmt: skip
_POSITIONS = (
    ("Chuyên viên", 40), ("CV", 8), ("Phó Trưởng phòng", 6), ("Trưởng phòng", 4),
    ("Phó Chủ tịch UBND", 3), ("Chủ tịch UBND", 1), ("Chánh Văn phòng", 1),
    ("Phó Chánh Văn phòng", 1), ("Phó Giám đốc", 1), ("Giám đốc", 1), ("Cán sự", 3),
    ("Kế toán", 2), ("Nhân viên", 2), ("Văn thư", 1),
)  # fmt: skip
_FIELDS = (
    "Địa chính - Đất đai", "Địa chính – Xây dựng", "Tư pháp - Hộ tịch", "Tài chính - Kế toán",
    "Văn hóa - Xã hội", "Văn phòng - Thống kê", "Lao động - Thương binh và Xã hội",
    "Công nghệ thông tin", "CNTT", "Chuyển đổi số", "Y tế", "Giáo dục", "Nội vụ",
    "Tiếp công dân", "Thanh tra", "Tài nguyên - Môi trường", "Kinh tế", "Quân sự",
    "Dân tộc - Tôn giáo", "Quản lý chung", "Phụ trách chung", "Văn thư - Lưu trữ",
    "Quản lý đô thị", "Giao thông - Thủy lợi", "Một cửa",
)  # fmt: skip
_EDUCATION = (
    ("ĐH Luật", 10), ("Cử nhân Kinh tế", 8), ("ĐH Kế toán", 6), ("ThS Quản lý đất đai", 2),
    ("Cử nhân Luật", 6), ("Đại học Hành chính", 4), ("ĐH Quản lý đất đai", 4),
    ("Kỹ sư Xây dựng", 3), ("KS Công nghệ thông tin", 2), ("ThS QL kinh tế", 2),
    ("Thạc sĩ Luật", 2), ("ThS Hành chính công", 1), ("Cao đẳng Kế toán", 2), ("CĐ Văn thư", 1),
    ("Trung cấp Kế toán", 2), ("TC Văn thư", 1), ("Đại học Tài chính - Ngân hàng", 2),
    ("ĐH Sư phạm", 1), ("Cử nhân Xã hội học", 1), ("Cử nhân Công tác xã hội", 1),
    ("ĐH Quản trị kinh doanh", 2), ("Bác sĩ", 1), ("Tiến sĩ Kinh tế", 1), ("ĐH QLNN", 2),
    ("ĐH Môi trường", 1), ("Kỹ sư Nông nghiệp", 1), ("ĐH", 1), ("Đại học", 1), ("", 1),
)  # fmt: skip
_LLCT = (
    ("Trung cấp", 10),
    ("TC", 8),
    ("Cao cấp", 3),
    ("CC", 2),
    ("Sơ cấp", 4),
    ("SC", 1),
    ("Cử nhân", 1),
    ("", 6),
)
_QLNN = (
    ("CV", 12),
    ("Chuyên viên", 6),
    ("CVC", 3),
    ("Chuyên viên chính", 1),
    ("Cán sự", 1),
    ("", 6),
)
_IT = (
    ("Chứng chỉ B", 4), ("Tin học B", 2), ("B", 2), ("Ứng dụng CNTT cơ bản", 5), ("Cơ bản", 3),
    ("CNTT cơ bản", 2), ("Ứng dụng CNTT nâng cao", 1), ("Chứng chỉ A", 2), ("ĐH CNTT", 1),
    ("Tin học văn phòng", 1), ("", 2),
)  # fmt: skip
_LANGUAGES = (
    ("Tiếng Anh B", 5), ("Anh B", 3), ("B1", 4), ("Tiếng Anh bậc 3", 3), ("A2", 3),
    ("Tiếng Anh A", 2), ("Anh văn C", 1), ("B1 Tiếng Anh", 2), ("Tiếng Trung B", 1),
    ("Bậc 2", 2), ("Tiếng Anh B2", 1), ("", 4),
)  # fmt: skip
_RANKS = (
    ("01.003", 14),
    ("1.003", 3),
    ("01.002", 2),
    ("Chuyên viên", 3),
    ("01.004", 1),
    ("CVC", 1),
    ("", 2),
)
_PARTY = (("x", 6), ("", 3), ("X", 1), ("Đảng viên", 1))
_ETHNICITY = (("Kinh", 95), ("Tày", 1), ("Mường", 1), ("Hoa", 1))
_RELIGION = (("Không", 85), ("Phật giáo", 6), ("Công giáo", 8), ("", 1))
_NOTES = (
    "Tiếp nhận từ xã cũ", "Biệt phái", "Nghỉ thai sản", "Đang học thạc sĩ", "Điều động từ phường",
    "Chờ nghỉ hưu", "Tuyển dụng năm 2025",
)  # fmt: skip


# Where a generated ward name comes from when a scale has more wards than WARDS (fixed points of
# analytics.ingest.normalize.ward_name, so the imported name is the generated one).
_NAME_POOL = _PHUONG + _XA

COLUMNS = (
    "TT", "Phường/Xã", "Đơn vị", "Họ và tên", "Nam", "Nữ", "Chức vụ", "Lĩnh vực",
    "Trình độ chuyên môn", "Lý luận chính trị", "Quản lý nhà nước", "Tin học", "Ngoại ngữ",
    "Ngạch", "Đảng viên", "Dân tộc", "Tôn giáo", "Ghi chú",
)  # fmt: skip
BIRTH_GROUP = "Ngày, tháng, năm sinh"
STAFF_ID_HEADER = "Mã CBCC"
PROVINCE_HEADER = "Tỉnh/thành phố"


def ward_names(count: int) -> list[str]:
    """``count`` distinct ward names: Hải Phòng's 114 when ``count`` is 114 or fewer, else
    generated ones ("Phường Hồng Bàng 3", "Xã An Lão 12")."""
    if count <= len(WARDS):
        return list(WARDS[:count])
    names = []
    for i in range(count):
        base = _NAME_POOL[i % len(_NAME_POOL)]
        kind = "Phường" if base in _PHUONG else "Xã"
        names.append(f"{kind} {base} {i // len(_NAME_POOL) + 1}")
    return names


def province_of(wards: Sequence[str]) -> dict[str, str] | None:
    """The province of each generated ward past Hải Phòng's 114 (None at city scale or below:
    those wards are Hải Phòng's, placed by the ``ward_provinces`` reference of migration 008).
    The 34 real names of ``categories.PROVINCES`` in blocks of consecutive wards, so a
    national roster has 34 groups of about 98 wards (synthetic: no ward is really there)."""
    if len(wards) <= len(WARDS):
        return None
    from analytics.categories import PROVINCES

    return {ward: PROVINCES[i * len(PROVINCES) // len(wards)] for i, ward in enumerate(wards)}


def staff_id(seq: int) -> str:
    """The "Mã CBCC" of the roster's ``seq``-th person (1-based); evaluations carry the same."""
    return f"CB{seq:07d}"


def _weighted(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


def synthetic_people(n: int, seed: int = SEED, wards: Sequence[str] = WARDS) -> list[list[object]]:
    """``n`` rows of [ward, unit, name, birth, gender, position, field, education, llct, qlnn,
    it, language, rank, party, ethnicity, religion, note], ward after ward in ``wards``' order.
    ``birth`` is a date (mostly), a 'dd/mm/yyyy' text or a bare year (int)."""
    rng = random.Random(seed)
    tables = {
        "ho": _weighted(_HO),
        "unit": _weighted(_UNITS),
        "position": _weighted(_POSITIONS),
        "education": _weighted(_EDUCATION),
        "llct": _weighted(_LLCT),
        "qlnn": _weighted(_QLNN),
        "it": _weighted(_IT),
        "language": _weighted(_LANGUAGES),
        "rank": _weighted(_RANKS),
        "party": _weighted(_PARTY),
        "ethnicity": _weighted(_ETHNICITY),
        "religion": _weighted(_RELIGION),
    }

    def pick(name: str) -> str:
        values, weights = tables[name]
        return rng.choices(values, weights)[0]

    # Wards get different sizes (a few big urban wards, many small communes).
    ward_weights = [rng.uniform(0.4, 2.0) for _ in wards]
    drawn = rng.choices(list(wards), ward_weights, k=n)
    order = {ward: i for i, ward in enumerate(wards)}
    drawn.sort(key=order.__getitem__)  # a city roster lists ward after ward
    first_day = dt.date(1964, 1, 1).toordinal()
    last_day = dt.date(2003, 12, 31).toordinal()
    rows: list[list[object]] = []
    for ward in drawn:
        female = rng.random() < 0.45
        dem = rng.choice(_DEM_NU if female else _DEM_NAM)
        ten = rng.choice(_TEN_NU if female else _TEN_NAM)
        name = f"{pick('ho')} {dem} {ten}"
        odd = rng.random()
        if odd < 0.01:
            name = name.upper()
        elif odd < 0.02:
            name = "  " + name.replace(" ", "  ") + " "
        day = dt.date.fromordinal(rng.randint(first_day, last_day))
        kind = rng.random()
        birth: object
        if kind < 0.85:
            birth = day
        elif kind < 0.95:
            birth = f"{day.day:02d}/{day.month:02d}/{day.year}"
        elif kind < 0.99:
            birth = day.year
        else:
            birth = f"{day.day}/{day.month}/{day.year}"
        rows.append(
            [
                ward,
                pick("unit"),
                name,
                birth,
                "Nữ" if female else "Nam",
                pick("position"),
                rng.choice(_FIELDS),
                pick("education"),
                pick("llct"),
                pick("qlnn"),
                pick("it"),
                pick("language"),
                pick("rank"),
                pick("party"),
                pick("ethnicity"),
                pick("religion"),
                rng.choice(_NOTES) if rng.random() < 0.04 else "",
            ]
        )
    return rows


def write_xlsx(
    path: Path,
    people: list[list[object]],
    *,
    constant_memory: bool = True,
    with_id: bool = False,
    issuer: str = "SỞ NỘI VỤ THÀNH PHỐ HẢI PHÒNG",
    provinces: dict[str, str] | None = None,
) -> None:
    """The official layout: title block, two-row header with Nam | Nữ, numbering row, rows,
    total and signature block. ``constant_memory`` (xlsxwriter) writes inline strings; without
    it the strings go to the shared-strings table as Excel itself writes them. ``with_id`` adds
    a "Mã CBCC" column after TT (``staff_id(seq)``), so evaluations can name people by it;
    ``provinces`` (ward -> province, ``province_of``) a "Tỉnh/thành phố" column after the ward."""
    import xlsxwriter

    columns = list(COLUMNS)
    if with_id:
        columns.insert(1, STAFF_ID_HEADER)
    if provinces is not None:
        columns.insert(columns.index("Phường/Xã") + 1, PROVINCE_HEADER)
    at = {label: col for col, label in enumerate(columns)}
    book = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    sheet = book.add_worksheet("Danh sach")
    bold = book.add_format(
        {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True}
    )
    italic = book.add_format({"italic": True, "align": "center"})
    date_format = book.add_format({"num_format": "dd/mm/yyyy", "align": "center", "border": 1})
    text = book.add_format({"border": 1})
    n_cols = len(columns)
    last = n_cols - 1
    # Title block (rows 1-2), title (row 4), as-of line (row 5).
    sheet.merge_range(0, 0, 0, 4, issuer, bold)
    sheet.merge_range(0, 8, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    sheet.merge_range(1, 8, 1, last, "Độc lập - Tự do - Hạnh phúc", bold)
    sheet.merge_range(3, 0, 3, last, "DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ", bold)
    sheet.merge_range(4, 0, 4, last, "(Số liệu tính đến ngày 30/9/2026)", italic)
    # Two-row header (rows 7-8): "Ngày, tháng, năm sinh" merged over Nam | Nữ, the other
    # headers merged vertically. In constant_memory mode a row is flushed once the next one is
    # written, so the vertical merges carry no format (a formatted blank would go to row 8).
    header = 6
    birth = columns.index("Nam")
    for col, label in enumerate(columns):
        if col == birth:
            sheet.merge_range(header, birth, header, birth + 1, BIRTH_GROUP, bold)
        elif col != birth + 1:
            sheet.merge_range(header, col, header + 1, col, label)
    sheet.write_string(header + 1, birth, "Nam", bold)
    sheet.write_string(header + 1, birth + 1, "Nữ", bold)
    for col in range(n_cols):
        sheet.write_string(header + 2, col, f"({col + 1})", italic)
    row = header + 3
    for seq, person in enumerate(people, start=1):
        ward, unit, name, born, gender, *rest = person
        sheet.write_number(row, 0, seq)
        if with_id:
            sheet.write_string(row, at[STAFF_ID_HEADER], staff_id(seq), text)
        sheet.write_string(row, at["Phường/Xã"], str(ward), text)
        if provinces is not None:
            sheet.write_string(row, at[PROVINCE_HEADER], provinces[str(ward)], text)
        sheet.write_string(row, at["Đơn vị"], str(unit), text)
        sheet.write_string(row, at["Họ và tên"], str(name), text)
        col = birth if gender == "Nam" else birth + 1
        if isinstance(born, dt.date):
            sheet.write_datetime(row, col, born, date_format)
        elif isinstance(born, int):
            sheet.write_number(row, col, born)
        else:
            sheet.write_string(row, col, str(born), text)
        for offset, value in enumerate(rest):
            if value:
                sheet.write_string(row, birth + 2 + offset, str(value), text)
        row += 1
    sheet.merge_range(row, 0, row, last, f"Tổng cộng: {len(people)} người", bold)
    row += 2
    sheet.write_string(row, 1, "NGƯỜI LẬP BIỂU", bold)
    sheet.write_string(row, at["Ngoại ngữ"], "KT. GIÁM ĐỐC", bold)
    sheet.write_string(row + 1, at["Ngoại ngữ"], "PHÓ GIÁM ĐỐC", bold)
    book.close()


def write_csv(path: Path, people: list[list[object]]) -> None:
    """A flat export in UTF-8 with BOM: one header row, 'Ngày sinh' and 'Giới tính' columns."""
    import csv

    header = ["TT", "Phường/Xã", "Đơn vị", "Họ và tên", "Ngày sinh", "Giới tính", *COLUMNS[6:]]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for seq, (ward, unit, name, born, gender, *rest) in enumerate(people, start=1):
            if isinstance(born, dt.date):
                born = f"{born.day:02d}/{born.month:02d}/{born.year}"
            writer.writerow([seq, ward, unit, name, born, gender, *rest])


def roster_path(rows: int, fmt: str = "xlsx", *, shared_strings: bool = False) -> Path:
    """The cached city roster of ``rows`` people (the import comparison's, shared with
    benchmarks/import_speed.py), generated on first use."""
    suffix = "-shared" if shared_strings and fmt == "xlsx" else ""
    path = CACHE / f"roster_city_{rows}_v{ROSTER_VERSION}{suffix}.{fmt}"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    people = synthetic_people(rows)
    partial = path.with_name(path.stem + ".partial" + path.suffix)
    if fmt == "xlsx":
        write_xlsx(partial, people, constant_memory=not shared_strings)
    else:
        write_csv(partial, people)
    partial.replace(path)
    print(
        f"generated {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return path


# ============================================================================ consolidated files
_GRADES = (
    ("Hoàn thành xuất sắc nhiệm vụ", 15, (90.0, 100.0)),
    ("Hoàn thành tốt nhiệm vụ", 60, (70.0, 89.9)),
    ("Hoàn thành nhiệm vụ", 19, (50.0, 69.9)),
    ("Không hoàn thành nhiệm vụ", 3, (20.0, 49.9)),
    ("Không xếp loại", 3, (0.0, 0.0)),
)
EVALUATION_HEADER = (
    "STT", "Phường/Xã", "Mã CBCC", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị",
    "Điểm đánh giá", "Xếp loại", "Tỷ lệ hồ sơ đúng hạn (%)", "Mức độ hài lòng (%)", "Ghi chú",
)  # fmt: skip
PLAN_HEADER = (
    "Phường/Xã", "TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
    "Thời gian thực hiện", "Sản phẩm", "Người chịu trách nhiệm", "Thẩm quyền quyết định",
)  # fmt: skip
PROGRESS_HEADER = (
    "Phường/Xã", "Mã nhiệm vụ", "Ngày báo cáo", "Tình trạng", "Tỷ lệ hoàn thành (%)",
    "Sản phẩm", "Ghi chú", "Người báo cáo",
)  # fmt: skip


class _Sheet:
    """A consolidated sheet written row by row (xlsxwriter, constant memory): title block,
    title, one header row, the rows, a signature block."""

    def __init__(self, path: Path, name: str, issuer: str, title: str, header: Sequence[str]):
        import xlsxwriter

        self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        self.sheet = self.book.add_worksheet(name)
        self.bold = self.book.add_format(
            {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True}
        )
        self.date = self.book.add_format({"num_format": "dd/mm/yyyy", "border": 1})
        self.text = self.book.add_format({"border": 1})
        self.last = len(header) - 1
        self.sheet.merge_range(0, 0, 0, 2, issuer, self.bold)
        self.sheet.merge_range(0, 4, 0, self.last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", self.bold)
        self.sheet.merge_range(1, 4, 1, self.last, "Độc lập - Tự do - Hạnh phúc", self.bold)
        self.sheet.merge_range(3, 0, 3, self.last, title, self.bold)
        for col, label in enumerate(header):
            self.sheet.write_string(5, col, label, self.bold)
        self.row = 6

    def add(self, values: Sequence[object]) -> None:
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                self.sheet.write_datetime(self.row, col, value, self.date)
            elif isinstance(value, int | float):
                self.sheet.write_number(self.row, col, value, self.text)
            else:
                self.sheet.write_string(self.row, col, str(value), self.text)
        self.row += 1

    def close(self) -> None:
        self.sheet.write_string(self.row + 1, 1, "NGƯỜI LẬP BIỂU", self.bold)
        self.sheet.write_string(self.row + 1, self.last - 1, "KT. GIÁM ĐỐC", self.bold)
        self.book.close()


def write_evaluations(
    path: Path, people: list[list[object]], year: int, *, seed: int = SEED, issuer: str
) -> None:
    """One year's results for every person of ``people`` (the roster's rows, in its order:
    person ``seq`` carries ``staff_id(seq)``), with the ward column; the year in the title."""
    rng = random.Random(f"{seed}-evaluation-{year}")
    grades = [g[0] for g in _GRADES]
    weights = [g[1] for g in _GRADES]
    bands = {g[0]: g[2] for g in _GRADES}
    sheet = _Sheet(
        path,
        f"Nam {year}",
        issuer,
        f"KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC NĂM {year}",
        EVALUATION_HEADER,
    )
    for seq, person in enumerate(people, start=1):
        ward, unit, name, born, _gender, position, field_name = person[:7]
        grade = rng.choices(grades, weights)[0]
        low, high = bands[grade]
        score = None if grade == "Không xếp loại" else round(rng.uniform(low, high), 1)
        dossiers = field_name in ("Một cửa", "Tư pháp - Hộ tịch", "Địa chính - Đất đai")
        on_time = round(rng.uniform(80, 100), 1) if dossiers else None
        satisfied = round(rng.uniform(75, 100), 1) if dossiers else None
        note = "Dưới 6 tháng công tác" if grade == "Không xếp loại" else ""
        sheet.add(
            [seq, ward, staff_id(seq), str(name).strip(), born, position, unit, score, grade,
             on_time, satisfied, note]
        )  # fmt: skip
    sheet.close()


def _plan_template() -> list[tuple[str, str, str, str, str, str, str, str]]:
    """The tasks of the city's plan (the demo ward's), which every ward carries out."""
    from analytics.demo_files import build_demo_dataset

    return [
        (t.code, t.title, t.lead, t.coordinating, t.deadline, t.deliverable, t.accountable,
         t.authority)
        for t in build_demo_dataset().plan
    ]  # fmt: skip


def _plan_codes(template: Sequence[Sequence[str]]) -> list[str]:
    """'a', 'b' under task 4 are 4a, 4b (as the plan importer reads them)."""
    codes, parent = [], ""
    for row in template:
        code = row[0]
        if code.isdigit():
            parent = code
            codes.append(code)
        else:
            codes.append(parent + code)
    return codes


def write_plan_and_progress(
    plan_path: Path, progress_path: Path, wards: Sequence[str], *, seed: int = SEED, issuer: str
) -> tuple[int, int]:
    """Every ward's plan (the city's tasks, each ward leaving some "6 rõ" cells empty) and its
    progress reports in 2026, one consolidated file each. Returns (plan rows, progress rows)."""
    rng = random.Random(f"{seed}-plan")
    template = _plan_template()
    codes = _plan_codes(template)
    plan = _Sheet(
        plan_path,
        "Tong hop",
        issuer,
        "TỔNG HỢP KẾ HOẠCH NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC NĂM 2026",
        PLAN_HEADER,
    )
    progress = _Sheet(
        progress_path,
        "Tien do",
        issuer,
        "TỔNG HỢP BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH NĂM 2026",
        PROGRESS_HEADER,
    )
    plan_rows = progress_rows = 0
    report_days = [dt.date(2026, m, 28) for m in range(1, 10)]
    for ward in wards:
        for task, code in zip(template, codes, strict=True):
            cells = list(task)
            for col in (5, 6, 7):  # sản phẩm, người chịu trách nhiệm, thẩm quyền
                if rng.random() < 0.1:
                    cells[col] = ""
            plan.add([ward, *cells])
            plan_rows += 1
            percent = 0
            for day in sorted(rng.sample(report_days, rng.randint(0, 3))):
                percent = min(100, percent + rng.choice((10, 20, 30, 40, 50)))
                stalled = rng.random() < 0.03
                status = (
                    "Tạm dừng" if stalled else "Hoàn thành" if percent == 100 else "Đang thực hiện"
                )
                progress.add([ward, code, day, status, percent, "", "", f"Phòng VH-XH {ward}"])
                progress_rows += 1
    plan.close()
    progress.close()
    return plan_rows, progress_rows


# ============================================================================ scales and build
@dataclass(frozen=True)
class Scale:
    """A benchmark size. ``roster_rows`` is the roster of the import comparison."""

    name: str
    people: int
    wards: int
    roster_rows: int


SCALES: dict[str, Scale] = {
    "ward": Scale("ward", 40, 1, 2_000),
    "city": Scale("city", 8_000, 114, 100_000),
    "national": Scale("national", 212_000, 3_321, 100_000),
}


@dataclass(frozen=True)
class BenchFile:
    kind: str  # an import kind: roster, evaluation, plan, progress
    path: Path
    rows: int


@dataclass
class Dataset:
    """A generated, imported dataset: its files (in import order), its DuckDB file, the people
    per ward counted from the generated rows, and how long each import took."""

    scale: str
    db: Path
    files: list[BenchFile]
    people_per_ward: dict[str, int]
    import_seconds: dict[str, float] = field(default_factory=dict)
    generate_seconds: float = 0.0
    files_cached: bool = False  # the files were already in the cache: not generated this time

    @property
    def people(self) -> int:
        return sum(self.people_per_ward.values())


def generate(
    out_dir: Path, people: int, wards: int, *, seed: int = SEED
) -> tuple[list[BenchFile], dict[str, int]]:
    """Write the files of ``people`` people in ``wards`` wards into ``out_dir`` (kept there:
    a folder that already holds them is reused). Returns the files and the people per ward."""
    manifest = out_dir / "manifest.json"
    if manifest.exists():
        saved = json.loads(manifest.read_text("utf-8"))
        files = [BenchFile(f["kind"], out_dir / f["name"], f["rows"]) for f in saved["files"]]
        if all(f.path.exists() for f in files):
            return files, saved["people_per_ward"]
    partial = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    names = ward_names(wards)
    rows = synthetic_people(people, seed, names)
    issuer = "SỞ NỘI VỤ THÀNH PHỐ HẢI PHÒNG" if wards <= len(WARDS) else "BỘ NỘI VỤ"
    files = [BenchFile("roster", partial / "danh_sach.xlsx", len(rows))]
    write_xlsx(files[0].path, rows, with_id=True, issuer=issuer, provinces=province_of(names))
    for year in EVALUATION_YEARS:
        path = partial / f"danh_gia_{year}.xlsx"
        write_evaluations(path, rows, year, seed=seed, issuer=issuer)
        files.append(BenchFile("evaluation", path, len(rows)))
    plan, progress = partial / "ke_hoach.xlsx", partial / "tien_do.xlsx"
    plan_rows, progress_rows = write_plan_and_progress(
        plan, progress, names, seed=seed, issuer=issuer
    )
    files += [BenchFile("plan", plan, plan_rows), BenchFile("progress", progress, progress_rows)]
    per_ward = dict(Counter(str(r[0]) for r in rows))
    (partial / "manifest.json").write_text(
        json.dumps(
            {
                "people": people,
                "wards": wards,
                "seed": seed,
                "files": [{"kind": f.kind, "name": f.path.name, "rows": f.rows} for f in files],
                "people_per_ward": per_ward,
            },
            ensure_ascii=False,
            indent=1,
        ),
        "utf-8",
    )
    shutil.rmtree(out_dir, ignore_errors=True)
    partial.replace(out_dir)
    return [BenchFile(f.kind, out_dir / f.path.name, f.rows) for f in files], per_ward


class ImportFailed(RuntimeError):
    pass


def import_through_cli(db: Path, kind: str, path: Path) -> dict[str, Any]:
    """``python -m analytics import KIND PATH --db DB`` in this process; its JSON line."""
    from analytics import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["import", kind, str(path), "--db", str(db), "--by", "bench"])
    lines = out.getvalue().strip().splitlines()
    result: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    if code != 0 or result.get("status") not in ("imported", "unchanged"):
        raise ImportFailed(f"{path.name}: {result.get('message')} {result.get('errors', [])[:3]}")
    return result


def _fresh(db: Path) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)


def build(
    scale: str,
    db: Path,
    *,
    cache: Path | None = None,
    people: int | None = None,
    wards: int | None = None,
    seed: int = SEED,
) -> Dataset:
    """Generate (or reuse from ``cache``) the files of ``scale`` and import them into a fresh
    ``db``. ``people`` and ``wards`` override the scale's size (the tests use a tiny one).
    The ward scale is the demo ward (``analytics.demo.build_demo``: 40 people, its plan, three
    evaluation years), imported through the same importers."""
    cache = CACHE if cache is None else cache
    _fresh(db)
    started = time.perf_counter()
    if scale == "ward" and people is None and wards is None:
        from analytics.demo import build_demo

        files_dir = cache / f"bench_ward_v{GENERATOR_VERSION}"
        results = build_demo(db, files_dir)
        failed = [r.as_json() for r in results if r.status != "imported"]
        if failed:
            raise ImportFailed(str(failed[0]))
        from analytics.store import Store

        with Store(db) as store:
            per_ward = dict(store.execute("select ward, count(*) from staff group by ward"))
        files = [BenchFile(r.kind, files_dir / r.file, r.rows_imported) for r in results]
        return Dataset(
            scale, db, files, per_ward, {"demo": round(time.perf_counter() - started, 3)}
        )
    size = SCALES[scale]
    people = size.people if people is None else people
    wards = size.wards if wards is None else wards
    folder = cache / f"bench_{scale}_{people}_{wards}_v{GENERATOR_VERSION}"
    cached = (folder / "manifest.json").exists()
    files, per_ward = generate(folder, people, wards, seed=seed)
    generated = time.perf_counter() - started
    seconds: dict[str, float] = {}
    for item in files:
        began = time.perf_counter()
        import_through_cli(db, item.kind, item.path)
        seconds[item.path.stem] = round(time.perf_counter() - began, 3)
    return Dataset(scale, db, files, per_ward, seconds, round(generated, 3), cached)
