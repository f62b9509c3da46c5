"""What a snapshot holds: the header block, the tables and the headline figures, all taken from
``analytics.queries`` with the reader's ``Scope``. The writers (workbook, pdf, images) only lay
this out; none of them queries the database.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

import pandas as pd

from analytics import categories as cat
from analytics import filters, privacy, queries
from analytics.charts.base import date_vn, percent, points_change
from analytics.export.city_workbook import (
    COMPARE_GROUPS,
    COMPARE_LABELS,
    COMPARE_NOT_COUNTS,
    NO_FIGURES,
)
from analytics.ingest import kinds
from analytics.labels import COLUMN_LABELS, EXPORT_VIEWS, WHOLE_WARD, number_vn
from analytics.queries.workforce import CANDIDATES_PER_LEAVER
from analytics.scope import ROLE_LABELS, Scope
from analytics.store import Store

# The comparison's tables (one per column group of the screen).
COMPARE_SECTIONS: tuple[str, ...] = tuple(key for key, _, _ in COMPARE_GROUPS)

# Screens that can be exported on their own (their url_path in dashboard.py), and the whole:
# ``analytics.labels.EXPORT_VIEWS`` (the command line's help reads it without this module).
DASHBOARD = "toan-bo"
VIEWS: dict[str, str] = dict(EXPORT_VIEWS)
assert DASHBOARD in VIEWS
# The tables of each screen; the headline figures ("overview") open every file.
SECTIONS: dict[str, tuple[str, ...]] = {
    "tong-quan": ("overview",),
    "trinh-do": ("overview", "composition"),
    "bo-tri": ("overview", "gaps"),
    "danh-gia": ("overview", "grades", "review", "review_excluded"),
    "ke-hoach": ("overview", "plan"),
    "ke-hoach-nhan-su": (
        "overview",
        "retirement_counts",
        "retirements",
        "rotation_counts",
        "rotation",
        "successors",
        "staffing",
        "training",
    ),
    "so-sanh-phuong": ("overview", *COMPARE_SECTIONS),
}
SECTIONS[DASHBOARD] = (
    "overview",
    "composition",
    "gaps",
    "grades",
    "review",
    "review_excluded",
    "plan",
    "retirement_counts",
    "retirements",
    "rotation_counts",
    "rotation",
    "successors",
    "staffing",
    "training",
    *COMPARE_SECTIONS,  # only when the reader sees more than one ward
)
PEOPLE_SECTIONS = frozenset(
    {"gaps", "review", "review_excluded", "retirements", "rotation", "successors"}
)

TITLE = "Báo cáo chất lượng đội ngũ cán bộ, công chức"
NOT_GRADED = "Không xếp loại"
GRADE_COLUMNS = (*cat.GRADES, NOT_GRADED)
GRADE_LEGEND = "; ".join(f"{code}: {label}" for code, label in cat.GRADE_LABELS.items())
BELOW = ("chưa đạt", "thiếu")  # a gap below the standard; "chưa có dữ liệu" is kept apart


@dataclass
class Table:
    """One table of a snapshot: a sheet of the workbook, a section of the PDF, a CSV.

    ``frame`` carries Vietnamese column labels; its columns may be a two-level MultiIndex
    (group, column) as in the official composition form, where "" under a group means the
    group label is the column's own.
    """

    key: str
    sheet: str
    title: str
    frame: pd.DataFrame
    notes: tuple[str, ...] = ()
    empty_message: str = "Không có dòng nào trong phạm vi đang lọc."
    wide_columns: tuple[str, ...] = ()  # long text: wrapped, given more room
    total_rows: int = 0  # trailing rows that are totals (bold)

    @property
    def flat_columns(self) -> list[str]:
        if isinstance(self.frame.columns, pd.MultiIndex):
            return [b or a for a, b in self.frame.columns]
        return [str(c) for c in self.frame.columns]


@dataclass
class Snapshot:
    """Everything one exported file shows, gathered once."""

    view: str
    scope: Scope
    ward: str
    title: str
    as_of: dt.date | None
    previous_as_of: dt.date | None
    filters: str
    made_at: dt.datetime
    made_by: str | None
    today: dt.date
    overview: queries.Overview
    headline: list[tuple[str, str, str | None]]  # label, value, change since previous
    tables: list[Table]
    figures: dict[str, Any]
    data_version: str
    notes: list[str] = field(default_factory=list)
    # What the header of every page names: the ward, or for many "Thành phố Hải Phòng – 114
    # phường/xã" (``place_name``); the cover's heading (``issuer_lines``); the files the figures
    # come from (``sources_table``). Defaults: a snapshot built by hand names its ward.
    place: str = ""
    issuer: tuple[str, ...] = ()
    sources: Table | None = None

    @property
    def place_text(self) -> str:
        return self.place or self.ward

    @property
    def issuer_lines(self) -> tuple[str, ...]:
        return self.issuer or (f"ỦY BAN NHÂN DÂN {self.ward.upper()}",)

    @property
    def sections(self) -> tuple[str, ...]:
        return SECTIONS[self.view]

    @property
    def as_of_text(self) -> str:
        return date_vn(self.as_of)

    @property
    def made_at_text(self) -> str:
        return f"{self.made_at:%d/%m/%Y %H:%M}"

    def header_lines(self) -> list[str]:
        """The header block printed on every sheet and on the PDF cover."""
        lines = [
            f"Số liệu tính đến ngày {self.as_of_text}",
            f"Phạm vi lọc: {self.filters}",
            f"Lập lúc {self.made_at_text}"
            + (f" · Người lập: {self.made_by}" if self.made_by else ""),
        ]
        return lines

    def stem(self) -> str:
        """The file name without extension: what it is, whose, as of when."""
        return stem_for(self.view, self.ward, self.as_of, self.scope)


def slug(text: str) -> str:
    """ASCII file-name part: 'Phường Việt Hòa' -> 'phuong-viet-hoa'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "phuong"


