"""Dates as offices write them: real cells, dd/mm/yyyy text, a bare year, plan deadlines."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from analytics.ingest.normalize import fold

_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_MY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})(?:\.0)?\s*$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class ParsedDate:
    """A birth date or a year only; ``problem`` says in Vietnamese why a value was not read."""

    date: dt.date | None = None
    year: int | None = None
    problem: str | None = None
    # Read, but worth a look (a two-digit year, Excel's 29/02/1900): a warning with ``note_code``.
    note: str | None = None
    note_code: str | None = None


def _plausible_year(year: int) -> bool:
    return 1900 <= year <= 2100


def _full_year(year: int) -> int:
    """Excel's rule for two-digit years: 00–29 are 2000–2029, 30–99 are 1930–1999."""
    if year < 100:
        return 1900 + year if year >= 30 else 2000 + year
    return year


# Excel counts 29/02/1900, a day that never was, as serial 60 (after Lotus 1-2-3): serials from
# 61 on are days since 30/12/1899, those below 60 since 31/12/1899.
_EXCEL_LEAP_BUG = 60


def parse_date(value: object) -> ParsedDate:
    """Read a date cell.

    >>> parse_date("12/03/1975").date
    datetime.date(1975, 3, 12)
    >>> parse_date(1987).year
    1987
    >>> parse_date("31/02/1985").problem
    'ngày không tồn tại (31/02/1985)'
    """
    if value is None or value == "":
        return ParsedDate()
    if isinstance(value, dt.datetime):
        return ParsedDate(value.date(), value.year)
    if isinstance(value, dt.date):
        return ParsedDate(value, value.year)
    if isinstance(value, bool):
        return ParsedDate(problem=f"không phải ngày ({value})")
    if isinstance(value, int | float):
        number = float(value)
        if number.is_integer() and _plausible_year(int(number)):
            return ParsedDate(year=int(number))
        if int(number) == _EXCEL_LEAP_BUG:
            return ParsedDate(
                problem="số 60 là ngày 29/02/1900 của Excel, một ngày không tồn tại",
            )
        if 1 <= number < 80000:  # an Excel serial date stored as a number
            days = int(number) if number > _EXCEL_LEAP_BUG else int(number) + 1
            serial = _EXCEL_EPOCH + dt.timedelta(days=days)
            return ParsedDate(serial, serial.year)
        return ParsedDate(problem=f"không phải ngày ({value})")
    text = str(value).strip()
    if not text:
        return ParsedDate()
    match = _DMY.match(text)
    if match:
        day, month, written = (int(g) for g in match.groups())
        year = _full_year(written)
        try:
            parsed = dt.date(year, month, day)
        except ValueError:
            return ParsedDate(
                year=year if _plausible_year(year) else None, problem=f"ngày không tồn tại ({text})"
            )
        if written < 100:
            return ParsedDate(
                parsed,
                year,
                note=(
                    f"năm viết hai chữ số ({text}) được hiểu là {year} theo quy tắc của Excel "
                    "(00–29 là 2000–2029, 30–99 là 1930–1999); nên ghi đủ bốn chữ số"
                ),
                note_code="DATE_TWO_DIGIT_YEAR",
            )
        return ParsedDate(parsed, year)
    match = _YMD.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return ParsedDate(dt.date(year, month, day), year)
        except ValueError:
            return ParsedDate(year=year, problem=f"ngày không tồn tại ({text})")
    match = _YEAR.match(text)
    if match and _plausible_year(int(match.group(1))):
        return ParsedDate(year=int(match.group(1)))
    match = _MY.match(text)
    if match:
        return ParsedDate(year=int(match.group(2)))
    return ParsedDate(problem=f"không đọc được ngày ({text})")


_AS_OF = re.compile(r"(?:den|tai)\s+ngay\s+(\d{1,2})\s+(?:thang\s+)?(\d{1,2})\s+(?:nam\s+)?(\d{4})")
_ANY_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
# "Việt Hòa, ngày 15 tháng 01 năm 2026": the day a document was signed, not what it is about.
_SIGNING_DATE = re.compile(r"\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}")


