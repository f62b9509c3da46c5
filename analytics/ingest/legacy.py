"""Pre-Unicode Vietnamese text: TCVN3 (ABC, .VnTime fonts) and VNI-Windows, plus CSV decoding.

Old ward spreadsheets were typed with 8-bit "font encodings": the bytes are Vietnamese letters
only when displayed with a .VnTime / VNI-Times font. Excel and CSV readers hand those bytes to
us as Windows-1252 / Latin-1 characters ("NguyÔn V¨n An", "Nguyeãn Vaên An"), so every table
here is keyed by the Latin-1 character that a legacy byte turns into.

Detection never trusts a single character: a string is legacy only if it holds characters that
real Vietnamese Unicode never uses *and* its converted form reads as Vietnamese syllables better
than the original does. Strings holding Vietnamese-only Unicode letters (ă, đ, ơ, ư, ạ…) or
combining marks are already Unicode and are never touched.

A sheet (:func:`convert_sheet`) is decided per column and then per cell, never as a whole: real
sheets put a Unicode header over TCVN3 rows, or a few names re-typed in Unicode among TCVN3
ones. TCVN3 capitals with a tone come from the cell's font (".VnTimeH") or, without one, from
where Vietnamese writing puts capitals.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress, islice, repeat, zip_longest
from operator import eq, itemgetter, setitem
from typing import TYPE_CHECKING, TypeGuard

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
# A capital ASCII letter inside a word: only then can a word be in capitals.
_MAYBE_SHOUTED_RE = re.compile(r"[A-Za-z\xa1-\xff][A-Z]")


def tcvn3_to_unicode(text: str) -> str:
    """TCVN3 text read as Latin-1 -> NFC Unicode: "NguyÔn V¨n An" -> "Nguyễn Văn An".

    Toned letters come out lower case (VN3 has no upper-case toned bytes) except inside words
    written in capitals ("NGUYÔN" -> "NGUYỄN"), where the .VnTimeH font showed them upper case.
    """
    if _MAYBE_SHOUTED_RE.search(text) is None:  # the common case: no word in capitals
        return unicodedata.normalize("NFC", text.translate(_TCVN3_DECODE))
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


# ===================================================================== cells of a sheet
# Syllables frequent in rosters (names, units, posts, degrees, places). Spelling alone cannot tell
# Unicode "Võ Tâm" from TCVN3 bytes that read "Vừ Tõm": every letter of both is Latin-1 and both
# are well-formed syllables, but only one of the readings is made of words people write.
_COMMON_SYLLABLES = frozenset(
    unicodedata.normalize(
        "NFC",
        """