def ward_name(store: Store, scope: Scope) -> str:
    """The ward in view: the filtered one(s), else the only ward in the data."""
    wards = list(scope.effective().wards) or queries.filter_options(store)["wards"]
    if len(wards) == 1:
        return wards[0]
    if not wards:
        return "Chưa có dữ liệu phường/xã"
    return f"{len(wards)} phường/xã"


def _wards_in_view(store: Store, scope: Scope) -> list[str]:
    return list(scope.effective().wards) or queries.filter_options(store)["wards"]


def _provinces(store: Store, wards: list[str]) -> set[str | None]:
    known = filters.ward_provinces(store)
    return {known.get(w) for w in wards}


def place_name(store: Store, scope: Scope) -> str:
    """What every page's header names: ``queries.place_in_view``, the overview's words too
    ("Thành phố Hải Phòng – 114 phường/xã"). ``ward_name`` stays the short form the file names
    are made of."""
    return queries.place_in_view(store, scope) or ward_name(store, scope)


def issuer_lines(store: Store, scope: Scope) -> tuple[str, ...]:
    """The cover's heading, as an official document names who reports: the ward's People's
    Committee; for the wards of one province its Sở Nội vụ, which aggregates them (DOMAIN.md
    §1, §2); for several provinces the Bộ Nội vụ; for wards of no known province what is
    summed up."""
    wards = _wards_in_view(store, scope)
    if len(wards) <= 1:
        return (f"ỦY BAN NHÂN DÂN {ward_name(store, scope).upper()}",)
    provinces = _provinces(store, wards)
    if None in provinces:
        return (f"TỔNG HỢP {number_vn(len(wards))} PHƯỜNG/XÃ",)
    if len(provinces) == 1:
        province = str(next(iter(provinces)))
        return (f"ỦY BAN NHÂN DÂN {province.upper()}", "SỞ NỘI VỤ")
    return ("BỘ NỘI VỤ",)


def scope_slug(scope: Scope) -> str:
    """The filters in a file name: 'phong-van-hoa-xa-hoi', '2-don-vi', 'nhay-cam', 'nam-2025'
    (the one declaration of the filters, ``analytics.filters``, names each part)."""
    return scope.effective().file_name_part()


def stem_for(view: str, ward: str, as_of: dt.date | None, scope: Scope | None = None) -> str:
    """'bao-cao_phuong-viet-hoa_30-09-2026': what it is, whose, which filters, as of when
    (ASCII, no spaces)."""
    parts = ["bao-cao" if view == DASHBOARD else f"bao-cao-{view}", slug(ward)]
    filters = scope_slug(scope) if scope else ""
    if filters:
        parts.append(filters)
    if as_of:
        parts.append(f"{as_of:%d-%m-%Y}")
    return "_".join(parts)


def file_stem(store: Store, scope: Scope, view: str, as_of: dt.date | None) -> str:
    """The file name (without extension) before anything is built, for a download button."""
    return stem_for(view, ward_name(store, scope), as_of, scope)


# ==================================================================== gathering
@dataclass
class _Reads:
    """The queries a snapshot reads twice (a table and the archive's figures), run once: the
    country's placement checks are a million rows and took 6 s each time (issue 9)."""

    store: Store
    scope: Scope
    today: dt.date

    @cached_property
    def checks(self) -> pd.DataFrame:
        return queries.placement_checks(self.store, self.scope)

    @cached_property
    def tasks(self) -> pd.DataFrame:
        return queries.plan_status(self.store, self.scope, self.today)

    @cached_property
    def leavers(self) -> pd.DataFrame:
        """Who reaches retirement age within 24 months: the list and the staffing's counts."""
        return queries.retirement_leavers(self.store, self.scope, 24)

    @cached_property
    def comparison(self) -> pd.DataFrame:
        return queries.ward_comparison(self.store, self.scope, self.today)


def collect(
    store: Store,
    scope: Scope,
    *,
    view: str = DASHBOARD,
    today: dt.date,
    made_at: dt.datetime | None = None,
    made_by: str | None = None,
) -> Snapshot:
    """Gather a snapshot of ``view`` for ``scope`` (the people-level tables only for roles that
    may see people)."""
    if view not in VIEWS:
        raise ValueError(f"Màn hình không hợp lệ: {view}. Chọn một trong: {', '.join(VIEWS)}")
    made_at = made_at or dt.datetime.now()
    summary = queries.overview(store, scope, today)
    ward = ward_name(store, scope)
    title = TITLE if view == DASHBOARD else f"{TITLE} — {VIEWS[view]}"
    notes: list[str] = []
    reads = _Reads(store, scope, today)
    builders = {
        "overview": lambda: _overview_table(summary),
        "composition": lambda: _composition_table(store, scope),
        "gaps": lambda: _gaps_table(reads.checks),
        "grades": lambda: _grades_table(store, scope),
        "review": lambda: _review_table(store, scope),
        "plan": lambda: _plan_table(reads.tasks, today),
        "retirement_counts": lambda: _retirement_counts_table(store, scope),
        "retirements": lambda: _retirements_table(reads.leavers),
        "review_excluded": lambda: _review_excluded_table(store, scope),
        "rotation_counts": lambda: _rotation_counts_table(store, scope),
        "rotation": lambda: _rotation_table(store, scope),
        "successors": lambda: _successors_table(store, scope),
        "staffing": lambda: _staffing_table(reads),
        "training": lambda: _training_table(store, scope, today),
    }
    for key, _, columns in COMPARE_GROUPS:
        builders[key] = partial(_compare_table, reads, key, columns)
    # The whole dashboard compares wards only for a reader who sees more than one.
    compares = view != DASHBOARD or len(_wards_in_view(store, scope)) > 1
    tables = []
    for section in SECTIONS[view]:
        if section in COMPARE_SECTIONS and not compares:
            continue
        if section in PEOPLE_SECTIONS and not scope.can_see_people:
            notes.append(
                f"Bảng “{_SECTION_TITLES[section]}” là danh sách người nên không kèm theo "
                f"(vai trò: {ROLE_LABELS[scope.role]})."
            )
            continue
        tables.append(builders[section]())
    version = ".".join(str(n) for n in queries.data_version(store))
    return Snapshot(
        view=view,
        scope=scope,
        ward=ward,
        title=title,
        as_of=summary.as_of,
        previous_as_of=summary.previous_as_of,
        filters=scope.describe(),
        made_at=made_at,
        made_by=made_by,
        today=today,
        overview=summary,
        headline=headline(summary),
        tables=tables,
        figures=headline_figures(store, scope, summary, today, reads),
        data_version=version,
        notes=notes,
        place=place_name(store, scope),
        issuer=issuer_lines(store, scope),
        sources=sources_table(queries.source_files(store, scope)),
    )


