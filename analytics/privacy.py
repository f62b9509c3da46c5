"""Small cells: the one place the rule lives that filters cannot single a person out.

For a reader who may not see people (the ``viewer`` role, ``Scope.can_see_people`` false), an
aggregate cell that counts fewer than ``k`` people, but not none, shows "< k" instead of its
number; ``k`` is the row ``small_cell_threshold`` of the editable ``settings`` table. Figures
derived from such a cell (its share, an average over those people) are hidden with it. Roles that
may see people get every number as it is (``threshold`` is None).

The query layer (``analytics.queries``) applies the rule, so an exact small count never leaves it
for such a reader: a hidden count becomes NaN (a hidden field of a dataclass: None) and a boolean
column ``<column>_hidden`` (a dataclass: the field's name in its ``hidden`` set) says which. The
threshold travels with a frame in ``frame.attrs`` (``frame_threshold``), so the charts and the
exports write "< k" without asking the database.

>>> import pandas as pd
>>> frame = pd.DataFrame({"unit": ["A", "B", "C"], "people": [2, 5, 0]})
>>> masked = mask_counts(frame, ["people"], 3)
>>> masked["people"].tolist()
[nan, 5.0, 0.0]
>>> masked["people_hidden"].tolist()
[True, False, False]
>>> [count_text(n, h, 3) for n, h in zip(masked["people"], masked["people_hidden"])]
['< 3', '5', '0']
>>> mask_counts(frame, ["people"], None)["people"].tolist()  # a reader who may see people
[2, 5, 0]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from analytics.labels import number_vn
from analytics.scope import Scope
from analytics.store import Store

THRESHOLD_KEY = "small_cell_threshold"  # the row of ``settings`` (migration 004_access.sql)
HIDDEN_SUFFIX = "_hidden"


def threshold(store: Store, scope: Scope) -> int | None:
    """The smallest number of people a cell may show to this reader; None: every number shows."""
    if scope.can_see_people:
        return None
    return int(store.setting(THRESHOLD_KEY))


def hidden_column(column: str) -> str:
    """'people' -> 'people_hidden': the flag column of a masked column."""
    return f"{column}{HIDDEN_SUFFIX}"


def is_small(n: Any, k: int | None) -> bool:
    """Whether a count ``n`` must be hidden: 0 < n < k (a missing count or no ``k``: never)."""
    if k is None or n is None or pd.isna(n):
        return False
    return 0 < float(n) < k


def hide(n: int, k: int | None) -> int | None:
    """``n``, or None when it must be hidden."""
    return None if is_small(n, k) else n


def with_threshold(frame: pd.DataFrame, k: int | None) -> pd.DataFrame:
    """``frame`` carrying ``k`` in its ``attrs`` (kept through copies, filters and pickling)."""
    frame.attrs[THRESHOLD_KEY] = k
    return frame


def frame_threshold(frame: pd.DataFrame) -> int | None:
    """The threshold a query layer frame was masked with (None: nothing was hidden)."""
    value = frame.attrs.get(THRESHOLD_KEY)
    return None if value is None else int(value)


def add_totals(
    frame: pd.DataFrame, column: str, totals: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """Exact sums of ``column`` beside each row, before masking: ``{"unit_total": ["unit"]}``
    adds the people of the row's unit; an empty key list adds the grand total."""
    data = frame.copy()
    for name, keys in totals.items():
        if not keys:
            data[name] = data[column].sum() if len(data) else 0
        else:
            data[name] = data.groupby(list(keys), dropna=False, observed=True)[column].transform(
                "sum"
            )
    return data


def mask_counts(frame: pd.DataFrame, columns: Iterable[str], k: int | None) -> pd.DataFrame:
    """A copy of ``frame`` with each count column's cells of 0 < n < k as NaN (the column turns
    float) and a boolean ``<column>_hidden`` beside it. With ``k`` None only the flags (all
    False) are added and the counts keep their type."""
    data = frame.copy()
    for column in columns:
        hidden = pd.Series([is_small(n, k) for n in data[column]], index=data.index, dtype=bool)
        if hidden.any():
            data[column] = data[column].astype(float).where(~hidden)
        data[hidden_column(column)] = hidden
    return with_threshold(data, k) if k is not None else data


def mask_derived(
    frame: pd.DataFrame, columns: Iterable[str], hidden: pd.Series | Sequence[bool]
) -> pd.DataFrame:
    """Hide figures computed from hidden counts (shares, averages, verdicts): where ``hidden``,
    each of ``columns`` becomes missing, and ``<column>_hidden`` says so."""
    data = frame.copy()
    flags = pd.Series(list(hidden), index=data.index, dtype=bool)
    for column in columns:
        if flags.any():
            values = data[column]
            if pd.api.types.is_bool_dtype(values):
                data[column] = values.astype("boolean").mask(flags)
            elif pd.api.types.is_numeric_dtype(values):
                data[column] = values.astype(float).mask(flags)
            else:
                data[column] = values.astype(object).mask(flags, None)
        data[hidden_column(column)] = flags
    return data


def hidden_flags(frame: pd.DataFrame, *columns: str) -> pd.Series:
    """Rows where any of ``columns`` is hidden (a column without its flag: never)."""
    flags = pd.Series(False, index=frame.index, dtype=bool)
    for column in columns:
        flag = hidden_column(column)
        if flag in frame:
            flags = flags | frame[flag].fillna(False).astype(bool)
    return flags


def is_hidden(row: Any, column: str) -> bool:
    """Whether ``column`` of a row (a ``Series`` or an ``itertuples`` tuple) is hidden."""
    flag = hidden_column(column)
    value = (
        row.get(flag, False) if isinstance(row, Mapping | pd.Series) else getattr(row, flag, False)
    )
    return bool(value) if value is not None and not pd.isna(value) else False


def hidden_text(k: int | None) -> str:
    """'< 3': what a hidden count shows."""
    return f"< {k}"


def count_text(n: Any, hidden: bool, k: int | None) -> str:
    """A count as shown: '< 3' when hidden, '1.234' (Vietnamese thousands mark), '—' if missing.

    >>> count_text(1234, False, 3), count_text(None, True, 3), count_text(None, False, None)
    ('1.234', '< 3', '—')
    """
    if hidden:
        return hidden_text(k)
    if n is None or pd.isna(n):
        return "—"
    return number_vn(int(n))


def share_text(hidden: bool, k: int | None) -> str | None:
    """What a hidden share shows ('< 3 người': too few people to show it); None when shown."""
    return f"{hidden_text(k)} người" if hidden else None


def hide_fields(values: Mapping[str, int], k: int | None) -> tuple[dict[str, int | None], set[str]]:
    """Counts of a dataclass: each small one None, and the names hidden.

    >>> hide_fields({"head_count": 2, "no_data": 0}, 3)
    ({'head_count': None, 'no_data': 0}, {'head_count'})
    """
    shown = {name: hide(int(n), k) for name, n in values.items()}
    return shown, {name for name, n in values.items() if is_small(n, k)}


def share(part: int, whole: int, k: int | None) -> tuple[float | None, bool]:
    """``part / whole`` and whether it is hidden: over fewer than ``k`` people, or of a hidden
    count ``part``. None (not hidden) when nobody is counted."""
    if not whole:
        return None, False
    if is_small(whole, k) or is_small(part, k):
        return None, True
    return part / whole, False
