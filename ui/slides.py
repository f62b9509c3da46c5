"""The presentation mode on the screen: a deck (``analytics.slides``) drawn one slide at a time,
full screen, in large type, moved with buttons or the keyboard.

The keys are the buttons' own shortcuts (``st.button(shortcut=…)``), so a key press and a click
are one path and no script of ours runs in the page. Everything from the data (ward, units, task titles, filters) is escaped before it is put
in the slide's HTML (``html.escape``; ``st.html`` sanitises it again).
"""

from __future__ import annotations

import datetime as dt
import html
from functools import partial

import streamlit as st

from analytics import slides
from analytics.policy import Action
from analytics.scope import Account, Scope
from analytics.slides import Deck, Slide
from analytics.slides_pdf import slides_export
from analytics.store import default_db_path
from ui import auth, data
from ui.text import plain

ON_KEY = "slides_on"  # presenting (full screen) or the outline
AT_KEY = "slides_at"  # the slide shown, from 0
DOWNLOAD_LABEL = "Tải bản trình chiếu (PDF 16:9)"

# While presenting: no sidebar, header, toolbar or page padding; the slide fills the window.
FULL_SCREEN_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {
  display: none !important;
}
[data-testid="stMainBlockContainer"] {
  padding: 1rem 2.5rem 0.5rem !important; max-width: 100% !important;
}
[data-testid="stMain"] { overflow: hidden; }
.st-key-slide { flex: 0 0 auto !important; height: calc(100vh - 2.5rem) !important; }
[data-testid="stLayoutWrapper"]:has(> .st-key-slide_body) { flex: 1 1 0; min-height: 0; }
.st-key-slide_body { height: 100% !important; justify-content: center; }
.slide-title { font-size: clamp(2rem, 3.3vw, 4rem); font-weight: 700; color: #1f4e79;
  line-height: 1.15; margin: 0 0 .4em; }
.slide-sentence { font-size: clamp(1.3rem, 2.1vw, 2.6rem); line-height: 1.3; margin: 0; }
.slide-cover { text-align: center; margin-top: 8vh; }
.slide-cover .slide-title { font-size: clamp(2.2rem, 3.8vw, 4.6rem); }
.slide-cover .ward { font-size: clamp(1.6rem, 2.8vw, 3.4rem); font-weight: 700; margin: .5em 0; }
.slide-cover p { font-size: clamp(1.2rem, 1.9vw, 2.3rem); margin: .3em 0; }
.slide-cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 1.2vw; }
.slide-card { border: 1px solid #bec8d7; border-radius: .6rem; background: #f7fafd;
  padding: 1.2vw 1.4vw; }
