"""Vietnamese labels of the columns shown to users (screens and exports): one place."""

from __future__ import annotations

from typing import Final

import pandas as pd

from analytics import categories as cat

COLUMN_LABELS: Final = {
    "staff_id": "Mã CBCC",
    "full_name": "Họ và tên",
    "birth_date": "Ngày sinh",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
    "unit": "Đơn vị",
    "username": "Tên đăng nhập",
    "role": "Vai trò",
    "account_state": "Trạng thái",
    "last_sign_in_at": "Đăng nhập gần nhất",
    "position": "Chức vụ",
    "field": "Lĩnh vực",
    "education_level": "Trình độ chuyên môn",
    "major": "Chuyên ngành",
    "major_group": "Nhóm ngành",
    "political_theory": "Lý luận chính trị",
    "state_management": "Quản lý nhà nước",
    "it_skill": "Tin học",
    "foreign_language": "Ngoại ngữ",
    "party_member": "Đảng viên",
    "age": "Tuổi",
    "age_band": "Độ tuổi",
    "ward": "Phường/xã",
    "sensitive": "Lĩnh vực nhạy cảm",
    "criterion_label": "Tiêu chí",
    "required": "Yêu cầu",
    "actual": "Hiện có",
    "result": "Kết quả",
    "reason": "Lý do",
    "legal_source": "Căn cứ",
    "retirement_date": "Ngày nghỉ hưu",
    "retirement_age": "Tuổi nghỉ hưu",
    "estimated": "Ước tính (chỉ có năm sinh)",
    "months_left": "Còn (tháng)",
    "horizon_label": "Thời điểm",
    "post_since": "Giữ vị trí từ",
    "post_since_estimated": "Ước tính (chỉ có tháng, năm)",
    "held_months": "Đã giữ (tháng)",
    "period_years": "Thời hạn (năm)",
    "rotation_due_date": "Đến hạn ngày",
    "rotation_label": "Chuyển đổi vị trí",
    "note_text": "Lưu ý",
    "retires_soon": "Sắp nghỉ hưu (không đề xuất chuyển đổi)",
    "exclusion": "Tạm chưa xem xét vì",
    "exclusion_source": "Căn cứ tạm chưa xem xét",
    "case_text": "Trường hợp theo NĐ 154/2025",
    # the counts of rotation_summary, one per status
    **{f"status_{i}": label for i, label in enumerate(cat.ROTATION_STATUSES)},
    "candidate_name": "Người đã đạt tiêu chuẩn vị trí",
    "candidate_unit": "Đơn vị của người đạt",
    "candidate_position": "Chức vụ của người đạt",
    "candidate_field": "Lĩnh vực đang làm",
    "candidate_note": "Lưu ý",
    "candidate_count": "Tổng số người đạt",
    # staffing (queries.staffing) and training needs (queries.training_summary)
    "head_count": "Số người",
    "quota": "Biên chế được giao",
    "norm": "Định mức",
    "norm_status": "So với định mức",
    "leavers": "Nghỉ hưu trong 24 tháng",
    "projected_vacancies": "Dự kiến thiếu",
    "course": "Nội dung đào tạo, bồi dưỡng",
    "needed": "Cần",
    "not_registered": "Chưa đăng ký",
    "planned": "Đã lên kế hoạch",
    "ongoing": "Đang học",
    "done": "Đã hoàn thành",
    "reached": "Đã đến tuổi",
    "within_12": "Trong 12 tháng",
    "within_24": "Trong 24 tháng",
    "within_60": "Trong 60 tháng",
    "year": "Năm",
    "grade": "Xếp loại",
    "score": "Điểm",
    "on_time_rate": "Hồ sơ đúng hạn (%)",
    "satisfaction": "Mức độ hài lòng (%)",
    "disciplined": "Kỷ luật",
    "note": "Ghi chú",
    "task_code": "Mã",
    "title": "Nhiệm vụ",
    "lead_unit": "Chủ trì",
    "coordinating_units": "Phối hợp",
    "deadline_text": "Thời hạn (theo kế hoạch)",
    "due_date": "Hạn hoàn thành",
    "status": "Tình trạng",
    "percent": "Tỷ lệ hoàn thành (%)",
    "last_report_date": "Báo cáo gần nhất",
    "deliverable": "Sản phẩm",
    "reported_deliverable": "Sản phẩm đã có",
    "accountable": "Người chịu trách nhiệm",
    "authority": "Thẩm quyền",
    "missing_clear": "Thiếu (6 rõ)",
    "report_date": "Ngày báo cáo",
    "reported_by": "Người báo cáo",
    "problem": "Vấn đề",
    "source_row": "Dòng trong tệp",
    "people": "Số người",
    "htxsnv": "HTXSNV",
    "httnv": "HTTNV",
    "allowed": "HTXSNV tối đa",
    "exceeded": "Vượt tỷ lệ",
    "file_name": "Tệp",
    "kind": "Loại",
    "imported_at": "Thời điểm nhập",
    "import_state": "Trạng thái",
    "imported_by": "Người nhập",
    "rows_imported": "Số dòng",
    "warnings": "Cảnh báo",
    "as_of": "Số liệu đến ngày",
    "days_overdue": "Số ngày quá hạn",
    # placements (screen 3) and the standards frame
    "worst_result": "Mức nặng nhất",
    "standard_id": "Mã tiêu chuẩn",
    "standard": "Tiêu chuẩn",
    "applies_to": "Áp dụng cho",
    "target": "Đối tượng",
    "active": "Đang áp dụng",
    "updated_at": "Sửa lần cuối",
    "updated_by": "Người sửa",
    "change_id": "Lần sửa",
    "action": "Thao tác",
    "changes": "Nội dung thay đổi",
    "changed_by": "Người sửa",
    "changed_at": "Thời điểm sửa",
    # evaluations (screen 4) and the plan (screen 5)
    "over_by": "Số vượt",
    "quota_status": "Đối chiếu tỷ lệ",
    "band": "Khung điểm",
    "reasons": "Lý do cần xem xét",
    "reason_count": "Số lý do",
    "quarter_report": "Báo cáo quý này",
    "days_late": "Số ngày trễ",
    "completed_date": "Ngày hoàn thành",
    "report_periods": "Kỳ báo cáo",
    "period_label": "Kỳ",
    "state_label": "Báo cáo trong kỳ",
    "last_note": "Ghi chú gần nhất",
    "source": "Nguồn",
    "created_at": "Thời điểm ghi",
    # qualifications (screen 2)
    "rank_code": "Mã ngạch",
    "ethnicity": "Dân tộc",
    "religion": "Tôn giáo",
    # data (screen 6): import preview, history, quality report
    "import_id": "Lần nhập số",
    "file_format": "Định dạng",
    "sheet": "Trang",
    "wards": "Phường/xã",
    "size_bytes": "Dung lượng (byte)",
    "is_leader": "Lãnh đạo",
    "language_name": "Tiếng",
    "certificates": "Chứng chỉ khác",
    "staff_type": "Cán bộ/Công chức",
    "sort_order": "Thứ tự",
    "recurring": "Thường xuyên",
    "assignee": "Người thực hiện",
    "match_method": "Cách ghép",
    "problem_group": "Nhóm vấn đề",
    # the plan across many wards (screen 5)
    "tasks": "Số nhiệm vụ",
    "done_tasks": "Hoàn thành",
    "done_late_tasks": "Trong đó hoàn thành muộn",
    "in_progress_tasks": "Đang thực hiện",
    "overdue_tasks": "Quá hạn",
    "not_started_tasks": "Chưa thực hiện",
    "paused_tasks": "Tạm dừng",
    "not_reported": "Chưa báo cáo quý này",
    "max_days_overdue": "Quá hạn lâu nhất (ngày)",
    "missing_clear_tasks": "Nhiệm vụ chưa đủ 6 rõ",
    "done_share": "Đã hoàn thành (%)",
    "tasks_missing": "Số nhiệm vụ chưa rõ",
    "wards_missing": "Số phường/xã có nhiệm vụ chưa rõ",
}


