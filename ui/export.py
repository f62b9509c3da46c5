"""Export buttons and the snapshot archive for the screens.

``export_view_buttons(scope, "trinh-do")`` under a screen's title exports that screen;
``export_dashboard_buttons(scope)`` exports every screen; ``archive_panel(scope)`` lists the kept
files and compares two of them. Files are built only when a button is clicked and every one is
kept in the archive.

A click does two things at once: the browser asks for the file (Streamlit's deferred download,
``data=`` a callable run in another thread) and the page reruns with the button's ``on_click``
first. Both ask the same ``_Job``, which builds the file once: the rerun waits for it, so the
archive drawn further down the page already lists the new file (issue 10: "Chưa có bản xuất
nào" stayed until a reload while the click did not rerun the page).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from analytics import export
from analytics.charts.base import date_vn, percent
from analytics.export import archive, images
from analytics.export.content import file_stem
from analytics.export.pdf import FontNotFound, find_font
from analytics.scope import ROLE_LABELS, Account, Scope
from analytics.store import Store
from ui import auth, data
from ui.text import plain
from ui.widgets import audited_download

BY_KEY = "export_by"
FAILED_KEY = "export_failed"  # the Vietnamese reason the last click's file could not be made
NEW_KEY = "export_new"  # set by a click that made a file: the archive opens on it
BUTTONS: tuple[tuple[str, str, str], ...] = (
    ("xlsx", "Tải Excel", ":material/table_view:"),
    ("pdf", "Tải PDF", ":material/picture_as_pdf:"),
    ("zip", "Tải ảnh biểu đồ + CSV", ":material/image:"),
)


def _made_by(scope: Scope) -> str:
    name = str(st.session_state.get(BY_KEY) or "").strip()
    account = auth.current_account()
    return name or (account.username if account else ROLE_LABELS[scope.role])


class _Job:
    """One click's file, built once for whichever asks first: the page's rerun (``start``, the
    button's ``on_click``) or the browser's download (``__call__``, in Streamlit's thread); the
    other waits for it and gets the same bytes, so the archive keeps one file per click."""

    def __init__(self, build: Callable[[], bytes]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._data: bytes | None = None
        self._error: Exception | None = None

    def __call__(self) -> bytes:
        with self._lock:
            if self._data is None and self._error is None:
                try:
                    self._data = self._build()
                except Exception as exc:  # shown on the page by start(), raised to the download
                    self._error = exc
        if self._error is not None:
            raise self._error
        assert self._data is not None
        return self._data

    def start(self) -> None:
        """The page's half of the click: build (or wait for the download's build) before the
        rest of the page, the archive included, is drawn."""
        try:
            self()
        except Exception as exc:
            st.session_state[FAILED_KEY] = f"Không tạo được tệp: {exc}"
        else:
            st.session_state.pop(FAILED_KEY, None)
            st.session_state[NEW_KEY] = True


def _build(
    store: Store,
    scope: Scope,
    kind: str,
    view: str,
    today: dt.date,
    made_by: str,
    actor: Account,
    address: str | None,
) -> bytes:
    """Build, keep in the archive, return the bytes (once per click: ``_Job``)."""
    made = export.make_export(
        store, scope, kind, view=view, today=today, made_by=made_by, actor=actor,
        address=address,
    )  # fmt: skip
    return made.data


def _buttons(scope: Scope, view: str, key: str, suffix: str = "") -> None:
    store = data.store()
    account = auth.current_account()
    if account is None:
        return
    today = data.today()
    as_of = data.query("overview", scope, today).as_of
    if as_of is None:
        st.caption("Chưa có dữ liệu để xuất: nhập danh sách cán bộ, công chức ở trang Dữ liệu.")
        return
    try:
        find_font()
        font_problem = None
    except FontNotFound as exc:
        font_problem = str(exc)
    stem = file_stem(store, scope, view, as_of)
    columns = st.columns(len(BUTTONS))
    for column, (kind, label, icon) in zip(columns, BUTTONS, strict=True):
        job = _Job(
            partial(
                _build, store, scope, kind, view, today, _made_by(scope), account,
                auth.client_address(),
            )
        )  # fmt: skip
        disabled = kind == "pdf" and font_problem is not None
        column.download_button(
            f"{label}{suffix}",
            data=job,
            file_name=f"{stem}.{export.KINDS[kind][0]}",
            mime=export.KINDS[kind][1],
            key=f"{key}_{kind}",
            icon=icon,
            on_click=job.start,
            disabled=disabled,
            help=font_problem
            if disabled
            else f"Theo bộ lọc đang chọn: {plain(scope.describe())}. Tệp được lưu vào kho bản xuất.",
            width="stretch",
        )
    failed = st.session_state.get(FAILED_KEY)
    if failed:
        st.error(plain(str(failed)), icon=":material/error:")
    ok, message = images.availability()
    if not ok:
        st.caption(f"⚠️ {message}")
    if font_problem:
        st.caption(f"⚠️ {font_problem}")


def export_view_buttons(scope: Scope, view: str) -> None:
    """Excel, PDF and chart images of one screen (``view``: its url_path), current filters."""
    if view not in export.VIEWS:
        raise ValueError(f"unknown view {view!r}")
    with st.expander("Xuất màn hình này (Excel, PDF, ảnh)", icon=":material/download:"):
        _buttons(scope, view, key=f"export_{view}")


def export_dashboard_buttons(scope: Scope) -> None:
    """Excel, PDF and chart images of every screen in one file each, current filters."""
    st.text_input(
        "Người lập (ghi trên tệp và trong kho bản xuất)",
        key=BY_KEY,
        placeholder=ROLE_LABELS[scope.role],
    )
    st.caption(f"Phạm vi: {plain(scope.describe())}")
    _buttons(scope, export.DASHBOARD, key="export_all", suffix=" toàn bộ")


# ==================================================================== archive
ARCHIVE_COLUMNS = {
    "export_id": "Số",
    "kind_label": "Loại",
    "view_label": "Màn hình",
    "as_of": "Số liệu đến ngày",
    "scope_text": "Phạm vi lọc",
    "created_at": "Lập lúc",
    "created_by": "Người lập",
    "file_name": "Tệp",
    "size_kb": "Dung lượng (KB)",
}


def _fetch(store: Store, scope: Scope, export_id: int) -> bytes:
    kept = archive.fetch(store, scope, export_id)
    return kept[1] if kept else b""


def archive_panel(scope: Scope) -> None:
    """The kept exports (downloadable again) and the comparison of two of them."""
    store = data.store()
    kept = archive.list_exports(store, scope)
    st.subheader("Kho bản xuất")
    if kept.empty:
        st.info(
            "Chưa có bản xuất nào. Bấm “Tải Excel” hoặc “Tải PDF” để tạo bản đầu tiên; mỗi bản được lưu lại ở đây."
        )
        return
    shown = kept.assign(size_kb=(kept["size_bytes"] / 1024).round(0).astype(int))
    st.dataframe(
        shown[list(ARCHIVE_COLUMNS)].rename(columns=ARCHIVE_COLUMNS),
        hide_index=True,
        width="stretch",
        key="archive_table",
        column_config={
            "Số liệu đến ngày": st.column_config.DateColumn(format="DD/MM/YYYY"),
            "Lập lúc": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
        },
    )
    labels = {int(r.export_id): _label(r) for r in kept.itertuples()}
    ids = list(labels)
    # The pickers open on the newest file, compared with the one before; a file just made is
    # shown at once (the pickers' state is set, not their index, so no warning of both).
    fresh = st.session_state.pop(NEW_KEY, False)
    defaults = {"archive_pick": ids[0], "archive_before": ids[min(1, len(ids) - 1)]}
    defaults["archive_after"] = ids[0]
    for name, value in defaults.items():
        if fresh or st.session_state.get(name) not in ids:
            st.session_state[name] = value
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    pick = left.selectbox("Tải lại bản đã lưu", ids, format_func=labels.get, key="archive_pick")
    if pick is not None:
        row = kept[kept["export_id"] == pick].iloc[0]
        with right:
            audited_download(
                "Tải lại",
                partial(_fetch, store, scope, int(pick)),
                file_name=str(row["file_name"]),
                mime=export.KINDS.get(str(row["kind"]), ("", "application/octet-stream"))[1],
                key="archive_download",
                action="download_archive",
                detail=f"Bản số {int(pick)}: {row['file_name']}",
                icon=":material/download:",
                width="stretch",
            )

    st.markdown("#### So sánh hai bản")
    if len(ids) < 2:
        st.caption("Cần ít nhất hai bản đã lưu để so sánh.")
        return
    a, b = st.columns(2)
    before = a.selectbox("Bản trước", ids, format_func=labels.get, key="archive_before")
    after = b.selectbox("Bản sau", ids, format_func=labels.get, key="archive_after")
    if before == after:
        st.caption("Chọn hai bản khác nhau.")
        return
    comparison_view(archive.compare(store, int(before), int(after)))


def _label(r: object) -> str:
    as_of = date_vn(getattr(r, "as_of", None))
    made = pd.Timestamp(getattr(r, "created_at")).strftime("%d/%m/%Y %H:%M")  # noqa: B009
    return f"Số {r.export_id} · {r.kind_label} · {r.view_label} · số liệu {as_of} · lập {made}"  # type: ignore[attr-defined]


def comparison_view(c: archive.Comparison) -> None:
    """What changed between two meetings: figures, then the named differences."""
    st.caption(f"Trước: {plain(c.before.label)}  \nSau: {plain(c.after.label)}")
    for warning in c.warnings:
        st.warning(plain(warning))
    cols = st.columns(4)
    change = c.head_count_change
    cols[0].metric("Tổng số CBCC", c.head_count[1], f"{change:+d}" if change else None, border=True)
    shares = {label: (x, y) for label, x, y, _ in c.headline}
    uni = shares["Trình độ đại học trở lên"]
    cols[1].metric(
        "Trình độ đại học trở lên",
        percent(uni[1]),
        None
        if uni[0] is None or uni[1] is None or round(uni[1] - uni[0], 4) == 0
        else f"{(uni[1] - uni[0]) * 100:+.1f} điểm %".replace(".", ","),
        border=True,
    )
    if c.gaps_closed is not None:
        cols[2].metric("Khoảng trống đã đóng", len(c.gaps_closed), border=True)
        cols[3].metric("Khoảng trống mới", len(c.gaps_opened or []), border=True)
    st.markdown("\n".join(f"- {plain(line)}" for line in c.lines()))
    if not c.shares.empty:
        with st.expander("Tỷ lệ theo trình độ (trước → sau)"):
            table = c.shares.assign(
                before=[percent(v) for v in c.shares["before"]],
                after=[percent(v) for v in c.shares["after"]],
                change=[f"{v * 100:+.1f}".replace(".", ",") for v in c.shares["change"]],
            ).rename(
                columns={
                    "dimension": "Chỉ tiêu",
                    "category": "Mức",
                    "before": "Bản trước",
                    "after": "Bản sau",
                    "change": "Thay đổi (điểm %)",
                }
            )
            st.dataframe(table, hide_index=True, width="stretch", key="archive_shares")