ái an anh ánh ân ẩn ấn ấp âu ấy ba bà bá bác bạch bài ban bản bạn bảo bão bắc bằng bậc bên
bến bích biên biết biểu binh bình bố bộ bồi bốn bùi bưu bửu ca cà cả các cách cải cam cảm
cán cảnh cao cát cần cấp câu cấu cha chánh châu chi chỉ chí chị chiến chiêu chính chu chủ
chú chúa chung chúng chuyên chữ chức chương có cô cổ cố công cộng cơ cù cũ của cúc cục cung
cùng củng cử cương cường cứu cựu danh dân dần diễm diệp dinh doãn doanh du dục dung dũng duy
duyên dự dược dương dưỡng đa đài đàm đảm đan đảng đào đạo đạt đặc đặng đất đầu đấu đề để đệm
địa điểm điền điện điệp đinh đình định đỏ đoan đoàn đô đỗ độ độc đội đông đồng đơn đức được
đường em én gia giá giải giám giang giảng giao giáo giáp giới giữ hà hạ hai hải hàm hán hành
hạnh hào hảo hạt hằng hân hấn hầu hậu hiền hiển hiến hiện hiệp hiếu hình hoa hòa hoà hoá hóa
hoài hoan hoàn hoàng hoạt học hồ hội hồng hợp huân huấn huệ hùng huy huyền huyện huỳnh hứa
hưng hương hường hưởng hữu hy kê kế kết khá khai khang khánh khen khiêm khoa khóa khoá khối
không khổng khu khuê khuyến kiểm kiên kiến kiều kim kinh kỳ kỹ ký la lã lạc lai lài lam lan
lành lãnh lao lão lâm lập lâu lê lễ lệ lịch liêm liên liễu linh lĩnh lò loại loan long lộc
lợi luân luận luật lục lực lương lượng lưu ly lý ma mã mạc mai mạnh may mặt mẫn mẫu mậu mây
miên miền minh môi mới mức mừng mười mỹ na nam nay năm năng nga ngạch ngân nghỉ nghị nghĩa
nghiệp ngoại ngọc ngô ngũ nguyên nguyễn nguyệt ngữ người nhà nhàn nhân nhất nhật nhi nhiệm
nhung như nhượng niên ninh nội nông nơi nữ oanh ông ở phạm phan pháp phát phân phấn phật phi
phó phong phòng phố phú phụ phúc phục phùng phụng phước phương phượng quách quản quán quang
quân quần quế quốc quý quyên quyền quyết quỳnh sách sáng sắc sâm sen sĩ sinh số sơ sở sơn
sung sự sương tạ tài tám tăng tâm tân tấn tập tây tế tên thạc thạch thái thảo thắm thắng
thân thấp thập thể thế thi thị thiên thiện thiết thịnh thọ thoa thôn thông thống thời thu
thuận thuật thùy thủy thuỷ thúy thư thứ thực thương thường thượng tịch tiên tiến tiếng tiểu
tin tín tình tỉnh tính tịnh toàn toán tô tổ tôn tổng tống tốt trà trác trạch trai trang
tráng trâm trần trấn tri trí trị triển triệu trinh trình trịnh trọng trợ trú trúc trung trực
trương trường trưởng tú tuấn tuệ tùng tuyên tuyển tuyết tư từ tự tường tướng tượng út ủy uỷ
uyên vàng văn vân vi việc viên viện viết việt vinh vĩnh võ vũ vụ vương vượng vy xã xây xếp
xuân xuất xuyến xử y ý yên yến
""",
    ).split()
)
# Latin-1 letters that no TCVN3 (VN3) byte stands for: a cell holding one ("Lê Hà") is not TCVN3.
_NOT_TCVN3_RE = re.compile(
    "[" + "".join(c for c in map(chr, range(0xC0, 0x100)) if c.isalpha() and c not in _TCVN3_TO_UNI)
    + "]"
)  # fmt: skip
_Quality = tuple[float, float]


# A word with at least one non-ASCII letter (found by the regex engine, not a Python loop).
# Latin-1 symbols count as letters here: TCVN3 bytes read as Latin-1 ("V¨n", "Ph\xad¬ng") must
# make a broken word, not two ASCII pieces that say nothing.
_NON_ASCII_TOKEN_RE = re.compile(r"(?=[\w\xa1-\xff]*(?:[^\W\x00-\x7f]|[\xa1-\xff]))[\w\xa1-\xff]+")


@lru_cache(maxsize=16384)
def _token_score(token: str) -> int:
    """1 for a syllable, plus _COMMON_WEIGHT for a common one: one cached number per token."""
    return _is_syllable(token) + _COMMON_WEIGHT * (token.lower() in _COMMON_SYLLABLES)


_COMMON_WEIGHT = 1 << 20


def _quality(text: str) -> _Quality:
    """(share of syllables, share of common syllables) among the tokens with non-ASCII letters."""
    tokens = _NON_ASCII_TOKEN_RE.findall(text)
    if not tokens:
        return 0.0, 0.0
    common, syllables = divmod(sum(map(_token_score, tokens)), _COMMON_WEIGHT)
    return syllables / len(tokens), common / len(tokens)


_KEEP, _TIE, _CLEAR = 0, 1, 2  # how strongly a legacy reading beats the text as it is


class _Readings:
    """Legacy readings of the distinct values of one column, each computed once."""

    def __init__(self) -> None:
        self._readings: dict[tuple[str, str], tuple[str, _Quality]] = {}
        self._as_is: dict[str, _Quality] = {}

    def reading(self, value: str, encoding: str) -> tuple[str, _Quality]:
        key = (value, encoding)
        found = self._readings.get(key)
        if found is None:
            text = tcvn3_to_unicode(value) if encoding == TCVN3 else vni_to_unicode(value)
            found = self._readings[key] = (text, _quality(text))
        return found

    def as_is(self, value: str) -> _Quality:
        found = self._as_is.get(value)
        if found is None:
            found = self._as_is[value] = _quality(value)
        return found

    def decide(self, value: str, prefer: str | None, font: bool) -> tuple[str | None, int]:
        """The encoding ``value`` reads best in and how clearly: (encoding, _CLEAR | _TIE), or
        (None, _KEEP) to keep it as it is.

        A reading is tried when the value shows its marks (odd bytes next to letters), when the
        column is in that encoding (``prefer``) or, for TCVN3, when the cell is in a .Vn font. It
        must read as Vietnamese (60% of syllables) and beat the value as it is: on the share of
        syllables first, then on the share of common syllables ("Tâm" beats "Tõm"). A cell in a
        .Vn font shows its TCVN3 reading on screen: only the share of syllables counts there, so
        "Én" in .VnTime is "ẫn" but "Chuyên ngành" (TCVN3 "Chuyờn ngành") stays.
        """
        candidates: list[str] = []
        if (font or prefer == TCVN3 or _TCVN3_EVIDENCE_RE.search(value)) and not (
            _NOT_TCVN3_RE.search(value)
        ):
            candidates.append(TCVN3)
        if not font and (prefer == VNI or _VNI_EVIDENCE_RE.search(value)):
            candidates.append(VNI)
        best: str | None = None
        best_quality: _Quality = (0.0, 0.0)
        for encoding in candidates:
            text, quality = self.reading(value, encoding)
            # The same text either way ("Lý") still takes its font's or its column's capitals.
            same = text == value and not font and prefer != encoding
            if same or quality[0] < _MIN_PLAUSIBILITY:
                continue
            if (
                best is None
                or quality > best_quality
                or (quality == best_quality and encoding == prefer)
            ):
                best, best_quality = encoding, quality
        if best is None:
            return None, _KEEP
        as_is = self.as_is(value)
        if font:  # the cell shows its TCVN3 reading: only a better-spelled text stays as it is
            best_quality, as_is = (best_quality[0], 0.0), (as_is[0], 0.0)
        if best_quality > as_is:
            return best, _CLEAR
        if best_quality == as_is:
            return best, _TIE
        return None, _KEEP


# ----------------------------------------------------------------- TCVN3 capitals
_UPPER_FONT, _LOWER_FONT = "upper", "lower"
_TCVN3_TONED_BYTES = frozenset(chr(code) for _, codes in _TCVN3_TONED_ROWS for code in codes)
_TONED_START_RE = re.compile(
    "(?<![A-Za-z\xa1-\xff])[" + re.escape("".join(sorted(_TCVN3_TONED_BYTES))) + "]"
)
_TCVN3_CAPITALS = frozenset(map(chr, range(0xA1, 0xA8)))  # Ă Â Ê Ô Ơ Ư Đ
_TCVN3_SMALL = frozenset(map(chr, range(0xA8, 0xAF)))  # ă â ê ô ơ ư đ
_SENTENCE_END_RE = re.compile(r"[.!?…\n]")
# Words after which a capitalised name follows ("phường Ái Quốc", "bà Ánh").
_NAME_INTRODUCERS = frozenset(
    ("phường", "xã", "quận", "huyện", "tỉnh", "phố", "trấn", "thôn", "ấp", "bản", "xóm", "làng",
     "khu", "ông", "bà", "anh", "chị", "chí")
)  # fmt: skip


def font_kind(font: str) -> str:
    """_UPPER_FONT for TCVN3 capitals fonts (".VnTimeH", ".VnArialH"…), else _LOWER_FONT."""
    return _UPPER_FONT if font.rstrip().endswith("H") else _LOWER_FONT


def _initial_is_capital(word: str) -> bool | None:
    """Case of a TCVN3 word's first letter; None for a toned letter (the byte has no case)."""
    first = word[0]
    if "A" <= first <= "Z" or first in _TCVN3_CAPITALS:
        return True
    if "a" <= first <= "z" or first in _TCVN3_SMALL:
        return False
    return None


