"""Pre-Unicode Vietnamese text: TCVN3 (ABC, .VnTime fonts) and VNI-Windows, plus CSV decoding.

Old ward spreadsheets were typed with 8-bit "font encodings": the bytes are Vietnamese letters
only when displayed with a .VnTime / VNI-Times font. Excel and CSV readers hand those bytes to
us as Windows-1252 / Latin-1 characters ("NguyÔn V¨n An", "Nguyeãn Vaên An"), so every table
here is keyed by the Latin-1 character that a legacy byte turns into.

Detection never trusts a single character: a string is legacy only if it holds characters that
real Vietnamese Unicode never uses *and* its converted form reads as Vietnamese syllables better
than the original does. Strings holding Vietnamese-only Unicode letters (ă, đ, ơ, ư, ạ…) or
combining marks are already Unicode and are never touched.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from analytics.ingest.issues import Issue

if TYPE_CHECKING:
    from analytics.ingest.readers import Sheet

__all__ = [
    "convert_legacy",
    "convert_sheet",
    "decode_text_bytes",
    "detect_legacy_encoding",
    "fix_legacy",
    "looks_like_tcvn3",
    "looks_like_vni",
    "tcvn3_to_unicode",
    "unicode_to_tcvn3",
    "unicode_to_vni",
    "vni_to_unicode",
]

TCVN3 = "tcvn3"
VNI = "vni"

_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_TONE_MARKS = frozenset((_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT))


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


# ===================================================================== TCVN3 (TCVN 5712:1993 VN3)
# Byte of each toned lower-case letter, tones in the order grave, hook, tilde, acute, dot
# (the order of the standard's code chart). Checked against GNU libiconv's TCVN table.
_TCVN3_TONED_ROWS: tuple[tuple[str, tuple[int, int, int, int, int]], ...] = (
    ("a", (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    ("ă", (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    ("â", (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    ("e", (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    ("ê", (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    ("i", (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    ("o", (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    ("ô", (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    ("ơ", (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    ("u", (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    ("ư", (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    ("y", (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
)
# Untoned letters with a diacritic: the only upper-case letters VN3 has (0xA1-0xA7); the
# upper-case toned letters lived in the separate .VnTimeH font, reusing the lower-case bytes.
_TCVN3_PLAIN: dict[int, str] = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",  # soft hyphen when read as Latin-1; easily lost by tools that strip it
    0xAE: "đ",
}


def _build_tcvn3_table() -> dict[str, str]:
    table = {chr(code): letter for code, letter in _TCVN3_PLAIN.items()}
    tones = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)
    for base, codes in _TCVN3_TONED_ROWS:
        for code, tone in zip(codes, tones, strict=True):
            table[chr(code)] = _compose(base, tone)
    return table


_TCVN3_TO_UNI: dict[str, str] = _build_tcvn3_table()
_TCVN3_DECODE = str.maketrans(_TCVN3_TO_UNI)


def _build_tcvn3_encode() -> dict[str, str]:
    table = {uni: leg for leg, uni in _TCVN3_TO_UNI.items()}
    # Upper-case toned letters have no VN3 byte: use the lower-case byte, as .VnTimeH did.
    for leg, uni in _TCVN3_TO_UNI.items():
        table.setdefault(uni.upper(), leg)
    return table


_TCVN3_ENCODE = str.maketrans(_build_tcvn3_encode())


# ===================================================================== VNI-Windows
# VNI writes a vowel as an ASCII base letter followed by a "mark" byte; i, y-dot, đ, ơ and ư
# have single bytes of their own. Upper-case letters use the upper-case mark bytes.
_VNI_TONE_MARKS = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX_MARKS = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE_MARKS = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}


def _build_vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(decode table incl. case-mismatched marks, canonical encode table)."""
    canonical: dict[str, str] = {}  # legacy sequence -> letter, lower case
    for base in "aeouy":
        for mark, tone in _VNI_TONE_MARKS.items():
            if base == "y" and tone == _DOT:
                continue  # ỵ has its own byte (î)
            canonical[base + mark] = _compose(base, tone)
    for base in "aeo":
        for mark, tone in _VNI_CIRCUMFLEX_MARKS.items():
            canonical[base + mark] = _compose(base, _CIRCUMFLEX, tone)
    for mark, tone in _VNI_BREVE_MARKS.items():
        canonical["a" + mark] = _compose("a", _BREVE, tone)
    for horn_byte, base in (("ô", "o"), ("ö", "u")):
        for mark, tone in _VNI_TONE_MARKS.items():
            canonical[horn_byte + mark] = _compose(base, _HORN, tone)
    canonical.update(_VNI_SINGLE)

    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    for seq, letter in canonical.items():
        decode[seq] = letter
        decode[seq.upper()] = letter.upper()
        encode[letter] = seq
        encode[letter.upper()] = seq.upper()
        if len(seq) == 2:
            # Mixed-case pairs occur when only the base letter was re-typed; the base decides.
            decode[seq[0] + seq[1].upper()] = letter
            decode[seq[0].upper() + seq[1]] = letter.upper()
    decode["yï"], decode["YÏ"] = "ỵ", "Ỵ"  # non-standard but unambiguous spelling of ỵ
    return decode, encode