def labelled(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The chosen columns renamed to their Vietnamese labels."""
    chosen = [c for c in (columns or list(frame.columns)) if c in frame.columns]
    return frame[chosen].rename(columns=COLUMN_LABELS)


def number_vn(value: int) -> str:
    """12345 -> '12.345' (Vietnamese thousands mark)."""
    return f"{int(value):,}".replace(",", ".")


def roman(number: int) -> str:
    """The Roman numeral of a section of an official table ("I. Văn phòng HĐND và UBND").

    >>> roman(4), roman(9), roman(14)
    ('IV', 'IX', 'XIV')
    """
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


#: A staffing or quota row of the whole ward, not of one unit (``unit`` null).
WHOLE_WARD: Final = "Cả phường/xã"

#: The screens an export can hold (``python -m analytics export --view``; their url_path), and
#: the whole dashboard, with their Vietnamese names.
EXPORT_VIEWS: Final[dict[str, str]] = {
    "toan-bo": "Toàn bộ bảng điều khiển",
    "tong-quan": "Tổng quan",
    "trinh-do": "Trình độ đội ngũ",
    "bo-tri": "Bố trí theo tiêu chuẩn",
    "danh-gia": "Đánh giá, xếp loại",
    "ke-hoach": "Tiến độ kế hoạch",
    "ke-hoach-nhan-su": "Kế hoạch nhân sự",
    "so-sanh-phuong": "So sánh phường, xã",
}
