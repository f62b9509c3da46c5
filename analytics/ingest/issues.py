"""Errors and warnings of an import, located as Excel shows them."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Issue:
    """One problem. ``row`` is the Excel row number (1-based), ``column`` the letter ("D")."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None
    # A stable code beside the Vietnamese text (e.g. "ROSTER_BIRTH_FUTURE"): scripts and tests
    # read the code, people read the message. Codes are listed in analytics/ingest/codes.py.
    code: str = ""

    def where(self) -> str:
        parts = [f"Tệp '{self.file}'"]
        if self.sheet:
            parts.append(f"trang '{self.sheet}'")
        if self.row is not None and self.column:
            parts.append(f"ô {self.column}{self.row}")
        elif self.row is not None:
            parts.append(f"dòng {self.row}")
        elif self.column:
            parts.append(f"cột {self.column}")
        location = ", ".join(parts)
        return f"{location} (cột '{self.header}')" if self.header else location

    def text(self) -> str:
        """The full Vietnamese sentence shown to the user."""
        return f"{self.where()}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["text"] = self.text()
        return data


class ImportRejected(Exception):
    """The file cannot be imported; the database is untouched."""

    def __init__(self, errors: list[Issue], warnings: list[Issue] | None = None) -> None:
        super().__init__("; ".join(e.text() for e in errors[:5]))
        self.errors = errors
        self.warnings = warnings or []