_VNI_TO_UNI, _UNI_TO_VNI = _build_vni_tables()
# Longest first so that "ôù" (ớ) wins over "ô" (ơ).
_VNI_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_VNI_TO_UNI, key=lambda k: (-len(k), k)))
)
_UNI_TO_VNI_TRANS = str.maketrans(_UNI_TO_VNI)


# ===================================================================== conversion
def _is_shouted(word: str) -> bool:
    """All-caps legacy word ("NGUYÔN"): no lower-case ASCII, an upper-case one after the start."""
    return not any("a" <= c <= "z" for c in word) and any("A" <= c <= "Z" for c in word[1:])


_TCVN3_WORD_RE = re.compile(r"[A-Za-z\xa1-\xff]+")
_ASCII_LOWER_RE = re.compile(r"[a-z]")


def tcvn3_to_unicode(text: str) -> str:
    """TCVN3 text read as Latin-1 -> NFC Unicode: "NguyÔn V¨n An" -> "Nguyễn Văn An".

    Toned letters come out lower case (VN3 has no upper-case toned bytes) except inside words
    written in capitals ("NGUYÔN" -> "NGUYỄN"), where the .VnTimeH font showed them upper case.
    """
    words = _TCVN3_WORD_RE.findall(text)
    shout_all = _ASCII_LOWER_RE.search(text) is None and any(_is_shouted(w) for w in words)

    def convert(match: re.Match[str]) -> str:
        word = match.group()
        out = word.translate(_TCVN3_DECODE)
        if out != word and (shout_all or _is_shouted(word)):
            out = out.upper()
        return out

    return unicodedata.normalize("NFC", _TCVN3_WORD_RE.sub(convert, text))


def unicode_to_tcvn3(text: str) -> str:
    """Inverse of :func:`tcvn3_to_unicode` (for tests and exports); upper-case toned letters
    are written with their lower-case byte, as in .VnTimeH documents."""
    return unicodedata.normalize("NFC", text).translate(_TCVN3_ENCODE)


