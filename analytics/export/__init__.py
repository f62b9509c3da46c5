"""Snapshots for meetings: Excel, PDF and chart images that say what they show, kept in an archive.

``make_export(store, scope, "xlsx" | "pdf" | "zip" | "png", view=..., today=...)`` gathers the
snapshot from ``analytics.queries`` (never its own SQL), writes the file and, unless told not
to, records it in the archive (table ``exports``) with the figures a later comparison needs.

>>> from analytics.store import Store
>>> from analytics.scope import Scope
>>> import datetime as dt
>>> made = make_export(Store(":memory:"), Scope(), "xlsx", today=dt.date(2026, 10, 1), record=False)
>>> made.file_name, made.data[:2]
('bao-cao_chua-co-du-lieu-phuong-xa.xlsx', b'PK')
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field

from analytics import audit
from analytics.export import archive, images
from analytics.export.charts import CHARTS, ChartSpec, build_figures, charts_for
from analytics.export.content import DASHBOARD, VIEWS, Snapshot, collect, file_stem
from analytics.export.pdf import FontNotFound, pdf_bytes
from analytics.export.workbook import workbook_bytes
from analytics.policy import Action
from analytics.scope import OPERATOR, Account, Scope
from analytics.store import Store

__all__ = [
    "CHARTS",
    "DASHBOARD",
    "KINDS",
    "VIEWS",
    "ChartSpec",
    "ExportFile",
    "FontNotFound",
    "Snapshot",
    "archive",
    "charts_for",
    "collect",
    "file_name",
    "make_export",
]

# kind -> (extension, MIME type, Vietnamese name)
KINDS: dict[str, tuple[str, str, str]] = {
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "pdf": ("pdf", "application/pdf", "PDF"),
    "zip": ("zip", "application/zip", "Ảnh biểu đồ và CSV (zip)"),
    "png": ("png", "image/png", "Ảnh biểu đồ (PNG)"),
}


@dataclass
class ExportFile:
    kind: str
    file_name: str
    data: bytes
    mime: str
    snapshot: Snapshot
    export_id: int | None = None
    notes: list[str] = field(default_factory=list)  # what was left out and why (Vietnamese)


def file_name(
    store: Store,
    scope: Scope,
    kind: str,
    view: str,
    as_of: dt.date | None,
    chart: str | None = None,
) -> str:
    """The name the file will have, known before it is built (for a lazy download button)."""
    stem = file_stem(store, scope, view, as_of)
    if kind == "png" and chart:
        stem = f"{chart}_{stem.split('_', 1)[1]}"
    return f"{stem}.{KINDS[kind][0]}"


def make_export(
    store: Store,
    scope: Scope,
    kind: str,
    *,
    view: str = DASHBOARD,
    today: dt.date,
    made_at: dt.datetime | None = None,
    made_by: str | None = None,
    chart_images: bool = True,
    chart: str | None = None,
    record: bool = True,
    actor: Account = OPERATOR,
    address: str | None = None,
) -> ExportFile:
    """Build one file of ``view`` for ``scope`` and (``record``) keep it in the archive.

    ``chart_images=False`` or a machine without a browser leaves the charts out; the PDF says so.
    ``kind="png"`` needs ``chart``: the name of one chart in ``CHARTS``. Every file made is
    written to the audit log under ``actor`` (the command line: ``OPERATOR``).
    """
    scope.require(Action.EXPORT)
    if kind not in KINDS:
        raise ValueError(f"Loại tệp không hợp lệ: {kind}. Chọn một trong: {', '.join(KINDS)}")
    specs = charts_for(view) if kind in ("pdf", "zip") else []
    if kind == "png":
        specs = [c for c in CHARTS if c.name == chart]
        if not specs:
            raise ValueError(
                f"Không có biểu đồ tên {chart!r}. Có: {', '.join(c.name for c in CHARTS)}"
            )
    size = images.PDF_SIZE if kind == "pdf" else (images.WIDTH, images.HEIGHT, images.SCALE)
    drawn = bool(specs) and (chart_images or kind == "png")
    # The browser starts now, while the data is gathered, and closes while the file is laid out.
    session = images.ChartSession(width=size[0], scale=size[2]) if drawn else None
    with session or contextlib.nullcontext():
        snapshot = collect(store, scope, view=view, today=today, made_at=made_at, made_by=made_by)
        notes: list[str] = []
        extension, mime, _ = KINDS[kind]
        name = f"{snapshot.stem()}.{extension}"
        pngs: list[tuple[str, str, bytes]] = []  # file name, title, PNG
        if session is not None:
            pngs, more = _chart_images(store, snapshot, specs, size, session)
            notes += more
        elif kind != "xlsx" and not chart_images:
            notes.append("Ảnh biểu đồ đã được tắt khi xuất.")
        if kind == "xlsx":
            data = workbook_bytes(snapshot)
        elif kind == "pdf":
            note = "; ".join(notes) if not pngs else None
            data = pdf_bytes(snapshot, [(title, png) for _, title, png in pngs], charts_note=note)
        elif kind == "zip":
            data = images.bundle(snapshot, [(n, png) for n, _, png in pngs], notes)
        else:
            if not pngs:
                raise images.ChartImagesUnavailable("; ".join(notes) or images.MISSING_BROWSER)
            name, _, data = pngs[0]
            name = name.split("_", 1)[1]  # one image: no order number
    notes += snapshot.notes
    made = ExportFile(
        kind=kind, file_name=name, data=data, mime=mime, snapshot=snapshot, notes=notes
    )
    if record:
        made.export_id = archive.record(store, snapshot, kind=kind, file_name=name, data=data)
    audit.record(
        store, actor.username, actor.role, "export",
        detail=f"{name} ({scope.describe()})", address=address,
    )  # fmt: skip
    return made


def _chart_images(
    store: Store,
    snapshot: Snapshot,
    specs: list[ChartSpec],
    size: tuple[int, int, float],
    session: images.ChartSession,
) -> tuple[list[tuple[str, str, bytes]], list[str]]:
    figures, notes = build_figures(store, snapshot, specs)
    if not figures:
        return [], notes
    caption = images.caption(snapshot)
    width, height, _ = size
    try:
        pngs = session.render(
            [images.captioned(fig, caption, width=width, height=height) for _, fig in figures]
        )
    except images.ChartImagesUnavailable as exc:
        return [], [*notes, str(exc)]
    named = [
        (images.image_name(i, spec.name, snapshot), spec.title, png)
        for i, ((spec, _), png) in enumerate(zip(figures, pngs, strict=True), start=1)
    ]
    return named, notes
