"""Vietnamese name order (DOMAIN.md §7): by tên (last word), then đệm, then họ; Đ after D; tones
in the order ngang, huyền, hỏi, ngã, sắc, nặng."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that make a letter of its own (breve, circumflex, horn) vs tone marks.
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


@lru_cache(maxsize=65536)
def _word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            tones.append(_TONES[ch])
            continue
        if ch in _LETTER_MARKS and letters:
            base = _ALPHABET[letters[-1]]
            letters[-1] = _ORDER[
                {
                    "a\u0306": "ă",
                    "a\u0302": "â",
                    "e\u0302": "ê",
                    "o\u0302": "ô",
                    "o\u031b": "ơ",
                    "u\u031b": "ư",
                }.get(base + ch, base)
            ]
            continue
        letters.append(_ORDER.get(ch, 100 + ord(ch)))
    return tuple(letters), tuple(tones) or (0,)


def sort_key(full_name: str) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """Key for sorting people as Vietnamese rosters do.

    >>> sorted(["Trần Văn Đức", "Lê Thị Dung", "Nguyễn Văn An"], key=sort_key)
    ['Nguyễn Văn An', 'Lê Thị Dung', 'Trần Văn Đức']
    """
    words = (full_name or "").split()
    if not words:
        return ()
    ordered = [words[-1], *words[1:-1], words[0]] if len(words) > 1 else words
    return tuple(_word_key(w) for w in ordered)


def name_order(column: str) -> str:
    """ORDER BY terms for Vietnamese name order: tên (last word), đệm, họ, each in ICU's "vi"
    collation (Đ after D; tones ngang, huyền, hỏi, ngã, sắc, nặng), as ``names.sort_key``.

    >>> "icu_sort_key" in name_order("e.full_name")
    True
    """
    words = f"string_split(regexp_replace(trim(coalesce({column}, '')), '\\s+', ' ', 'g'), ' ')"
    ordered = (
        f"if(len({words}) > 1, list_concat([{words}[-1]], {words}[2:-2], [{words}[1]]), {words})"
    )
    # compared word by word, as sort_key's tuple: a list of ICU keys, shorter prefix first
    return f"list_transform({ordered}, lambda w: icu_sort_key(w, 'vi'))"