def vni_to_unicode(text: str) -> str:
    """VNI-Windows text read as Latin-1 -> NFC Unicode: "Nguyeãn Vaên An" -> "Nguyễn Văn An"."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: _VNI_TO_UNI[m.group()], text))


def unicode_to_vni(text: str) -> str:
    """Inverse of :func:`vni_to_unicode` (for tests and exports)."""
    return unicodedata.normalize("NFC", text).translate(_UNI_TO_VNI_TRANS)


# ===================================================================== syllable plausibility
# Lower-case Vietnamese alphabet: every letter a converted legacy word may contain.
_VIET_VOWELS = "aăâeêioôơuưy"
_VIET_LOWER = frozenset(
    "abcdefghijklmnopqrstuvwxyzđ"
    + "".join(_compose(v, t) for v in _VIET_VOWELS for t in ("", *sorted(_TONE_MARKS)))
)
# Spelling rules help tell readings apart ("Kî" is VNI "Kỵ", not TCVN3 "Kợ"): k, gh and ngh
# only before e/ê/i/y; c and ng never there; g not before e/ê (that is "gh").
_INITIAL = (
    r"(?:ngh(?=[eêi])|gh(?=[eêi])|ng(?![eêiy])|nh|ch|gi|kh|ph|qu|th|tr"
    r"|k(?=[eêiy])|c(?![eêiy])|g(?![eê])|[bdđhlmnprstvx])?"
)
# Vowel groups ending in a glide take no final consonant; the others may.
_OPEN_NUCLEI = (
    "oai|oao|oay|oeo|uây|uya|uyu|iêu|yêu|ươi|ươu|uôi|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|ua|ưa|uơ"
)
_CLOSABLE_NUCLEI = "uyê|iê|yê|uô|ươ|oa|oă|oe|oo|uâ|uê|uy|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
_SYLLABLE_RE = re.compile(
    rf"{_INITIAL}(?:(?P<open>{_OPEN_NUCLEI})|(?P<closed>{_CLOSABLE_NUCLEI})(?:ch|nh|ng|[cmnpt])?)"
)
# Where the tone mark sits in a vowel group (index in the group), which also separates readings:
# VNI "baï" is "bạ", while its TCVN3 reading "baù" puts the tone on the wrong vowel.
_TONED_FIRST = frozenset(
    ("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu",
     "ia", "ua", "ưa")
)  # fmt: skip
_BEFORE_NH_CH = frozenset(("a", "ê", "i", "y", "oa", "uy", "uê"))  # "anh", "ếch", "huynh"
_NEEDS_FINAL = frozenset(("ă", "â", "uâ", "oă", "iê", "yê", "uô", "ươ", "uyê", "oo"))
_TOKEN_RE = re.compile(r"[^\W\d_]+")


def _tone_slots(nucleus: str, closed: bool) -> tuple[int, ...]:
    if len(nucleus) == 1 or nucleus in _TONED_FIRST:
        return (0,)
    if nucleus in ("oa", "oe", "uy") and not closed:
        return (0, 1)  # old "hoà, thuỷ" and new "hòa, thủy" placements are both in use
    if nucleus == "uyê":
        return (2,)
    return (1,)


@lru_cache(maxsize=8192)
def _is_syllable(token: str) -> bool:
    """Could this (non-ASCII) token be one Vietnamese syllable? Form only, not the dictionary."""
    word = token.lower()
    if not all(c in _VIET_LOWER for c in word):
        return False
    if token not in (word, token.upper(), word.capitalize()):
        return False  # "TuÊn" is no Unicode word, though "Tuên" could be
    toned = [
        i for i, c in enumerate(word) if _TONE_MARKS.intersection(unicodedata.normalize("NFD", c))
    ]
    if len(toned) > 1:
        return False
    decomposed = unicodedata.normalize("NFD", word)
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    match = _SYLLABLE_RE.fullmatch(toneless)
    if match is None:
        return False
    group = "open" if match.group("open") else "closed"
    nucleus, final = match.group(group), toneless[match.end(group) :]
    if final in ("nh", "ch") and nucleus not in _BEFORE_NH_CH:
        return False
    if not final and nucleus in _NEEDS_FINAL:
        return False
    if not toned:
        return True
    if final in ("c", "ch", "p", "t") and not {_ACUTE, _DOT}.intersection(decomposed):
        return False  # syllables ending in a stop take only the acute or the dot-below tone
    slots = _tone_slots(nucleus, closed=bool(final))
    return toned[0] - match.start(group) in slots


def _plausibility(text: str) -> float:
    """Share of the tokens with non-ASCII letters that are Vietnamese syllables (0 if none)."""
    tokens = [t for t in _TOKEN_RE.findall(text) if not t.isascii()]
    if not tokens:
        return 0.0
    return sum(_is_syllable(t) for t in tokens) / len(tokens)


# ===================================================================== detection
# Letters (and combining marks) that only Unicode Vietnamese uses: their presence means the
# text is already Unicode, in NFC or NFD.
_VIET_UNICODE_RE = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u0300-\u036f\u1ea0-\u1ef9]"
)
_LATIN1_HIGH_RE = re.compile("[\xa1-\xff]")
_VIET_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
# TCVN3 bytes that never occur in Unicode Vietnamese, counted only next to a letter so that a
# lone "©" or "§" in ordinary text is no evidence.
_TCVN3_ODD = re.escape("".join(sorted(set(_TCVN3_TO_UNI) - _VIET_LATIN1)))
_LETTERISH = r"[A-Za-z\xa1-\xff]"
_TCVN3_EVIDENCE_RE = re.compile(
    rf"(?<={_LETTERISH})[{_TCVN3_ODD}]|[{_TCVN3_ODD}](?={_LETTERISH})"
    # a toned letter whose byte is an upper-case Latin-1 glyph inside a lower-case word: "NguyÔn"
    r"|[a-z][\xc0-\xde]"
)
# VNI base+mark pairs that are not valid Unicode Vietnamese ("oà"/"oá"/"oã" are left out on
# purpose: "hoà", "hoá" are ordinary Unicode), and VNI single bytes foreign to Vietnamese.
_VNI_EVIDENCE_RE = re.compile(
    r"[aeouyAEOUY][ùøûõïÙØÛÕÏ]"
    r"|[aeAE][âáàåãäÂÁÀÅÃÄ]"
    r"|[oO][âåäÂÅÄ]"
    r"|[aA][êéèúüëÊÉÈÚÜË]"
    r"|[ôöÔÖ][ùøûõïÙØÛÕÏ]"
    rf"|(?<={_LETTERISH})[ñÑöÖæÆîÎ]|[ñÑöÖæÆîÎ](?={_LETTERISH})"
)
_MIN_PLAUSIBILITY = 0.6


def _scores(text: str) -> tuple[float, float] | None:
    """Plausibility of the (TCVN3, VNI) readings, or None when the text cannot be legacy.

    A reading scores 0 unless it has evidence and reads better than the text as it is.
    """
    if text.isascii() or _VIET_UNICODE_RE.search(text) or not _LATIN1_HIGH_RE.search(text):
        return None
    tcvn = vni = 0.0
    if _TCVN3_EVIDENCE_RE.search(text):
        tcvn = _plausibility(tcvn3_to_unicode(text))
    if _VNI_EVIDENCE_RE.search(text):
        vni = _plausibility(vni_to_unicode(text))
    if max(tcvn, vni) < _MIN_PLAUSIBILITY:
        return None
    as_is = _plausibility(text)
    return (tcvn if tcvn > as_is else 0.0, vni if vni > as_is else 0.0)


def _classify(text: str) -> str | None:
    scores = _scores(text)
    if scores is None:
        return None
    tcvn, vni = scores
    if tcvn >= _MIN_PLAUSIBILITY and tcvn >= vni:
        return TCVN3  # ties go to TCVN3, by far the more common encoding in offices
    if vni >= _MIN_PLAUSIBILITY:
        return VNI
    return None


def looks_like_tcvn3(text: str) -> bool:
    """True if ``text`` reads as TCVN3 (.VnTime) bytes shown as Latin-1: "§µo", "V¨n"."""
    return _classify(text) == TCVN3


def looks_like_vni(text: str) -> bool:
    """True if ``text`` reads as VNI-Windows bytes shown as Latin-1: "Nguyeãn", "Vaên"."""
    return _classify(text) == VNI


def fix_legacy(text: str) -> str:
    """Convert one value if it is TCVN3 or VNI text; otherwise return it unchanged. Always NFC.

    Cheap for ordinary values: ASCII and text with Vietnamese-only Unicode letters return after
    one scan.
    """
    if not text.isascii() and not _VIET_UNICODE_RE.search(text):
        encoding = _classify(text)
        if encoding is not None:
            return convert_legacy(text, encoding)
    return unicodedata.normalize("NFC", text)


_SAMPLE_LIMIT = 5000


def _legacy_votes(values: Iterable[object]) -> tuple[Counter[str], int]:
    """Unambiguous per-value votes for each legacy encoding, and the number of Unicode values."""
    votes: Counter[str] = Counter()
    unicode_values = 0
    seen: set[str] = set()
    for value in values:
        if not isinstance(value, str) or value in seen or value.isascii():
            continue
        seen.add(value)
        if len(seen) > _SAMPLE_LIMIT:
            break
        if _VIET_UNICODE_RE.search(value):
            unicode_values += 1
            continue
        scores = _scores(value)
        if scores is None:
            continue
        tcvn, vni = scores
        # A value both readings explain equally ("Thuû") says nothing about the column.
        if tcvn >= _MIN_PLAUSIBILITY and tcvn > vni:
            votes[TCVN3] += 1
        elif vni >= _MIN_PLAUSIBILITY and vni > tcvn:
            votes[VNI] += 1
    return votes, unicode_values


def detect_legacy_encoding(values: Iterable[str]) -> str | None:
    """Return "tcvn3", "vni" or None for a sample of values (a column or a sheet).

    More reliable than one string: values that are ambiguous alone ("Hoà" is Unicode "Hoà" or
    VNI "Hồ") are then converted by :func:`convert_legacy` with the sample's verdict. Non-string
    items are ignored.
    """
    votes, unicode_values = _legacy_votes(values)
    if not votes:
        return None
    (best, count), *rest = votes.most_common()
    runner_up = rest[0][1] if rest else 0
    if count > runner_up and count > unicode_values:
        return best
    return None


def convert_legacy(text: str, encoding: str | None) -> str:
    """Convert ``text`` from ``encoding`` ("tcvn3", "vni" or None); result is NFC.

    Values that already contain Vietnamese-only Unicode letters are left as they are, since a
    legacy sheet often has a few cells re-typed in Unicode.
    """
    if encoding is None or text.isascii() or _VIET_UNICODE_RE.search(text):
        return unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        return tcvn3_to_unicode(text)
    if encoding == VNI:
        return vni_to_unicode(text)
    raise ValueError(f"Unknown legacy encoding: {encoding!r}")


# ===================================================================== CSV bytes
BINARY_MESSAGE = "Tệp không phải văn bản CSV (có dữ liệu nhị phân)"
_SNIFF_BYTES = 65536
# C0 controls that never appear in text files; tab, LF, VT, FF, CR and the DOS end-of-file
# marker (0x1A) do.
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20)])
_BINARY_CHARS_RE = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f]")
_MAX_BINARY_SHARE = 0.01


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-heavy text has a NUL in every other byte."""
    sample = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    half = len(sample) // 2
    if half < 2:
        return None
    even_nul = sample[0::2].count(0) / half
    odd_nul = sample[1::2].count(0) / half
    if odd_nul >= 0.3 and even_nul <= 0.05:
        return "utf-16-le"
    if even_nul >= 0.3 and odd_nul <= 0.05:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return False
    bad = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return bad / len(sample) > _MAX_BINARY_SHARE