@dataclass(frozen=True)
class _Habits:
    """How a column's TCVN3 cells are written, as far as their case-bearing bytes tell."""

    starts_capital: bool = True  # cells start with a capital (Vietnamese writing's default)
    title_case: bool = False  # every word starts with a capital (names, units, places)


_HABIT_SAMPLE = 2000  # distinct values, in the order of first occurrence: enough for a habit


def _habits(values: Iterable[str]) -> _Habits:
    starts = {True: 0, False: 0}
    titled = words_known = 0
    for value in islice(values, _HABIT_SAMPLE):
        cases = [_initial_is_capital(m.group()) for m in _TCVN3_WORD_RE.finditer(value)]
        if cases and cases[0] is not None:
            starts[cases[0]] += 1
        known = [case for case in cases if case is not None]
        if len(known) > 1:
            words_known += 1
            titled += all(known)
    return _Habits(starts[True] >= starts[False], words_known > 0 and titled >= 0.8 * words_known)


def _tcvn3_cell(
    text: str, font: str | None, habits: _Habits = _Habits(), plain: str | None = None
) -> tuple[str, bool]:
    """One TCVN3 cell in Unicode with its capitals, and whether a capital was inferred.

    A toned capital (À, Ấ, Ở…) has no byte of its own: it is the lower-case byte shown in an
    upper-case font. In such a font (``_UPPER_FONT``) the whole cell is capitals; in a lower-case
    .Vn font only words written in capitals ("NGUYÔN") are. Without a font, a word starting with
    a toned letter is capitalised where Vietnamese writing puts a capital:

    - at the start of the cell and after ".", "!", "?" or a line break, unless the column's
      legacy cells mostly start in lower case (``habits.starts_capital`` False);
    - in a cell whose other words all start with capitals in the legacy reading (a person's
      name, a unit, a place: "NguyÔn ThÞ ¸nh" -> "Nguyễn Thị Ánh"), and in a cell whose words
      all start with toned letters in a column written so ("Øng ¸i ¸nh" -> "Ứng Ái Ánh");
    - between words starting with capitals, or after "phường", "xã", "ông", "bà"… when the next
      word starts with one ("ph­êng ¸i Quèc" -> "phường Ái Quốc");
    - in words written in capitals ("NGUYÔN" -> "NGUYỄN").

    ``plain`` is :func:`tcvn3_to_unicode` of ``text`` when the caller has it already.
    """
    plain = tcvn3_to_unicode(text) if plain is None else plain
    if font == _UPPER_FONT:
        return plain.upper(), False
    maybe_shouted = _MAYBE_SHOUTED_RE.search(text) is not None
    if not maybe_shouted and (font == _LOWER_FONT or _TONED_START_RE.search(text) is None):
        return plain, False  # nothing to infer: the table's reading
    raw = unicodedata.normalize("NFC", text.translate(_TCVN3_DECODE))
    if font == _LOWER_FONT:
        return plain, plain != raw
    words = list(_TCVN3_WORD_RE.finditer(text))
    if not words:
        return plain, False
    shout_all = _ASCII_LOWER_RE.search(text) is None and any(_is_shouted(m.group()) for m in words)
    cases = [_initial_is_capital(m.group()) for m in words]
    known = [case for case in cases if case is not None]
    name_like = len(words) > 1 and all(known) and (bool(known) or habits.title_case)
    parts: list[str] = []
    end = 0
    for i, match in enumerate(words):
        word = match.group()
        out = word.translate(_TCVN3_DECODE)
        if out != word and (shout_all or _is_shouted(word)):
            out = out.upper()
        elif word[0] in _TCVN3_TONED_BYTES:
            before = text[end : match.start()]
            starts = i == 0 or _SENTENCE_END_RE.search(before) is not None
            after_capital = i > 0 and (
                cases[i - 1] is True
                or words[i - 1].group().translate(_TCVN3_DECODE).lower() in _NAME_INTRODUCERS
            )
            has_next = i + 1 < len(words)
            between = after_capital and (cases[i + 1] is True if has_next else cases[i - 1] is True)
            if (starts and habits.starts_capital) or name_like or between:
                out = out[0].upper() + out[1:]
        parts.append(text[end : match.start()])
        parts.append(out)
        end = match.end()
    parts.append(text[end:])
    result = unicodedata.normalize("NFC", "".join(parts))
    return result, result != raw


