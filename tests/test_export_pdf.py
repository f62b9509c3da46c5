"""The PDF briefing: text extracted with pypdf keeps the filters and every Vietnamese diacritic;
A4 pages; long tables break across pages with their header repeated; no browser, no charts,
and the briefing says so. Also the chart images and the zip of images and CSVs."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from analytics.export import collect, images, make_export, pdf
from analytics.export.images import ChartImagesUnavailable
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_plan, add_roster

TODAY = dt.date(2026, 10, 15)
MADE_AT = dt.datetime(2026, 10, 15, 9, 30)
A4 = (595.28, 841.89)  # points
UNIT = "Phòng Kinh tế, Hạ tầng và Đô thị"
needs_browser = pytest.mark.skipif(
    images.find_browser() is None, reason="no Chrome/Chromium for chart images"
)


def _pages(data: bytes) -> list[str]:
    return [
        unicodedata.normalize("NFC", page.extract_text())
        for page in PdfReader(io.BytesIO(data)).pages
    ]


@pytest.fixture(scope="module")
def briefing(demo_db: Path) -> list[str]:
    """The demo ward's whole-dashboard briefing for one unit, charts left out."""
    with Store(demo_db, read_only=True) as store:
        made = make_export(
            store,
            Scope(units=(UNIT,)),
            "pdf",
            today=TODAY,
            made_at=MADE_AT,
            made_by="Văn phòng",
            chart_images=False,
            record=False,
        )
    assert (
        made.file_name == "bao-cao_phuong-viet-hoa_phong-kinh-te-ha-tang-va-do-thi_30-09-2026.pdf"
    )
    return _pages(made.data)


def test_cover_names_ward_date_filters_and_when_it_was_made(briefing: list[str]) -> None:
    cover = briefing[0]
    assert "ỦY BAN NHÂN DÂN PHƯỜNG VIỆT HÒA" in cover
    assert "BÁO CÁO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ," in cover
    assert "Số liệu tính đến ngày 30/09/2026" in cover
    assert f"Đơn vị: {UNIT}" in cover
    assert "Lập lúc 15/10/2026 09:30" in cover
    assert "Người lập Văn phòng" in cover
    # The headline figures of the unit: 11 people, 10 of them with a degree (90,9%).
    assert "Tổng số CBCC\n11" in cover
    assert "90,9%" in cover


def test_vietnamese_words_keep_their_diacritics(briefing: list[str]) -> None:
    text = "\n".join(briefing)
    for words in (
        "Phường Việt Hòa",
        "Trình độ chuyên môn",
        "Hoàn thành xuất sắc nhiệm vụ",
        "Không hoàn thành nhiệm vụ",
        "Lý luận chính trị",
        "Tiến độ thực hiện kế hoạch",
        "Chưa cập nhật",
    ):
        assert words in text, words


def test_without_chart_images_the_briefing_says_the_charts_were_left_out(
    briefing: list[str],
) -> None:
    assert "Bản này không có biểu đồ" in briefing[0]
    assert "Ảnh biểu đồ đã được tắt khi xuất" in briefing[0]


def test_without_a_browser_the_briefing_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(images, "find_browser", lambda: None)
    store = Store(tmp_path / "b.duckdb")
    add_roster(store, [{"staff_id": "A", "full_name": "Lê Văn An"}])
    made = make_export(store, Scope(), "pdf", today=TODAY, made_at=MADE_AT, record=False)
    cover = _pages(made.data)[0]
    assert "không có biểu đồ" in cover.lower()
    assert "sudo apt-get install chromium" in cover
    assert any("Chromium" in n for n in made.notes)


def test_every_page_is_a4(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        made = make_export(
            store, Scope(), "pdf", today=TODAY, made_at=MADE_AT, chart_images=False, record=False
        )
    reader = PdfReader(io.BytesIO(made.data))
    assert len(reader.pages) >= 6
    for page in reader.pages:
        size = sorted((round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)))
        assert size == sorted(A4)


