"""Chart images (PNG at projector size) through Kaleido 1.x, which drives a Chrome/Chromium.

Kaleido finds its browser through choreographer: the ``BROWSER_PATH`` environment variable, then
``chromium``/``google-chrome`` on PATH. Debian's ``chromium`` (scripts/setup.sh installs it) is
looked for first. Where there is none, ``find_browser()`` says so and callers leave the charts out
with ``MISSING_BROWSER`` as the reason; nothing else fails.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import io
import os
import queue
import re
import shutil
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analytics import csv_safe
from analytics.charts.base import plain_label
from analytics.export.content import Snapshot, Table

# 1280 x 720 layout drawn at 1.5x: a 1920 x 1080 PNG whose text reads from the back of the room.
WIDTH, HEIGHT, SCALE = 1280, 720, 1.5
# In the A4 briefing a chart is 18 cm wide: a smaller layout drawn at 2x keeps its text ~8 pt.
PDF_SIZE = (960, 540, 2.0)
# Seconds one figure may take in the browser. A figure takes 0.3-0.7 s (Kaleido reloads its tab
# after each); one that runs to the timeout leaves its tab busy and the rest behind it (issue 9).
TIMEOUT_SECONDS = 30
# Seconds a whole export waits for its images: the browser's start and every figure.
DEADLINE_SECONDS = TIMEOUT_SECONDS + 30
# Seconds a session waits to be given its figures (the data gathered) before it lets the browser go.
IDLE_SECONDS = 600
# Two tabs draw two figures at once: 12 figures in ~4.5 s instead of ~6 s on two cores.
TABS = 2
# A counts axis with a tick per person (dtick=1, right for a ward's 0-12) had 891 tick labels
# at city scale and tens of thousands in the country; Chromium's automargin re-layout of them ran
# past the timeout and the PDF lost every chart (issue 9). Past this many ticks Plotly picks them.
MAX_TICKS = 25
AUTO_TICKS = 10  # what Plotly is then asked for at most: 0, 100, 200… reads at a glance

BROWSER_CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/lib/chromium/chromium",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
)
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
MISSING_BROWSER = (
    "Máy chủ chưa có trình duyệt Chromium để vẽ ảnh biểu đồ, nên tệp không có biểu đồ "
    "(các bảng số liệu vẫn đầy đủ). Cài bằng lệnh: sudo apt-get install chromium "
    "(hoặc chạy scripts/setup.sh), hoặc đặt biến môi trường BROWSER_PATH trỏ tới Chrome/Chromium."
)
# Set to "0" to leave charts out on purpose (tests, machines without a browser sandbox).
ENV_SWITCH = "ANALYTICS_CHART_IMAGES"


class ChartImagesUnavailable(RuntimeError):
    """Chart images cannot be made here; the message (Vietnamese) says why and what to install."""


def _executable(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def find_browser() -> str | None:
    """The Chrome/Chromium Kaleido will drive, or None.

    >>> find_browser() is None or Path(find_browser()).name != ""
    True
    """
    if os.environ.get(ENV_SWITCH) == "0":
        return None
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if _executable(configured) else None
    for path in BROWSER_CANDIDATES:
        if _executable(path):
            return path
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def availability() -> tuple[bool, str]:
    """(can make chart images, a Vietnamese sentence for the screen)."""
    browser = find_browser()
    if os.environ.get(ENV_SWITCH) == "0":
        return False, "Ảnh biểu đồ đang tắt (ANALYTICS_CHART_IMAGES=0): tệp chỉ có bảng số liệu."
    if browser is None:
        return False, MISSING_BROWSER
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False, "Chưa cài gói kaleido để vẽ ảnh biểu đồ: chạy scripts/setup.sh."
    return True, f"Ảnh biểu đồ vẽ bằng trình duyệt {browser}."


def captioned(
    fig: go.Figure, caption: str, *, width: int = WIDTH, height: int = HEIGHT
) -> go.Figure:
    """A copy of ``fig`` that says what it shows under its title: ward, data date, filters."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    title = out.layout.title.text or ""
    # A chart drawn taller than 16:9 on screen (one row per task, per unit) keeps its height.
    height = max(height, int(out.layout.height or 0) + 50)
    out.update_layout(
        title={
            "text": title,
            "subtitle": {"text": caption, "font": {"size": 13, "color": "#555"}},
            "x": 0,
            "xanchor": "left",
            "pad": {"l": 24},
        },
        width=width,
        height=height,
    )
    margin = out.layout.margin
    out.update_layout(
        margin={
            "t": max(int(margin.t or 20), 20) + 50,
            "l": max(int(margin.l or 0), 24),
            "r": max(int(margin.r or 0), 24, right_room(out)),
            "b": max(int(margin.b or 0), 16),
        }
    )
    return thin_ticks(out)