_SECTION_TITLES = {
    "overview": "Các chỉ số chính",
    "composition": "Cơ cấu đội ngũ theo đơn vị (mẫu BM02/BNV)",
    "gaps": "Bố trí chưa đạt tiêu chuẩn vị trí, kèm lý do",
    "grades": "Kết quả đánh giá, xếp loại theo đơn vị",
    "review": "Danh sách cần xem xét (để cấp có thẩm quyền quyết định)",
    "plan": "Tiến độ thực hiện kế hoạch",
    "retirement_counts": "Số người đến tuổi nghỉ hưu trong 12, 24, 60 tháng theo đơn vị",
    "retirements": "Danh sách đến tuổi nghỉ hưu trong 24 tháng (NĐ 135/2020/NĐ-CP)",
    "review_excluded": "Tạm chưa xem xét (NĐ 154/2025/NĐ-CP)",
    "rotation_counts": "Định kỳ chuyển đổi vị trí công tác theo lĩnh vực nhạy cảm",
    "rotation": "Danh sách đến hạn, sắp đến hạn chuyển đổi vị trí công tác",
    "successors": "Vị trí nhạy cảm sắp trống: người đã đạt tiêu chuẩn của vị trí",
    "staffing": "Biên chế, định mức và số dự kiến cần tuyển",
    "training": "Nhu cầu đào tạo, bồi dưỡng theo nội dung",
    **{key: f"So sánh phường, xã: {title.lower()}" for key, title, _ in COMPARE_GROUPS},
}


SOURCE_COLUMNS = ("Tệp", "Loại", "Phường/xã", "Số liệu", "Số dòng", "Nhập lúc")
FILE_NAMES_HIDDEN = "Tên tệp chỉ hiện với vai trò được xem lịch sử nhập tệp."


def _ward_list(wards: Any) -> list[str]:
    """An import's wards (a list; missing in files imported before wards were recorded)."""
    return [] if wards is None or isinstance(wards, float) or wards is pd.NA else list(wards)


def _wards_text(wards: Any) -> str:
    names = [str(w) for w in _ward_list(wards)]
    if len(names) <= 2:
        return ", ".join(names)
    return f"{number_vn(len(names))} phường/xã"


def _source_period(row: Any) -> str:
    if row.kind == "roster":
        text = f"danh sách đến {date_vn(row.as_of)}"
        return f"{text} (kỳ trước)" if row.previous else text
    if row.kind == "evaluation" and not pd.isna(row.year):
        return f"năm {int(row.year)}"
    if row.kind == "progress" and (row.import_id is None or pd.isna(row.import_id)):
        return "báo cáo nhập trên ứng dụng"
    return ""


def sources_table(files: pd.DataFrame) -> Table:
    """The files the figures come from (``queries.source_files``) as the cover and the
    workbook print them: the file, its kind, its ward(s), what it holds, its rows and when it
    was imported (dd/mm/yyyy HH:MM)."""
    rows = []
    for r in files.itertuples(index=False):
        app = r.import_id is None or pd.isna(r.import_id)
        name = "Nhập trên ứng dụng" if app else (r.file_name or "")
        label = kinds.label(str(r.kind))
        imported = "" if pd.isna(r.imported_at) else f"{pd.Timestamp(r.imported_at):%d/%m/%Y %H:%M}"
        rows.append(
            (
                name,
                label[:1].upper() + label[1:],
                _wards_text(r.wards),
                _source_period(r),
                int(r.rows_imported),
                imported,
            )
        )
    frame = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))
    notes = [
        "Số dòng: số dòng đã nhập của cả tệp. “Nhập lúc”: thời điểm tệp được nhập vào hệ thống."
    ]
    if frame["Phường/xã"].nunique() <= 1 and all(len(_ward_list(w)) <= 1 for w in files["wards"]):
        frame = frame.drop(columns="Phường/xã")  # one ward: named in every header already
    if not files.empty and files["file_name"].isna().all():
        frame = frame.drop(columns="Tệp")  # a role that may not read the import history
        notes.append(FILE_NAMES_HIDDEN)
    return Table(
        key="sources",
        sheet="Nguồn số liệu",
        title="Nguồn số liệu: các tệp đã nhập",
        frame=frame,
        notes=tuple(notes),
        empty_message="Chưa nhập tệp nào trong phạm vi đang lọc.",
        wide_columns=("Tệp",),
    )


