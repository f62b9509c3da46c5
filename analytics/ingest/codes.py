"""The stable codes of import errors and warnings, and what each means.

An ``Issue`` carries one of these beside its Vietnamese sentence: scripts and tests read the
code, people read the sentence. A code never changes meaning; a new problem gets a new code
here (tests/test_issue_codes.py checks that every code the importers use is listed).
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # ---- the file itself (readers, isolation)
    "FILE_UNREADABLE": "Không đọc được tệp từ đĩa.",
    "FILE_EMPTY": "Tệp rỗng.",
    "FILE_TOO_BIG": "Tệp vượt giới hạn dung lượng.",
    "FILE_NOT_SPREADSHEET": "Tệp không phải bảng tính (xlsx, xls, csv).",
    "FILE_HTML": "Tệp là trang HTML/XML, không phải bảng tính.",
    "ZIP_BROKEN": "Tệp xlsx hỏng hoặc không trọn vẹn.",
    "ZIP_BOMB": "Tệp xlsx giải nén ra quá lớn (zip bomb).",
    "ZIP_UNSUPPORTED": "Tệp xlsx nén hoặc mã hóa theo cách không hỗ trợ.",
    "XLSX_NOT_WORKBOOK": "Tệp nén không phải bảng tính Excel.",
    "XLS_BROKEN": "Tệp xls hỏng hoặc không trọn vẹn.",
    "SHEET_TOO_LARGE": "Trang tính trải tới quá nhiều ô.",
    "SHEET_UNREADABLE": "Không đọc được một trang tính.",
    "NO_SHEETS": "Tệp không có trang tính nào.",
    "CELL_TOO_LONG": "Một ô dài hơn giới hạn 32.767 ký tự của Excel.",
    "TEXT_TOO_LARGE": "Tổng văn bản của tệp vượt giới hạn an toàn.",
    "CSV_UNBALANCED_QUOTE": "CSV có dấu ngoặc kép không đóng.",
    "CSV_FIELD_TOO_LONG": "CSV có một trường quá dài.",
    "CSV_BINARY": "Tệp có dữ liệu nhị phân, không phải văn bản CSV.",
    "CSV_ENCODING": "Không nhận ra bảng mã của CSV.",
    "CSV_MIXED_ENCODING": "CSV trộn các dòng UTF-8 và Windows-1258 (đã đọc từng dòng).",
    "PARSE_TIMEOUT": "Đọc tệp quá thời gian cho phép.",
    "PARSE_MEMORY": "Đọc tệp cần quá nhiều bộ nhớ.",
    "PARSE_CRASHED": "Trình đọc tệp dừng bất thường.",
    # ---- legacy text
    "LEGACY_CONVERTED": "Văn bản mã TCVN3/VNI đã chuyển sang Unicode.",
    "LEGACY_MIXED_COLUMN": "Cột trộn ô Unicode và ô mã cũ, chuyển từng ô.",
    "LEGACY_CAPITALS_INFERRED": "Chữ hoa của văn bản TCVN3 được khôi phục theo cách viết.",
    # ---- finding the table
    "SHEET_NOT_FOUND": "Không có trang tính được chỉ định.",
    "NO_HEADER": "Không tìm thấy dòng tiêu đề của loại tệp này.",
    "NO_RECORDS": "Có dòng tiêu đề nhưng không có dòng dữ liệu.",
    "ROW_NOT_A_PERSON": "Một dòng có 'họ tên' là tên đơn vị hay đề mục; không nhập như một người.",
    "WARD_ASSUMED": "Tệp không ghi phường/xã; lấy phường duy nhất trong cơ sở dữ liệu.",
    "WARD_UNKNOWN": "Không xác định được phường/xã.",
    "WARD_NOT_ALLOWED": "Tệp có dữ liệu của phường mà tài khoản không được nhập.",
    # ---- values
    "NUMBER_INVALID": "Ô không phải số.",
    "NUMBER_OUT_OF_RANGE": "Số ngoài khoảng cho phép.",
    "VALUE_UNRECOGNISED": "Giá trị không nhận ra; để trống.",
    "GENDER_BOTH_COLUMNS": "Đánh dấu ở cả cột Nam và cột Nữ.",
    "BIRTH_DATE_INVALID": "Ngày sinh không đọc được; người vẫn được nhập, ngày sinh để trống.",
    "BIRTH_DATE_NOTE": "Ngày sinh đọc được nhưng nên kiểm tra.",
    "DATE_TWO_DIGIT_YEAR": "Năm viết hai chữ số, hiểu theo quy tắc của Excel.",
    # ---- rosters
    "ROSTER_NO_DATE": "Không thấy ngày số liệu; coi là hôm nay.",
    "ROSTER_BIRTH_FUTURE": "Ngày sinh sau ngày số liệu.",
    "ROSTER_AGE_UNDER_18": "Tuổi dưới 18 tại ngày số liệu.",
    "ROSTER_AGE_OVER_70": "Tuổi trên 70 tại ngày số liệu.",
    "ROSTER_START_DATE_INVALID": "Ngày giữ vị trí hoặc ngày sinh của con không đọc được; để trống.",
    "ROSTER_START_DATE_FUTURE": "Ngày giữ vị trí hoặc ngày sinh của con sau ngày số liệu; để trống.",
    "ROSTER_DUPLICATE_PERSON": "Hai dòng trùng họ tên và ngày sinh (hoặc mã CBCC).",
    "ROSTER_PEOPLE_LEAVE": "Có người sẽ không còn trong danh sách hiện hành.",
    "ROSTER_OLDER_THAN_CURRENT": "Tệp cũ hơn danh sách hiện hành; lưu như một kỳ trước.",
    "ROSTER_WARD_TWO_PROVINCES": "Các dòng của một phường/xã ghi hai tỉnh/thành phố khác nhau.",
    # ---- evaluations
    "EVAL_YEAR_INVALID": "Năm đánh giá không hợp lệ.",
    "EVAL_NO_PERIOD": "Không xác định được kỳ (năm, quý, tháng) đánh giá.",
    "EVAL_PERIOD_INVALID": "Kỳ đánh giá không hợp lệ.",
    "EVAL_GRADE_INVALID": "Xếp loại không hợp lệ.",
    "EVAL_SCORE_INVALID": "Điểm không hợp lệ.",
    "EVAL_RATE_INVALID": "Tỷ lệ không hợp lệ.",
    "EVAL_NO_RESULT": "Dòng chưa có xếp loại và điểm.",
    "EVAL_UNMATCHED": "Không tìm thấy người trong danh sách.",
    "EVAL_AMBIGUOUS": "Khớp với nhiều người trong danh sách.",
    "EVAL_NAME_ONLY": "Chỉ khớp theo họ tên.",
    "EVAL_DUPLICATE_PERSON": "Cùng một người hai lần trong một tệp đánh giá.",
    # ---- plans and progress
    "PLAN_DUPLICATE_TASK": "Mã nhiệm vụ trùng trong cùng một phường.",
    "PROGRESS_UNKNOWN_TASK": "Nhiệm vụ không có trong kế hoạch của phường.",
    "PROGRESS_DATE_INVALID": "Ngày báo cáo không hợp lệ.",
    "PROGRESS_STATUS_INVALID": "Tình trạng không hợp lệ.",
    # ---- training records
    "TRAINING_COURSE_MISSING": "Dòng không ghi nội dung đào tạo, bồi dưỡng.",
    "TRAINING_DATE_INVALID": "Ngày hoặc thời gian học không đọc được.",
    "TRAINING_DATES_REVERSED": "Ngày kết thúc trước ngày bắt đầu.",
    "TRAINING_STATUS_INVALID": "Tình trạng khóa học không nhận ra.",
    "TRAINING_COURSE_OTHER": "Khóa học không thuộc nội dung nào của course_rules (khóa khác).",
    "TRAINING_UNMATCHED": "Không tìm thấy người trong danh sách.",
    "TRAINING_AMBIGUOUS": "Khớp với nhiều người trong danh sách.",
    "TRAINING_NAME_ONLY": "Chỉ khớp theo họ tên.",
}
