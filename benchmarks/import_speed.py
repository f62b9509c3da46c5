"""Import speed of a city-wide roster against python-calamine reading the same file.

Target (issue): importing a 100,000-row roster costs at most 1.5 × what python-calamine alone
takes to read the file. This is a benchmark, not a timed test: run it by hand.

    .venv/bin/python benchmarks/import_speed.py [--rows 100000] [--repeat 3] [--profile]
    .venv/bin/python benchmarks/import_speed.py --isolation [--repeat 5]   # child vs in-process read

The roster is synthetic (``random.Random(2026)``, names drawn from lists of họ, đệm and tên)
and cached under ``benchmarks/.cache/``. Every measurement runs in a fresh Python process,
baseline and import interleaved; the medians are compared. ``--profile`` also runs the import
once under cProfile (or pyinstrument with ``--pyinstrument`` when installed) and prints the top
entries. The result is written to ``benchmarks/results/import_speed.json``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHE = ROOT / "benchmarks" / ".cache"
RESULTS = ROOT / "benchmarks" / "results" / "import_speed.json"
TARGET = 1.5
GENERATOR_VERSION = 1  # bump when the generated file changes
SEED = 2026

# ============================================================================ synthetic roster
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

COLUMNS = (
    "TT", "Phường/Xã", "Đơn vị", "Họ và tên", "Nam", "Nữ", "Chức vụ", "Lĩnh vực",
    "Trình độ chuyên môn", "Lý luận chính trị", "Quản lý nhà nước", "Tin học", "Ngoại ngữ",
    "Ngạch", "Đảng viên", "Dân tộc", "Tôn giáo", "Ghi chú",
)  # fmt: skip
BIRTH_GROUP = "Ngày, tháng, năm sinh"


def _weighted(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


def synthetic_people(n: int, seed: int = SEED) -> list[list[object]]:
    """``n`` rows of [ward, unit, name, birth, gender, position, field, education, llct, qlnn,
    it, language, rank, party, ethnicity, religion, note]. ``birth`` is a date (mostly), a
    'dd/mm/yyyy' text or a bare year (int)."""
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
    ward_weights = [rng.uniform(0.4, 2.0) for _ in WARDS]
    wards = rng.choices(WARDS, ward_weights, k=n)
    wards.sort(key=WARDS.index)  # a city roster lists ward after ward
    first_day = dt.date(1964, 1, 1).toordinal()
    last_day = dt.date(2003, 12, 31).toordinal()
    rows: list[list[object]] = []
    for ward in wards:
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


def write_xlsx(path: Path, people: list[list[object]], *, constant_memory: bool = True) -> None:
    """The official layout: title block, two-row header with Nam | Nữ, numbering row, rows,
    total and signature block. ``constant_memory`` (xlsxwriter) writes inline strings; without
    it the strings go to the shared-strings table as Excel itself writes them."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    sheet = book.add_worksheet("Danh sach")
    bold = book.add_format(
        {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True}
    )
    italic = book.add_format({"italic": True, "align": "center"})
    date_format = book.add_format({"num_format": "dd/mm/yyyy", "align": "center", "border": 1})
    text = book.add_format({"border": 1})
    n_cols = len(COLUMNS)
    last = n_cols - 1
    # Title block (rows 1-2), title (row 4), as-of line (row 5).
    sheet.merge_range(0, 0, 0, 4, "SỞ NỘI VỤ THÀNH PHỐ HẢI PHÒNG", bold)
    sheet.merge_range(0, 8, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    sheet.merge_range(1, 8, 1, last, "Độc lập - Tự do - Hạnh phúc", bold)
    sheet.merge_range(3, 0, 3, last, "DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ", bold)
    sheet.merge_range(4, 0, 4, last, "(Số liệu tính đến ngày 30/9/2026)", italic)
    # Two-row header (rows 7-8): "Ngày, tháng, năm sinh" merged over Nam | Nữ, the other
    # headers merged vertically. In constant_memory mode a row is flushed once the next one is
    # written, so the vertical merges carry no format (a formatted blank would go to row 8).
    header = 6
    birth = COLUMNS.index("Nam")
    for col, label in enumerate(COLUMNS):
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
        sheet.write_string(row, 1, ward, text)
        sheet.write_string(row, 2, unit, text)
        sheet.write_string(row, 3, name, text)
        col = birth if gender == "Nam" else birth + 1
        if isinstance(born, dt.date):
            sheet.write_datetime(row, col, born, date_format)
        elif isinstance(born, int):
            sheet.write_number(row, col, born)
        else:
            sheet.write_string(row, col, born, text)
        for offset, value in enumerate(rest):
            if value:
                sheet.write_string(row, birth + 2 + offset, value, text)
        row += 1
    sheet.merge_range(row, 0, row, last, f"Tổng cộng: {len(people)} người", bold)
    row += 2
    sheet.write_string(row, 1, "NGƯỜI LẬP BIỂU", bold)
    sheet.write_string(row, 12, "KT. GIÁM ĐỐC", bold)
    sheet.write_string(row + 1, 12, "PHÓ GIÁM ĐỐC", bold)
    book.close()


def write_csv(path: Path, people: list[list[object]]) -> None:
    """A flat export in UTF-8 with BOM: one header row, 'Ngày sinh' and 'Giới tính' columns."""
    header = ["TT", "Phường/Xã", "Đơn vị", "Họ và tên", "Ngày sinh", "Giới tính", *COLUMNS[6:]]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for seq, (ward, unit, name, born, gender, *rest) in enumerate(people, start=1):
            if isinstance(born, dt.date):
                born = f"{born.day:02d}/{born.month:02d}/{born.year}"
            writer.writerow([seq, ward, unit, name, born, gender, *rest])


def roster_path(rows: int, fmt: str, *, shared_strings: bool = False) -> Path:
    """The cached synthetic roster, generated on first use."""
    suffix = "-shared" if shared_strings and fmt == "xlsx" else ""
    path = CACHE / f"roster_city_{rows}_v{GENERATOR_VERSION}{suffix}.{fmt}"
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
        f"generated {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f}s"
    )
    return path


