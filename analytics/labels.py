"""Vietnamese labels of the columns shown to users (screens and exports): one place."""

from __future__ import annotations

from typing import Final

import pandas as pd

COLUMN_LABELS: Final = {
    "staff_id": "Mã CBCC",
    "full_name": "Họ và tên",
    "birth_date": "Ngày sinh",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
    "unit": "Đơn vị",
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
    "imported_by": "Người nhập",
    "rows_imported": "Số dòng",
    "warnings": "Cảnh báo",
    "as_of": "Số liệu đến ngày",
    "days_overdue": "Số ngày quá hạn",
}


def labelled(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The chosen columns renamed to their Vietnamese labels."""
    chosen = [c for c in (columns or list(frame.columns)) if c in frame.columns]
    return frame[chosen].rename(columns=COLUMN_LABELS)