# ----------------------------------------------------------------- one column
@dataclass
class _Column:
    """What converting one column did."""

    values: list[object] | None = None  # the new cells, None when nothing changed
    converted: Counter[str] = field(default_factory=Counter)  # cells per encoding
    kept_unicode: int = 0  # Unicode cells below the first legacy one, kept as they are
    inferred: int = 0  # TCVN3 cells whose toned capitals were inferred from the text
    font_capitals: int = 0  # TCVN3 cells in capitals because of their upper-case font


_Converted = tuple[str, str, bool]  # (text, encoding, capitals inferred)


def _is_suspect(value: object) -> TypeGuard[str]:
    """Text that may be legacy: non-ASCII, without letters that only Unicode Vietnamese has."""
    return type(value) is str and not value.isascii() and _VIET_UNICODE_RE.search(value) is None


def _verdict(
    distinct: Iterable[str], first: str, under: dict[str, tuple[str | None, int]], candidate: str
) -> bool:
    """Is the column in ``candidate``? Its unmistakable values must outnumber the distinct
    Unicode values that come after the first legacy cell (a Unicode header above does not
    count)."""
    below = False
    legacy_votes = unicode_votes = 0
    for value in distinct:  # in the order of first occurrence
        below = below or value == first
        if not below or value.isascii():
            continue
        decision = under.get(value)
        if decision is None:  # Vietnamese-only Unicode letters
            unicode_votes += 1
        elif decision == (candidate, _CLEAR):
            legacy_votes += 1
        elif decision[1] == _KEEP and _plausibility(value) >= _MIN_PLAUSIBILITY:
            unicode_votes += 1
    return legacy_votes > unicode_votes