# ============================================================================ measurements
def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class _Stages:
    """Wall time of the importer's stages, by wrapping its module-level functions (the
    importer itself is not edited). Each stage is a handful of calls, so the overhead is nil."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, owner: object, name: str, stage: str, *, key: str | None = None) -> None:
        original = owner[key] if key is not None else getattr(owner, name)  # type: ignore[index]

        def timed(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started

        if key is not None:
            owner[key] = timed  # type: ignore[index]
        else:
            setattr(owner, name, timed)

    def install(self) -> None:
        import dataclasses

        from analytics.ingest import importer, kinds, steps
        from analytics.ingest.sheet import Table

        # The read runs in a child process (analytics.ingest.isolate): its checks and calamine
        # cannot be timed from here; ``--isolation`` measures them against an in-process read.
        self.wrap(importer, "read_workbook", "read (child: checks + calamine)")
        self.wrap(steps, "choose_table", "find header")
        locate = Table.locate.__func__  # type: ignore[attr-defined]

        def timed_locate(cls: type, *args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return locate(cls, *args, **kwargs)
            finally:
                self.seconds["locate rows"] = (
                    self.seconds.get("locate rows", 0.0) + time.perf_counter() - started
                )

        Table.locate = classmethod(timed_locate)  # type: ignore[method-assign,assignment]
        stages = {"parse": kinds.REGISTRY["roster"].parse, "load": kinds.REGISTRY["roster"].load}
        self.wrap(stages, "", "parse total", key="parse")
        self.wrap(importer, "_insert_import", "insert imports row")
        self.wrap(stages, "", "load roster_rows", key="load")
        kinds.REGISTRY["roster"] = dataclasses.replace(kinds.REGISTRY["roster"], **stages)

    def report(self, total: float) -> dict[str, float]:
        s = self.seconds
        parse = s.get("parse total", 0.0)
        out = {
            "read (child: checks + calamine)": s.get("read (child: checks + calamine)", 0.0),
            "find header": s.get("find header", 0.0),
            "locate rows": s.get("locate rows", 0.0),
            "normalise + arrow": parse - s.get("find header", 0.0) - s.get("locate rows", 0.0),
            "insert imports row": s.get("insert imports row", 0.0),
            "load roster_rows": s.get("load roster_rows", 0.0),
        }
        accounted = (
            out["read (child: checks + calamine)"]
            + parse
            + out["insert imports row"]
            + out["load roster_rows"]
        )
        out["other (sha256, commit…)"] = total - accounted
        return out


def worker(mode: str, path: Path, profile: str | None) -> dict[str, object]:
    """One measurement in this (fresh) process."""
    if mode == "baseline":
        import python_calamine

        cpu = time.process_time()
        started = time.perf_counter()
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        seconds = time.perf_counter() - started
        return {
            "seconds": seconds,
            "cpu_seconds": time.process_time() - cpu,
            "grid_rows": len(rows),
            "peak_rss_mb": _peak_rss_mb(),
        }
    if mode == "csv-baseline":
        cpu = time.process_time()
        started = time.perf_counter()
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        seconds = time.perf_counter() - started
        return {
            "seconds": seconds,
            "cpu_seconds": time.process_time() - cpu,
            "grid_rows": len(rows),
            "peak_rss_mb": _peak_rss_mb(),
        }

    if mode in ("read-isolated", "read-in-process"):
        return _read_worker(mode, path)

    from analytics.ingest.importer import import_file
    from analytics.store import Store

    stages = _Stages()
    if profile is None:
        stages.install()
    with tempfile.TemporaryDirectory(prefix="import_speed_") as tmp:
        store = Store(Path(tmp) / "bench.duckdb")  # migrations: setup, not timed
        profiler = None
        if profile == "cprofile":
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        elif profile == "pyinstrument":
            import pyinstrument

            profiler = pyinstrument.Profiler(interval=0.0005)
            profiler.start()
        cpu = time.process_time()
        started = time.perf_counter()
        result = import_file(store, "roster", path)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu
        if profile == "cprofile":
            profiler.disable()  # type: ignore[union-attr]
            out = CACHE / "import_speed.prof"
            profiler.dump_stats(str(out))  # type: ignore[union-attr]
            _print_cprofile(out)
        elif profile == "pyinstrument":
            profiler.stop()  # type: ignore[union-attr]
            print(profiler.output_text(unicode=True, color=False, show_all=False))  # type: ignore[union-attr]
        stored = store.execute("select count(*) from roster_rows")[0][0]
        store.close()
    if result.status != "imported":
        raise SystemExit(f"import {result.status}: {[e.message for e in result.errors][:5]}")
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "rows_imported": result.rows_imported,
        "rows_stored": int(stored),
        "warnings": len(result.warnings),
        "peak_rss_mb": _peak_rss_mb(),
        "stages": stages.report(seconds) if profile is None else {},
    }


def _read_worker(mode: str, path: Path) -> dict[str, object]:
    """``readers.read_workbook`` (a child process parses) or ``read_workbook_unsafe`` (this
    process parses), modules imported beforehand as in a running server."""
    from analytics.ingest import isolate, readers

    del isolate  # imported: the server has it loaded
    read = readers.read_workbook if mode == "read-isolated" else readers.read_workbook_unsafe
    data = path.read_bytes()
    cpu = time.process_time()
    started = time.perf_counter()
    book = read(data, path.name)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,  # this process only, not the child
        "grid_rows": sum(len(sheet.rows) for sheet in book.sheets),
        "peak_rss_mb": _peak_rss_mb(),
    }


def ward_roster_path(rows: int = 40) -> Path:
    """A ward's roster (``rows`` people, one ward), cached like the city roster."""
    path = CACHE / f"roster_ward_{rows}_v{GENERATOR_VERSION}.xlsx"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        write_xlsx(path, synthetic_people(rows))
    return path


