"""Data is never markup: names, units, fields, notes, file names written as markdown or HTML
into the demo ward show as plain text on every screen (markdown and chart text alike)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from tests.markdown_view import visible, visible_frame
from tests.pages.conftest import DASHBOARD, SignIn

KT, VHXH = "Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Văn hóa – Xã hội"
# Two units renamed everywhere (roster, evaluations, plan, the unit head's account).
UNIT_IMAGE = '![x](http://127.0.0.1:9/x.png) <a href="javascript:alert(1)">Phòng Kinh tế</a>'
UNIT_LINK = "[Bấm vào đây](http://127.0.0.1:9/) <img src=x onerror=alert(1)> Phòng $x^2$"
FIELD = ":red[đỏ] :material/home: Đất đai"
PERSON = (
    "Đỗ Mạnh Giang <img src=x onerror=alert(1)>"  # on the review list (KHTNV), moved to UNIT_LINK
)
POSITION = '<a href="javascript:alert(1)">x</a> javascript:alert(1)'
NOTE = "**đậm** _nghiêng_ # tiêu đề"
TITLE = "$x^2$ :red[đỏ] :material/home: Tham mưu bố trí, sắp xếp"
DELIVERABLE = "`code` | a | b ~~gạch~~ Phương án"
REPORT_NOTE = "dòng 1\ndòng 2 http://127.0.0.1:9/ a@b.com"
REPORTER = "[Bấm vào đây](http://127.0.0.1:9/)"
FILE = "![x](http://127.0.0.1:9/x.png) danh_sach.xlsx"
SHEET = "<img src=x onerror=alert(1)>"
# What the hostile values must never be in a screen's markdown source (each would render).
RAW_FORMS = (
    "![x](",
    "](http",
    "<img",
    "<a href",
    "$x^2$",
    ":red[",
    ":material/home:",
    "**đậm**",
    "`code`",
    "~~gạch~~",
    "http://127.0.0.1",
    "a@b.com",
)
ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")  # a backslash and the punctuation it makes literal
# Plotly's own markup that the charts write on purpose; anything else in "<…>" is the data's.
CHART_TAGS = re.compile(r"</?(br|b|i|extra)>")

# screen -> (hostile values its markdown must show as written, escaped forms its charts draw)
SCREENS = {
    "pages/1_tong_quan.py": ((UNIT_IMAGE, UNIT_LINK), ()),
    "pages/2_trinh_do.py": ((UNIT_LINK,), ("&lt;img",)),
    "pages/3_bo_tri.py": ((UNIT_IMAGE,), ("&lt;a href", "&lt;img")),
    "pages/4_danh_gia.py": ((UNIT_IMAGE, UNIT_LINK, PERSON, POSITION), ("&lt;a href", "&lt;img")),
    "pages/5_ke_hoach.py": (
        (UNIT_LINK, TITLE, DELIVERABLE, "dòng 1 dòng 2", REPORTER),
        ("&#36;x^2&#36;", "`code`"),
    ),
    "pages/6_du_lieu.py": ((UNIT_IMAGE, FILE), ()),
    "pages/7_bao_cao.py": ((UNIT_IMAGE, UNIT_LINK), ()),
    "pages/10_trinh_chieu.py": ((UNIT_IMAGE, UNIT_LINK), ()),
    "pages/8_nhat_ky.py": ((), ()),
    "pages/9_tai_khoan.py": ((), ()),
}


def write_hostile_values(db: Path) -> None:
    """The demo ward with markup in its names, kept consistent so every screen still shows it."""
    with duckdb.connect(str(db)) as con:
        for old, new in ((KT, UNIT_IMAGE), (VHXH, UNIT_LINK)):
            con.execute("update roster_rows set unit = ? where unit = ?", [new, old])
            con.execute("update evaluation_rows set unit = ? where unit = ?", [new, old])
            con.execute("update accounts set unit = ? where unit = ?", [new, old])
            for column in ("lead_unit", "coordinating_units"):
                con.execute(
                    f"update plan_task_rows set {column} = replace({column}, ?, ?)", [old, new]
                )
        con.execute("update roster_rows set field = ? where field = 'Đất đai'", [FIELD])
        con.execute("update fields set field = ? where field = 'Đất đai'", [FIELD])
        con.execute("update standards set target = ? where target = 'Đất đai'", [FIELD])
        for table in ("roster_rows", "evaluation_rows"):
            con.execute(
                f"update {table} set full_name = ?, note = ?, unit = ? "
                "where full_name = 'Đỗ Mạnh Giang'",
                [PERSON, NOTE, UNIT_LINK],
            )
        con.execute("update roster_rows set position = ? where full_name = ?", [POSITION, PERSON])
        con.execute("update plan_task_rows set title = ? where task_code = '3'", [TITLE])
        con.execute(
            "update progress_reports set deliverable = ?, note = ?, reported_by = ? "
            "where task_code = '3'",
            [DELIVERABLE, REPORT_NOTE, REPORTER],
        )
        con.execute("update imports set file_name = ?, sheet = ?", [FILE, SHEET])


@pytest.fixture
def hostile_db(app_db: Path) -> Path:
    write_hostile_values(app_db)
    return app_db


def nodes(at: AppTest) -> Iterator[Any]:
    yield from at.main
    yield from at.sidebar


def markdown_sources(at: AppTest) -> list[str]:
    """Every text Streamlit renders as markdown: element bodies (markdown, caption, headings,
    alerts), labels (metrics, widgets, expanders, tabs), help tooltips, radio options and
    st.table cells. Selectbox and multiselect options are plain text and left out."""
    sources: list[str] = []
    for node in nodes(at):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        fields = MessageToDict(proto)
        sources += [str(fields[k]) for k in ("body", "label", "help") if k in fields]
        if getattr(node, "type", None) == "radio":
            sources += [str(o) for o in fields.get("options", [])]
        if getattr(node, "type", None) == "table":
            frame = node.value
            sources += [str(c) for c in frame.columns]
            sources += [str(v) for v in frame.to_numpy().ravel() if isinstance(v, str)]
    for tab in at.tabs:
        sources.append(tab.label)
    return sources


def chart_texts(at: AppTest) -> list[str]:
    """Every string of every Plotly figure on the screen (titles, ticks, legend, hover,
    annotations), customdata left out: it is never drawn, the hover reads escaped copies."""
    texts: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if key == "customdata":
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            texts.append(value)

    for node in nodes(at):
        if getattr(node, "type", None) == "plotly_chart":
            walk(json.loads(node.proto.spec))
    return texts


def open_screen(at: AppTest, page: str) -> AppTest:
    """The screen with the lists and messages that carry the hostile values opened."""
    at.switch_page(page).run()
    if page == "pages/2_trinh_do.py":
        at.selectbox(key="qual_by").set_value("unit").run()
        pick = at.selectbox(key="qual_pick")
        pick.set_value(next(o for o in pick.options if UNIT_LINK in o)).run()
    elif page == "pages/3_bo_tri.py":
        group = at.selectbox(key="bo_tri_group")
        group.set_value(next(o for o in group.options if UNIT_IMAGE in o)).run()
    elif page == "pages/4_danh_gia.py":
        at.selectbox(key="ev_people_unit").set_value(UNIT_LINK).run()
    elif page == "pages/5_ke_hoach.py":
        at.selectbox(key="pf_history_task").set_value("3").run()
    return at


def signed_in(sign_in: SignIn) -> AppTest:
    """The HR officer (every screen, every list), the sidebar filtered to the two renamed
    units so every "phạm vi" caption names them."""
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=90), "hr")
    at.multiselect(key="f_unit").set_value([UNIT_IMAGE, UNIT_LINK]).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page", SCREENS)
def test_markup_in_the_data_shows_as_plain_text(
    hostile_db: Path, sign_in: SignIn, page: str
) -> None:
    at = open_screen(signed_in(sign_in), page)
    assert not at.exception, at.exception
    shown, drawn = SCREENS[page]

    sources = markdown_sources(at)
    for source in sources:
        live = ESCAPE.sub("\0", source)  # an escaped character can start or be part of no markup
        raw = [form for form in RAW_FORMS if form in live]
        assert not raw, (raw, source)
    read = " ".join(visible(s) for s in sources)
    for value in shown:
        assert value in read  # on the screen, and as written

    texts = chart_texts(at)
    for text in texts:
        assert "<" not in CHART_TAGS.sub("", text), text  # no tag but the charts' own
        assert "$" not in text, text  # no formula
    for escaped in drawn:
        assert any(escaped in t for t in texts), escaped  # the chart does draw the value


def test_every_slide_of_the_deck_shows_markup_in_the_data_as_plain_text(
    hostile_db: Path, sign_in: SignIn
) -> None:
    at = open_screen(signed_in(sign_in), "pages/10_trinh_chieu.py")
    at.button(key="slides_start").click().run()
    seen = 0
    while True:
        assert not at.exception, at.exception
        seen += 1
        html = {node.proto.body for node in at.get("html")}  # st.html: no markdown, no formula
        for source in markdown_sources(at):
            forms = ("<img", "<a href") if source in html else RAW_FORMS
            live = ESCAPE.sub("\0", source)
            assert not [form for form in forms if form in live], source
        for text in chart_texts(at):
            assert "<" not in CHART_TAGS.sub("", text), text
            assert "$" not in text, text
        following = at.button(key="slides_next")
        if following.disabled:
            break
        following.click().run()
    assert seen > 3  # the walk did go through the deck


def test_the_data_is_untouched_in_tables_and_downloads(hostile_db: Path, sign_in: SignIn) -> None:
    """Escaping is for display only: the scrolling tables (plain text already) keep the value."""
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=90), "hr")
    at.switch_page("pages/6_du_lieu.py").run()
    history = next(d.value for d in at.dataframe if "Tệp" in d.value.columns)
    assert set(history["Tệp"]) == {FILE}
    at.switch_page("pages/4_danh_gia.py").run()
    review = next(
        visible_frame(t.value) for t in at.table if "Lý do cần xem xét" in t.value.columns
    )
    assert PERSON in set(review["Họ và tên"])
