"""Nhật ký truy cập: who signed in, imported, exported, downloaded or changed what, and when
(Vietnam time). For leaders and the HR officer; read, filter and export; never edited."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import audit
from analytics.policy import ROLE_LABELS, Action
from ui import data, paging
from ui.filters import current_scope
from ui.text import plain
from ui.widgets import audited_download, csv_bytes, empty_state

COLUMNS = {
    "at": "Thời điểm (giờ Việt Nam)",
    "username": "Tài khoản",
    "role": "Vai trò",
    "action_label": "Việc",
    "outcome_label": "Kết quả",
    "detail": "Chi tiết",
    "address": "Địa chỉ máy",
}

scope = current_scope()
scope.require(Action.VIEW_AUDIT)
store = data.store()
st.title("Nhật ký truy cập")
st.caption(
    "Mọi lần đăng nhập (cả không thành công), đăng xuất, nhập tệp (cả tệp bị từ chối), hoàn tác, "
    "xuất và tải tệp, sửa khung tiêu chuẩn, cập nhật tiến độ và thay đổi tài khoản. Nhật ký chỉ "
    "được ghi thêm, không sửa hay xóa được."
)
if audit.verify(store):
    st.caption(":material/verified: Chuỗi nhật ký toàn vẹn: không dòng nào bị sửa hay xóa.")
else:
    st.error(
        "Chuỗi nhật ký không khớp: có dòng đã bị sửa hoặc xóa ngoài ứng dụng. Báo ngay cho cán bộ "
        "quản trị hệ thống.",
        icon=":material/gpp_bad:",
    )

today = audit.vietnam_time(audit.utc_now()).date()
c1, c2, c3 = st.columns([2, 2, 3])
period = c1.date_input(
    "Từ ngày – đến ngày",
    value=(today - dt.timedelta(days=30), today),
    max_value=today,
    format="DD/MM/YYYY",
    key="audit_period",
)
users = c2.multiselect("Tài khoản", audit.usernames(store), key="audit_users", placeholder="Tất cả")
actions = c3.multiselect(
    "Việc",
    list(audit.ACTIONS),
    format_func=audit.ACTIONS.get,
    key="audit_actions",
    placeholder="Tất cả",
)
since, until = (period[0], period[-1]) if isinstance(period, tuple) and period else (None, None)
frame = audit.entries(
    store, since=since, until=until, usernames=tuple(users), actions=tuple(actions)
)
if frame.empty:
    empty_state("Không có mục nào trong nhật ký với bộ lọc đã chọn.")
    st.stop()

failed = int((frame["outcome"] != "ok").sum())
m1, m2, m3 = st.columns(3)
m1.metric("Số mục", len(frame), border=True)
m2.metric("Không thành công / bị từ chối", failed, border=True)
m3.metric("Số tài khoản", frame["username"].nunique(), border=True)
shown = (
    frame.assign(role=frame["role"].map(ROLE_LABELS).fillna(frame["role"]))[list(COLUMNS)]
    .fillna("—")
    .rename(columns=COLUMNS)
)
exported = shown.assign(**{COLUMNS["at"]: frame["at"].dt.strftime("%d/%m/%Y %H:%M:%S")})
# One page sent, the CSV below has every entry; a wrapping table: the details read in full at
# 1366 px (st.table reads markdown: cells escaped).
st.table(paging.page(exported, key="audit").map(plain), hide_index=True)
audited_download(
    "Tải nhật ký (CSV)",
    csv_bytes(exported),
    file_name=f"nhat_ky_{today:%Y-%m-%d}.csv",
    mime="text/csv",
    key="audit_csv",
    action="download_audit",
    detail=f"{len(exported)} mục",
)