def measure_isolation(paths: list[Path], repeat: int) -> list[dict[str, Any]]:
    """Reading in a child process against reading in this process: ``repeat`` × each, fresh
    processes, interleaved; medians and the difference."""
    results = []
    for path in paths:
        runs: dict[str, list[dict[str, Any]]] = {"read-isolated": [], "read-in-process": []}
        print(f"\n{path.relative_to(ROOT)}: {repeat} × (isolated, in-process), fresh processes")
        for i in range(repeat):
            order = list(runs) if i % 2 == 0 else list(reversed(runs))
            for mode in order:
                run = _run_worker(mode, path)
                runs[mode].append(run)
                print(f"  run {i + 1}/{repeat} {mode:<16} {run['seconds']:7.3f}s")
        isolated, here = (
            _median(runs["read-isolated"], "seconds"),
            _median(runs["read-in-process"], "seconds"),
        )
        results.append(
            {
                "file": str(path.relative_to(ROOT)),
                "grid_rows": int(runs["read-isolated"][0]["grid_rows"]),
                "isolated_seconds": round(isolated, 4),
                "in_process_seconds": round(here, 4),
                "overhead_seconds": round(isolated - here, 4),
                "ratio": round(isolated / here, 3),
                "isolated_runs": [round(float(r["seconds"]), 4) for r in runs["read-isolated"]],
                "in_process_runs": [round(float(r["seconds"]), 4) for r in runs["read-in-process"]],
            }
        )
    print(f"\n{'file':<40} {'rows':>7} {'isolated s':>10} {'here s':>8} {'overhead s':>10}")
    for r in results:
        print(
            f"{Path(r['file']).name:<40} {r['grid_rows']:>7} {r['isolated_seconds']:>10.3f} "
            f"{r['in_process_seconds']:>8.3f} {r['overhead_seconds']:>+10.3f}"
        )
    return results


