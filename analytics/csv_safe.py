"""CSV a person opens in a spreadsheet: text that Excel or LibreOffice would run as a formula is
written as text (CSV/formula injection).

OWASP's rule (https://owasp.org/www-community/attacks/CSV_Injection): a cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe. Spreadsheets skip
leading blanks before reading a formula, so ``"  =1+1"`` and ``"\\n@SUM(A1)"`` count too. Only text
is touched: a number (``-5``) stays a number. Every CSV the project hands to a user — the "Tải CSV"
buttons, the zip export, ``python -m analytics sql --format csv`` — goes through this module.

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralise("Nguyễn Văn An"), neutralise(-5)
('Nguyễn Văn An', -5)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@")
# A tab or carriage return first is itself a risk (a cell splits, or a formula follows it).
CONTROL_STARTS = ("\t", "\r")
# What a spreadsheet skips before it decides that a cell is a formula.
LEADING_BLANKS = " \t\r\n"


class RowWriter(Protocol):
    """What ``csv.writer(...)`` returns, as far as ``write_rows`` uses it."""

    def writerow(self, row: Iterable[Any], /) -> Any: ...


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula.

    >>> is_formula_like("  =1+1"), is_formula_like("\\tabc"), is_formula_like("a=b")
    (True, True, False)
    """
    return text.startswith(CONTROL_STARTS) or text.lstrip(LEADING_BLANKS).startswith(FORMULA_STARTS)


def neutralise(value: object) -> object:
    """``value`` with a leading apostrophe when it is formula-like text; anything else unchanged.

    >>> neutralise("-2+3"), neutralise("Phòng Văn hóa – Xã hội"), neutralise(None)
    ("'-2+3", 'Phòng Văn hóa – Xã hội', None)
    """
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def safe_row(row: Iterable[object]) -> list[object]:
    """One CSV row with every formula-like text neutralised."""
    return [neutralise(value) for value in row]


def write_rows(writer: RowWriter, rows: Iterable[Iterable[object]]) -> None:
    """``writer.writerow`` for each row (the header too, if it is the first), neutralised.

    >>> import csv, io
    >>> buffer = io.StringIO()
    >>> write_rows(csv.writer(buffer, lineterminator="\\n"), [["a", "n"], ["@SUM(A1)", -5]])
    >>> buffer.getvalue()
    "a,n\\n'@SUM(A1),-5\\n"
    """
    for row in rows:
        writer.writerow(safe_row(row))


def _may_hold_text(dtype: Any) -> bool:
    # Numeric, boolean and date columns hold no text: a negative number stays a number.
    return (
        pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
        or isinstance(dtype, pd.CategoricalDtype)
    )


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are neutralised; the index is kept
    as it is (``csv_bytes`` does not write it). Columns that may hold text come back as
    ``object``.

    >>> safe_frame(pd.DataFrame({"a": ["=1+1", "x"], "n": [-1, 2]})).to_dict("list")
    {'a': ["'=1+1", 'x'], 'n': [-1, 2]}
    """
    out = frame.copy()
    for position, dtype in enumerate(frame.dtypes):
        if _may_hold_text(dtype):
            column = frame.iloc[:, position].astype(object)
            out.isetitem(position, column.map(neutralise))
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = pd.MultiIndex.from_tuples(
            [tuple(safe_row(names)) for names in out.columns], names=out.columns.names
        )
    else:
        out.columns = pd.Index(safe_row(out.columns), name=out.columns.name)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV without its index, neutralised, in UTF-8 with a byte-order mark (so
    Excel shows Vietnamese). Rows end in CRLF (RFC 4180), which also makes Python's writer quote
    a cell holding a lone carriage return instead of splitting the row there.

    >>> csv_bytes(pd.DataFrame({"Họ và tên": ["@SUM(A1)"]})).decode("utf-8-sig")
    "Họ và tên\\r\\n'@SUM(A1)\\r\\n"
    """
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
