"""Canonical categories: the one place for their values, order, colours and labels.

Values follow DOMAIN.md §3 (TT 11/2012/TT-BNV form BM02 and its successors). Every category also
has the "no data" bucket ``NO_DATA``: shown, never dropped.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

NO_DATA: Final = "Chưa cập nhật"
NO_DATA_COLOUR: Final = "#B0B0B0"

EDUCATION_LEVELS: Final = (
    "Tiến sĩ",
    "Thạc sĩ",
    "Đại học",
    "Cao đẳng",
    "Trung cấp",
    "Sơ cấp",
    "Chưa qua đào tạo",
)
# Rank used for "at least" comparisons (higher is better).
EDUCATION_RANK: Final = {
    level: len(EDUCATION_LEVELS) - i for i, level in enumerate(EDUCATION_LEVELS)
}

POLITICAL_THEORY_LEVELS: Final = ("Cử nhân", "Cao cấp", "Trung cấp", "Sơ cấp", "Chưa qua đào tạo")
# Cử nhân and Cao cấp rank equal for standards.
POLITICAL_THEORY_RANK: Final = {
    "Cử nhân": 4,
    "Cao cấp": 4,
    "Trung cấp": 3,
    "Sơ cấp": 2,
    "Chưa qua đào tạo": 1,
}

STATE_MANAGEMENT_LEVELS: Final = (
    "Chuyên viên cao cấp",
    "Chuyên viên chính",
    "Chuyên viên",
    "Cán sự",
    "Chưa qua bồi dưỡng",
)
STATE_MANAGEMENT_RANK: Final = {
    level: len(STATE_MANAGEMENT_LEVELS) - i for i, level in enumerate(STATE_MANAGEMENT_LEVELS)
}

IT_LEVELS: Final = (
    "Đại học trở lên",
    "Cao đẳng",
    "Trung cấp",
    "Nâng cao",
    "Cơ bản",
    "Chứng chỉ C",
    "Chứng chỉ B",
    "Chứng chỉ A",
    "Chưa có",
)

LANGUAGE_LEVELS: Final = (
    "Đại học trở lên",
    "Bậc 6 (C2)",
    "Bậc 5 (C1)",
    "Bậc 4 (B2)",
    "Bậc 3 (B1)",
    "Bậc 2 (A2)",
    "Bậc 1 (A1)",
    "Chứng chỉ C",
    "Chứng chỉ B",
    "Chứng chỉ A",
    "Chưa có",
)

RANKS: Final = {
    "01.001": "Chuyên viên cao cấp",
    "01.002": "Chuyên viên chính",
    "01.003": "Chuyên viên",
    "01.004": "Cán sự",
    "01.005": "Nhân viên",
}

# Criteria of the standards frame (khung tiêu chuẩn), in display order.
CRITERIA: Final = {
    "education_level": "Trình độ chuyên môn",
    "major": "Chuyên ngành",
    "political_theory": "Lý luận chính trị",
    "state_management": "Quản lý nhà nước",
    "certificate": "Chứng chỉ",
}
LEVEL_RANKS: Final = {
    "education_level": EDUCATION_RANK,
    "political_theory": POLITICAL_THEORY_RANK,
    "state_management": STATE_MANAGEMENT_RANK,
}
CHECK_RESULTS: Final = ("chưa đạt", "thiếu", "chưa có dữ liệu", "đạt")
CHECK_COLOURS: Final = {
    "đạt": "#5AAE61",
    "chưa đạt": "#D73027",
    "thiếu": "#F46D43",
    "chưa có dữ liệu": NO_DATA_COLOUR,
}

GENDERS: Final = ("Nam", "Nữ")

GRADES: Final = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
GRADE_LABELS: Final = {
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "Hoàn thành tốt nhiệm vụ",
    "HTNV": "Hoàn thành nhiệm vụ",
    "KHTNV": "Không hoàn thành nhiệm vụ",
}
GRADE_COLOURS: Final = {
    "HTXSNV": "#1B7837",
    "HTTNV": "#5AAE61",
    "HTNV": "#F1A340",
    "KHTNV": "#D73027",
    NO_DATA: NO_DATA_COLOUR,
}

# Official age bands of the statistics reports (DOMAIN.md §3).
# When a person reaches retirement age (NĐ 135/2020), counted from the roster's date: the
# ``horizon`` codes 0–5 of analytics/sql/queries/retirement_forecast.sql, in that order.
RETIREMENT_HORIZONS: Final = (
    "Đã đến tuổi nghỉ hưu",
    "Trong 12 tháng tới",
    "Từ 13 đến 24 tháng",
    "Từ 25 đến 60 tháng",
    "Sau 60 tháng",
    "Chưa đủ thông tin (giới tính, năm sinh)",
)
RETIREMENT_WITHIN: Final = (12, 24, 60)  # the months the plan's forecast looks ahead

# Where a person of a sensitive field stands against the rotation period of their field
# (rotation_periods, migration 012): the codes 0–3 of analytics/sql/queries/rotation_due.sql.
# "Đến hạn" is a prompt for the leaders to consider, never a verdict.
ROTATION_STATUSES: Final = (
    "Đến hạn chuyển đổi",
    "Sắp đến hạn chuyển đổi",
    "Chưa đến hạn",
    "Chưa có ngày giữ vị trí",
)

AGE_BANDS: Final = ("Dưới 30", "30–40", "41–50", "51–60", "Trên tuổi nghỉ hưu")

# The ward's units (NĐ 150/2025), in the order rosters list them.
UNITS: Final = (
    "Lãnh đạo UBND phường",
    "Văn phòng HĐND và UBND",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng Văn hóa – Xã hội",
    "Trung tâm Phục vụ hành chính công",
)

# The 34 provinces and centrally-run cities since 12/6/2025 (NQ 202/2025/QH15), as a roster's
# "Tỉnh/thành phố" column names them once normalised (analytics.ingest.normalize.province_name):
# the six cities first, then the provinces.
PROVINCES: Final = (
    "Thành phố Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Thành phố Hải Phòng",
    "Thành phố Đà Nẵng",
    "Thành phố Cần Thơ",
    "Thành phố Huế",
    "Tỉnh Tuyên Quang",
    "Tỉnh Cao Bằng",
    "Tỉnh Lai Châu",
    "Tỉnh Lào Cai",
    "Tỉnh Thái Nguyên",
    "Tỉnh Điện Biên",
    "Tỉnh Lạng Sơn",
    "Tỉnh Sơn La",
    "Tỉnh Phú Thọ",
    "Tỉnh Bắc Ninh",
    "Tỉnh Quảng Ninh",
    "Tỉnh Hưng Yên",
    "Tỉnh Ninh Bình",
    "Tỉnh Thanh Hóa",
    "Tỉnh Nghệ An",
    "Tỉnh Hà Tĩnh",
    "Tỉnh Quảng Trị",
    "Tỉnh Quảng Ngãi",
    "Tỉnh Gia Lai",
    "Tỉnh Khánh Hòa",
    "Tỉnh Lâm Đồng",
    "Tỉnh Đắk Lắk",
    "Tỉnh Đồng Nai",
    "Tỉnh Tây Ninh",
    "Tỉnh Vĩnh Long",
    "Tỉnh Đồng Tháp",
    "Tỉnh Cà Mau",
    "Tỉnh An Giang",
)

# Fields of work; the sensitive ones are flagged in the database table `fields` (editable).
FIELDS: Final = (
    "Đất đai",
    "Xây dựng",
    "Tài chính – Kế toán",
    "Công nghệ thông tin",
    "Giáo dục",
    "Y tế",
    "Dân tộc",
    "Tôn giáo",
    "Khiếu nại – Tố cáo",
    "Tư pháp – Hộ tịch",
    "Tài nguyên – Môi trường",
    "Văn hóa – Xã hội",
    "Lao động – Thương binh và Xã hội",
    "Kinh tế",
    "Nội vụ",
    "Văn phòng – Tổng hợp",
    "Quân sự – Quốc phòng",
    "Công an",
    "Lãnh đạo, quản lý",
)

PLAN_STATUSES: Final = ("Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Tạm dừng")
# A task reported 'Hoàn thành' after its due date stays done (counted as 'Hoàn thành') but is shown
# as "Hoàn thành muộn N ngày" (plan_task_status.sql: done_late, days_late).
PLAN_DONE_LATE: Final = "Hoàn thành muộn"
PLAN_STATUS_COLOURS: Final = {
    "Hoàn thành": "#1B7837",
    PLAN_DONE_LATE: "#8C6D00",
    "Đang thực hiện": "#4575B4",
    "Chưa thực hiện": "#F1A340",
    "Tạm dừng": "#8073AC",
    "Quá hạn": "#D73027",
    NO_DATA: NO_DATA_COLOUR,
}
# The plan was issued in 6/2026 (DOMAIN.md §1): a dated task without reports starts here, and a
# recurring task's reporting periods are counted from the period holding this day (or an earlier
# first report).
PLAN_START: Final = dt.date(2026, 6, 1)
# How often a recurring task is reported (marts/plan_tasks.sql: report_every), as read in a
# sentence ("theo quý").
PLAN_REPORT_EVERY: Final = {"month": "tháng", "quarter": "quý", "year": "năm"}
# A reporting period of a recurring task (plan_periods.sql: state), its label and colour.
PLAN_PERIOD_STATES: Final = {
    "reported": "Đã báo cáo",
    "missed": "Thiếu báo cáo",
    "open": "Kỳ hiện tại, chưa báo cáo",
}
PLAN_PERIOD_COLOURS: Final = {"reported": "#1B7837", "missed": "#D73027", "open": "#9E9E9E"}

# Levels as ordered palettes: darker = higher.
LEVEL_PALETTE: Final = (
    "#08306B",
    "#08519C",
    "#2171B5",
    "#4292C6",
    "#6BAED6",
    "#9ECAE1",
    "#C6DBEF",
    "#DEEBF7",
    "#F7FBFF",
    "#FFF5EB",
    "#FEE6CE",
)


def palette_for(levels: tuple[str, ...]) -> dict[str, str]:
    """Fixed colours for an ordered category, with the grey no-data bucket.

    >>> palette_for(("A", "B"))["A"]
    '#08306B'
    """
    step = max(1, len(LEVEL_PALETTE) // max(1, len(levels)))
    colours = {
        level: LEVEL_PALETTE[min(i * step, len(LEVEL_PALETTE) - 1)]
        for i, level in enumerate(levels)
    }
    colours[NO_DATA] = NO_DATA_COLOUR
    return colours


# Major groups for the distribution of majors: (group, keywords matched inside the major, folded).
MAJOR_GROUPS: Final = (
    ("Luật", ("luat",)),
    ("Kinh tế", ("kinh te", "quan tri kinh doanh", "thuong mai")),
    ("Tài chính – Kế toán", ("ke toan", "kiem toan", "tai chinh", "ngan hang")),
    (
        "Quản lý đất đai, tài nguyên",
        ("dat dai", "dia chinh", "trac dia", "tai nguyen", "moi truong"),
    ),
    ("Xây dựng, kiến trúc", ("xay dung", "kien truc", "quy hoach", "giao thong")),
    (
        "Công nghệ thông tin",
        ("cong nghe thong tin", "cntt", "tin hoc", "may tinh", "vien thong", "phan mem"),
    ),
    (
        "Hành chính, quản lý nhà nước",
        ("hanh chinh", "quan ly nha nuoc", "chinh tri", "xay dung dang"),
    ),
    ("Văn hóa, xã hội", ("van hoa", "xa hoi", "cong tac xa hoi", "du lich")),
    ("Giáo dục", ("su pham", "giao duc")),
    ("Y, dược", ("y", "duoc", "dieu duong", "y te", "y khoa", "bac si")),
    ("Khác", ()),
)
