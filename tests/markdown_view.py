"""What a reader sees of a markdown source that AppTest hands back (``at.markdown[0].value``).

Screens write imported values through ``ui.text.plain``, so the source of a caption or an
st.table cell carries CommonMark escapes (``30\\/09\\/2026``); a reader sees ``30/09/2026``.
The rule here is CommonMark's, written out independently of ``plain``: a backslash before an
ASCII punctuation character stands for that character. The invisible word joiner that keeps
an address from becoming a link is dropped as well.
"""

from __future__ import annotations

import re

import pandas as pd

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
WORD_JOINER = "\u2060"


def visible(source: str) -> str:
    r"""``'Tệp \'a\_b\.xlsx\' hợp lệ\: 2 dòng'`` -> ``"Tệp 'a_b.xlsx' hợp lệ: 2 dòng"``."""
    return _ESCAPED.sub(r"\1", source).replace(WORD_JOINER, "")


def visible_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """An st.table's cells as read (text cells unescaped, other values as they are)."""
    return frame.map(lambda v: visible(v) if isinstance(v, str) else v)
