r"""Values from imported data or user input shown as plain text inside Streamlit markdown.

Streamlit renders every label as markdown: ``**bold**``, ``[link](…)``, ``![image](…)``,
``$LaTeX$``, ``:red[colour]``, ``:material/icon:``, ``:emoji:``, tables, lists, headings. A unit,
name, note or file name put there must read as itself (CommonMark: a backslash makes any ASCII
punctuation literal).
"""

from __future__ import annotations

import re

# Every ASCII punctuation character: CommonMark lets a backslash make any of them literal, and
# Streamlit's own syntax goes beyond CommonMark ($LaTeX$, :red[…], :material/icon: needs its /
# escaped too, & starts an entity), so none is left out.
_MARKUP = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x85\u2028\u2029]+\s*")
# GFM turns a bare address in the text into a live link after escapes are read, so a backslash
# does not stop it: an invisible word joiner where such an address starts does.
_ADDRESS = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    r"""``text`` made to show literally in st.markdown, st.caption, st.title, st.info, a metric,
    a tab, an expander, a widget label or an st.table cell: every ASCII punctuation character is
    backslash-escaped, line breaks become a space, spaces at either end go, and a bare web or mail
    address is not turned into a link.

    Escape the value, never the markup around it:

    >>> print(plain("![x](a.png) **đậm**"))
    \!\[x\]\(a\.png\) \*\*đậm\*\*
    >>> f"**{plain('Phòng $Kinh tế$')}** — 3 người"
    '**Phòng \\$Kinh tế\\$** — 3 người'
    """
    # Edge spaces are invisible anyway, and would make markup of their own: four leading ones a
    # code block, trailing ones a hard break, or a "**" around the value that no longer closes.
    single_line = _LINE_BREAKS.sub(" ", str(text)).strip()
    return _MARKUP.sub(r"\\\1", _ADDRESS.sub(WORD_JOINER, single_line))