def right_room(fig: go.Figure) -> int:
    """Pixels past the plot that a label written to the right of a data point needs (the
    timeline's "Quá hạn 63 ngày" at today's line): Plotly's automatic margins leave
    annotations out, and the label was cut at the image's edge (issue 10).

    >>> fig = go.Figure().add_annotation(x=1, y=0, text="<b>Quá hạn 63 ngày</b>", xanchor="left")
    >>> right_room(fig) > 100, right_room(go.Figure())
    (True, 0)
    """
    need = 0
    for note in fig.layout.annotations or ():
        if note.xanchor != "left" or note.xref == "paper" or not note.text:
            continue
        size = float(note.font.size or 13) if note.font else 13.0
        chars = len(re.sub(r"<[^>]+>", "", str(note.text)))
        need = max(need, int(chars * size * 0.62 + float(note.xshift or 0)) + 12)
    return need


def thin_ticks(fig: go.Figure, max_ticks: int = MAX_TICKS) -> go.Figure:
    """``fig`` with every numeric axis whose fixed step (``dtick``) would draw more than
    ``max_ticks`` ticks over its range (or, unset, over the data) left to Plotly's own ticks.

    >>> fig = go.Figure(go.Bar(x=[891, 300], y=["Đất đai", "Y tế"], orientation="h"))
    >>> thin_ticks(fig.update_xaxes(dtick=1)).layout.xaxis.dtick is None
    True
    >>> thin_ticks(fig.update_xaxes(dtick=100)).layout.xaxis.dtick
    100
    """
    for key, axis in fig.layout.to_plotly_json().items():
        step = axis.get("dtick") if re.fullmatch(r"[xy]axis\d*", key) else None
        if isinstance(step, bool) or not isinstance(step, int | float) or step <= 0:
            continue  # no step, or a date step such as "M1"
        bounds = axis.get("range")
        if bounds and all(isinstance(b, int | float) for b in bounds):
            span = abs(float(bounds[1]) - float(bounds[0]))
        else:
            span = _data_extent(fig, key[0], key.replace("axis", ""))
        if span / step > max_ticks:
            fig.layout[key].update(dtick=None, tickmode="auto", nticks=AUTO_TICKS)
    return fig


def _data_extent(fig: go.Figure, letter: str, name: str) -> float:
    """The longest distance from 0 drawn along axis ``name`` ("x", "y2"): stacked bars summed
    per category, other traces by their largest value."""
    stacked = fig.layout.barmode in ("stack", "relative")
    other = "y" if letter == "x" else "x"
    sums: dict[Any, float] = {}
    largest = 0.0
    for trace in fig.data:
        if letter not in trace or (trace[f"{letter}axis"] or letter) != name:
            continue
        values = pd.to_numeric(pd.Series(list(trace[letter] or [])), errors="coerce").abs()
        if values.empty or values.isna().all():
            continue
        if stacked and trace.type == "bar":
            categories = list(trace[other]) if trace[other] is not None else range(len(values))
            for category, value in zip(categories, values.fillna(0), strict=False):
                sums[category] = sums.get(category, 0.0) + float(value)
        else:
            largest = max(largest, float(values.max()))
    return max([largest, *sums.values()])


class ChartSession:
    """One Chromium for one export's chart images, started when the session is made.

    Made before the data is gathered, the browser starts (3-5 s) while the queries run; it closes
    (~4 s) in its own thread while the caller lays out the file. ``render`` may be called once;
    leaving the ``with`` block without it lets the browser go.
    """

    def __init__(self, *, width: int = WIDTH, scale: float = SCALE, tabs: int = TABS) -> None:
        self.width, self.scale, self.tabs = width, scale, tabs
        self.browser = find_browser()
        self._figures: queue.Queue[list[go.Figure] | None] = queue.Queue(maxsize=1)
        self._pngs: concurrent.futures.Future[list[bytes]] = concurrent.futures.Future()
        self._sent = False
        self._thread: threading.Thread | None = None
        if self.browser is not None and _kaleido() is not None:
            # Not a daemon: a process that ends (the command line) waits for its browser to close,
            # which the deadline and choreographer's own timeouts keep within about a minute.
            self._thread = threading.Thread(target=self._run, name="chart-images")
            self._thread.start()

    def render(self, figures: Sequence[go.Figure]) -> list[bytes]:
        """PNG bytes of each figure (its layout height, the session's width), in order.

        Raises ``ChartImagesUnavailable`` (with the reason in Vietnamese) when no browser is
        found or the browser fails; callers then leave the charts out.
        """
        if not figures:
            self.close()
            return []
        if self.browser is None:
            raise ChartImagesUnavailable(MISSING_BROWSER)
        if self._thread is None:
            raise ChartImagesUnavailable(
                "Chưa cài gói kaleido để vẽ ảnh biểu đồ: chạy scripts/setup.sh."
            )
        self._send(list(figures))
        try:
            return self._pngs.result(timeout=DEADLINE_SECONDS + 5)
        except concurrent.futures.TimeoutError as exc:
            raise ChartImagesUnavailable(
                "Trình duyệt vẽ ảnh biểu đồ không trả lời (quá thời gian chờ)."
            ) from exc
        except Exception as exc:
            raise ChartImagesUnavailable(
                f"Không vẽ được ảnh biểu đồ bằng {self.browser}: {exc}"
            ) from exc

    def close(self) -> None:
        """Let the browser go (without waiting for it) if nothing was sent to draw."""
        self._send(None)

    def __enter__(self) -> ChartSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _send(self, figures: list[go.Figure] | None) -> None:
        if not self._sent:
            self._sent = True
            self._figures.put(figures)

    def _opts(self, fig: go.Figure) -> dict[str, Any]:
        height = int(fig.layout.height or HEIGHT)
        return {"format": "png", "width": self.width, "height": height, "scale": self.scale}

    def _run(self) -> None:  # a fresh event loop, whatever thread (Streamlit) made the session
        try:
            asyncio.run(self._draw())
        except BaseException as exc:  # the browser did not start, or failed to close
            if not self._pngs.done():
                self._pngs.set_exception(exc)

    async def _draw(self) -> None:
        kaleido = _kaleido()
        # mathjax=False: no fetch from a CDN (ward offices are often offline).
        async with kaleido.Kaleido(
            path=self.browser, mathjax=False, timeout=TIMEOUT_SECONDS, n=self.tabs
        ) as k:
            figures = await asyncio.to_thread(self._figures.get, timeout=IDLE_SECONDS)
            if figures is None:
                return
            try:
                pngs = await asyncio.wait_for(
                    asyncio.gather(*(k.calc_fig(f, opts=self._opts(f)) for f in figures)),
                    DEADLINE_SECONDS,
                )
            except Exception as exc:
                self._pngs.set_exception(exc)
                return
            self._pngs.set_result([bytes(png) for png in pngs])
        # Leaving the block closes the browser: the caller already has its images.