def _text_looks_binary(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    return bool(sample) and len(_BINARY_CHARS_RE.findall(sample)) / len(sample) > _MAX_BINARY_SHARE


def _decode_strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"Tệp có dấu hiệu mã hoá {name} nhưng có byte không hợp lệ ở vị trí {exc.start}"
        ) from exc


def _sample_fields(text: str) -> list[str]:
    fields: list[str] = []
    for line in text.splitlines()[:2000]:
        fields.extend(f.strip().strip('"') for f in re.split(r"[,;\t|]", line))
    return [f for f in fields if f]


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    """Windows-1258 unless the file holds TCVN3/VNI font bytes (then the Latin-1 reading)."""
    vietnamese = data.decode("cp1258", errors="replace")
    try:
        ansi, ansi_name = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        ansi, ansi_name = data.decode("latin-1"), "latin-1"
    # A CSV saved from a .VnTime/VNI sheet holds font bytes; read as cp1258 they would turn into
    # unrelated Vietnamese letters and could not be repaired, so keep the Latin-1 reading for
    # convert_legacy/fix_legacy to convert, as for Excel files.
    votes, _ = _legacy_votes(_sample_fields(ansi))
    if votes:
        good_cp1258 = sum(
            _plausibility(f) == 1.0
            for f in _sample_fields(unicodedata.normalize("NFC", vietnamese))
        )
        if max(votes.values()) > good_cp1258:
            return ansi, ansi_name
    return vietnamese, "cp1258"