def _print_cprofile(path: Path) -> None:
    import pstats

    for sort in ("cumulative", "tottime"):
        print(f"\n---- cProfile, top 25 by {sort} ({path.relative_to(ROOT)})")
        pstats.Stats(str(path)).strip_dirs().sort_stats(sort).print_stats(25)


def _run_worker(
    mode: str, path: Path, profile: str | None = None, analytics_root: Path | None = None
) -> dict[str, object]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, "--file", str(path)]
    if profile:
        command += ["--profile-with", profile]
    if analytics_root:
        command += ["--analytics-root", str(analytics_root)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"worker {mode} failed ({done.returncode})")
    lines = done.stdout.rstrip().splitlines()
    if profile:
        print("\n".join(lines[:-1]))
    return json.loads(lines[-1])


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(float(run[key]) for run in runs)


def measure(
    path: Path,
    rows: int,
    repeat: int,
    *,
    csv_file: bool = False,
    analytics_root: Path | None = None,
) -> dict[str, Any]:
    """``repeat`` × (baseline, import), interleaved, each in a fresh process; medians."""
    baseline_mode = "csv-baseline" if csv_file else "baseline"
    baseline: list[dict[str, Any]] = []
    imports: list[dict[str, Any]] = []
    load_before = os.getloadavg()[0]
    for i in range(repeat):
        # Alternate which side goes first, so drift hits both alike.
        order = [baseline_mode, "import"] if i % 2 == 0 else ["import", baseline_mode]
        for mode in order:
            run = _run_worker(mode, path, analytics_root=analytics_root)
            (baseline if mode == baseline_mode else imports).append(run)
            print(
                f"  run {i + 1}/{repeat} {mode:<12} {run['seconds']:7.3f}s wall "
                f"{run['cpu_seconds']:7.3f}s cpu  peak RSS {run['peak_rss_mb']:7.1f} MB"
            )
    problems = [
        f"expected {rows} rows, imported {run['rows_imported']}, stored {run['rows_stored']}"
        for run in imports
        if run["rows_imported"] != rows or run["rows_stored"] != rows
    ]
    if problems and not csv_file:
        raise SystemExit(f"{path.name}: {problems[0]}")
    if problems:  # reported, not fatal: the CSV variant is informational
        print(f"  WARNING {path.name}: {problems[0]}")
    base, imp = _median(baseline, "seconds"), _median(imports, "seconds")
    base_cpu, imp_cpu = _median(baseline, "cpu_seconds"), _median(imports, "cpu_seconds")
    stages = {
        name: round(statistics.median(float(run["stages"][name]) for run in imports), 4)
        for name in imports[0]["stages"]
    }
    return {
        "file": str(path.relative_to(ROOT)),
        "file_mb": round(path.stat().st_size / 1e6, 2),
        "analytics_root": str(analytics_root) if analytics_root else None,
        "baseline": (
            "csv.reader" if csv_file else "python_calamine to_python(skip_empty_area=False)"
        ),
        "baseline_seconds": round(base, 4),
        "import_seconds": round(imp, 4),
        "ratio": round(imp / base, 3),
        "target": TARGET,
        "pass": imp / base <= TARGET,
        "baseline_cpu_seconds": round(base_cpu, 4),
        "import_cpu_seconds": round(imp_cpu, 4),
        "cpu_ratio": round(imp_cpu / base_cpu, 3),
        "rows_expected": rows,
        "rows_imported": int(imports[0]["rows_imported"]),
        "warnings": int(imports[0]["warnings"]),
        "baseline_peak_rss_mb": round(max(float(r["peak_rss_mb"]) for r in baseline), 1),
        "import_peak_rss_mb": round(max(float(r["peak_rss_mb"]) for r in imports), 1),
        "baseline_runs": [round(float(r["seconds"]), 4) for r in baseline],
        "import_runs": [round(float(r["seconds"]), 4) for r in imports],
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "import_stages_median": stages,
    }


