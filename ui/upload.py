"""The import step of the data screen: check a file without writing (a dry run), show what
would be imported and why a file is refused, then import it on confirmation.

The helpers above ``upload_section`` take plain values and are tested with plain pytest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from analytics import audit, queries, templates
from analytics.ingest import kinds, readers
from analytics.ingest.importer import (
    KINDS,
    ImportOptions,
    ImportResult,
    UndoRefused,
    import_bytes,
    undo_import,
)
from analytics.ingest.issues import Issue
from analytics.ingest.normalize import clean_text, ward_name
from analytics.labels import COLUMN_LABELS
from analytics.policy import Action, PermissionDenied
from analytics.scope import OPERATOR, Account, Scope
from analytics.store import Store
from ui import auth, data
from ui.text import plain
from ui.widgets import csv_bytes, table

ALLOWED_TYPES = ["xlsx", "xls", "csv"]
MAX_SHOWN_ISSUES = 30
_CHECKED = "data_checked"
HISTORY_PICK = "data_original_pick"  # the key of the history's picker (pages/6_du_lieu.py)  # session key: (file and choices, result of the last check)


def kind_label(kind: str) -> str:
    """'roster' -> 'Danh sách cán bộ, công chức'."""
    label = kinds.label(kind)
    return label[:1].upper() + label[1:]


@dataclass(frozen=True)
class Choices:
    """What the user chose besides the file."""

    kind: str
    sheet: str | None = None
    year: int | None = None
    ward: str | None = None
    as_of: date | None = None
    imported_by: str | None = None
    period: str | None = None

    def options(self, *, dry_run: bool) -> ImportOptions:
        return ImportOptions(
            sheet=self.sheet,
            year=self.year,
            ward=clean_ward(self.ward),
            as_of=self.as_of,
            dry_run=dry_run,
            imported_by=(self.imported_by or "").strip() or None,
            period=clean_text(self.period or "") or None,
        )


def clean_ward(text: str | None) -> str | None:
    """'phường việt hòa' / 'PHƯỜNG VIỆT HÒA' -> 'Phường Việt Hòa'; a bare name is kept as typed."""
    if not text or not clean_text(text):
        return None
    return ward_name(text) or clean_text(text)


def check(
    store: Store, choices: Choices, content: bytes, file_name: str, actor: Account = OPERATOR
) -> ImportResult:
    """Read, normalise and validate everything, then roll back: nothing is written."""
    options = choices.options(dry_run=True)
    return import_bytes(store, choices.kind, content, file_name, options, actor=actor)


def confirm(
    store: Store, choices: Choices, content: bytes, file_name: str, actor: Account = OPERATOR
) -> ImportResult:
    """Import for real (all or nothing)."""
    options = choices.options(dry_run=False)
    return import_bytes(
        store, choices.kind, content, file_name, options, actor=actor,
        address=auth.client_address(),
    )  # fmt: skip


def sheet_names(content: bytes, file_name: str) -> list[str]:
    """The sheets of a workbook, read from its own tables (no spreadsheet reader runs in the
    server: a hostile file is only ever opened in the isolated child); [] for a CSV."""
    return readers.sheet_names(content, file_name)


def issues_frame(issues: Iterable[Issue], kind: str = "Lỗi") -> pd.DataFrame:
    """Issues as a table for a CSV download: where (file, sheet, row, column) and what."""
    rows = [
        {
            "Loại": kind,
            "Tệp": i.file,
            "Trang": i.sheet or "",
            "Dòng": i.row or "",
            "Cột": i.column or "",
            "Tiêu đề cột": i.header or "",
            "Nội dung": i.message,
        }
        for i in issues
    ]
    return pd.DataFrame(
        rows, columns=["Loại", "Tệp", "Trang", "Dòng", "Cột", "Tiêu đề cột", "Nội dung"]
    )


def bullet_list(texts: list[str], limit: int = MAX_SHOWN_ISSUES) -> str:
    """A markdown bullet list of the first ``limit`` sentences, shown literally."""
    lines = [f"- {plain(t)}" for t in texts[:limit]]
    if len(texts) > limit:
        lines.append(f"- … và {len(texts) - limit} mục khác (tải danh sách đầy đủ).")
    return "\n".join(lines)


def issue_list(issues: list[Issue], limit: int = MAX_SHOWN_ISSUES) -> str:
    """The issues' full Vietnamese sentences (file, sheet, cell) as a markdown list."""
    return bullet_list([i.text() for i in issues], limit)


