"""Streamlit's own English texts in the page, shown in Vietnamese.

Streamlit 1.67 has no option for the texts its widgets draw themselves ("Select all" in a
multiselect, "Drag and drop file here" and "Upload" on the file picker, the "Page not found"
dialog...). ``install()`` adds, once per run, a small script to the page that replaces those texts
in the rendered page (and again whenever Streamlit redraws them, through a MutationObserver).
The texts are data: ``EXACT`` (whole text of an element) and ``PATTERNS`` (texts with a number or
a name inside), checked against the strings of Streamlit's bundle
(``streamlit/static/static/js/Multiselect.*.js``, ``FileUploader.*.js``, ``index.*.js``).
"""

from __future__ import annotations

import json
import re

import streamlit as st

# The whole (trimmed) text of a node -> its Vietnamese.
EXACT: dict[str, str] = {
    # multiselect and selectbox (Multiselect.*.js, Selectbox.*.js)
    "Select all": "Chọn tất cả",
    "Clear all": "Bỏ chọn tất cả",
    "No results": "Không có kết quả",
    "Clear value": "Xóa lựa chọn",
    # file picker (FileUploader.*.js)
    "Drag and drop file here": "Kéo và thả tệp vào đây",
    "Drag and drop a file here": "Kéo và thả tệp vào đây",
    "Drag and drop files here": "Kéo và thả các tệp vào đây",
    "Upload": "Chọn tệp",
    "Browse files": "Chọn tệp",
    "Add files": "Thêm tệp",
    "File type not allowed.": "Loại tệp không được nhận.",
    "Only one file is allowed.": "Chỉ được chọn một tệp.",
    # the dialog of a link to a screen that does not exist or is not the account's (index.*.js)
    "Page not found": "Không tìm thấy trang",
    # the link read out first by a screen reader (index.*.js, stSkipToContent)
    "Skip to main content": "Đến nội dung chính",
    # the run indicator at the top right
    "Running...": "Đang chạy…",
    "Stop": "Dừng",
}

# Texts with a number or a name inside: a regular expression on the whole trimmed text and its
# replacement (JavaScript ``String.replace`` syntax, ``$1`` for the first group).
PATTERNS: tuple[tuple[str, str], ...] = (
    # "64MB per file • XLSX, XLS, CSV" (FileUploader.*.js: `${size} per file`, ` • ${types}`)
    (r"^(\S+) per file(.*)$", "Tối đa $1 mỗi tệp$2"),
    # "Select 3 matches" (Multiselect.*.js, when typing filters the options)
    (r"^Select (\d+) matches?$", "Chọn $1 kết quả"),
    # "You have requested page /x, but no corresponding file was found in the app's pages/
    # directory. Running the app's main page." and "The page that you have requested does not
    # seem to exist. Running the app's main page." (index.*.js onPageNotFound)
    (
        r"^You have requested page (/\S*), but no corresponding file was found.*$",
        "Không có trang $1 hoặc tài khoản này không được xem trang đó. Đang mở trang đầu.",
    ),
    (
        r"^The page that you have requested does not seem to exist.*$",
        "Không có trang này. Đang mở trang đầu.",
    ),
    # what a screen reader reads of an open list ("6 options available.", react-select)
    (r"^(\d+) options? available\.$", "Có $1 lựa chọn."),
    (r"^option (.*), selected\.$", "Đã chọn $1."),
    (r"^option (.*), deselected\.$", "Đã bỏ chọn $1."),
    (r"^All selected options have been cleared\.$", "Đã bỏ mọi lựa chọn."),
    # "File is too large. Maximum size is 67108864 bytes."
    (r"^File is too large\..*$", "Tệp quá lớn (tối đa 64MB)."),
)

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# the calendar of a date picker (baseweb): "December 2026", the month list, the weekdays
EXACT.update({name: f"Tháng {i}" for i, name in enumerate(_MONTHS, 1)})
EXACT.update(
    dict(
        zip(
            ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"),
            ("T2", "T3", "T4", "T5", "T6", "T7", "CN"),
            strict=True,
        )
    )
)
PATTERNS += tuple((rf"^{name} (\d{{4}})$", f"Tháng {i}/$1") for i, name in enumerate(_MONTHS, 1))