def _kaleido() -> Any:
    try:
        import kaleido
    except ImportError:
        return None
    return kaleido


def render_pngs(
    figures: Sequence[go.Figure], *, width: int = WIDTH, scale: float = SCALE
) -> list[bytes]:
    """PNG bytes of each figure (its layout height, ``width`` wide), drawn by one browser session
    (``ChartSession``). Raises ``ChartImagesUnavailable`` as ``ChartSession.render`` does."""
    if not figures:
        return []
    with ChartSession(width=width, scale=scale) as session:
        return session.render(figures)


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, from the PNG header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def image_name(index: int, name: str, snapshot: Snapshot) -> str:
    """'01_ket-qua-xep-loai_phuong-viet-hoa_30-09-2026.png': order, what, whose (and filters),
    as of when."""
    whose = snapshot.stem().split("_", 1)[1]
    return f"{index:02d}_{name}_{whose}.png"


def caption(snapshot: Snapshot) -> str:
    """The subtitle of every chart image; the ward and the filters (unit names…) read literally."""
    return plain_label(
        f"{snapshot.ward} · số liệu đến ngày {snapshot.as_of_text} · {snapshot.filters}"
    )


# ==================================================================== CSV and the zip bundle
def csv_bytes(table: Table) -> bytes:
    """The table's rows as CSV with a UTF-8 byte-order mark (Excel shows Vietnamese), dates
    dd/mm/yyyy, formula-like text neutralised (analytics.csv_safe)."""
    frame = table.frame.copy()
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [f"{a} - {b}" if b else a for a, b in frame.columns]
    for column in frame.columns:
        frame[column] = [_csv_value(v) for v in frame[column]]
    return csv_safe.csv_bytes(frame)


def _csv_value(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, dt.datetime | pd.Timestamp):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return value


def bundle(
    snapshot: Snapshot, images: Sequence[tuple[str, bytes]], notes: Sequence[str] = ()
) -> bytes:
    """A zip of the chart PNGs and one CSV per table, with a short note of what is inside."""
    buffer = io.BytesIO()
    m = snapshot.made_at
    when = (max(m.year, 1980), m.month, m.day, m.hour, m.minute, m.second)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, png in images:
            _add(zf, name, png, when)
        for i, table in enumerate(snapshot.tables, start=1):
            _add(zf, csv_name(i, table), csv_bytes(table), when)
        lines = [snapshot.title, snapshot.ward, *snapshot.header_lines(), ""]
        lines += [f"Ảnh: {name}" for name, _ in images]
        lines += [
            f"Bảng: {csv_name(i, t)} — {t.title}" for i, t in enumerate(snapshot.tables, start=1)
        ]
        lines += ["", *notes, *snapshot.notes]
        _add(zf, "doc-truoc.txt", ("\n".join(lines) + "\n").encode("utf-8-sig"), when)
    return buffer.getvalue()


def csv_name(index: int, table: Table) -> str:
    """'bang-03_chua-dat-tieu-chuan.csv'."""
    from analytics.export.content import slug

    return f"bang-{index:02d}_{slug(table.sheet)}.csv"


def _add(
    zf: zipfile.ZipFile, name: str, data: bytes, when: tuple[int, int, int, int, int, int]
) -> None:
    info = zipfile.ZipInfo(name, date_time=when)
    info.external_attr = 0o644 << 16  # readable by all when unzipped
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)
