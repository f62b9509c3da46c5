"""The presentation screen (pages/10_trinh_chieu.py) on the demo ward, signed in through the
real form: the outline, the start, the buttons that move the slide, the way out, and what each
role's deck shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.store import Store
from tests.markdown_view import visible
from tests.pages.conftest import DASHBOARD, SignIn

SLIDES = "pages/10_trinh_chieu.py"
CULTURE = "Phòng Văn hóa – Xã hội"  # the demo unit head's unit (8 of the ward's 40 people)
# The demo deck: title, headline figures, four charts, the overdue tasks.
SLIDE_COUNT = 7


def html_text(at: AppTest) -> str:
    """The HTML the slide drew (title, sentence, cards, table, footer)."""
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def counter(at: AppTest) -> str:
    text = html_text(at)
    start = text.index('class="counter">Trang ') + len('class="counter">Trang ')
    return text[start : text.index("<", start)]


def started(at: AppTest) -> AppTest:
    at.button(key="slides_start").click().run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("role", ["viewer", "unit_head", "leader", "hr"])
def test_every_role_opens_the_screen_and_starts_the_deck(
    app_at: Callable[..., AppTest], role: str
) -> None:
    at = app_at(SLIDES, role).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Trình chiếu"
    assert at.button(key="slides_start").label == "Bắt đầu trình chiếu"
    assert at.get("download_button")[0].label == "Tải bản trình chiếu (PDF 16:9)"
    started(at)
    assert counter(at) == f"1/{SLIDE_COUNT}"
    for _ in range(SLIDE_COUNT - 1):  # every slide draws, to the last
        at.button(key="slides_next").click().run()
        assert not at.exception, at.exception
    assert counter(at) == f"{SLIDE_COUNT}/{SLIDE_COUNT}"


def test_next_and_previous_move_the_slide_and_stop_at_either_end(
    app_at: Callable[..., AppTest],
) -> None:
    at = started(app_at(SLIDES, "leader").run())
    assert at.button(key="slides_prev").disabled  # the first slide: nothing before it
    at.button(key="slides_next").click().run()
    assert counter(at) == f"2/{SLIDE_COUNT}"
    assert "Các chỉ số chính" in html_text(at)
    at.button(key="slides_next").click().run()
    assert counter(at) == f"3/{SLIDE_COUNT}"
    assert "Trình độ chuyên môn" in html_text(at)
    at.button(key="slides_prev").click().run()
    assert counter(at) == f"2/{SLIDE_COUNT}"
    for _ in range(SLIDE_COUNT):
        if not at.button(key="slides_next").disabled:
            at.button(key="slides_next").click().run()
    assert counter(at) == f"{SLIDE_COUNT}/{SLIDE_COUNT}"
    assert at.button(key="slides_next").disabled
    assert "Nhiệm vụ quá hạn" in html_text(at)


def test_the_keys_are_the_buttons_shortcuts(app_at: Callable[..., AppTest]) -> None:
    at = started(app_at(SLIDES, "leader").run())
    shortcuts = {b.key: b.proto.shortcut for b in at.button if b.key and b.key.startswith("slides")}
    assert shortcuts == {
        "slides_prev": "left",
        "slides_next": "right",
        "slides_exit": "escape",
        "slides_next_page": "pagedown",
        "slides_next_space": "space",
        "slides_prev_page": "pageup",
    }
    at.button(key="slides_next_page").click().run()  # PageDown: the same step as "Tiếp"
    assert counter(at) == f"2/{SLIDE_COUNT}"
    at.button(key="slides_prev_page").click().run()
    assert counter(at) == f"1/{SLIDE_COUNT}"


def test_presenting_hides_the_sidebar_and_leaving_brings_the_outline_back(
    app_at: Callable[..., AppTest],
) -> None:
    at = started(app_at(SLIDES, "leader").run())
    assert '[data-testid="stSidebar"]' in html_text(at)  # the full-screen style
    assert not at.title  # no screen title: the slide is the screen
    at.button(key="slides_exit").click().run()
    assert not at.exception
    assert at.title[0].value == "Trình chiếu"
    assert "stSidebar" not in html_text(at)
    # the outline lists every slide with its sentence
    outline = visible(at.main.markdown[-1].value)
    assert outline.count("\n") == SLIDE_COUNT - 1
    assert "7 người chưa đạt tiêu chuẩn vị trí, 5 ở lĩnh vực nhạy cảm" in outline


def test_every_slide_carries_the_ward_the_data_date_and_the_filters(
    app_at: Callable[..., AppTest],
) -> None:
    at = app_at(SLIDES, "leader").run()
    at.multiselect(key="f_unit").set_value([CULTURE]).run()
    started(at)
    for i in range(1, SLIDE_COUNT + 1):
        text = html_text(at)
        assert "Phường Việt Hòa · Số liệu tính đến ngày 30/09/2026" in text, i
        assert f"Phạm vi: Đơn vị: {CULTURE}" in text, i
        assert counter(at) == f"{i}/{SLIDE_COUNT}"
        if i < SLIDE_COUNT:
            at.button(key="slides_next").click().run()


def test_a_unit_heads_deck_counts_only_their_unit(app_at: Callable[..., AppTest]) -> None:
    at = started(app_at(SLIDES, "unit_head").run())
    at.button(key="slides_next").click().run()
    # The demo's Phòng Văn hóa – Xã hội: 8 people, every one with a university degree.
    assert "8 cán bộ, công chức" in html_text(at)
    assert f"Đơn vị: {CULTURE}" in html_text(at)


def test_a_viewer_sees_aggregates_only(app_at: Callable[..., AppTest], demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        names = [str(r[0]) for r in store.execute("select full_name from staff")]
    at = started(app_at(SLIDES, "viewer").run())
    for _ in range(SLIDE_COUNT):
        text = html_text(at) + "".join(str(c.proto.spec) for c in at.get("plotly_chart"))
        assert not [n for n in names if n in text]
        assert not at.dataframe
        if not at.button(key="slides_next").disabled:
            at.button(key="slides_next").click().run()


def test_a_ward_tied_account_presents_only_its_ward(sign_in: SignIn) -> None:
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader", ward="Phường Khác")
    at.switch_page(SLIDES).run()
    started(at)
    assert "Phường Khác" in html_text(at)
    assert "Việt Hòa" not in html_text(at)
