"""The presentation's deck (analytics.slides) and its 16:9 PDF (analytics.slides_pdf), on the
hand-written rows of the overview's tests: each sentence's numbers worked out by hand."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from analytics import audit, slides
from analytics.scope import Account, Scope
from analytics.slides_pdf import PAGE, slides_export
from analytics.store import Store
from tests.test_queries_overview import KT, TODAY
from tests.test_queries_overview import store as store  # the overview tests' hand rows

MADE_AT = dt.datetime(2026, 11, 29, 9, 0)


def sentences(deck: slides.Deck) -> dict[str, str | None]:
    return {s.key: s.sentence for s in deck.slides}


def test_the_deck_has_a_title_the_figures_four_charts_and_the_overdue_tasks(store: Store) -> None:
    deck = slides.deck(store, Scope(), today=TODAY, made_at=MADE_AT)
    assert [s.key for s in deck.slides] == [
        "title", "headline", "trinh-do", "bo-tri", "danh-gia", "ke-hoach", "qua-han",
    ]  # fmt: skip
    assert all(s.figure is not None for s in deck.slides[2:6])
    assert deck.slides[0].lines == (
        "Phường Thử",
        "Số liệu tính đến ngày 30/09/2026",
        "Phạm vi: Toàn bộ (không lọc)",
        "Trình chiếu ngày 29/11/2026",
    )


def test_each_sentence_says_the_numbers_of_the_screens_queries(store: Store) -> None:
    said = sentences(slides.deck(store, Scope(), today=TODAY, made_at=MADE_AT))
    # A, B, C, D on 30/09/2026 against A, B, C on 31/12/2025; ĐH+: A, B, D; LLCT TC+: A, B, D
    assert said["headline"] == (
        "4 cán bộ, công chức (tăng 1 người so với 31/12/2025); 75,0% có trình độ đại học trở "
        "lên, 75,0% có lý luận chính trị trung cấp trở lên."
    )
    # C's degree unknown: 3 of 4 with a degree, 1 not yet recorded
    assert said["trinh-do"] == (
        "3/4 người (75,0%) có trình độ chuyên môn đại học trở lên; 1 người chưa cập nhật "
        "trình độ chuyên môn."
    )
    # D (Luật in accounting, a sensitive field) below; C lacks the data to check
    assert said["bo-tri"] == (
        "1 người chưa đạt tiêu chuẩn vị trí, 1 ở lĩnh vực nhạy cảm; 1 người chưa có dữ liệu "
        "để đối chiếu (đã đối chiếu 4 người)."
    )
    # 2026: A and B HTTNV, D KHTNV
    assert said["danh-gia"] == (
        "Năm 2026: 0 người hoàn thành xuất sắc, 2 hoàn thành tốt, 0 hoàn thành, 1 không hoàn "
        "thành nhiệm vụ."
    )
    # task 1 done; task 2 due 30/09 still in progress on 29/11: overdue; task 3 recurring
    assert said["ke-hoach"] == (
        "3 nhiệm vụ: 1 hoàn thành, 0 đang thực hiện, 1 quá hạn, 1 chưa thực hiện."
    )
    # 30/09 -> 29/11/2026: 31 days of October and 29 of November
    assert said["qua-han"] == "1 nhiệm vụ quá hạn tính đến ngày 29/11/2026, lâu nhất 60 ngày."


def test_the_overdue_slide_lists_the_late_task(store: Store) -> None:
    late = slides.deck(store, Scope(), today=TODAY).slides[-1].table
    assert late is not None
    assert late.to_dict("records") == [
        {
            "Mã": "2",
            "Nhiệm vụ": "Bố trí",
            "Chủ trì": "—",
            "Hạn hoàn thành": "30/09/2026",
            "Số ngày quá hạn": "60",
            "Tỷ lệ hoàn thành (%)": "",
        }
    ]


def test_a_unit_heads_deck_has_only_their_unit(store: Store) -> None:
    scope = Scope(role="unit_head", role_unit=KT)
    deck = slides.deck(store, scope, today=TODAY)
    said = sentences(deck)
    # KT: B (ĐH, Đất đai, meets the standard now) and D (ThS, Luật in accounting: below)
    assert said["headline"].startswith("2 cán bộ, công chức")  # type: ignore[union-attr]
    assert said["bo-tri"] == (
        "1 người chưa đạt tiêu chuẩn vị trí, 1 ở lĩnh vực nhạy cảm (đã đối chiếu 2 người)."
    )
    assert all(f"Phạm vi: Đơn vị: {KT}" in s.footer for s in deck.slides)


def test_every_slide_carries_the_ward_the_data_date_and_the_filters(store: Store) -> None:
    deck = slides.deck(store, Scope(sensitive_only=True), today=TODAY)
    footer = "Phường Thử · Số liệu tính đến ngày 30/09/2026 · Phạm vi: Chỉ lĩnh vực nhạy cảm"
    assert {s.footer for s in deck.slides} == {footer}
    assert [deck.counter(i) for i in range(len(deck.slides))][-1] == "7/7"


@pytest.fixture
def made(store: Store) -> tuple[Store, bytes]:
    actor = Account("lanhdao", "leader")
    file = slides_export(
        store, Scope(), today=TODAY, made_at=MADE_AT, chart_images=False, actor=actor
    )
    assert file.file_name == "trinh-chieu_phuong-thu_30-09-2026.pdf"
    return store, file.data


def test_the_pdf_has_one_16_9_page_per_slide_each_with_the_footer(
    made: tuple[Store, bytes],
) -> None:
    reader = PdfReader(io.BytesIO(made[1]))
    assert len(reader.pages) == 7
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        assert float(box.width) > float(box.height)
        assert float(box.width) / float(box.height) == pytest.approx(16 / 9, rel=1e-3)
        assert float(box.width) == pytest.approx(PAGE[0] / 25.4 * 72, rel=1e-3)
        text = " ".join(page.extract_text().split())
        assert "Phường Thử · Số liệu tính đến ngày 30/09/2026" in text, number
        assert f"{number}/7" in text, number
    third = " ".join(reader.pages[2].extract_text().split())
    assert "3/4 người (75,0%) có trình độ chuyên môn đại học trở lên" in third
    assert "Bản này không có biểu đồ" in third  # images turned off: said, not silently missing


def test_the_pdf_is_written_to_the_audit_log(made: tuple[Store, bytes]) -> None:
    assert audit.verify(made[0])
    rows = made[0].execute("select username, action, detail from audit_log order by 1")
    assert ("lanhdao", "export") in [(r[0], r[1]) for r in rows]
    assert any("trinh-chieu_phuong-thu_30-09-2026.pdf" in str(r[2]) for r in rows)
