"""Data is never markup, in a real Chromium: Streamlit's own front end draws every hostile sample
passed through ``plain`` / ``plain_label`` as the text itself, and no screen of a dashboard whose
data carries them shows a live image, link or formula."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from analytics.serve import ROOT, running_dashboard
from tests.conftest import DEMO_USERS
from tests.pages.test_markup_in_data import PERSON, TITLE, UNIT_IMAGE, UNIT_LINK
from tests.pages.test_markup_in_data import write_hostile_values as hostile
from tests.test_text_plain import HOSTILE, reader_text

pytestmark = pytest.mark.e2e

WORD_JOINER = "\u2060"
# Every place Streamlit reads markdown, each sample behind a marker "<kind><n>§ ".
SAMPLES_APP = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from analytics.charts.base import plain_label, style, wrap
from tests.test_text_plain import HOSTILE
from ui.text import plain

for i, s in enumerate(HOSTILE):
    st.markdown(f"M{{i}}§ {{plain(s)}}")
    st.caption(f"C{{i}}§ {{plain(s)}}")
    st.info(f"I{{i}}§ {{plain(s)}}")
    st.subheader(f"S{{i}}§ {{plain(s)}}")
    st.metric(f"K{{i}}§ {{plain(s)}}", i)
    st.checkbox(f"B{{i}}§ {{plain(s)}}", key=f"b{{i}}")
    with st.expander(f"E{{i}}§ {{plain(s)}}"):
        st.write("·")
st.radio("R", range(len(HOSTILE)), format_func=lambda i: f"R{{i}}§ {{plain(HOSTILE[i])}}")
st.tabs([f"T{{i}}§ {{plain(s)}}" for i, s in enumerate(HOSTILE)])
st.table(pd.DataFrame({{"v": [f"G{{i}}§ {{plain(s)}}" for i, s in enumerate(HOSTILE)]}}))
fig = go.Figure(
    go.Bar(
        x=list(range(1, len(HOSTILE) + 1)),
        y=[wrap(s, 200) for s in HOSTILE],
        orientation="h",
        name=plain_label(HOSTILE[3]),
        customdata=[[s, plain_label(s)] for s in HOSTILE],
        hovertemplate="<b>%{{customdata[1]}}</b><extra></extra>",
    )
)
fig.add_annotation(text=plain_label(HOSTILE[0]), x=1, y=0)
st.plotly_chart(style(fig, plain_label(HOSTILE[2]), height=900), key="chart")
"""
KINDS = {
    "M": "[data-testid=stMarkdown] [data-testid=stMarkdownContainer]",
    "C": "[data-testid=stCaptionContainer]",
    "I": "[data-testid=stAlert] [data-testid=stMarkdownContainer]",
    "S": "[data-testid=stHeading]",
    "K": "[data-testid=stMetricLabel]",
    "B": "[data-testid=stCheckbox] [data-testid=stMarkdownContainer]",
    "E": "[data-testid=stExpander] summary [data-testid=stMarkdownContainer]",
    "R": "[data-testid=stRadio] [role=radiogroup] [data-testid=stMarkdownContainer]",
    "T": "[role=tab] [data-testid=stMarkdownContainer]",
    "G": "[data-testid=stTable] td",
}
LIVE_MARKUP = (
    "img[src]:not([src^='data:'])",
    "a[href*='127.0.0.1:9']",
    "a[href^='javascript']",
    "a[href^='mailto']",
    "a[href*='www.']",
    ".katex",
    "[data-testid=stMarkdownContainer] strong",
    "[data-testid=stMarkdownContainer] em",
    "[data-testid=stMarkdownContainer] del",
    "[data-testid=stMarkdownContainer] code",
    "[data-testid=stMarkdownContainer] h1",
    "[data-testid=stMarkdownContainer] table",
    "[data-testid=stMarkdownContainer] li",
    "[data-testid=stMarkdownContainer] [data-testid=stIconMaterial]",
    "[data-testid=stMarkdownContainer] span[class*=red], [data-testid=stMarkdownContainer] span[style*=color]",
)


@pytest.fixture(scope="module")
def samples_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("samples")
    script = folder / "samples.py"
    script.write_text(SAMPLES_APP, encoding="utf-8")
    with running_dashboard(demo_db, script=script) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("hostile") / "app.duckdb"
    shutil.copy(demo_db, db)
    hostile(db)
    with running_dashboard(db) as url:
        yield url