def _count(delta: float | None) -> str | None:
    return None if delta is None else f"{int(delta):+d}"


def _share_shown(summary: queries.Overview, name: str) -> str:
    """A share of the overview as printed: '90,5%', or '< 3 người' when hidden from the reader."""
    hidden = privacy.share_text(name in summary.hidden, summary.threshold)
    return hidden or percent(getattr(summary, name))


def headline(summary: queries.Overview) -> list[tuple[str, str, str | None]]:
    """The overview screen's figures as (label, value, change since the previous snapshot);
    a figure hidden from the reader reads "< 3" (``analytics.privacy``)."""
    rows: list[tuple[str, str, str | None]] = [
        ("Tổng số CBCC", summary.text("head_count"), _count(summary.delta("head_count"))),
        (
            "Trình độ đại học trở lên",
            _share_shown(summary, "university_share"),
            points_change(summary.delta("university_share")),
        ),
        (
            "LLCT trung cấp trở lên",
            _share_shown(summary, "political_theory_share"),
            points_change(summary.delta("political_theory_share")),
        ),
        (
            "Chưa đạt tiêu chuẩn vị trí",
            summary.text("below_standard"),
            _count(summary.delta("below_standard")),
        ),
        (
            "Trong đó ở lĩnh vực nhạy cảm",
            summary.text("below_standard_sensitive"),
            _count(summary.delta("below_standard_sensitive")),
        ),
        ("Chưa có dữ liệu để đối chiếu", summary.text("no_data"), _count(summary.delta("no_data"))),
        ("Nhiệm vụ đã hoàn thành", str(summary.plan_counts.get("Hoàn thành", 0)), None),
        ("Nhiệm vụ quá hạn", str(summary.plan_counts.get("Quá hạn", 0)), None),
    ]
    return rows