def as_of_from_text(text: str, *, loose: bool = True) -> dt.date | None:
    """'(Số liệu tính đến ngày 30/9/2026)' or '… ngày 30 tháng 9 năm 2026' -> 2026-09-30.

    ``loose`` also takes any d/m/yyyy in a text holding "ngày" (when nothing says "tính đến").
    """
    match = _AS_OF.search(fold(text))
    if not match and loose and "ngày" in text.lower():
        match = _ANY_DMY.search(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_YEAR_IN_TEXT = re.compile(r"\bnam\s+(\d{4})\b")


def year_from_text(text: str) -> int | None:
    """'KẾT QUẢ ĐÁNH GIÁ ... NĂM 2025' or a sheet 'Nam 2024' -> the year; a signing date
    ('ngày 15 tháng 01 năm 2026') is not the year a document is about."""
    match = _YEAR_IN_TEXT.search(_SIGNING_DATE.sub(" ", fold(text)))
    if not match:
        stripped = text.strip()
        return int(stripped) if re.fullmatch(r"20\d{2}", stripped) else None
    year = int(match.group(1))
    return year if _plausible_year(year) else None


@dataclass(frozen=True)
class Deadline:
    due_date: dt.date | None
    recurring: bool


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(value: object) -> Deadline:
    """Deadlines as the plan writes them (DOMAIN.md §1).

    >>> parse_deadline("Hoàn thành trong tháng 6/2026").due_date
    datetime.date(2026, 6, 30)
    >>> parse_deadline("Hoàn thành trong Quý III/2026").due_date
    datetime.date(2026, 9, 30)
    >>> parse_deadline("Thường xuyên").recurring
    True
    """
    parsed = parse_date(value) if not isinstance(value, str) else None
    if parsed and parsed.date:
        return Deadline(parsed.date, False)
    text = str(value or "")
    key = fold(text)
    if not key:
        return Deadline(None, False)
    if "thuong xuyen" in key or "hang nam" in key or "dinh ky" in key:
        return Deadline(None, True)
    match = re.search(r"quy\s+(iv|iii|ii|i|[1-4])\s+(?:nam\s+)?(\d{4})", key)
    if match:
        quarter = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(match.group(1)) or int(match.group(1))
        return Deadline(_last_day(int(match.group(2)), quarter * 3), False)
    match = re.search(r"(\d{1,2})\s+(\d{1,2})\s+(\d{4})", key)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return Deadline(dt.date(year, month, day), False)
        except ValueError:
            return Deadline(None, False)
    match = re.search(r"thang\s+(\d{1,2})\s+(?:nam\s+)?(\d{4})", key)
    if match:
        return Deadline(_last_day(int(match.group(2)), int(match.group(1))), False)
    match = re.search(r"(?:6 thang dau nam|nua dau nam)\s+(\d{4})", key)
    if match:
        return Deadline(dt.date(int(match.group(1)), 6, 30), False)
    match = re.search(r"nam\s+(\d{4})", key)
    if match:
        return Deadline(dt.date(int(match.group(1)), 12, 31), False)
    return Deadline(None, False)


PeriodKind = Literal["month", "quarter", "year"]
_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER_NUMERALS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    """An evaluation period (NĐ 335/2025 scores monthly or quarterly; the grade is yearly).

    ``number`` is the month (1–12) or the quarter (1–4); None for a year.
    """

    year: int
    kind: PeriodKind = "year"
    number: int | None = None

    def label(self) -> str:
        """'Tháng 12/2025', 'Quý IV/2025', 'Năm 2025'."""
        if self.kind == "month":
            return f"Tháng {self.number}/{self.year}"
        if self.kind == "quarter" and self.number:
            return f"Quý {_QUARTER_NUMERALS[self.number - 1]}/{self.year}"
        return f"Năm {self.year}"

    def with_year(self, year: int) -> Period:
        return Period(year, self.kind, self.number)


# Folded text (analytics.ingest.normalize.fold): "tháng 12 năm 2025", "THÁNG 12/2025", "T12-2025".
# "(tính đến tháng 12/2025)" dates the figures, it does not name the period.
_MONTH = re.compile(r"(?<!den )\b(?:thang|t)\s*(\d{1,2})(?:\s+nam)?\s+(\d{4})\b")
_QUARTER = re.compile(r"(?<!den )\b(?:quy|q)\s*(iv|iii|ii|i|\d)(?:\s+nam)?\s+(\d{4})\b")
# Without a year, in a "Tháng", "Quý" or "Kỳ" column: "12", "T12", "Tháng 12", "IV", "Quý 4".
_MONTH_ALONE = re.compile(r"^(?:thang|t)?\s*(\d{1,2})$")
_QUARTER_ALONE = re.compile(r"^(?:quy|q)?\s*(iv|iii|ii|i|\d)$")


def _period(kind: PeriodKind, number_text: str, year: int) -> Period | None:
    number = _ROMAN_QUARTERS.get(number_text) if kind == "quarter" else None
    if number is None:
        if not number_text.isdigit():
            return None
        number = int(number_text)
    top = 12 if kind == "month" else 4
    if not 1 <= number <= top or not _plausible_year(year):
        return None
    return Period(year, kind, number)


def period_from_text(
    text: str, *, year: int | None = None, kind: PeriodKind | None = None
) -> Period | None:
    """The evaluation period a title, a sheet name or a cell names; None when it names none.

    ``year`` completes a period written without one ("Tháng 12" in a "Kỳ" column); ``kind`` says
    what a bare number means (the "Tháng" or the "Quý" column: "12", "IV"). A signing date
    ("ngày 15 tháng 01 năm 2026") is not a period.

    >>> period_from_text("KẾT QUẢ ĐÁNH GIÁ THÁNG 12 NĂM 2025")
    Period(year=2025, kind='month', number=12)
    >>> period_from_text("Quy IV 2025").label(), period_from_text("Năm 2025").label()
    ('Quý IV/2025', 'Năm 2025')
    >>> period_from_text("IV", year=2025, kind="quarter")
    Period(year=2025, kind='quarter', number=4)
    """
    key = _SIGNING_DATE.sub(" ", fold(text))
    if not key:
        return None
    # In the "Tháng" or "Quý" column a number ("12", "12/2025", "IV") is a month or a quarter.
    if kind == "month" and not key.startswith("t"):
        key = f"thang {key}"
    elif kind == "quarter" and not key.startswith("q"):
        key = f"quy {key}"
    match = _MONTH.search(key)
    if match:
        return _period("month", match.group(1), int(match.group(2)))
    match = _QUARTER.search(key)
    if match:
        return _period("quarter", match.group(1), int(match.group(2)))
    # A bare number ("3") is a month or a quarter only in a column that says which.
    if year is not None and not key[0].isdigit():
        if kind != "quarter" and (match := _MONTH_ALONE.match(key)):
            return _period("month", match.group(1), year)
        if kind != "month" and (match := _QUARTER_ALONE.match(key)):
            return _period("quarter", match.group(1), year)
    found = year_from_text(text)
    return Period(found) if found is not None else None


@dataclass(frozen=True)
class StartDate:
    """The day something began (a post taken, a child born): ``estimated`` when the cell gives
    only a month or a year (its first day is taken); ``problem`` says why a value was not read."""

    date: dt.date | None = None
    estimated: bool = False
    problem: str | None = None


def parse_start_date(value: object) -> StartDate:
    """Read a "from" date as offices write it: a date cell, dd/mm/yyyy, mm/yyyy or a year.

    >>> parse_start_date("15/03/2021").date
    datetime.date(2021, 3, 15)
    >>> parse_start_date("3/2021")
    StartDate(date=datetime.date(2021, 3, 1), estimated=True, problem=None)
    >>> parse_start_date(2019)
    StartDate(date=datetime.date(2019, 1, 1), estimated=True, problem=None)
    """
    parsed = parse_date(value)
    if parsed.problem:
        return StartDate(problem=parsed.problem)
    if parsed.date is not None:
        return StartDate(parsed.date)
    if parsed.year is None:
        return StartDate()
    match = _MY.match(str(value).strip()) if isinstance(value, str) else None
    if match:
        month = int(match.group(1))
        if not 1 <= month <= 12:
            return StartDate(problem=f"tháng không tồn tại ({str(value).strip()})")
        return StartDate(dt.date(parsed.year, month, 1), estimated=True)
    return StartDate(dt.date(parsed.year, 1, 1), estimated=True)