def test_a_long_table_spans_pages_with_its_header_repeated(tmp_path: Path) -> None:
    store = Store(tmp_path / "long.duckdb")
    people = [
        {
            "staff_id": f"P{i:03d}",
            "full_name": f"Nguyễn Văn Thứ {i:03d}",
            "education_level": "Trung cấp",
        }
        for i in range(120)
    ]
    add_roster(store, people)
    made = make_export(
        store,
        Scope(),
        "pdf",
        view="bo-tri",
        today=TODAY,
        made_at=MADE_AT,
        chart_images=False,
        record=False,
    )
    pages = _pages(made.data)
    gap_pages = [p for p in pages if any(f"Thứ {i:03d}" in p for i in range(120))]
    assert len(gap_pages) >= 4
    for page in gap_pages:
        assert "Họ và tên" in page
        assert "Lý do" in page
    listed = {i for i in range(120) if any(f"Thứ {i:03d}" in p for p in gap_pages)}
    assert listed == set(range(120))  # every row printed once the table breaks


def test_the_font_is_embedded(briefing: list[str], demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        made = make_export(
            store, Scope(), "pdf", view="tong-quan", today=TODAY, chart_images=False, record=False
        )
    assert b"/FontFile2" in made.data  # a TrueType font program inside the file


def test_a_missing_font_raises_a_vietnamese_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "FONT_CANDIDATES", ())
    monkeypatch.setattr(pdf, "_matplotlib_font", lambda: None)
    monkeypatch.delenv(pdf.FONT_ENV, raising=False)
    with pytest.raises(pdf.FontNotFound, match="fonts-dejavu-core"):
        pdf.find_font()


def test_a_font_named_in_the_environment_is_used_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    regular = tmp_path / "MyFont-Regular.ttf"
    regular.write_bytes(b"x")
    monkeypatch.setenv(pdf.FONT_ENV, str(regular))
    assert pdf.find_font() == (str(regular), str(regular))  # no bold beside it: regular for both


def test_csv_in_the_zip_has_a_byte_order_mark_and_neutralised_formulas(tmp_path: Path) -> None:
    store = Store(tmp_path / "z.duckdb")
    add_roster(store, [{"staff_id": "A", "full_name": "=1+1", "education_level": "Trung cấp"}])
    made = make_export(
        store,
        Scope(),
        "zip",
        view="bo-tri",
        today=TODAY,
        made_at=MADE_AT,
        chart_images=False,
        record=False,
    )
    with zipfile.ZipFile(io.BytesIO(made.data)) as zf:
        names = zf.namelist()
        assert "bang-02_chua-dat-tieu-chuan.csv" in names
        raw = zf.read("bang-02_chua-dat-tieu-chuan.csv")
        readme = zf.read("doc-truoc.txt").decode("utf-8-sig")
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Họ và tên,")
    assert "'=1+1" in text
    assert "Số liệu tính đến ngày 30/09/2026" in readme