def preview_frame(result: ImportResult) -> pd.DataFrame:
    """The normalised rows that would be written, with Vietnamese headers, file row first."""
    if result.preview is None:
        return pd.DataFrame()
    frame = result.preview.to_pandas(date_as_object=False)
    columns = ["source_row", *(c for c in frame.columns if c not in {"source_row", "sort_order"})]
    return frame[columns].rename(columns=COLUMN_LABELS)


def history_frame(history: pd.DataFrame) -> pd.DataFrame:
    """Import history for display: kind and wards in words, time as dd/mm/yyyy hh:mm."""
    frame = history.copy()
    frame["kind"] = frame["kind"].map(kind_label)
    frame["wards"] = frame["wards"].map(_join_wards)
    frame["imported_at"] = [
        audit.vietnam_time(t.to_pydatetime()).strftime("%d/%m/%Y %H:%M")
        for t in pd.to_datetime(frame["imported_at"])
    ]
    frame["imported_by"] = frame["imported_by"].fillna("—")
    undone = frame["undone_at"] if "undone_at" in frame else pd.Series(None, index=frame.index)
    frame["import_state"] = [
        "Đang dùng"
        if pd.isna(t)
        else f"Đã hoàn tác {audit.vietnam_time(pd.Timestamp(t).to_pydatetime()):%d/%m/%Y %H:%M}"
        + (f" ({by})" if isinstance(by, str) else "")
        for t, by in zip(undone, frame.get("undone_by", undone), strict=True)
    ]
    columns = [
        "import_id",
        "imported_at",
        "kind",
        "file_name",
        "sheet",
        "wards",
        "as_of",
        "year",
        "rows_imported",
        "warnings",
        "imported_by",
        "import_state",
    ]
    return frame[columns]


