"""What an import kind is: its columns, how its file is read and loaded, and its blank template.

A kind is one module in this package that defines ``KIND``; the registry in ``__init__`` lists
them, and the command line, the templates, the upload screen and the demo read that registry.
The shared pipeline (all or nothing, the file's hash, dry runs, isolation, undo) is in
``analytics.ingest.importer`` and knows no kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from analytics.ingest.headers import FieldSpec
from analytics.ingest.issues import Issue

if TYPE_CHECKING:
    from analytics.ingest.readers import Workbook
    from analytics.store import Store


@dataclass
class ImportOptions:
    sheet: str | None = None
    year: int | None = None
    ward: str | None = None
    as_of: dt.date | None = None
    dry_run: bool = False
    imported_by: str | None = None
    # Evaluation period ("tháng 12 năm 2025", "quý IV năm 2025", "năm 2025"), overriding the file.
    period: str | None = None


@dataclass
class Parsed:
    """A file read and normalised, ready to load."""

    rows: pa.Table
    file_name: str
    sheet: str
    wards: list[str]
    warnings: list[Issue]
    as_of: dt.date | None = None
    year: int | None = None
    # Anything else a kind reports in the result (e.g. a roster's joined/left summary).
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Guide:
    """What a column holds and how it may be written (the template's guide sheet)."""

    text: str
    example: str = ""


Parser = Callable[["Workbook", ImportOptions, "Store"], Parsed]
Loader = Callable[[Any, int, Parsed], list[Issue]]


@dataclass(frozen=True)
class ImportKind:
    """One kind of file the importer reads."""

    name: str  # "roster": the CLI's and the database's word
    label: str  # Vietnamese, as a sentence names it: "danh sách cán bộ, công chức"
    fields: tuple[FieldSpec, ...]
    key_field: str  # the column that makes a row a record
    parse: Parser
    load: Loader
    row_table: str  # the table holding this kind's rows (undo removes them)
    record: str  # what one row is: "người", "nhiệm vụ"
    # Sets of columns that also make a header of this kind (besides the required fields).
    header_alternatives: tuple[frozenset[str], ...] = ()
    # The blank template: file name, sheet name, what it holds, how to write the title block,
    # guides of this kind's own fields (shared fields' guides are in analytics.templates), and
    # the writer of the empty layout (path, ward as the title block writes it).
    template_file: str = ""
    template_sheet: str = ""
    description: str = ""
    title_notes: tuple[str, ...] = ()
    guides: dict[str, Guide] = field(default_factory=dict)
    write_template: Callable[[Path, str], None] | None = None
    # Fields written as dates in the template (text cells, so Excel keeps day and month).
    date_fields: frozenset[str] = frozenset()


# The template writers need a date and a year; these sentinels become dotted blanks to fill.
TEMPLATE_DATE = dt.date(1901, 1, 1)
TEMPLATE_YEAR = 1901
DOTS = "……"


def join_values(values: Iterable[object]) -> str:
    """'a; b; c' as guides list the accepted values."""
    return "; ".join(str(v) for v in values)