@needs_browser
@pytest.mark.slow
def test_with_a_browser_each_chart_is_an_image_in_the_briefing(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        made = make_export(
            store, Scope(), "pdf", view="tong-quan", today=TODAY, made_at=MADE_AT, record=False
        )
    reader = PdfReader(io.BytesIO(made.data))
    assert sum(len(page.images) for page in reader.pages) == 2
    text = "\n".join(_pages(made.data))
    assert "Hình 1. Kết quả xếp loại năm gần nhất" in text
    assert "không có biểu đồ" not in text


@needs_browser
@pytest.mark.slow
def test_a_chart_image_is_projector_size_and_named_for_what_it_shows(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        made = make_export(
            store, Scope(), "png", chart="trinh-do-chuyen-mon", today=TODAY, record=False
        )
    assert made.file_name == "trinh-do-chuyen-mon_phuong-viet-hoa_30-09-2026.png"
    assert made.data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = images.png_size(made.data)
    assert width == 1920
    assert height >= 1080


def test_a_png_without_a_browser_is_refused_with_the_reason(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(images, "find_browser", lambda: None)
    with (
        Store(demo_db, read_only=True) as store,
        pytest.raises(ChartImagesUnavailable, match="Chromium"),
    ):
        make_export(store, Scope(), "png", chart="do-tuoi", today=TODAY, record=False)


def test_a_list_longer_than_the_pdf_prints_its_first_rows_and_points_to_the_excel(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "longer.duckdb")
    people = [
        {
            "staff_id": f"P{i:03d}",
            "full_name": f"Nguyễn Văn Thứ {i:03d}",
            "education_level": "Trung cấp",
        }
        for i in range(pdf.PDF_MAX_ROWS + 30)
    ]
    add_roster(store, people)  # one gap each: education below the Đại học floor
    made = make_export(
        store, Scope(), "pdf", view="bo-tri", today=TODAY, made_at=MADE_AT,
        chart_images=False, record=False,
    )  # fmt: skip
    text = " ".join(_pages(made.data)).replace("\n", " ")
    printed = {i for i in range(len(people)) if f"Thứ {i:03d}" in text}
    assert len(printed) == pdf.PDF_MAX_ROWS
    assert (
        f"Bản PDF in {pdf.PDF_MAX_ROWS} dòng đầu trong tổng số {len(people)} dòng. "
        "Danh sách đầy đủ ở tệp Excel của cùng bản xuất."
    ) in text
    workbook = make_export(
        store, Scope(), "xlsx", view="bo-tri", today=TODAY, made_at=MADE_AT,
        chart_images=False, record=False,
    )  # fmt: skip
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook.data), read_only=True)
    cells = {
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    }
    assert {f"Nguyễn Văn Thứ {i:03d}" for i in range(len(people))} <= cells


# ==================================================================== issue 10: the meeting's files
def test_every_page_names_the_ward_and_the_data_date_in_its_header(briefing: list[str]) -> None:
    assert len(briefing) >= 6
    for number, page in enumerate(briefing, start=1):
        header = page.splitlines()[0]
        # the place as the overview names it (queries.place_in_view), then the data date
        expected = "Phường Việt Hòa · Thành phố Hải Phòng · số liệu đến ngày 30/09/2026"
        assert header.startswith(expected), (number, header)


def _imports(store: Store) -> list[tuple[str, str]]:
    """(file name, import time as the cover prints it) of every file the demo imported that the
    figures come from (the training records are no figure of the briefing)."""
    rows = store.execute(
        "select file_name, imported_at from imports where kind <> 'training' order by import_id"
    )
    return [(str(name), f"{at:%d/%m/%Y %H:%M}") for name, at in rows]


def test_the_cover_lists_the_files_the_figures_come_from_and_when_each_was_imported(
    demo_db: Path, briefing: list[str]
) -> None:
    cover = briefing[0]
    assert "Phiên bản" not in "\n".join(briefing)
    assert "Số liệu lấy từ các tệp đã nhập" in cover
    with Store(demo_db, read_only=True) as store:
        files = _imports(store)
    # The demo imports 2 rosters, 3 evaluation years, a plan and 2 progress files: all 8 feed
    # the figures (the older roster is the comparison's "kỳ trước").
    assert len(files) == 8
    lines = cover.splitlines()
    for name, imported in files:
        line = next(line for line in lines if line.startswith(name))
        assert line.endswith(imported), line
    roster_2025 = next(line for line in lines if line.startswith("roster_2025-12-31.xlsx"))
    assert "danh sách đến 31/12/2025 (kỳ trước)" in roster_2025
    # 40 people in the latest roster, 39 in the one before it.
    assert " 40 " in next(line for line in lines if line.startswith("roster_2026-09-30.xlsx"))
    assert " 39 " in roster_2025


def test_a_viewer_s_cover_counts_the_files_without_their_names(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        made = make_export(
            store, Scope(role="viewer"), "pdf", today=TODAY, chart_images=False, record=False
        )
        files = _imports(store)
    pages = _pages(made.data)
    cover = "\n".join(pages[:2])  # its notes on the tables left out push the list onto page 2
    assert "Cơ cấu đội ngũ theo đơn vị" in pages[2].splitlines()[1]  # the first section
    assert "Tên tệp chỉ hiện với vai trò được xem lịch sử nhập tệp." in cover
    assert not [name for name, _ in files if name in cover]
    # The 8 files are still counted, each with its kind and import time.
    kinds = ("Danh sách cán bộ, công chức", "Kết quả đánh giá", "Kế hoạch (", "Báo cáo tiến độ")
    listed = [line for line in cover.splitlines() if line.startswith(kinds)]
    assert len(listed) == 8
    assert sorted(line.rsplit(" ", 2)[-2] + " " + line.rsplit(" ", 1)[-1] for line in listed) == (
        sorted(at for _, at in files)
    )


def _two_wards(tmp_path: Path) -> Store:
    """Two wards of Hải Phòng (their province from the reference table), each with a plan."""
    store = Store(tmp_path / "city.duckdb")
    for ward, prefix in (("Phường Hồng Bàng", "HB"), ("Phường Lê Chân", "LC")):
        add_roster(
            store,
            [
                {"staff_id": f"{prefix}{i}", "full_name": f"Nguyễn Văn {prefix} {i}"}
                for i in range(3)
            ],
            ward=ward,
        )
        add_plan(store, [{"task_code": "2", "title": "Rà soát đội ngũ"}], ward=ward)
    return store


def test_many_wards_are_named_by_their_province_and_reported_by_its_department(
    tmp_path: Path,
) -> None:
    store = _two_wards(tmp_path)
    made = make_export(store, Scope(), "pdf", today=TODAY, chart_images=False, record=False)
    pages = _pages(made.data)
    assert "ỦY BAN NHÂN DÂN 2 PHƯỜNG/XÃ" not in pages[0]
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG\nSỞ NỘI VỤ" in pages[0]
    for page in pages:
        assert page.splitlines()[0].startswith(
            "Thành phố Hải Phòng – 2 phường/xã · số liệu đến ngày 30/09/2026"
        )
    plan = next(p for p in pages if p.splitlines()[1] == "Tiến độ thực hiện kế hoạch")
    # The plan of many wards says whose task each row is.
    assert "Phường/xã" in plan
    assert "Phường Hồng Bàng 2 Rà soát đội ngũ" in plan
    assert "Phường Lê Chân 2 Rà soát đội ngũ" in plan


def _text_past_the_right_margin(data: bytes, margin_mm: float = 15.0) -> list[str]:
    """Every piece of text whose end (its start from the PDF's text matrix plus its width in
    the embedded font at its size) lies past the right margin of its page."""
    regular, bold = pdf.find_font()
    meter = FPDF(unit="pt")
    meter.add_font("R", "", regular)
    meter.add_font("B", "", bold)
    found: list[str] = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        right = float(page.mediabox.width) - margin_mm * 72 / 25.4 + 0.5  # half a point slack

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: Any,
            size: float,
            right: float = right,
            number: int = number,
        ) -> None:
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            base = str(font.get("/BaseFont", "")) if font else ""
            meter.set_font("B" if "Bold" in base else "R", size=size * tm[0] * cm[0])
            end = x + meter.get_string_width(text.rstrip("\n"))
            if end > right:
                found.append(f"trang {number}: {text.strip()!r} tới {end:.1f} > {right:.1f} pt")

        page.extract_text(visitor_text=visit)
    return found


def test_no_text_runs_past_the_right_margin_even_with_long_filters(demo_db: Path) -> None:
    # Long filters: the old footer ran "Phạm vi: …" into the page number and past the margin.
    scope = Scope(
        units=(
            "Phòng Kinh tế, Hạ tầng và Đô thị",
            "Phòng Văn hóa – Xã hội",
            "Văn phòng HĐND và UBND",
        ),
        fields=("Văn hóa – Xã hội", "Xây dựng", "Đất đai", "Tài chính – Kế toán"),
        genders=("Nữ",),
    )
    with Store(demo_db, read_only=True) as store:
        made = make_export(store, scope, "pdf", today=TODAY, chart_images=False, record=False)
    assert _text_past_the_right_margin(made.data) == []


def test_the_margin_check_sees_a_line_drawn_past_the_margin() -> None:
    # The check above can fail: a cell 10 mm wider than the text width is caught.
    sheet = FPDF()
    regular, _ = pdf.find_font()
    sheet.add_font("R", "", regular)
    sheet.add_page()
    sheet.set_font("R", size=10)
    sheet.set_x(15)
    sheet.cell(190, 5, "Quá hạn 63 ngày " * 8)
    assert _text_past_the_right_margin(bytes(sheet.output()))


def test_the_cover_lists_only_the_files_of_the_wards_in_scope(tmp_path: Path) -> None:
    store = _two_wards(tmp_path)
    # Hồng Bàng's roster and plan were imported first (import ids in order: roster, plan, then
    # Lê Chân's roster and plan).
    ids = [r[0] for r in store.execute("select import_id from imports order by import_id")]
    names = {i: f"{kind}-{i}.xlsx" for i, kind in zip(ids, ["roster", "plan"] * 2, strict=True)}
    made = make_export(
        store,
        Scope(wards=("Phường Hồng Bàng",)),
        "pdf",
        today=TODAY,
        chart_images=False,
        record=False,
    )
    cover = "\n".join(_pages(made.data)[:2])
    assert names[ids[0]] in cover and names[ids[1]] in cover
    assert names[ids[2]] not in cover and names[ids[3]] not in cover
    header = "Phường Hồng Bàng · Thành phố Hải Phòng · số liệu đến ngày 30/09/2026"
    assert cover.splitlines()[0].startswith(header)
    assert "ỦY BAN NHÂN DÂN PHƯỜNG HỒNG BÀNG" in cover


def _image_boxes(data: bytes) -> list[tuple[int, float, float, float, float]]:
    """(page, left, bottom, width, height) in points of every image drawn: the ``cm`` matrix
    set right before each ``Do``."""
    boxes = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        matrix: list[float] | None = None
        for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
            if operator == b"cm":
                matrix = [float(v) for v in operands]
            elif operator == b"Do" and matrix is not None:
                a, _, _, d, e, f = matrix
                boxes.append((number, e, f, a, d))
    return boxes


def test_chart_images_stay_inside_the_printable_area_whatever_their_shape(tmp_path: Path) -> None:
    store = Store(tmp_path / "img.duckdb")
    add_roster(store, [{"staff_id": "A", "full_name": "Lê Văn An"}])
    snapshot = collect(store, Scope(), today=TODAY, made_at=MADE_AT)
    shapes = {"rộng": (3000, 600), "16:9": (1600, 900), "cao": (800, 2400)}
    charts = []
    for title, size in shapes.items():
        png = io.BytesIO()
        Image.new("RGB", size, "white").save(png, format="PNG")
        charts.append((title, png.getvalue()))
    boxes = _image_boxes(pdf.pdf_bytes(snapshot, charts))
    assert len(boxes) == 3
    margin = 15 * 72 / 25.4  # 15 mm, the PDF's left and right margins
    for _, left, bottom, width, height in boxes:
        assert left >= margin - 0.5 and left + width <= A4[0] - margin + 0.5
        assert bottom >= 12 * 72 / 25.4 and bottom + height <= A4[1] - 16 * 72 / 25.4
    wide = boxes[0]
    assert wide[3] == pytest.approx(A4[0] - 2 * margin, abs=0.5)  # the full text width
    assert wide[3] / wide[4] == pytest.approx(3000 / 600, rel=0.01)  # its own aspect ratio