def _join_wards(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return ", ".join(str(v) for v in value)


def describe(result: ImportResult) -> str:
    """Where the rows were found and for which ward and date or year."""
    parts = []
    if result.sheet:
        parts.append(f"trang '{result.sheet}'")
    if result.wards:
        parts.append(", ".join(result.wards))
    if result.as_of:
        parts.append(f"số liệu tính đến ngày {result.as_of:%d/%m/%Y}")
    if result.period:
        parts.append(f"kỳ {result.period.lower()}")
    elif result.year:
        parts.append(f"năm {result.year}")
    if result.warnings:
        parts.append(f"{len(result.warnings)} cảnh báo")
    return " · ".join(parts)


@st.cache_data(show_spinner=False, max_entries=16)
def template(kind: str, ward: str | None) -> tuple[str, bytes]:
    return templates.template_bytes(kind, ward)


# ------------------------------------------------------------------ the section on the page
def upload_section(store: Store, scope: Scope, account: Account | None) -> None:
    """Choose a kind and a file; show the check; import on confirmation."""
    if account is None or not scope.can(Action.IMPORT):
        st.info(
            "Chỉ cán bộ tổ chức (nhân sự) được nhập dữ liệu; các vai trò khác chỉ xem.",
            icon=":material/lock:",
        )
        return
    left, right = st.columns([1, 2])
    kind = left.selectbox("Loại tệp", KINDS, format_func=kind_label, key="data_kind")
    upload = right.file_uploader(
        "Chọn tệp Excel hoặc CSV (XLSX, XLS, CSV)", type=ALLOWED_TYPES, key="data_file"
    )
    content = upload.getvalue() if upload is not None else b""
    sheets = sheet_names(content, upload.name) if upload is not None else []
    choices = _choices(store, scope, kind, sheets)
    if upload is None:
        st.caption(
            "Chưa có gì được ghi cho đến khi bấm **Nhập vào cơ sở dữ liệu**: tệp được kiểm tra "
            "trước, kết quả và bản xem trước hiện ở đây. Mẫu tệp trống ở thẻ **Mẫu tệp trống**."
        )
        return

    key = (hashlib.sha256(content).hexdigest(), upload.name, replace(choices, imported_by=None))
    checked = st.session_state.get(_CHECKED)
    if checked is None or checked[0] != key:
        with st.spinner("Đang kiểm tra tệp…"):
            result = check(store, choices, content, upload.name, account)
        st.session_state[_CHECKED] = (key, result)
    else:
        result = checked[1]

    _show_result(result)
    _show_changes(result)
    if result.status != "imported":
        leaving = many_leave(result)
        sure = True
        if leaving and result.status == "validated":
            sure = st.checkbox(
                f"Tôi đã kiểm tra: {leaving} người sẽ không còn trong danh sách hiện hành "
                "sau lần nhập này",
                key="data_confirm_leave",
            )
        clicked = st.button(
            "Nhập vào cơ sở dữ liệu",
            key="data_confirm",
            type="primary",
            disabled=result.status != "validated" or not sure,
            help="Ghi toàn bộ tệp vào cơ sở dữ liệu (tất cả hoặc không dòng nào).",
        )
        if clicked:
            with st.spinner("Đang nhập…"):
                done = confirm(store, choices, content, upload.name, account)
            data.clear()
            if done.import_id is not None:
                # The history's picker shows this import, not the one picked before.
                st.session_state[HISTORY_PICK] = done.import_id
            st.session_state[_CHECKED] = (key, done)
            st.rerun()
    _show_details(result)


def _choices(store: Store, scope: Scope, kind: str, sheets: list[str]) -> Choices:
    with st.expander("Tùy chọn khi nhập (không bắt buộc)"):
        c1, c2, c3 = st.columns(3)
        sheet = None
        if len(sheets) > 1:
            sheet = c1.selectbox(
                "Trang tính",
                [None, *sheets],
                key="data_sheet",
                format_func=lambda s: "Tự tìm trang có dòng tiêu đề" if s is None else s,
            )
        wards = queries.filter_options(store, scope)["wards"]
        ward = c2.selectbox(
            "Phường/xã",
            [None, *wards],
            key="data_ward",
            accept_new_options=True,
            format_func=lambda w: "Lấy từ tiêu đề tệp" if w is None else w,
            help="Dùng khi tệp không ghi tên phường/xã ở khối tiêu đề hay ở một cột.",
        )
        as_of = None
        year = None
        period = ""
        if kind == "roster":
            as_of = c3.date_input(
                "Số liệu tính đến ngày",
                value=None,
                format="DD/MM/YYYY",
                key="data_as_of",
                help="Dùng khi tiêu đề tệp không ghi '(Số liệu tính đến ngày …)'.",
            )
        elif kind == "evaluation":
            year = c3.number_input(
                "Năm đánh giá",
                min_value=2000,
                max_value=2100,
                value=None,
                step=1,
                key="data_year",
                help="Dùng khi tệp không ghi năm ở tiêu đề, tên trang hay cột 'Năm'.",
            )
            period = c3.text_input(
                "Kỳ đánh giá",
                key="data_period",
                placeholder="tháng 12 năm 2025, quý IV năm 2025, năm 2025",
                help="Dùng khi tiêu đề, tên trang hay cột Tháng/Quý không ghi kỳ đánh giá.",
            )
        who = st.text_input(
            "Người nhập",
            key="data_by",
            placeholder=f"Họ tên, ghi vào lịch sử nhập (mặc định: {auth.account_name()})",
        )
    return Choices(
        kind=kind,
        sheet=sheet,
        year=int(year) if year is not None else None,
        ward=ward,
        as_of=as_of if isinstance(as_of, date) else None,
        imported_by=who or auth.account_name(),
        period=period or None,
    )


def _show_result(result: ImportResult) -> None:
    st.subheader("Kết quả kiểm tra")
    where = describe(result)
    where = where[:1].upper() + where[1:]
    if result.status == "imported":
        st.success(
            f"{plain(result.message())} Các trang khác đã cập nhật số liệu mới.",
            icon=":material/check_circle:",
        )
    elif result.status == "validated":
        st.success(
            f"{plain(result.message())}  \n{plain(where)}",
            icon=":material/fact_check:",
        )
    elif result.status == "unchanged":
        st.info(
            f"{plain(result.message())} (lần nhập số {result.import_id})",
            icon=":material/info:",
        )
    else:
        st.error(
            f"**{plain(result.message())}**\n\n{issue_list(result.errors)}",
            icon=":material/block:",
        )


# More than this share of a ward's current list leaving needs an explicit tick to import.
LEAVE_SHARE_TO_CONFIRM = 0.2


def many_leave(result: ImportResult) -> int:
    """How many people would leave, when more than a fifth of the current list; else 0."""
    changes = result.changes or {}
    left, current = int(changes.get("left", 0)), int(changes.get("current", 0))
    return left if current and left > LEAVE_SHARE_TO_CONFIRM * current else 0


_CHANGE_TITLES = {
    "joined_people": "Người mới",
    "left_people": "Người không còn trong danh sách",
    "changed_people": "Người có thay đổi",
}


def changes_frame(people: list[dict[str, Any]]) -> pd.DataFrame:
    """People of a change summary for a table: name, unit, ward, what changed."""
    frame = pd.DataFrame(
        {
            "Họ và tên": [p["full_name"] for p in people],
            "Đơn vị": [p.get("unit") or "" for p in people],
            "Phường/xã": [p["ward"] for p in people],
            "Thay đổi": [", ".join(p.get("fields", [])) for p in people],
        }
    )
    return frame if any(p.get("fields") for p in people) else frame.drop(columns="Thay đổi")


def _show_changes(result: ImportResult) -> None:
    changes = result.changes
    if not changes or result.status not in {"validated", "imported"}:
        return
    if changes.get("first_list") and not changes.get("previous"):
        st.caption("Đây là danh sách đầu tiên của phường: mọi người trong tệp là người mới.")
    verb = "sẽ" if result.status == "validated" else "đã"
    st.markdown(
        f"**So với danh sách hiện hành** ({int(changes.get('current', 0))} người): "
        f"{changes['joined']} người mới, {changes['left']} người {verb} không còn trong danh "
        f"sách, {changes['changed']} người có thay đổi."
    )
    leaving = many_leave(result)
    if leaving and result.status == "validated":
        st.warning(
            f"{leaving} trên {int(changes['current'])} người của danh sách hiện hành không có "
            "trong tệp này. Nếu tệp chỉ là một phần danh sách, đừng nhập: các trang sẽ chỉ còn "
            "những người trong tệp.",
            icon=":material/group_remove:",
        )
    for key, title in _CHANGE_TITLES.items():
        people = changes.get(key) or []
        if people:
            with st.expander(f"{title} ({len(people)})"):
                table(changes_frame(people), None, key=f"data_{key}", file_name=f"{key}.csv")


def _show_details(result: ImportResult) -> None:
    if result.warnings:
        with st.expander(f"Cảnh báo ({len(result.warnings)}): vẫn nhập được, nên kiểm tra lại"):
            st.markdown(issue_list(result.warnings))
    if result.errors or result.warnings:
        issues = pd.concat(
            [issues_frame(result.errors, "Lỗi"), issues_frame(result.warnings, "Cảnh báo")],
            ignore_index=True,
        )
        st.download_button(
            "Tải danh sách lỗi và cảnh báo (CSV)",
            csv_bytes(issues),
            file_name="loi_va_canh_bao.csv",
            mime="text/csv",
            key="data_issues_csv",
        )
    preview = preview_frame(result)
    if not preview.empty:
        st.subheader("Xem trước")
        st.caption(
            f"{len(preview)} dòng đầu trên tổng {result.rows_imported} dòng, sau khi chuẩn hóa: "
            "đây là giá trị được ghi vào cơ sở dữ liệu."
        )
        table(preview, None, key="data_preview", file_name="xem_truoc.csv")


def undo_section(store: Store, history: pd.DataFrame, import_id: int) -> None:
    """Undo the picked import (hr): a tick that says what goes, then the button."""
    row = history[history["import_id"] == import_id].iloc[0]
    flash = st.session_state.pop("_undo_flash", None)
    if flash:
        st.success(plain(flash))
    if not pd.isna(row.get("undone_at")):
        st.caption("Lần nhập này đã được hoàn tác; nhập lại đúng tệp đó để khôi phục.")
        return
    with st.expander("Hoàn tác lần nhập này"):
        sure = st.checkbox(
            f"Gỡ toàn bộ {int(row['rows_imported'])} dòng của lần nhập số {import_id} "
            f"('{plain(row['file_name'])}'); dữ liệu trở lại như trước lần nhập đó",
            key=f"undo_sure_{import_id}",
        )
        if st.button("Hoàn tác", key="data_undo", disabled=not sure, type="primary"):
            try:
                done = undo_import(
                    store, import_id, actor=auth.signed_in(), address=auth.client_address()
                )
            except (UndoRefused, PermissionDenied) as exc:
                st.error(plain(exc))
                return
            data.clear()
            st.session_state["_undo_flash"] = done.message()
            st.rerun()
