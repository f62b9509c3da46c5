"""Every error and warning carries a stable code listed in analytics/ingest/codes.py."""

from __future__ import annotations

import re
from pathlib import Path

from analytics.ingest.codes import CODES

ROOT = Path(__file__).resolve().parent.parent


def codes_in_source() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "analytics").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"""\b(?:note_)?code=(?:f?)"([A-Z][A-Z0-9_]+)\"""", text):
            found.setdefault(match.group(1), []).append(str(path.relative_to(ROOT)))
    return found


def test_every_code_the_importers_use_is_in_the_catalogue() -> None:
    used = codes_in_source()
    assert len(used) >= 20  # the scan finds the codes (it cannot pass by finding none)
    missing = {code: where for code, where in used.items() if code not in CODES}
    assert not missing, f"codes missing from analytics/ingest/codes.py: {missing}"


def test_codes_are_upper_case_words_and_meanings_are_vietnamese_sentences() -> None:
    for code, meaning in CODES.items():
        assert re.fullmatch(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+", code), code
        assert meaning.endswith(".") and meaning[0].isupper(), code
