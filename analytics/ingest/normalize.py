"""Turning what offices write into the canonical categories of DOMAIN.md §3.

Every function here takes one cleaned cell text and is applied once per DISTINCT value of a
column (the importer caches), so they favour clarity over micro-speed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from analytics import categories as cat

_DASHES = re.compile(r"\s*[-–—]\s*")
_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def clean_text(value: str) -> str:
    """NFC, single spaces, no surrounding blanks."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Lower-case ASCII key without diacritics, for matching: 'Đại học' -> 'dai hoc'.

    >>> fold("Phòng Văn hóa – Xã hội")
    'phong van hoa xa hoi'
    """
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_ALNUM.sub(" ", text).strip()


def canonical_dash(value: str) -> str:
    """'Văn hóa - Xã hội' -> 'Văn hóa – Xã hội' (the en dash the official names use)."""
    return _DASHES.sub(" – ", value)


# ---------------------------------------------------------------- education (trình độ CM)
# Longest prefixes first: the remainder of the cell is the major ("Cử nhân Luật").
_EDUCATION_PREFIXES: tuple[tuple[str, str], ...] = (
    ("tien si", "Tiến sĩ"),
    ("ts", "Tiến sĩ"),
    ("thac si", "Thạc sĩ"),
    ("ths", "Thạc sĩ"),
    ("cao hoc", "Thạc sĩ"),
    ("dai hoc", "Đại học"),
    ("dh", "Đại học"),
    ("cu nhan", "Đại học"),
    ("cn", "Đại học"),
    ("ky su", "Đại học"),
    ("ks", "Đại học"),
    ("bac si", "Đại học"),
    ("bs", "Đại học"),
    ("duoc si", "Đại học"),
    ("kien truc su", "Đại học"),
    ("kts", "Đại học"),
    ("luat su", "Đại học"),
    ("cao dang", "Cao đẳng"),
    ("cd", "Cao đẳng"),
    ("trung cap", "Trung cấp"),
    ("tc", "Trung cấp"),
    ("so cap", "Sơ cấp"),
    ("sc", "Sơ cấp"),
    ("chua qua dao tao", "Chưa qua đào tạo"),
    ("chua dao tao", "Chưa qua đào tạo"),
    ("khong", "Chưa qua đào tạo"),
)
# Titles that name the major themselves.
_IMPLIED_MAJOR = {
    "bac si": "Y",
    "bs": "Y",
    "duoc si": "Dược",
    "kien truc su": "Kiến trúc",
    "kts": "Kiến trúc",
    "luat su": "Luật",
}
_MAJOR_ABBREVIATIONS = {
    "ql": "Quản lý",
    "qlnn": "Quản lý nhà nước",
    "qldd": "Quản lý đất đai",
    "cntt": "Công nghệ thông tin",
    "kt": "Kinh tế",
    "hc": "Hành chính",
    "xd": "Xây dựng",
    "tckt": "Tài chính – Kế toán",
}
_LEADING_JOINERS = re.compile(r"^(?:ngành|chuyên ngành|ng\.|cn\.|[:.,\-–])\s*", re.IGNORECASE)


def _expand_major(text: str) -> str | None:
    text = _LEADING_JOINERS.sub("", text).strip(" .,:-–()")
    if not text:
        return None
    words = [_MAJOR_ABBREVIATIONS.get(fold(word), word) for word in text.split(" ")]
    major = canonical_dash(" ".join(words))
    return major[0].upper() + major[1:]


@lru_cache(maxsize=16384)
def education(value: str) -> tuple[str | None, str | None]:
    """Level and major from a 'Trình độ chuyên môn' cell.

    >>> education("Cử nhân Luật")
    ('Đại học', 'Luật')
    >>> education("ThS QL kinh tế")
    ('Thạc sĩ', 'Quản lý kinh tế')
    """
    text = clean_text(value)
    if not text:
        return None, None
    key = fold(text)
    for prefix, level in _EDUCATION_PREFIXES:
        if key == prefix or key.startswith(prefix + " "):
            # Cut the same number of words from the original text.
            n_words = len(prefix.split(" "))
            rest = " ".join(text.split(" ")[n_words:])
            major = _expand_major(rest) or _IMPLIED_MAJOR.get(prefix)
            return level, major
    return None, None


def major_text(value: str) -> str | None:
    """A separate 'Chuyên ngành' cell."""
    return _expand_major(clean_text(value))


# ---------------------------------------------------------------- LLCT, QLNN, ngạch
_POLITICAL_THEORY = {
    "cu nhan": "Cử nhân",
    "cn": "Cử nhân",
    "cu nhan chinh tri": "Cử nhân",
    "cao cap": "Cao cấp",
    "cc": "Cao cấp",
    "cao cap llct": "Cao cấp",
    "trung cap": "Trung cấp",
    "tc": "Trung cấp",
    "trung cap llct": "Trung cấp",
    "so cap": "Sơ cấp",
    "sc": "Sơ cấp",
    "so cap llct": "Sơ cấp",
    "chua qua dao tao": "Chưa qua đào tạo",
    "chua": "Chưa qua đào tạo",
    "khong": "Chưa qua đào tạo",
}


def political_theory(value: str) -> str | None:
    """'TC' in the LLCT column means Trung cấp."""
    key = fold(value)
    key = re.sub(r"^(?:ly luan chinh tri|llct)\s*", "", key)
    return _POLITICAL_THEORY.get(key)


_STATE_MANAGEMENT = {
    "chuyen vien cao cap": "Chuyên viên cao cấp",
    "cvcc": "Chuyên viên cao cấp",
    "chuyen vien chinh": "Chuyên viên chính",
    "cvc": "Chuyên viên chính",
    "chuyen vien": "Chuyên viên",
    "cv": "Chuyên viên",
    "can su": "Cán sự",
    "cs": "Cán sự",
    "chua qua boi duong": "Chưa qua bồi dưỡng",
    "chua boi duong": "Chưa qua bồi dưỡng",
    "chua": "Chưa qua bồi dưỡng",
    "khong": "Chưa qua bồi dưỡng",
}


def state_management(value: str) -> str | None:
    key = re.sub(r"^(?:qlnn|quan ly nha nuoc)\s*(?:ngach\s*)?", "", fold(value))
    return _STATE_MANAGEMENT.get(key)


def rank_code(value: str) -> str | None:
    """Ngạch as its code: '01.003', '1.003', 'Chuyên viên' -> '01.003'."""
    text = clean_text(value)
    match = re.search(r"0?1[.,]?00([1-5])", text)
    if match:
        return f"01.00{match.group(1)}"
    key = fold(text)
    for code, name in cat.RANKS.items():
        if key == fold(name):
            return code
    return {"cvcc": "01.001", "cvc": "01.002", "cv": "01.003", "cs": "01.004", "nv": "01.005"}.get(
        key
    )


# ---------------------------------------------------------------- tin học, ngoại ngữ
def it_skill(value: str) -> str | None:
    key = fold(value)
    if not key:
        return None
    if re.search(r"\b(dai hoc|dh|ky su|cu nhan|thac si|ths)\b", key):
        return "Đại học trở lên"
    if re.search(r"\b(cao dang|cd)\b", key):
        return "Cao đẳng"
    if re.search(r"\b(trung cap|tc)\b", key):
        return "Trung cấp"
    if "nang cao" in key:
        return "Nâng cao"
    if "co ban" in key or "ung dung cntt" in key or "van phong" in key:
        return "Cơ bản"
    match = re.fullmatch(r"(?:chung chi\s*|cc\s*|tin hoc\s*|trinh do\s*)*([abc])", key)
    if match:
        return f"Chứng chỉ {match.group(1).upper()}"
    if key in {"chua", "khong", "chua co"}:
        return "Chưa có"
    return None


_CEFR = {"a1": 1, "a2": 2, "b1": 3, "b2": 4, "c1": 5, "c2": 6}


def foreign_language(value: str) -> tuple[str | None, str | None]:
    """Level and language: 'Tiếng Anh B1' -> ('Bậc 3 (B1)', 'Tiếng Anh')."""
    text = clean_text(value)
    key = fold(text)
    if not key:
        return None, None
    language = None
    for name in ("anh", "phap", "nga", "trung", "nhat", "han", "duc"):
        if re.search(rf"\b(tieng\s+)?{name}\b", key):
            language = (
                "Tiếng "
                + {
                    "anh": "Anh",
                    "phap": "Pháp",
                    "nga": "Nga",
                    "trung": "Trung",
                    "nhat": "Nhật",
                    "han": "Hàn",
                    "duc": "Đức",
                }[name]
            )
            break
    if re.search(r"\b(dai hoc|dh|cu nhan|thac si)\b", key):
        return "Đại học trở lên", language
    match = re.search(r"\b([abc][12])\b", key)
    if match:
        n = _CEFR[match.group(1)]
        return f"Bậc {n} ({match.group(1).upper()})", language
    match = re.search(r"\bbac\s*([1-6])\b", key)
    if match:
        n = int(match.group(1))
        code = {v: k for k, v in _CEFR.items()}[n].upper()
        return f"Bậc {n} ({code})", language
    match = re.search(
        r"(?:^|\b(?:chung chi|cc|trinh do|anh|phap|nga|trung|nhat|han|duc|anh van|van)\s+)([abc])$",
        key,
    )
    if match:
        return f"Chứng chỉ {match.group(1).upper()}", language
    if key in {"chua", "khong", "chua co"}:
        return "Chưa có", language
    return None, language


# ---------------------------------------------------------------- grades
def grade(value: str) -> str | None:
    """'Hoàn thành tốt nhiệm vụ', 'HTTNV', 'HTT', 'Tốt' -> 'HTTNV'. None when not a grade.

    Case, diacritics, spaces and dots do not count: cadre software writes HTXS / HTT / HT / KHT
    as well as the full words and the NV codes (DOMAIN.md §5).

    >>> [grade(v) for v in ("KHT", "h.t.x.s", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ")]
    ['KHTNV', 'HTXSNV', 'HTNV', 'KHTNV']
    """
    key = fold(value).replace(" ", "")
    if not key:
        return None
    if key.startswith(("khonghoanthanh", "khtnv", "khongdat")) or key in {"kht", "khong"}:
        return "KHTNV"
    if key.startswith(("hoanthanhxuatsac", "htxs")) or key == "xuatsac":
        return "HTXSNV"
    if key.startswith(("hoanthanhtot", "httnv", "htt")) or key == "tot":
        return "HTTNV"
    if key.startswith(("hoanthanhnhiemvu", "htnv")) or key in {"hoanthanh", "ht", "dat"}:
        return "HTNV"
    return None


def is_not_graded(value: str) -> bool:
    """'Không xếp loại', 'Chưa xếp loại', 'Chưa đủ 6 tháng', 'KXL'."""
    key = fold(value)
    return key in {"kxl", "cxl"} or bool(
        re.search(r"\b(khong|chua)\s+(xep loai|danh gia)\b|chua du 6 thang", key)
    )


# ---------------------------------------------------------------- yes/no, gender
def yes_no(value: str) -> bool | None:
    key = fold(value)
    if not key:
        return False
    if key in {"x", "co", "dv", "dang vien", "c", "1", "yes", "true", "v"}:
        return True
    if key in {"khong", "k", "0", "no", "false", "quan chung"}:
        return False
    # A date of joining the Party also means a member.
    if re.search(r"\d{4}", key):
        return True
    return None


def gender(value: str) -> str | None:
    key = fold(value)
    if key in {"nam", "m", "male", "trai"}:
        return "Nam"
    if key in {"nu", "f", "female", "gai"}:
        return "Nữ"
    return None


# ---------------------------------------------------------------- units, positions, fields
_UNIT_KEYS: dict[str, str] = {fold(unit): unit for unit in cat.UNITS}
_UNIT_KEYS.update(
    {
        "lanh dao ubnd": "Lãnh đạo UBND phường",
        "lanh dao": "Lãnh đạo UBND phường",
        "lanh dao ubnd xa": "Lãnh đạo UBND phường",
        "thuong truc ubnd": "Lãnh đạo UBND phường",
        "van phong hdnd ubnd": "Văn phòng HĐND và UBND",
        "vp hdnd va ubnd": "Văn phòng HĐND và UBND",
        "vp hdnd ubnd": "Văn phòng HĐND và UBND",
        "van phong": "Văn phòng HĐND và UBND",
        "phong kinh te ha tang do thi": "Phòng Kinh tế, Hạ tầng và Đô thị",
        "phong kt ht va dt": "Phòng Kinh tế, Hạ tầng và Đô thị",
        "phong kinh te": "Phòng Kinh tế, Hạ tầng và Đô thị",
        "phong vh xh": "Phòng Văn hóa – Xã hội",
        "phong vhxh": "Phòng Văn hóa – Xã hội",
        "phong van hoa xa hoi": "Phòng Văn hóa – Xã hội",
        "trung tam phuc vu hcc": "Trung tâm Phục vụ hành chính công",
        "trung tam phuc vu hanh chinh cong": "Trung tâm Phục vụ hành chính công",
        "tt phuc vu hcc": "Trung tâm Phục vụ hành chính công",
        "bo phan mot cua": "Trung tâm Phục vụ hành chính công",
    }
)
_ROMAN_PREFIX = re.compile(r"^\s*(?:[IVXLC]+|[A-Z]|\d+)\s*[.)/-]\s*")


def unit(value: str) -> str | None:
    """Canonical unit name; an unknown unit keeps its own (cleaned) name."""
    text = _ROMAN_PREFIX.sub("", clean_text(value))
    if not text:
        return None
    key = fold(text)
    if key in _UNIT_KEYS:
        return _UNIT_KEYS[key]
    if key.startswith("lanh dao"):
        return "Lãnh đạo UBND phường"
    return canonical_dash(text)


_POSITION_KEYS = {
    "ct": "Chủ tịch UBND",
    "chu tich": "Chủ tịch UBND",
    "chu tich ubnd": "Chủ tịch UBND",
    "pct": "Phó Chủ tịch UBND",
    "pho ct": "Phó Chủ tịch UBND",
    "pho chu tich": "Phó Chủ tịch UBND",
    "pho chu tich ubnd": "Phó Chủ tịch UBND",
    "tp": "Trưởng phòng",
    "truong phong": "Trưởng phòng",
    "ptp": "Phó Trưởng phòng",
    "pho tp": "Phó Trưởng phòng",
    "pho truong phong": "Phó Trưởng phòng",
    "cvp": "Chánh Văn phòng",
    "chanh van phong": "Chánh Văn phòng",
    "pcvp": "Phó Chánh Văn phòng",
    "pho chanh van phong": "Phó Chánh Văn phòng",
    "gd": "Giám đốc",
    "giam doc": "Giám đốc",
    "pgd": "Phó Giám đốc",
    "pho giam doc": "Phó Giám đốc",
    "cv": "Chuyên viên",
    "chuyen vien": "Chuyên viên",
    "cs": "Cán sự",
    "can su": "Cán sự",
    "nv": "Nhân viên",
    "nhan vien": "Nhân viên",
    "ke toan": "Kế toán",
    "ke toan truong": "Kế toán trưởng",
}
# Words that make a position a leadership one (standards for leaders apply).
_LEADER_WORDS = re.compile(r"\b(chu tich|truong phong|chanh van phong|giam doc|truong ban)\b")


def position(value: str) -> str | None:
    text = clean_text(value)
    if not text:
        return None
    key = fold(text)
    return _POSITION_KEYS.get(key, canonical_dash(text[0].upper() + text[1:]))


def is_leader(canonical_position: str | None) -> bool:
    return bool(canonical_position and _LEADER_WORDS.search(fold(canonical_position)))


# Substring keys -> field; first match wins, so specific before general.
_FIELD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("khieu nai", "Khiếu nại – Tố cáo"),
    ("to cao", "Khiếu nại – Tố cáo"),
    ("tiep cong dan", "Khiếu nại – Tố cáo"),
    ("thanh tra", "Khiếu nại – Tố cáo"),
    ("dia chinh", "Đất đai"),
    ("dat dai", "Đất đai"),
    ("tai nguyen", "Tài nguyên – Môi trường"),
    ("moi truong", "Tài nguyên – Môi trường"),
    ("xay dung", "Xây dựng"),
    ("do thi", "Xây dựng"),
    ("giao thong", "Xây dựng"),
    ("ke toan", "Tài chính – Kế toán"),
    ("tai chinh", "Tài chính – Kế toán"),
    ("ngan sach", "Tài chính – Kế toán"),
    ("cntt", "Công nghệ thông tin"),
    ("cong nghe thong tin", "Công nghệ thông tin"),
    ("chuyen doi so", "Công nghệ thông tin"),
    ("giao duc", "Giáo dục"),
    ("y te", "Y tế"),
    ("dan toc", "Dân tộc"),
    ("ton giao", "Tôn giáo"),
    ("tu phap", "Tư pháp – Hộ tịch"),
    ("ho tich", "Tư pháp – Hộ tịch"),
    ("lao dong", "Lao động – Thương binh và Xã hội"),
    ("thuong binh", "Lao động – Thương binh và Xã hội"),
    ("van hoa", "Văn hóa – Xã hội"),
    ("xa hoi", "Văn hóa – Xã hội"),
    ("noi vu", "Nội vụ"),
    ("quan su", "Quân sự – Quốc phòng"),
    ("quoc phong", "Quân sự – Quốc phòng"),
    ("cong an", "Công an"),
    ("van phong", "Văn phòng – Tổng hợp"),
    ("tong hop", "Văn phòng – Tổng hợp"),
    ("kinh te", "Kinh tế"),
    ("lanh dao", "Lãnh đạo, quản lý"),
    ("quan ly chung", "Lãnh đạo, quản lý"),
    ("phu trach chung", "Lãnh đạo, quản lý"),
)


def field(value: str) -> str | None:
    """Canonical field of work; 'Địa chính - Đất đai' -> 'Đất đai'. 'Dân tộc – Tôn giáo' keeps
    its first named field (dân tộc), which is sensitive like tôn giáo."""
    text = clean_text(value)
    if not text:
        return None
    key = fold(text)
    if key in {"cntt", "it"}:
        return "Công nghệ thông tin"
    for pattern, canonical in _FIELD_PATTERNS:
        if pattern in key:
            return canonical
    return canonical_dash(text[0].upper() + text[1:])


# ---------------------------------------------------------------- names
def name_key(full_name: str) -> str:
    """Key for matching people across files: folded, single-spaced."""
    return fold(full_name)


def person_name(value: str) -> str:
    """'nguyễn  văn AN' -> 'Nguyễn Văn An'."""
    text = clean_text(value)
    return " ".join([word[:1].upper() + word[1:].lower() for word in text.split(" ")])


def ward_name(value: str) -> str | None:
    """'PHƯỜNG VIỆT HÒA' / 'UBND phường Việt Hòa' -> 'Phường Việt Hòa'."""
    text = clean_text(value)
    match = re.search(r"\b(phường|xã|đặc khu|thị trấn)\s+(.+)$", text, flags=re.IGNORECASE)
    if not match:
        return None
    kind, name = match.group(1), match.group(2)
    name = re.split(r"\s*[,(]|\s+-\s+|\s+năm\s+|\s+tính\s+", name, maxsplit=1, flags=re.IGNORECASE)[
        0
    ]
    words = [traditional_tone(w[:1].upper() + w[1:].lower()) for w in name.split(" ") if w]
    if not words:
        return None
    return kind[:1].upper() + kind[1:].lower() + " " + " ".join(words)


_PROVINCE_KIND = re.compile(
    r"^(?:ubnd\s+|ủy ban nhân dân\s+)?(t\.?\s?p\.?|thành phố|tỉnh)(?:\s+|(?<=\.))(.+)$",
    flags=re.IGNORECASE,
)
# "Thành phố Hải Phòng" by its bare name: a file writes "Hải Phòng" as often as the full name.
_KNOWN_PROVINCES = {fold(m.group(2)): p for p in cat.PROVINCES if (m := _PROVINCE_KIND.match(p))}


def province_name(value: str) -> str | None:
    """The province or city as ``categories.PROVINCES`` writes it; a name not in that list keeps
    its own words, capitalised as ``ward_name`` does.

    >>> province_name("TP. Hải Phòng"), province_name("hải phòng"), province_name("TỈNH QUẢNG NINH")
    ('Thành phố Hải Phòng', 'Thành phố Hải Phòng', 'Tỉnh Quảng Ninh')
    """
    text = clean_text(value)
    if not text:
        return None
    match = _PROVINCE_KIND.match(text)
    kind, name = (match.group(1), match.group(2)) if match else (None, text)
    known = _KNOWN_PROVINCES.get(fold(name))
    if known:
        return known
    words = " ".join(traditional_tone(w[:1].upper() + w[1:].lower()) for w in name.split(" "))
    if kind is None:
        return words
    return ("Tỉnh" if fold(kind) == "tinh" else "Thành phố") + " " + words


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# NFD puts a tone mark after its letter: "Hoà" is o, a, mark; "Hòa" is o, mark, a.
_TONE_ON_SECOND = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONE_MARKS}])$")


def traditional_tone(word: str) -> str:
    """One spelling per name: in an open "oa", "oe", "uy" the tone sits on the first vowel, as
    the ward's own documents write it ('Hoà' -> 'Hòa', 'Thuỷ' -> 'Thủy'), so a ward spelt either
    way is one ward.

    >>> traditional_tone("Hoà"), traditional_tone("Hoàng"), traditional_tone("Thuỷ")
    ('Hòa', 'Hoàng', 'Thủy')
    """
    decomposed = unicodedata.normalize("NFD", word)
    moved = _TONE_ON_SECOND.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


def traditional_tone_text(text: str) -> str:
    """``traditional_tone`` for every word of a name."""
    return " ".join(traditional_tone(word) for word in text.split(" "))


# ---------------------------------------------------------------- plan progress
_STATUS_PATTERNS: tuple[tuple[str, str], ...] = (
    ("chua hoan thanh", "Đang thực hiện"),
    ("hoan thanh", "Hoàn thành"),
    ("da xong", "Hoàn thành"),
    ("xong", "Hoàn thành"),
    ("dang", "Đang thực hiện"),
    ("tiep tuc", "Đang thực hiện"),
    ("chua", "Chưa thực hiện"),
    ("tam dung", "Tạm dừng"),
    ("tam hoan", "Tạm dừng"),
    ("dung", "Tạm dừng"),
)


def plan_status(value: str) -> str | None:
    """'Đã hoàn thành' -> 'Hoàn thành'; 'đang triển khai' -> 'Đang thực hiện'."""
    key = fold(value)
    if not key:
        return None
    for pattern, status in _STATUS_PATTERNS:
        if pattern in key:
            return status
    return None


def number(value: object) -> float | None:
    """A number cell or text such as '85,5', '95%'. None when empty; ValueError when not a number."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("%", "").replace(" ", "")
    if not text:
        return None
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    return float(text)


def task_code(value: str) -> str:
    """'1.' -> '1', 'Nhiệm vụ 4a' -> '4a', 'b)' -> 'b'."""
    key = fold(value).replace("nhiem vu", "").replace(" ", "")
    return key.strip(".)")