def _kept_unicode(distinct: Iterable[str], first: str, chosen: dict[str, str]) -> set[str]:
    """Unicode values left as they are below the first legacy cell of a column."""
    below = False
    kept: set[str] = set()
    for value in distinct:
        below = below or value == first
        if not below or value.isascii() or value in chosen:
            continue
        if not _is_suspect(value) or _plausibility(value) >= _MIN_PLAUSIBILITY:
            kept.add(value)
    return kept


def _convert_column(cells: Sequence[object], kinds: Sequence[str | None] | None) -> _Column:
    """Convert one column: a verdict from its distinct values, then a decision per cell.

    Each distinct value is first read on its own (a legacy reading must show its marks and beat
    the value as it is). The column's verdict is the encoding of most of those unmistakable
    values, if they outnumber the distinct Unicode values below the first of them: a Unicode
    header above TCVN3 names does not count against the names. Under a verdict, values that read
    as well either way ("Hoà" is VNI "Hồ") take the column's encoding, but only below the
    column's first unmistakable legacy cell, so header and title cells are decided on their own:
    above it a value converts only if its reading is clearly better ("Mã CBCC" stays, since
    "Mó CBCC" is no common syllable).
    ``kinds`` gives, row by row, _UPPER_FONT / _LOWER_FONT for the cells in a .Vn font: such a
    cell is TCVN3 unless it clearly reads better as it is, and its font says if it is capitals.
    """
    result = _Column()
    counts = Counter(cells)  # one pass over the cells; keys in the order of first occurrence
    texts = [v for v in counts if type(v) is str]
    if not texts or "".join(texts).isascii():
        return result
    suspects = [v for v in texts if _is_suspect(v)]
    if not suspects:
        return result
    readings = _Readings()
    font_rows: dict[str, list[int]] = {}
    font_counts: dict[str, Counter[object]] = {}
    plain = counts  # cells without a .Vn font
    if kinds is not None:
        for kind in (_LOWER_FONT, _UPPER_FONT):
            rows = list(compress(range(len(cells)), map(eq, kinds, repeat(kind))))
            if rows:
                font_rows[kind] = rows
                font_counts[kind] = Counter(map(cells.__getitem__, rows))
        plain = counts - sum(font_counts.values(), Counter())
    # The values of the cells without a font, which the column's verdict is about.
    distinct = texts if kinds is None else [v for v in texts if plain[v] > 0]
    suspects = suspects if kinds is None else [v for v in suspects if plain[v] > 0]
    alone = {v: readings.decide(v, None, font=False) for v in suspects}
    legacy = [v for v in suspects if alone[v][1] == _CLEAR]
    ranked = Counter(alone[v][0] for v in legacy).most_common(2)
    decided, verdict = alone, None
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        candidate = ranked[0][0]
        assert candidate is not None
        # A clear reading in the candidate encoding stays so under it: only the others again.
        under = {
            v: alone[v]
            if alone[v] == (candidate, _CLEAR)
            else readings.decide(v, candidate, font=False)
            for v in suspects
        }
        if _verdict(distinct, legacy[0], under, candidate):
            decided, verdict = under, candidate
    # Values to convert: a clear reading always, a tie only in the column's encoding.
    chosen = {
        v: encoding
        for v, (encoding, strength) in decided.items()
        if encoding is not None and (strength == _CLEAR or encoding == verdict)
    }
    habits = _habits(v for v, encoding in chosen.items() if encoding == TCVN3)

    def convert(value: str, encoding: str, font: str | None) -> _Converted:
        if encoding == TCVN3:
            reading = readings.reading(value, TCVN3)[0]
            text, inferred = _tcvn3_cell(value, font, habits, reading)
            return text, TCVN3, inferred
        return readings.reading(value, encoding)[0], encoding, False

    body: dict[object, _Converted] = {}
    for text, encoding in chosen.items():
        tag = convert(text, encoding, None)
        if tag[0] != text:  # "Lý" is "Lý" in TCVN3 too, unless a capital is inferred
            body[text] = tag
    by_font: dict[str, dict[object, _Converted]] = {}
    for kind in font_rows:
        by_font[kind] = {}
        for v in font_counts[kind]:
            if _is_suspect(v) and readings.decide(v, TCVN3, font=True)[0] is not None:
                tag = convert(v, TCVN3, kind)
                if tag[0] != v:  # "ý" is "ý" in .VnTime, "Ý" in .VnTimeH
                    by_font[kind][v] = tag
    if not body and not any(by_font.values()):
        return result
    tallies: list[tuple[dict[object, _Converted], Counter[object], str | None]] = [
        (body, plain, None)
    ]
    texts_of: dict[object, object] = {v: tag[0] for v, tag in body.items()}
    new: list[object] = list(map(texts_of.get, cells, cells))
    for kind, rows in font_rows.items():
        converted = {v: tag[0] for v, tag in by_font[kind].items()}
        values = list(map(cells.__getitem__, rows))
        # new[row] = converted.get(value, value) for every font cell, at C speed.
        deque(map(setitem, repeat(new), rows, map(converted.get, values, values)), maxlen=0)
        tallies.append((by_font[kind], font_counts[kind], kind))
    restored: Counter[object] = Counter()
    if verdict is not None:  # above the first legacy cell a tie keeps the cell as it is
        for row in range(cells.index(legacy[0])):
            value = cells[row]
            if (
                (kinds is None or kinds[row] is None)
                and _is_suspect(value)
                and value in body
                and decided[value][1] == _TIE
            ):
                new[row] = value
                restored[value] += 1
    for tags, tag_counts, font in tallies:
        for value, (_, encoding, inferred) in tags.items():
            count = tag_counts[value] - (restored[value] if font is None else 0)
            result.converted[encoding] += count
            result.inferred += count * inferred
            result.font_capitals += count if font == _UPPER_FONT else 0
    if not any(count > 0 for count in result.converted.values()):
        return _Column()
    result.values = new
    if legacy:
        kept = _kept_unicode(distinct, legacy[0], chosen)
        result.kept_unicode = sum(plain[value] for value in kept)
    return result