.slide-card .label { font-size: clamp(1rem, 1.45vw, 1.8rem); color: #555; }
.slide-card .value { font-size: clamp(2.2rem, 4vw, 5rem); font-weight: 700; line-height: 1.2; }
.slide-card .change { font-size: clamp(.9rem, 1.2vw, 1.5rem); color: #555; }
.slide-table { border-collapse: collapse; width: 100%; font-size: clamp(1rem, 1.5vw, 1.9rem); }
.slide-table th { background: #ddebf7; text-align: left; }
.slide-table th, .slide-table td { border: 1px solid #d0d7e2; padding: .35em .5em;
  vertical-align: top; overflow-wrap: break-word; }
.slide-table tr:nth-child(even) td { background: #f6f8fa; }
.slide-note { font-size: clamp(1rem, 1.4vw, 1.7rem); color: #963c00; margin: .4em 0 0; }
.slide-footer { display: flex; justify-content: space-between; gap: 2rem; color: #555;
  border-top: 1px solid #ccc; padding-top: .4rem; font-size: clamp(.9rem, 1.05vw, 1.3rem); }
.slide-footer .counter { white-space: nowrap; font-weight: 700; }
.st-key-slides_keys { position: absolute !important; left: -10000px; width: 1px;
  height: 1px; overflow: hidden; }
</style>
"""

# The keys of the presentation are the buttons' own shortcuts (Streamlit's ``shortcut``): → ←
# Esc on the buttons shown, PageDown, Space and PageUp on buttons of the same action kept out of
# sight. No script of ours runs in the page.
MORE_KEYS = (("slides_next_page", "PageDown", 1), ("slides_next_space", "Space", 1),
             ("slides_prev_page", "PageUp", -1))  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=64)
def _deck(db: str, version: tuple[int, int, int], scope: Scope, today: dt.date) -> Deck:
    del db, version  # the cache key only: a new import makes a new deck
    return slides.deck(data.store(), scope, today=today)


def current_deck(scope: Scope) -> Deck:
    """The deck of the reader's scope, made once per data version, scope and day."""
    return _deck(str(default_db_path()), data.data_version(), scope, data.today())


def _go(step: int, last: int) -> None:
    st.session_state[AT_KEY] = min(max(int(st.session_state.get(AT_KEY, 0)) + step, 0), last)


def _start() -> None:
    st.session_state[ON_KEY] = True
    st.session_state[AT_KEY] = 0


def _leave() -> None:
    st.session_state[ON_KEY] = False


def presenting() -> bool:
    return bool(st.session_state.get(ON_KEY))


def start_button() -> None:
    st.button(
        "Bắt đầu trình chiếu",
        key="slides_start",
        type="primary",
        icon=":material/slideshow:",
        on_click=_start,
    )


# ==================================================================== the slide
def _text(value: object) -> str:
    return html.escape(str(value), quote=True)


def _head(slide: Slide) -> str:
    sentence = f'<p class="slide-sentence">{_text(slide.sentence)}</p>' if slide.sentence else ""
    return f'<div class="slide-head"><div class="slide-title">{_text(slide.title)}</div>{sentence}</div>'


def _cover(slide: Slide) -> str:
    ward, *facts = slide.lines
    lines = "".join(f"<p>{_text(line)}</p>" for line in facts)
    return (
        f'<div class="slide-cover"><div class="slide-title">{_text(slide.title)}</div>'
        f'<div class="ward">{_text(ward)}</div>{lines}</div>'
    )


def _cards(slide: Slide) -> str:
    cards = "".join(
        f'<div class="slide-card"><div class="label">{_text(label)}</div>'
        f'<div class="value">{_text(value)}</div>'
        f'<div class="change">{_text(f"So với kỳ trước: {change}") if change else "&nbsp;"}</div>'
        "</div>"
        for label, value, change in slide.cards
    )
    return f'<div class="slide-cards">{cards}</div>'


def _table(slide: Slide) -> str:
    assert slide.table is not None
    head = "".join(f"<th>{_text(c)}</th>" for c in slide.table.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_text(v)}</td>" for v in values) + "</tr>"
        for values in slide.table.itertuples(index=False)
    )
    return f'<table class="slide-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _footer(deck: Deck, index: int) -> str:
    return (
        f'<div class="slide-footer"><span>{_text(deck.slides[index].footer)}</span>'
        f'<span class="counter">Trang {_text(deck.counter(index))}</span></div>'
    )


def present(deck: Deck) -> None:
    """The slide in view, full screen, with its buttons and the keys."""
    last = len(deck.slides) - 1
    index = min(max(int(st.session_state.get(AT_KEY, 0)), 0), last)
    st.session_state[AT_KEY] = index
    slide = deck.slides[index]
    st.html(FULL_SCREEN_CSS)
    with st.container(key="slide", gap="small"):
        if slide.key == "title":
            body = _cover(slide)
        else:
            st.html(_head(slide))
            body = ""
        with st.container(key="slide_body"):
            if body:
                st.html(body)
            elif slide.cards:
                st.html(_cards(slide))
            elif slide.table is not None:
                st.html(_table(slide))
            elif slide.figure is not None:
                st.plotly_chart(
                    slide.figure,
                    key=f"slide_chart_{slide.key}",
                    height="stretch",
                    theme=None,  # the slide's own large type, as in the PDF
                    config={"displayModeBar": False, "responsive": True},
                )
            if slide.note:
                st.html(f'<p class="slide-note">{_text(slide.note)}</p>')
        st.html(_footer(deck, index))
        prev, nxt, leave, hint = st.columns([1, 1, 1.6, 4], vertical_alignment="center")
        prev.button(
            "Trước", key="slides_prev", disabled=index == 0,
            on_click=_go, args=(-1, last), width="stretch", shortcut="Left",
        )  # fmt: skip
        nxt.button(
            "Tiếp", key="slides_next", disabled=index == last,
            on_click=_go, args=(1, last), type="primary", width="stretch", shortcut="Right",
        )  # fmt: skip
        leave.button(
            "Thoát trình chiếu", key="slides_exit", icon=":material/close:", on_click=_leave,
            width="stretch", shortcut="Esc",
        )  # fmt: skip
        hint.caption(
            "Chuyển trang: phím ← →, PageUp/PageDown, phím cách · Esc: thoát · "
            "F11: toàn màn hình của trình duyệt"
        )
    with st.container(key="slides_keys"):
        for key, shortcut, step in MORE_KEYS:
            end = last if step > 0 else 0
            st.button(
                "Tiếp" if step > 0 else "Trước", key=key, shortcut=shortcut,
                disabled=index == end, on_click=_go, args=(step, last),
            )  # fmt: skip


# ==================================================================== outline and PDF
def outline(deck: Deck) -> None:
    """The slides in order, each with its sentence: to check before the meeting."""
    lines = [
        f"{i}. **{plain(s.title)}**" + (f" — {plain(s.sentence)}" if s.sentence else "")
        for i, s in enumerate(deck.slides, start=1)
    ]
    st.markdown("\n".join(lines))


def _pdf(scope: Scope, today: dt.date, account: Account, address: str | None) -> bytes:
    """Run on the click (Streamlit's deferred download): build, write the audit log, return."""
    made = slides_export(
        data.store(), scope, today=today, made_by=account.username, actor=account, address=address
    )
    return made.data


def download_button(scope: Scope, deck: Deck) -> None:
    """The deck as a 16:9 PDF, for the readers who may export (``Action.EXPORT``)."""
    account = auth.current_account()
    if account is None or not scope.can(Action.EXPORT):
        return
    st.download_button(
        DOWNLOAD_LABEL,
        data=partial(_pdf, scope, data.today(), account, auth.client_address()),
        file_name=slides.file_name(data.store(), scope, deck.snapshot.as_of),
        mime="application/pdf",
        key="slides_pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        help=f"Một trang 16:9 cho mỗi trang chiếu, theo bộ lọc đang chọn: {plain(scope.describe())}.",
    )
