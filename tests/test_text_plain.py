"""The two escaping helpers, on every hostile sample: ``ui.text.plain`` for Streamlit markdown
and ``analytics.charts.base.plain_label`` for Plotly text.

No markdown parser ships with the project, so the reader's view of ``plain`` is CommonMark's rule
for backslash escapes (tests/markdown_view.py); tests/e2e/test_markup_e2e.py renders the same
samples in Streamlit's own front end.
"""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from analytics.charts import placements
from analytics.charts.base import plain_label, wrap
from analytics.export import images
from tests.markdown_view import WORD_JOINER, visible
from ui.text import plain

HOSTILE = [
    "![x](http://127.0.0.1:9/x.png)",
    "[Bấm vào đây](http://127.0.0.1:9/)",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    "**đậm** _nghiêng_ # tiêu đề",
    "$x^2$",
    ":red[đỏ]",
    ":material/home:",
    "`code` và ``x``",
    "a | b | c",
    "dòng 1\ndòng 2",
    "&amp; &lt;b&gt; &#36; 100% %{x}",
    "~~gạch~~ 1. mục - mục > trích + x {y} \\ cuối",
    "www.example.com a@b.com HTTPS://x.y",
    "Phòng Văn hóa – Xã hội",
]
ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def reader_text(sample: str) -> str:
    """What a reader should see: the sample on one line (a line break reads as a space)."""
    return sample.replace("\n", " ")


def unescaped_punctuation(source: str) -> list[str]:
    """The ASCII punctuation of a markdown source that no backslash makes literal."""
    found, i = [], 0
    while i < len(source):
        if source[i] == "\\":
            i += 2
            continue
        if source[i] in ASCII_PUNCTUATION:
            found.append(source[i])
        i += 1
    return found


@pytest.mark.parametrize("sample", HOSTILE)
def test_plain_reads_back_as_the_original_text(sample: str) -> None:
    assert visible(plain(sample)) == reader_text(sample)


@pytest.mark.parametrize("sample", HOSTILE)
def test_plain_leaves_no_markup_character_unescaped(sample: str) -> None:
    source = plain(sample)
    assert unescaped_punctuation(source) == []
    assert "\n" not in source and "\r" not in source


@pytest.mark.parametrize("sample", HOSTILE)
def test_plain_leaves_no_address_for_a_link_to_be_made_of(sample: str) -> None:
    # GFM finds bare addresses in the text after escapes are read, so look at that text.
    text = re.sub(r"\\(.)", r"\1", plain(sample))
    assert not re.search(r"(?i)https?://|www\.|[\w.+-]@\w", text), text


def test_plain_drops_spaces_at_the_edges_and_takes_any_value() -> None:
    assert plain("    mã 4 dấu cách ") == "mã 4 dấu cách"  # not an indented code block
    assert plain("a  \r\n\r\n  b") == "a b"
    assert plain(2026) == "2026"
    assert plain(None) == "None"
    assert WORD_JOINER not in plain("Phòng Văn hóa – Xã hội")


def test_plain_escapes_the_value_not_the_markup_around_it() -> None:
    assert f"**{plain('**x**')}** — 3 người" == r"**\*\*x\*\*** — 3 người"


@pytest.mark.parametrize("sample", HOSTILE)
def test_plain_label_reads_back_as_the_original_text(sample: str) -> None:
    # Plotly decodes the same entities as HTML (named lt/gt/amp and numeric ones).
    assert html.unescape(plain_label(sample)) == sample


@pytest.mark.parametrize("sample", HOSTILE)
def test_plain_label_leaves_no_tag_formula_or_template_field(sample: str) -> None:
    label = plain_label(sample)
    assert "<" not in label and ">" not in label
    assert "$" not in label  # Plotly reads $…$ as LaTeX
    assert "%" not in label  # a hovertemplate reads %{…} as a field
    assert not re.search(r"&(?!(amp|lt|gt|#36|#37);)", label)  # every & starts an entity


def test_wrap_keeps_its_own_line_breaks_and_escapes_each_line() -> None:
    text = "<b>Phòng</b> Kinh <img src=x> tế & đô thị $1$"
    lines = wrap(text, 12).split("<br>")
    assert len(lines) > 1
    assert all("<" not in line and "$" not in line for line in lines)
    assert " ".join(html.unescape(line) for line in lines) == text


def test_a_chart_draws_the_value_escaped_and_clicks_back_to_it_as_written() -> None:
    unit = '<a href="javascript:alert(1)">Phòng</a> $x$'
    counts = pd.DataFrame(
        {"group": [unit], "result": ["chưa đạt"], "people": [2], "sensitive": [False]}
    )
    bar = placements.gap_bars(counts, "unit").data[0]
    assert bar.customdata[0][0] == unit  # what a click hands back to the page's query
    assert "<a" not in bar.y[0] and "$" not in bar.y[0]
    assert bar.hovertemplate.startswith("%{customdata[2]}<br>")
    assert bar.customdata[0][2] == plain_label(unit)


def test_an_exported_chart_image_names_ward_and_filters_literally() -> None:
    snapshot = SimpleNamespace(
        ward="Phường <b>Việt Hòa</b>",
        as_of_text="30/09/2026",
        filters="Đơn vị: <a href=x>y</a> $1$",
    )
    caption = images.caption(snapshot)  # type: ignore[arg-type]
    assert "<" not in caption and "$" not in caption
    assert html.unescape(caption) == (
        "Phường <b>Việt Hòa</b> · số liệu đến ngày 30/09/2026 · Đơn vị: <a href=x>y</a> $1$"
    )