# ----------------------------------------------------------------- notes
# Stable codes of convert_sheet's notes (one note per column and code).
LEGACY_CONVERTED = "LEGACY_CONVERTED"
LEGACY_MIXED_COLUMN = "LEGACY_MIXED_COLUMN"
LEGACY_CAPITALS_INFERRED = "LEGACY_CAPITALS_INFERRED"
_ENCODING_NAMES = {TCVN3: "TCVN3", VNI: "VNI-Windows"}


def _column_notes(done: _Column, file_name: str, sheet: str, column: str) -> list[Issue]:
    """The Vietnamese notes of one converted column."""

    def note(message: str, code: str) -> Issue:
        return Issue(file=file_name, message=message, sheet=sheet, column=column, code=code)

    notes: list[Issue] = []
    for encoding, count in sorted(done.converted.items()):
        if count <= 0:
            continue
        message = f"{count} ô mã {_ENCODING_NAMES[encoding]} đã chuyển sang Unicode"
        if encoding == TCVN3 and done.font_capitals:
            message += f" ({done.font_capitals} ô viết hoa theo phông chữ hoa .Vn…H)"
        notes.append(note(message, LEGACY_CONVERTED))
    total = sum(count for count in done.converted.values() if count > 0)
    if total and done.kept_unicode:
        names = " và ".join(_ENCODING_NAMES[e] for e, n in sorted(done.converted.items()) if n > 0)
        notes.append(
            note(
                f"cột có cả ô Unicode ({done.kept_unicode} ô, giữ nguyên) và ô mã {names} "
                f"({total} ô, đã chuyển): đã quyết định từng ô; nên kiểm tra lại cột này",
                LEGACY_MIXED_COLUMN,
            )
        )
    if done.inferred > 0:
        notes.append(
            note(
                f"{done.inferred} ô mã TCVN3 không có phông chữ hoa (.VnTimeH…) đi kèm: chữ hoa "
                "có dấu (À, Ấ, Ở…) đã được khôi phục theo cách viết tiếng Việt (đầu ô, đầu câu, "
                "từng chữ của tên người, đơn vị, địa danh); nên kiểm tra lại",
                LEGACY_CAPITALS_INFERRED,
            )
        )
    return notes


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
    """The sheet with its legacy-encoded text cells in Unicode, and one note per column and kind.

    Decided per column and then per cell, never per sheet (see ``_convert_column``): ASCII cells
    and cells with Vietnamese-only Unicode letters are never touched, a Unicode header stays
    above TCVN3 rows, Unicode names re-typed in a TCVN3 column stay, and TCVN3 capitals come
    from the cell's font where the file has one (``Sheet.fonts``), else from the rules of
    ``_tcvn3_cell``. Work is per distinct value of a column, plus a few passes over its cells
    at C speed: 100,000 rows × 30 columns (47,000 distinct names) took 0.55 s of CPU as Unicode
    and 2.3-3 s as TCVN3 on the shared 2-core development machine.
    """
    from analytics.ingest.readers import column_letter

    rows = sheet.rows
    width = max(map(len, rows), default=0)
    height = len(rows)
    # Each font column as a list of font kinds, row by row (at C speed: a legacy workbook may
    # give every cell its font).
    kinds = {name: font_kind(name) for name in set(sheet.fonts.values())}
    fonts: dict[int, list[str | None]] = {
        col: list(map(kinds.get, map(sheet.fonts.get, zip(range(height), repeat(col)))))  # type: ignore[arg-type]
        for col in set(map(itemgetter(1), sheet.fonts))
        if col < width
    }
    columns = list(zip_longest(*rows))
    changed: dict[int, list[object]] = {}
    issues: list[Issue] = []
    for index, cells in enumerate(columns):
        done = _convert_column(cells, fonts.get(index))
        if done.values is not None:
            changed[index] = done.values
            issues.extend(_column_notes(done, file_name, sheet.name, column_letter(index)))
    if not changed:
        return sheet, issues
    new_columns = [changed.get(index, cells) for index, cells in enumerate(columns)]
    new_rows: list[list[object]] = list(map(list, zip(*new_columns, strict=True)))
    for index, length in enumerate(map(len, rows)):
        if length < width:
            del new_rows[index][length:]  # zip_longest filled the short rows
    return replace(sheet, rows=new_rows), issues