def texts(page: Page, selector: str) -> list[str]:
    return [t.replace(WORD_JOINER, "").strip() for t in page.locator(selector).all_inner_texts()]


def test_every_sample_reads_as_written_wherever_streamlit_reads_markdown(
    page: Page, samples_url: str
) -> None:
    page.goto(samples_url)
    expect(page.locator("[data-testid=stTable]")).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot .ytick").first).to_be_attached(timeout=30_000)
    for kind, selector in KINDS.items():
        shown = {
            t.split("§ ", 1)[0]: t.split("§ ", 1)[1] for t in texts(page, selector) if "§ " in t
        }
        for i, sample in enumerate(HOSTILE):
            assert shown.get(f"{kind}{i}") == reader_text(sample), (kind, sample)
    for selector in LIVE_MARKUP:
        assert page.locator(selector).count() == 0, selector


def test_every_sample_reads_as_written_in_a_plotly_chart(page: Page, samples_url: str) -> None:
    page.goto(samples_url)
    chart = page.locator(".js-plotly-plot")
    expect(chart.locator(".ytick").first).to_be_attached(timeout=30_000)
    ticks = chart.locator(".ytick text").all_text_contents()
    assert sorted(ticks) == sorted(reader_text(s) for s in HOSTILE)  # newline: Plotly's space
    assert chart.locator(".gtitle").text_content() == HOSTILE[2]
    assert chart.locator(".annotation-text").text_content() == HOSTILE[0]
    point = chart.locator(".point path").nth(3)
    point.scroll_into_view_if_needed()
    bar = point.bounding_box()
    assert bar is not None
    page.mouse.move(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)  # the drag layer
    expect(chart.locator(".hoverlayer text").first).to_have_text(HOSTILE[3], timeout=5_000)
    assert chart.locator("svg a").count() == 0  # no link drawn from the data


def sign_in(page: Page, url: str, password: str) -> None:
    query = "&".join(f"don_vi={quote(u)}" for u in (UNIT_IMAGE, UNIT_LINK))
    page.goto(f"{url}/?{query}")
    page.get_by_label("Tên đăng nhập").fill(DEMO_USERS["hr"])
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1).first).to_have_text(
        "Tổng quan chất lượng đội ngũ", timeout=30_000
    )


SCREENS = (
    ("Tổng quan", "Tổng quan chất lượng đội ngũ", UNIT_IMAGE),
    ("Trình độ đội ngũ", "Trình độ đội ngũ", UNIT_LINK),
    ("Bố trí theo tiêu chuẩn", "Bố trí cán bộ, công chức theo tiêu chuẩn", UNIT_IMAGE),
    ("Đánh giá, xếp loại", "Đánh giá, xếp loại", PERSON),
    ("Tiến độ kế hoạch", "Tiến độ kế hoạch", TITLE),
    ("Dữ liệu", "Dữ liệu", UNIT_LINK),
    ("Báo cáo họp", "Báo cáo cho cuộc họp", UNIT_IMAGE),
    ("Nhật ký truy cập", "Nhật ký truy cập", None),
    ("Tài khoản", "Tài khoản đăng nhập", None),
)


def test_no_screen_turns_the_data_into_an_image_a_link_or_a_formula(
    page: Page, hostile_url: str, demo_passwords: dict[str, str]
) -> None:
    sign_in(page, hostile_url, demo_passwords[DEMO_USERS["hr"]])
    for link, heading, value in SCREENS:
        page.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1).first).to_have_text(heading, timeout=30_000)
        page.wait_for_timeout(1_500)  # charts and tables below the title
        assert page.locator("[data-testid=stException]").count() == 0, link
        for selector in (
            "img[src*='127.0.0.1:9']",
            "a[href^='javascript']",
            "a[href*='127.0.0.1:9']",
            ".katex",
            "[data-testid=stMarkdownContainer] [data-testid=stIconMaterial]",
        ):
            assert page.locator(selector).count() == 0, (link, selector)
        if value is not None:
            body = page.locator("[data-testid=stMain]").inner_text().replace(WORD_JOINER, "")
            assert value in body.replace("\n", " "), (link, value)