MARKER = "vi-texts"  # the id of the script's element, whose container is hidden (no gap)


def translate(text: str) -> str:
    """What the page script does to one text, in Python (for the tests): the Vietnamese of a
    known English text, the text itself otherwise; spaces around it are kept."""
    core = text.strip()
    if not core:
        return text
    if core in EXACT:
        return text.replace(core, EXACT[core])
    for pattern, replacement in PATTERNS:
        if re.search(pattern, core):
            python_replacement = re.sub(r"\$(\d)", r"\\\1", replacement)
            return text.replace(core, re.sub(pattern, python_replacement, core))
    return text


_SCRIPT = """
(() => {
  const doc = document;
  if (window.__viTexts) return;
  window.__viTexts = true;
  const EXACT = %(exact)s;
  const PATTERNS = %(patterns)s.map(([p, r]) => [new RegExp(p), r]);
  const translate = (text) => {
    const core = text.trim();
    if (!core) return text;
    if (Object.prototype.hasOwnProperty.call(EXACT, core)) return text.replace(core, EXACT[core]);
    for (const [re, rep] of PATTERNS) {
      if (re.test(core)) return text.replace(core, core.replace(re, rep));
    }
    return text;
  };
  const fixNode = (node) => {
    const next = translate(node.nodeValue || "");
    if (next !== node.nodeValue) node.nodeValue = next;
  };
  const fixTree = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { fixNode(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) fixNode(n);
  };
  fixTree(doc.body);
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "characterData") fixNode(change.target);
      else change.addedNodes.forEach(fixTree);
    }
  }).observe(doc.body, {childList: true, subtree: true, characterData: true});
})();
"""

_HIDE = (
    "<style>[data-testid='stElementContainer']:has(#%s), .element-container:has(#%s)"
    " {display: none}</style>"
)


def script() -> str:
    """The page script, with ``EXACT`` and ``PATTERNS`` as JSON (no text is markup)."""
    return _SCRIPT % {
        "exact": json.dumps(EXACT, ensure_ascii=False),
        "patterns": json.dumps([list(p) for p in PATTERNS], ensure_ascii=False),
    }


def install() -> None:
    """Add the script to this run's page; its container takes no room."""
    st.html(_HIDE % (MARKER, MARKER))  # style only: Streamlit puts it where it takes no room
    st.html(f"<span id='{MARKER}'></span><script>{script()}</script>", unsafe_allow_javascript=True)


# Words in Latin letters that stay as they are on the screens, with the reason (the e2e test
# tests/e2e/test_vietnamese_e2e.py allows these and nothing else; README lists them).
# Words written in capitals only (CBCC, UBND, QLNN, PDF, CSV, XLSX, MB...) are abbreviations
# and are allowed without a list.
PROPER_NAMES: dict[str, str] = {
    "Excel": "tên phần mềm bảng tính của Microsoft, người dùng gọi tệp theo tên này",
    "Word": "tên phần mềm soạn thảo của Microsoft",
    "DuckDB": "tên cơ sở dữ liệu của ứng dụng",
    "Zalo": "tên ứng dụng nhắn tin",
    "Streamlit": "tên khung ứng dụng (chỉ trong hộp thông báo lỗi)",
    "email": "từ đã Việt hóa, dùng trong văn bản hành chính",
    "Email": "như trên, ở đầu câu",
    "online": "từ dùng trong văn bản hành chính (họp trực tuyến)",
    "Esc": "tên phím trên bàn phím (thoát chế độ trình chiếu), in trên phím như vậy",
}