def _share_points(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _overview_table(summary: queries.Overview) -> Table:
    now = f"Kỳ này ({date_vn(summary.as_of)})"
    before = (
        f"Kỳ trước ({date_vn(summary.previous_as_of)})" if summary.previous_as_of else "Kỳ trước"
    )
    prev = summary.previous
    hidden = privacy.hidden_text(summary.threshold)

    def change(a: Any, b: Any) -> float | None:
        numbers = all(isinstance(v, int | float) for v in (a, b))
        return round(a - b, 1) if numbers else None

    def now_then(name: str, scale: Any = None) -> tuple[Any, Any]:
        """This period's and the last one's figure; "< 3" where hidden from the reader."""
        values: list[Any] = []
        for value, hidden_names in (
            (getattr(summary, name), summary.hidden),
            (prev.get(name), summary.previous_hidden),
        ):
            if name in hidden_names:
                values.append(
                    hidden if scale is None else privacy.share_text(True, summary.threshold)
                )
            else:
                values.append(value if scale is None else scale(value))
        return values[0], values[1]

    rows: list[tuple[str, Any, Any]] = [
        ("Tổng số CBCC (người)", *now_then("head_count")),
        ("Trình độ đại học trở lên (%)", *now_then("university_share", _share_points)),
        ("LLCT trung cấp trở lên (%)", *now_then("political_theory_share", _share_points)),
        ("Chưa đạt tiêu chuẩn vị trí (người)", *now_then("below_standard")),
        ("Trong đó ở lĩnh vực nhạy cảm (người)", *now_then("below_standard_sensitive")),
        ("Chưa có dữ liệu để đối chiếu (người)", *now_then("no_data")),
    ]
    if summary.grade_counts:
        for grade in GRADE_COLUMNS:
            label = cat.GRADE_LABELS.get(grade, grade)
            n = summary.grade_counts.get(grade, 0)
            rows.append(
                (f"{label} năm {summary.evaluation_year} (người)", hidden if n is None else n, None)
            )
    for status in ("Hoàn thành", "Đang thực hiện", "Quá hạn", "Chưa thực hiện"):
        if summary.plan_counts:
            rows.append((f"Nhiệm vụ: {status.lower()}", summary.plan_counts.get(status, 0), None))
    frame = pd.DataFrame(
        [(label, a, b, change(a, b)) for label, a, b in rows],
        columns=["Chỉ số", now, before, "Thay đổi"],
    )
    frame = frame.astype({now: "object", before: "object", "Thay đổi": "object"})
    return Table(
        key="overview",
        sheet="Tổng quan",
        title=_SECTION_TITLES["overview"],
        frame=frame,
        notes=("Thay đổi của tỷ lệ tính bằng điểm phần trăm.",),
        wide_columns=("Chỉ số",),
    )


def _composition_table(store: Store, scope: Scope) -> Table:
    frame = queries.composition_report(store, scope)  # the form's columns + "Chưa cập nhật"
    frame = _hidden_cells(frame)
    frame = frame.reset_index()
    columns = [("Đơn vị", ""), *[(a, b) for a, b in frame.columns[1:]]]
    frame.columns = pd.MultiIndex.from_tuples(columns)
    return Table(
        key="composition",
        sheet="Cơ cấu đội ngũ",
        title=_SECTION_TITLES["composition"],
        frame=frame,
        notes=(
            "Nhóm cột theo mẫu thống kê BM02/BNV (TT 11/2012/TT-BNV và các văn bản sửa đổi).",
            f"Cột “{cat.NO_DATA}” cuối mỗi nhóm: số người chưa có thông tin đó (hiển thị, không bỏ qua).",
        ),
        wide_columns=("Đơn vị",),
        total_rows=1,
    )


def _hidden_cells(table: pd.DataFrame) -> pd.DataFrame:
    """A wide table of counts masked by ``queries.mask_table``: hidden (NaN) cells as "< 3",
    the rest whole numbers; a table with nothing hidden as it is."""
    k = privacy.frame_threshold(table)
    if k is None:
        return table
    return table.astype(object).map(lambda n: privacy.hidden_text(k) if pd.isna(n) else int(n))


def _label(columns: list[str]) -> dict[str, str]:
    return {c: COLUMN_LABELS.get(c, c) for c in columns}


def _gaps_table(checks: pd.DataFrame) -> Table:
    columns = [
        "full_name",
        "unit",
        "position",
        "field",
        "sensitive",
        "criterion_label",
        "required",
        "actual",
        "result",
        "reason",
        "legal_source",
    ]
    gaps = checks[checks["result"] != "đạt"].copy()
    if not gaps.empty:
        gaps = queries.sort_people(gaps)
        gaps["_result"] = gaps["result"].map({r: i for i, r in enumerate(cat.CHECK_RESULTS)})
        gaps["_unit"] = (
            gaps["unit"].map({u: i for i, u in enumerate(cat.UNITS)}).fillna(len(cat.UNITS))
        )
        gaps = gaps.sort_values(["_result", "_unit"], kind="stable")
        gaps["sensitive"] = gaps["sensitive"].map({True: "Có", False: ""})
    frame = gaps.reindex(columns=columns).rename(columns=_label(columns)).reset_index(drop=True)
    return Table(
        key="gaps",
        sheet="Chưa đạt tiêu chuẩn",
        title=_SECTION_TITLES["gaps"],
        frame=frame,
        notes=(
            "Kết quả “chưa có dữ liệu” là thiếu thông tin để đối chiếu, không phải chưa đạt.",
            "Tiêu chuẩn lấy từ khung tiêu chuẩn đang áp dụng (trang Bố trí), mỗi tiêu chuẩn ghi căn cứ.",
        ),
        empty_message="Không có ai chưa đạt tiêu chuẩn trong phạm vi đang lọc.",
        wide_columns=("Lý do",),
    )


def _grades_table(store: Store, scope: Scope) -> Table:
    mix = queries.grade_mix(store, scope)  # masked for the reader, with its totals
    columns = ["Năm", "Đơn vị", *GRADE_COLUMNS, "Tổng số"]
    rows: list[list[Any]] = []
    hidden = privacy.hidden_text(privacy.frame_threshold(mix))

    def count(frame: pd.DataFrame, column: str) -> int | str:
        if frame.empty:
            return 0
        row = frame.iloc[0]
        return hidden if privacy.is_hidden(row, column) else int(row[column])

    if not mix.empty:
        years = sorted({int(y) for y in mix["year"]}, reverse=True)
        if scope.year:
            years = [y for y in years if y == scope.year]
        for year in years:
            in_year = mix[mix["year"] == year]
            present = [u for u in in_year["unit"].dropna().unique() if isinstance(u, str)]
            for unit in [u for u in queries.category_order("unit", present) if u in present]:
                of_unit = in_year[in_year["unit"] == unit]
                counts = [count(of_unit[of_unit["grade"] == g], "people") for g in GRADE_COLUMNS]
                rows.append([year, unit, *counts, count(of_unit, "unit_people")])
            totals = [
                count(in_year[in_year["grade"] == g], "year_grade_people") for g in GRADE_COLUMNS
            ]
            rows.append([year, "Tổng cộng", *totals, count(in_year, "year_people")])
    frame = pd.DataFrame(rows, columns=columns)
    return Table(
        key="grades",
        sheet="Xếp loại",
        title=_SECTION_TITLES["grades"],
        frame=frame,
        notes=(
            GRADE_LEGEND + ".",
            "Xếp loại theo NĐ 90/2020/NĐ-CP, NĐ 48/2023/NĐ-CP; thang điểm NĐ 335/2025/NĐ-CP.",
        ),
        empty_message="Chưa có kết quả đánh giá: nhập tệp đánh giá, xếp loại ở trang Dữ liệu.",
        wide_columns=("Đơn vị",),
    )


def _review_table(store: Store, scope: Scope) -> Table:
    rows = queries.review_list(store, scope)
    rows = rows[~rows["excluded"].astype(bool)]  # set aside for now: their own table
    columns = ["full_name", "unit", "position", "field", "reason", "legal_source"]
    if not rows.empty:
        rows = queries.sort_people(rows)
        order = {"khtnv": 0, "education": 1, "major": 2}
        rows = rows.assign(_o=rows["reason_code"].map(order).fillna(9)).sort_values(
            "_o", kind="stable"
        )
    frame = rows.reindex(columns=columns).rename(columns=_label(columns)).reset_index(drop=True)
    return Table(
        key="review",
        sheet="Cần xem xét",
        title=_SECTION_TITLES["review"],
        frame=frame,
        notes=("Danh sách để cấp có thẩm quyền xem xét, không phải kết luận (NĐ 154/2025/NĐ-CP).",),
        empty_message="Không có ai cần xem xét trong phạm vi đang lọc.",
        wide_columns=("Lý do",),
    )


def _review_excluded_table(store: Store, scope: Scope) -> Table:
    columns = ["full_name", "unit", "position", "reasons", "exclusion", "exclusion_source"]
    rows = queries.review_excluded(store, scope)
    frame = rows.reindex(columns=columns).rename(columns=_label(columns)).reset_index(drop=True)
    return Table(
        key="review_excluded",
        sheet="Tạm chưa xem xét",
        title=_SECTION_TITLES["review_excluded"],
        frame=frame,
        notes=(
            "Có lý do cần xem xét nhưng danh sách ghi đang mang thai, nghỉ thai sản, nuôi con dưới "
            "36 tháng hoặc đang bị xem xét kỷ luật: không tính vào danh sách cần xem xét.",
        ),
        empty_message="Không có ai thuộc trường hợp tạm chưa xem xét.",
        wide_columns=(COLUMN_LABELS["reasons"],),
    )


def _rotation_counts_table(store: Store, scope: Scope) -> Table:
    columns = ["field", "status_0", "status_1", "status_2", "status_3", "people"]
    rows = queries.rotation_summary(store, scope)
    labels = {**_label(columns), "people": "Tổng số"}
    frame = rows.reindex(columns=columns).rename(columns=labels).reset_index(drop=True)
    return Table(
        key="rotation_counts",
        sheet="Chuyển đổi vị trí",
        title=_SECTION_TITLES["rotation_counts"],
        frame=frame,
        notes=(
            "Thời hạn của từng lĩnh vực 2–5 năm (Luật PCTN 2018, Điều 25; NĐ 59/2019/NĐ-CP, Điều "
            "37), tính từ ngày giữ vị trí đến ngày số liệu; để xem xét, không phải kết luận.",
        ),
        empty_message="Không có ai ở lĩnh vực nhạy cảm trong phạm vi đang lọc.",
    )


def _rotation_table(store: Store, scope: Scope) -> Table:
    columns = [
        "full_name", "unit", "position", "field", "post_since", "held_months", "period_years",
        "rotation_due_date", "rotation_label", "exclusion",
    ]  # fmt: skip
    rows = queries.rotation_due(store, scope)
    rows = rows[rows["rotation_status"] <= 1]
    frame = rows.reindex(columns=columns).copy()
    for column in ("post_since", "rotation_due_date"):
        frame[column] = [_as_date(v) for v in frame[column]]
    frame = frame.astype({"post_since": "object", "rotation_due_date": "object"})
    frame = frame.rename(columns=_label(columns)).reset_index(drop=True)
    return Table(
        key="rotation",
        sheet="Đến hạn chuyển đổi",
        title=_SECTION_TITLES["rotation"],
        frame=frame,
        notes=("Ngày giữ vị trí chỉ có tháng, năm được tính từ ngày đầu (ước tính).",),
        empty_message="Không có ai đến hạn hoặc sắp đến hạn chuyển đổi vị trí công tác.",
    )


NO_CANDIDATE = "Chưa có người đạt tiêu chuẩn trong phường"
STAFFING_QUOTA_STATUS = "So với biên chế"


def _successors_table(store: Store, scope: Scope) -> Table:
    columns = [
        "full_name", "field", "retirement_date", "candidate_name", "candidate_unit",
        "candidate_position", "candidate_field", "candidate_note", "candidate_count",
    ]  # fmt: skip
    rows = queries.retirement_successors(store, scope, 24, CANDIDATES_PER_LEAVER)
    frame = rows.reindex(columns=columns).copy()
    frame["candidate_name"] = frame["candidate_name"].fillna(NO_CANDIDATE)
    frame["retirement_date"] = [_as_date(v) for v in frame["retirement_date"]]
    frame = frame.astype({"retirement_date": "object"})
    frame = frame.rename(columns=_label(columns)).reset_index(drop=True)
    return Table(
        key="successors",
        sheet="Vị trí sắp trống",
        title=_SECTION_TITLES["successors"],
        frame=frame,
        notes=(
            "Người ở lĩnh vực nhạy cảm đến tuổi nghỉ hưu trong 24 tháng, và những người trong "
            "phường (mọi lĩnh vực, người cùng lĩnh vực ghi trước) đã đạt mọi tiêu chí của khung "
            "tiêu chuẩn áp dụng cho vị trí đó; người giữ chức vụ lãnh đạo chỉ được gợi ý cho vị "
            f"trí lãnh đạo; tối đa {CANDIDATES_PER_LEAVER} người mỗi vị trí (cột “Tổng số người "
            "đạt”). Gợi ý để cân nhắc, không phải quyết định.",
        ),
        empty_message="Không có ai ở lĩnh vực nhạy cảm đến tuổi nghỉ hưu trong 24 tháng tới.",
    )


def _staffing_table(reads: _Reads) -> Table:
    """``queries.staffing`` as the screen shows it: a reader who may not see people gets no
    retirements (they are counted from the people list), hence no projected vacancies."""
    columns = [
        "ward", "unit", "head_count", "quota", "quota_status", "norm", "norm_status",
        "leavers", "projected_vacancies",
    ]  # fmt: skip
    store, scope = reads.store, reads.scope
    leavers = queries.leavers_by_unit(reads.leavers) if scope.can_see_people else None
    rows = queries.staffing(store, scope, on=reads.today, leavers=leavers)
    frame = rows.reindex(columns=columns).astype(object)
    frame["unit"] = frame["unit"].fillna(WHOLE_WARD)
    frame = frame.where(frame.notna(), None)
    for column in ("head_count", "quota", "norm", "leavers", "projected_vacancies"):
        frame[column] = [None if v is None else int(v) for v in frame[column]]
    # "quota_status" of the grade quotas is "Đối chiếu tỷ lệ": here the quota of people
    labels = {**_label(columns), "quota_status": STAFFING_QUOTA_STATUS}
    notes = [
        "Định mức theo CV 09/CV-BCĐ (2025): khoảng 32 người, cộng theo số dân, tối đa 50 với "
        "xã, 70 với phường (chưa kiểm chứng). “Dự kiến thiếu” = biên chế được giao − (số người "
        "− số người đến tuổi nghỉ hưu trong 24 tháng): điểm xuất phát của đề xuất tuyển dụng "
        "(nhiệm vụ 4a). Ô trống: chưa có số liệu, không phải 0."
    ]
    if leavers is None:
        notes.append(
            f"Vai trò {ROLE_LABELS[scope.role].lower()}: số người nghỉ hưu theo đơn vị được "
            "đếm từ danh sách người nên không kèm theo, và không có số dự kiến thiếu."
        )
    frame = frame.rename(columns=labels).reset_index(drop=True)
    return Table(
        key="staffing",
        sheet="Biên chế, định mức",
        title=_SECTION_TITLES["staffing"],
        frame=frame,
        notes=tuple(notes),
        empty_message="Chưa có số liệu biên chế.",
        wide_columns=(COLUMN_LABELS["unit"],),
    )


def _training_table(store: Store, scope: Scope, today: dt.date) -> Table:
    counts = ["needed", "not_registered", "planned", "ongoing", "done"]
    columns = ["course", *counts, "legal_source"]
    rows = queries.training_summary(store, scope, on=today)
    k = privacy.threshold(store, scope)
    frame = rows.reindex(columns=columns).astype(object)
    for column in counts:
        hidden = rows.get(f"{column}_hidden")
        frame[column] = [
            privacy.hidden_text(k)
            if (hidden is not None and bool(hidden.iloc[i])) or pd.isna(v)
            else int(v)
            for i, v in enumerate(frame[column])
        ]
    frame = frame.rename(columns=_label(columns)).reset_index(drop=True)
    return Table(
        key="training",
        sheet="Nhu cầu đào tạo",
        title=_SECTION_TITLES["training"],
        frame=frame,
        notes=(
            "Mỗi khoảng trống so với khung tiêu chuẩn và mỗi lý do cần xem xét gọi ra một nội "
            "dung đào tạo, bồi dưỡng (bảng quy tắc đào tạo); kết quả đào tạo đã nhập cho biết "
            "đã hoàn thành, đang học hay đã lên kế hoạch. Danh sách từng người: kế hoạch đào "
            "tạo, bồi dưỡng (Excel) ở màn hình Kế hoạch nhân sự.",
        ),
        empty_message="Không có khoảng trống nào cần đào tạo, bồi dưỡng trong phạm vi đang lọc.",
        wide_columns=(COLUMN_LABELS["course"], COLUMN_LABELS["legal_source"]),
    )


_COMPARE_SHEETS = {
    "compare_staffing": "So sánh – biên chế",
    "compare_quality": "So sánh – trình độ",
    "compare_grades": "So sánh – xếp loại",
}


def _compare_cell(row: Any, column: str, k: int | None) -> Any:
    """One figure of the comparison as the meeting file writes it: a whole number, a date, a
    share in whole percent; a missing norm or quota "Chưa có số liệu", a missing plan "—", a
    count hidden from a viewer "< k" (never 0)."""
    value = row[column]
    if not (value is None or pd.isna(value)):
        if column == "as_of":
            return _as_date(value)
        if column.endswith("_share"):
            return round(100 * float(value))
        if column == "evaluation_year":
            return str(int(value))  # a year, never "2.025"
        return int(value)
    if column in ("norm", "quota", "quota_gap"):
        return NO_FIGURES
    if column in COMPARE_NOT_COUNTS or column in ("as_of", "evaluation_year"):
        return "—"
    if column in ("htxsnv", "httnv", "htnv", "khtnv") and pd.isna(row["evaluation_year"]):
        return "—"  # the ward has no results in view
    return privacy.hidden_text(k) if k else "—"


def _compare_table(reads: _Reads, key: str, columns: tuple[str, ...]) -> Table:
    """One column group of the ward comparison (``queries.ward_comparison``), led by the ward."""
    comparison = reads.comparison
    k = privacy.frame_threshold(comparison)
    shown = ["ward", *columns]
    frame = pd.DataFrame(
        [
            [str(r["ward"])] + [_compare_cell(r, c, k) for c in columns]
            for _, r in comparison.iterrows()
        ],
        columns=[COMPARE_LABELS[c] for c in shown],
        dtype=object,
    )
    notes = [
        "“Chưa có số liệu”: phường chưa có hồ sơ (dân số, biên chế được giao); “—”: chưa có số liệu (phường chưa nhập kế hoạch, chưa có kết quả đánh giá)."
    ]
    if key == "compare_staffing":
        notes.append(
            "Số liệu đến ngày: ngày của danh sách mới nhất của phường; định mức theo CV "
            "09/CV-BCĐ (khoảng 32 người, cộng theo dân số; tối đa 50 với xã, 70 với phường)."
        )
    if k:
        notes.append(f"“< {k}”: số nhỏ được ẩn với vai trò người xem.")
    return Table(
        key=key,
        sheet=_COMPARE_SHEETS[key],
        title=_SECTION_TITLES[key],
        frame=frame,
        notes=tuple(notes),
        empty_message="Chưa có danh sách cán bộ, công chức của phường/xã nào trong phạm vi.",
        wide_columns=(COMPARE_LABELS["ward"],),
    )


def _retirement_counts_table(store: Store, scope: Scope) -> Table:
    columns = ["group", "reached", "within_12", "within_24", "within_60", "people"]
    rows = queries.retirement_summary(store, scope, "unit")
    labels = {**_label(columns), "group": COLUMN_LABELS["unit"], "people": "Tổng số"}
    frame = rows.reindex(columns=columns).rename(columns=labels).reset_index(drop=True)
    return Table(
        key="retirement_counts",
        sheet="Nghỉ hưu theo đơn vị",
        title=_SECTION_TITLES["retirement_counts"],
        frame=frame,
        notes=(
            "Tính đến hết tháng đủ tuổi nghỉ hưu theo lộ trình NĐ 135/2020/NĐ-CP, từ ngày số "
            "liệu; số trong 24 tháng gồm cả số trong 12 tháng và người đã đến tuổi.",
        ),
        empty_message="Không có ai trong phạm vi đang lọc.",
    )


def _retirements_table(leavers: pd.DataFrame) -> Table:
    columns = ["full_name", "unit", "position", "field", "retirement_date", "estimated"]
    rows = leavers.assign(estimated=leavers["estimated"].map({True: "Ước tính", False: ""}))
    frame = rows.reindex(columns=columns).rename(columns=_label(columns)).reset_index(drop=True)
    return Table(
        key="retirements",
        sheet="Đến tuổi nghỉ hưu",
        title=_SECTION_TITLES["retirements"],
        frame=frame,
        notes=("Người chỉ có năm sinh được tính từ 01/01 của năm đó (ước tính).",),
        empty_message="Không có ai đến tuổi nghỉ hưu trong 24 tháng tới.",
    )


def _plan_table(tasks: pd.DataFrame, today: dt.date) -> Table:
    columns = [
        "task_code",
        "title",
        "lead_unit",
        "deadline_text",
        "due_date",
        "status",
        "days_late",
        "percent",
        "last_report_date",
        "reported_deliverable",
        "report_periods",
        "missing_clear",
    ]
    if "ward" in tasks.columns and tasks["ward"].nunique() > 1:
        columns.insert(0, "ward")  # many wards: whose task each row is
    # The status as the screen writes it: "Hoàn thành muộn 63 ngày" for a task done late.
    shown = tasks.assign(status=tasks["status_label"])
    frame = shown.reindex(columns=columns).copy()
    for column in ("due_date", "last_report_date"):
        frame[column] = [_as_date(v) for v in frame[column]]
    # Blank, not "<NA>", where a task is not late.
    frame["days_late"] = [None if pd.isna(v) else int(v) for v in frame["days_late"]]
    frame = frame.astype(
        {"due_date": "object", "last_report_date": "object", "days_late": "object"}
    )
    frame = frame.rename(columns=_label(columns)).reset_index(drop=True)
    return Table(
        key="plan",
        sheet="Kế hoạch",
        title=_SECTION_TITLES["plan"],
        frame=frame,
        notes=(
            f"Tình trạng tính đến ngày {date_vn(today)}; “Quá hạn”: đã qua hạn mà chưa hoàn thành; "
            "“Hoàn thành muộn N ngày”: báo cáo hoàn thành sau hạn N ngày. Số ngày trễ: số ngày "
            "đã quá hạn, hoặc số ngày hoàn thành muộn. Kỳ báo cáo: các kỳ (tháng, quý, năm) của "
            "nhiệm vụ thường xuyên đã có và còn thiếu báo cáo.",
        ),
        empty_message="Chưa có kế hoạch: nhập tệp kế hoạch và báo cáo tiến độ ở trang Dữ liệu.",
        wide_columns=("Nhiệm vụ", "Sản phẩm đã có", "Kỳ báo cáo"),
    )


def _as_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if pd.isna(value):
        return None
    return pd.Timestamp(value).date()


# ==================================================================== figures for comparison
def headline_figures(
    store: Store,
    scope: Scope,
    summary: queries.Overview,
    today: dt.date,
    reads: _Reads | None = None,
) -> dict[str, Any]:
    """What the archive keeps to compare two snapshots later: JSON-ready.

    People and gaps (staff_id + criterion) only for roles that may see people. Columns are
    read with ``tolist()``: row by row, the country's 165,000 gaps took 6 s.
    """
    reads = reads or _Reads(store, scope, today)
    shares: dict[str, dict[str, float]] = {}
    for dimension in ("education_level", "political_theory"):
        dist = queries.distribution(store, scope, dimension)  # a share hidden from the reader
        shares[dimension] = {  # is left out
            str(r["category"]): round(float(r["share"]), 4)
            for _, r in dist.iterrows()
            if not privacy.is_hidden(r, "share") and not pd.isna(r["share"])
        }
    figures: dict[str, Any] = {
        "as_of": summary.as_of.isoformat() if summary.as_of else None,
        "head_count": summary.head_count,
        "university_share": summary.university_share,
        "political_theory_share": summary.political_theory_share,
        "below_standard": summary.below_standard,
        "below_standard_sensitive": summary.below_standard_sensitive,
        "no_data": summary.no_data,
        "evaluation_year": summary.evaluation_year,
        "grade_counts": summary.grade_counts,
        "shares": shares,
        "people": None,
        "gaps": None,
        "checked": None,
    }
    if scope.can_see_people:
        roster = queries.people(store, scope)
        figures["people"] = dict(
            zip(roster["staff_id"].tolist(), roster["full_name"].tolist(), strict=True)
        )
        checks = reads.checks
        gaps = checks[checks["result"] != "đạt"]
        keys = ("staff_id", "full_name", "criterion", "criterion_label", "result")
        figures["gaps"] = [
            dict(zip(keys, row, strict=True))
            for row in zip(*(gaps[k].tolist() for k in keys), strict=True)
        ]
        # Who was checked against what, so a closed gap can say "nay đạt" or "không còn áp dụng".
        checked: dict[str, list[str]] = {}
        for criterion, staff_id in zip(
            checks["criterion"].tolist(), checks["staff_id"].tolist(), strict=True
        ):
            if criterion is not None:
                checked.setdefault(str(criterion), []).append(str(staff_id))
        figures["checked"] = {c: sorted(ids) for c, ids in sorted(checked.items())}
    tasks = reads.tasks
    figures["tasks"] = {
        str(code): {"title": str(title), "status": str(status)}
        for code, title, status in zip(
            tasks["task_code"].tolist(), tasks["title"].tolist(), tasks["status"].tolist(),
            strict=True,
        )
    }  # fmt: skip
    return figures