def _print_table(results: list[dict[str, Any]]) -> None:
    head = (
        f"{'file':<36} {'baseline s':>10} {'import s':>9} {'ratio':>6} {'target':>6} "
        f"{'result':>6} {'cpu ratio':>9} {'rows':>7} {'RSS base':>9} {'RSS import':>10}"
    )
    print("\n" + head + "\n" + "-" * len(head))
    for r in results:
        name = Path(r["file"]).name + (" (other root)" if r["analytics_root"] else "")
        verdict = "n/a" if r["baseline"] == "csv.reader" else ("PASS" if r["pass"] else "FAIL")
        print(
            f"{name:<36} {r['baseline_seconds']:>10.3f} {r['import_seconds']:>9.3f} "
            f"{r['ratio']:>6.2f} {r['target']:>6.1f} {verdict:>6} {r['cpu_ratio']:>9.2f} "
            f"{r['rows_imported']:>7} {r['baseline_peak_rss_mb']:>7.0f}MB "
            f"{r['import_peak_rss_mb']:>8.0f}MB"
        )
    for r in results:
        print(f"\nimport stages, median wall seconds ({Path(r['file']).name}):")
        for name, seconds in r["import_stages_median"].items():
            print(f"  {name:<28} {seconds:8.3f}")
    load = sorted({value for r in results for value in r["load_average"]})
    print(
        f"\n1-minute load average during the runs: {load[0]:.1f}-{load[-1]:.1f} on {os.cpu_count()} CPUs"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="also profile one import (cProfile)")
    parser.add_argument(
        "--pyinstrument", action="store_true", help="profile with pyinstrument (if installed)"
    )
    parser.add_argument(
        "--csv", action="store_true", help="also measure the CSV (UTF-8 BOM) variant"
    )
    parser.add_argument(
        "--shared-strings",
        action="store_true",
        help="also measure an xlsx with a shared-strings table, as Excel writes it (slow to generate)",
    )
    parser.add_argument(
        "--analytics-root",
        type=Path,
        help="import the analytics package from this checkout (a git worktree of an older "
        "commit, say) for a before/after comparison; not saved to the JSON result",
    )
    parser.add_argument(
        "--isolation",
        action="store_true",
        help="only measure reading in a child process against reading in-process (a 40-row "
        "ward roster and the --rows roster); written to benchmarks/results/isolation.json",
    )
    parser.add_argument("--no-save", action="store_true", help="do not write the JSON result")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--profile-with", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        if args.analytics_root:
            sys.path.insert(0, str(args.analytics_root.resolve()))
        print(json.dumps(worker(args.worker, Path(args.file), args.profile_with)))
        return 0

    if args.isolation:
        found = measure_isolation([ward_roster_path(), roster_path(args.rows, "xlsx")], args.repeat)
        if not args.no_save:
            out = RESULTS.with_name("isolation.json")
            payload = {
                "command": " ".join(
                    [".venv/bin/python benchmarks/import_speed.py", *(argv or sys.argv[1:])]
                ),
                "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
                "note": "Wall-clock medians of fresh processes; read_workbook (child process) "
                "against read_workbook_unsafe (same process).",
                "load_average": round(os.getloadavg()[0], 2),
                "results": found,
            }
            out.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")
            print(f"\nwrote {out.relative_to(ROOT)}")
        return 0

    files = [(roster_path(args.rows, "xlsx"), False)]
    if args.shared_strings:
        files.append((roster_path(args.rows, "xlsx", shared_strings=True), False))
    if args.csv:
        files.append((roster_path(args.rows, "csv"), True))
    results = []
    for path, is_csv in files:
        print(f"\n{path.relative_to(ROOT)}: {args.repeat} × (baseline, import), fresh processes")
        results.append(
            measure(
                path, args.rows, args.repeat, csv_file=is_csv, analytics_root=args.analytics_root
            )
        )
    _print_table(results)
    if args.profile or args.pyinstrument:
        profiler = "pyinstrument" if args.pyinstrument else "cprofile"
        _run_worker("import", files[0][0], profiler, args.analytics_root)
    if not args.no_save and not args.analytics_root:
        _save(results, args, argv)
    return 0 if all(r["pass"] for r in results if r["baseline"] != "csv.reader") else 1


def _save(results: list[dict[str, Any]], args: argparse.Namespace, argv: list[str] | None) -> None:
    from importlib.metadata import version

    payload = {
        "command": " ".join(
            [
                ".venv/bin/python benchmarks/import_speed.py",
                *(argv if argv is not None else sys.argv[1:]),
            ]
        ),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
        "rows": args.rows,
        "repeat": args.repeat,
        "target_ratio": TARGET,
        "pass": results[0]["pass"],
        "note": (
            "Wall-clock medians of fresh processes; the machine may have been shared (see "
            "load_average). cpu_ratio counts the CPU time of all threads (DuckDB runs in parallel)."
        ),
        "results": results,
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            **{
                name: version(name)
                for name in ("python-calamine", "duckdb", "pyarrow", "xlsxwriter")
            },
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    raise SystemExit(main())
