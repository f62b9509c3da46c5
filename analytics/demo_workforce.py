"""What the demo ward's 2026 roster says for workforce planning (issue 11), by demo person key
(``analytics.demo_files._SLOTS``): the date each person took their post, the "Tình trạng" and
youngest child's birth that set someone aside, and the births moved so that a few people reach
retirement age within 24 months. Synthetic: no real person.

Worked by hand at the roster's date 30/09/2026, 3-year periods and 6 months' notice
(migration 012): due when the post was taken on or before 30/09/2023, near up to 30/03/2024.
"""

from __future__ import annotations

from datetime import date
from typing import Final

#: Births replacing the drawn ones (the draws still happen, so nobody else changes): the
#: complaints officer retires 31/08/2027 (11/1965 + 61 years 9 months), the land officer on
#: Trung cấp 30/04/2028 (04/1966 + 62 years). Both stay in the 51–60 age band.
BIRTH_OVERRIDES: Final[dict[str, date]] = {
    "tiep_dan_kinh_te": date(1965, 11, 12),
    "dia_chinh_tc": date(1966, 4, 20),
}

#: "Giữ vị trí từ" of the 2026 roster, as the cell is written (a date, "m/yyyy" or a year).
#: Sensitive posts: five due (Nam 2015, Quân 3/2019 and retiring within 18 months, Uyên 2020,
#: Giang 2021 year only, Nga 2019 with a child under 36 months), two near (Long 01/02/2024,
#: Ngân 15/03/2024), the transport officer without a date; everyone else recent.
POST_SINCE: Final[dict[str, date | str | int]] = {
    "chu_tich": date(2025, 7, 1),
    "pct_kinh_te": date(2025, 7, 1),
    "pct_van_hoa": date(2025, 7, 1),
    "chanh_vp": date(2025, 7, 1),
    "pho_chanh_vp": date(2021, 5, 10),
    "tu_phap_vp": date(2024, 9, 1),
    "tiep_dan_kinh_te": "3/2019",
    "cntt_van_hoa": date(2024, 10, 1),
    "ke_toan_vp": date(2020, 6, 15),
    "van_thu_thieu_cm": date(2012, 3, 1),
    "thi_dua_vp": date(2018, 8, 1),
    "quan_tri_vp": date(2023, 2, 1),
    "tp_kinh_te": date(2025, 7, 1),
    "ptp_dat_dai": date(2024, 6, 1),
    "ptp_tai_chinh": date(2025, 7, 1),
    "ke_toan_luat": date(2024, 11, 1),
    "dia_chinh_tc": date(2015, 7, 1),
    "dia_chinh_dh": date(2025, 1, 2),
    "xay_dung_cd": date(2024, 2, 1),
    "do_thi_kts": date(2024, 3, 15),
    "moi_truong_moi": date(2026, 1, 5),
    "nong_nghiep": date(2016, 4, 1),
    "tp_van_hoa_sc": date(2025, 7, 1),
    "ptp_noi_vu": date(2025, 7, 1),
    "noi_vu": date(2022, 9, 1),
    "van_hoa": date(2017, 1, 3),
    "y_te_nam_sinh": date(2025, 3, 1),
    "giao_duc": date(2019, 9, 1),
    "lao_dong": date(2014, 10, 1),
    "dan_toc_ton_giao": date(2025, 3, 2),
    "giam_doc_tt": date(2025, 7, 1),
    "pgd_tt": date(2025, 7, 1),
    "ho_tich_nang_cap": date(2025, 8, 1),
    "mot_cua_thieu_cm": date(2020, 1, 6),
    "mot_cua_dat_dai": 2021,
    "ho_tich_tt": date(2024, 12, 16),
    "cntt_tt": date(2025, 4, 1),
    "tiep_nhan_moi": date(2026, 8, 17),
    "tiep_nhan_tt": date(2023, 11, 1),
}

#: "Tình trạng": the accountant whose degree does not match her post is on maternity leave,
#: so the review list sets her aside ("tạm chưa xem xét").
STATUS: Final[dict[str, str]] = {"ke_toan_luat": "Đang nghỉ thai sản"}

#: "Ngày sinh con nhỏ nhất": the education officer's child is 25 months old on 30/09/2026.
CHILD_BIRTH: Final[dict[str, date]] = {"giao_duc": date(2024, 8, 12)}