def decode_text_bytes(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes to NFC text; returns (text, encoding name).

    Tries, in order: UTF-8 with BOM ("utf-8-sig"), UTF-16 with BOM or with the NUL pattern of
    UTF-16 ("utf-16-le"/"utf-16-be"), UTF-8 ("utf-8"), and otherwise Windows-1258 ("cp1258",
    whose separate tone marks NFC composes). Files that hold TCVN3/VNI font bytes come back as
    their Latin-1 reading ("cp1252"/"latin-1") for :func:`convert_legacy`.
    Raises ValueError (Vietnamese message) for binary data.
    """
    if data.startswith(codecs.BOM_UTF8):
        text, name = _decode_strict(data[3:], "utf-8", "UTF-8"), "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE):
        text, name = _decode_strict(data[2:], "utf-16-le", "UTF-16"), "utf-16-le"
    elif data.startswith(codecs.BOM_UTF16_BE):
        text, name = _decode_strict(data[2:], "utf-16-be", "UTF-16"), "utf-16-be"
    elif (utf16 := _sniff_utf16(data)) is not None:
        text, name = _decode_strict(data, utf16, "UTF-16"), utf16
    else:
        if _looks_binary(data):
            raise ValueError(BINARY_MESSAGE)
        try:
            text, name = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, name = _decode_single_byte(data)
    if _text_looks_binary(text):
        raise ValueError(BINARY_MESSAGE)
    return unicodedata.normalize("NFC", text), name


def convert_sheet(sheet: Sheet, file_name: str) -> tuple[Sheet, list[Issue]]:
    """The sheet with every legacy-encoded text cell converted to Unicode, and what was done.

    Decided per sheet for now (the header rows with the rest); cells that are not text stay.
    """
    sample: list[str] = []
    for row in sheet.rows[:200]:
        sample.extend(c for c in row if isinstance(c, str) and c)
    encoding = detect_legacy_encoding(sample)
    if encoding is None:
        return sheet, []
    cache: dict[str, str] = {}

    def convert(value: object) -> object:
        if not isinstance(value, str) or not value:
            return value
        done = cache.get(value)
        if done is None:
            done = cache[value] = convert_legacy(value, encoding)
        return done

    from analytics.ingest.readers import Sheet

    rows = [[convert(c) for c in row] for row in sheet.rows]
    return Sheet(sheet.name, rows, sheet.merged, sheet.fonts), []
