"""So sánh phường in a real Chromium, on a database of two wards made as an office makes one: the
roster files and an evaluation file imported through ``python -m analytics import``, the accounts
made with ``python -m analytics user add``. An account of the city signs in through the form and
sees both wards with the head counts worked out below, the chart, nothing cut off at the meeting
room's two sizes, only Vietnamese; a ward's link opens the overview of that ward. An account of
one ward is not offered the screen."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import Locator, Page, expect

from analytics.accounts import generate_password
from analytics.demo_files import EvaluationRow, Person, write_evaluation, write_official_roster
from analytics.serve import ROOT, running_dashboard
from scripts.screenshots import SIZES
from tests.e2e.conftest import sign_in_as
from tests.e2e.test_layout_e2e import cut_off, settle
from tests.e2e.test_vietnamese_e2e import ENGLISH_NUMBER, english_on, foreign_words

pytestmark = pytest.mark.e2e
TIMEOUT = 30_000

AN_BIEN = "Phường An Biên"
LE_CHAN = "Phường Lê Chân"
AS_OF = date(2026, 9, 30)
VH = "Phòng Văn hóa – Xã hội"
KT = "Phòng Kinh tế, Hạ tầng và Đô thị"
OVERVIEW = "Tổng quan chất lượng đội ngũ"
COMPARE = "So sánh phường"


def _person(name: str, birth: date, gender: str, unit: str, education: str) -> Person:
    return Person(
        name, birth, gender, unit, "Chuyên viên", "Văn hóa", education, "TC", "CV", "B", "B1",
        "01.003", False,
    )  # fmt: skip


# Phường An Biên: 4 people, 3 with a university degree (75 %); its 2025 results: 1 HTXSNV,
# 2 HTTNV, 1 HTNV. Phường Lê Chân: 3 people, 2 with a degree (2/3 = 67 %), no results.
ROSTERS = {
    AN_BIEN: [
        _person("Nguyễn Văn An", date(1980, 3, 12), "Nam", VH, "ĐH Luật"),
        _person("Trần Thị Bình", date(1987, 6, 2), "Nữ", VH, "ĐH Văn hóa học"),
        _person("Lê Văn Cường", date(1990, 11, 20), "Nam", KT, "ĐH Kinh tế"),
        _person("Phạm Thị Dung", date(1993, 1, 5), "Nữ", KT, "TC Kế toán"),
    ],
    LE_CHAN: [
        _person("Hoàng Văn Em", date(1978, 8, 8), "Nam", VH, "ĐH Luật"),
        _person("Vũ Thị Giang", date(1985, 4, 30), "Nữ", VH, "ThS Quản lý công"),
        _person("Đỗ Văn Hải", date(1996, 12, 1), "Nam", KT, "CĐ Kế toán"),
    ],
}
HEAD_COUNTS = {AN_BIEN: "4", LE_CHAN: "3"}
UNIVERSITY = {AN_BIEN: "75", LE_CHAN: "67"}
GRADES_2025 = {
    "Nguyễn Văn An": "Hoàn thành xuất sắc nhiệm vụ",
    "Trần Thị Bình": "Hoàn thành tốt nhiệm vụ",
    "Lê Văn Cường": "Hoàn thành tốt nhiệm vụ",
    "Phạm Thị Dung": "Hoàn thành nhiệm vụ",
}

# The texts each data grid of the main area paints, in the page's order: one list of rows (title
# -> text) per grid. A grid draws on a canvas: React's props of the grid hold the columns and the
# function giving each cell, as tests/e2e/overflow.js reads them.
GRID_TEXTS = """() => [...document.querySelectorAll("[data-testid=stMain] [data-testid=stDataFrame]")]
  .map((frame) => {
    const canvas = frame.querySelector("canvas");
    const fiber = canvas && Object.keys(canvas).find((k) => k.startsWith("__reactFiber"));
    for (let f = fiber && canvas[fiber], i = 0; f && i < 40; f = f.return, i++) {
      const p = f.memoizedProps || {};
      if (Array.isArray(p.columns) && typeof p.getCellContent === "function") {
        const text = (cell) => typeof cell.displayData === "string"
          ? cell.displayData : String((cell.data && cell.data.displayDate) ?? "");
        const rows = [];
        for (let r = 0; r < p.rows; r++) {
          rows.push(Object.fromEntries(
            p.columns.map((c, col) => [c.title, text(p.getCellContent([col, r]))])));
        }
        return rows;
      }
    }
    return null;
  })"""
# pages/11_so_sanh_phuong.py's three tables, in order
TABLES = ("people", "quality", "grades")


@dataclass(frozen=True)
class Site:
    url: str
    passwords: dict[str, str]  # username -> password, made for this run


CITY_USER = "so-noi-vu"  # leader of every ward
WARD_USER = "le-chan"  # leader of Phường Lê Chân only


def _cli(*args: str, stdin: str | None = None) -> dict[str, object]:
    """``python -m analytics …``: its exit code 0 and its last line (JSON)."""
    done = subprocess.run(
        [sys.executable, "-m", "analytics", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("compare")
    db = str(folder / "compare.duckdb")
    for n, (ward, people) in enumerate(ROSTERS.items()):
        roster = folder / f"danh_sach_{n}.xlsx"
        write_official_roster(roster, people, ward=ward, as_of=AS_OF)
        result = _cli("import", "roster", str(roster), "--db", db)
        assert (result["status"], result["rows_imported"]) == ("imported", len(people))
    evaluation = folder / "danh_gia_2025.xlsx"
    write_evaluation(
        evaluation,
        [
            EvaluationRow(p.full_name, p.birth, p.position, p.unit, None, GRADES_2025[p.full_name])
            for p in ROSTERS[AN_BIEN]
        ],
        year=2025,
        ward=AN_BIEN,
    )
    result = _cli("import", "evaluation", str(evaluation), "--db", db, "--year", "2025")
    assert (result["status"], result["rows_imported"]) == ("imported", 4), result
    passwords = {CITY_USER: generate_password(), WARD_USER: generate_password()}
    _cli("user", "add", CITY_USER, "--role", "leader", "--db", db, "--password-stdin",
         stdin=passwords[CITY_USER] + "\n")  # fmt: skip
    _cli("user", "add", WARD_USER, "--role", "leader", "--ward", LE_CHAN, "--db", db,
         "--password-stdin", stdin=passwords[WARD_USER] + "\n")  # fmt: skip
    with running_dashboard(Path(db)) as url:
        yield Site(url, passwords)


def _head_count_card(page: Page) -> Locator:
    """The overview's "Tổng số CBCC" figure."""
    card = page.locator("[data-testid='stMetric']").filter(has_text="Tổng số CBCC")
    return card.locator("[data-testid='stMetricValue']")


def test_the_city_compares_its_two_wards_and_opens_each_wards_overview(
    page: Page, site: Site
) -> None:
    sign_in_as(page, f"{site.url}/so-sanh-phuong", CITY_USER, site.passwords[CITY_USER])
    settle(page)
    nav = page.locator("[data-testid='stSidebarNav']")
    expect(nav.get_by_role("link", name=COMPARE, exact=True)).to_have_attribute(
        "aria-current", "page", timeout=TIMEOUT
    )
    expect(page.get_by_role("heading", level=1).first).to_have_text("So sánh phường, xã")
    expect(page.locator("[data-testid='stException']")).to_have_count(0)

    # The tables: both wards, with the head counts, shares and grades worked out above (the
    # grids' component loads on its own: wait until each of the three has its cells).
    page.wait_for_function(
        f"() => {{ const g = ({GRID_TEXTS})(); return g.length === {len(TABLES)} "
        "&& g.every((rows) => rows && rows.length); }",
        timeout=TIMEOUT,
    )
    grids = dict(zip(TABLES, page.evaluate(GRID_TEXTS), strict=True))
    people = {row["Phường/xã"]: row for row in grids["people"]}
    assert {w: row["Số người"] for w, row in people.items()} == HEAD_COUNTS
    assert {w: row["Số liệu đến ngày"] for w, row in people.items()} == dict.fromkeys(
        ROSTERS, "30/09/2026"
    )
    quality = {row["Phường/xã"]: row["Đại học trở lên (%)"] for row in grids["quality"]}
    assert quality == UNIVERSITY
    grades = {row["Phường/xã"]: row for row in grids["grades"]}
    assert [grades[AN_BIEN][g] for g in ("Năm đánh giá", "HTXSNV", "HTTNV", "HTNV", "KHTNV")] == [
        "2025", "1", "2", "1", "0",
    ]  # fmt: skip
    assert grades[LE_CHAN]["Năm đánh giá"] == ""  # no results: empty, not 0

    # The chart: a bar of people per ward, the wards named under them.
    chart = page.locator(".st-key-compare_chart .js-plotly-plot")
    expect(chart.locator(".xtick text")).to_have_text(list(ROSTERS), timeout=TIMEOUT)
    assert chart.locator(".bars .point path").count() >= len(ROSTERS)

    # Nothing cut off at either size, every word Vietnamese (the grids' painted texts too).
    found: list[str] = []
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        found += [f"{width}×{height}: {f}" for f in cut_off(page)]
    assert not found, "\n".join(found)
    painted = " ".join(
        text for rows in grids.values() for row in rows for text in (*row, *row.values())
    )
    assert english_on(page) + foreign_words(painted) + ENGLISH_NUMBER.findall(painted) == []

    # A ward's link: the overview of that ward, the ward in the URL and in its head count.
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=TIMEOUT)
    main = page.locator("[data-testid='stMain']")
    main.locator("[data-testid='stPageLink']").filter(has_text=AN_BIEN).get_by_role("link").click()
    expect(page).to_have_url(
        re.compile(rf"/tong-quan\?phuong={re.escape(quote_plus(AN_BIEN))}$"), timeout=TIMEOUT
    )
    settle(page)
    expect(page.get_by_role("heading", level=1).first).to_have_text(OVERVIEW)
    expect(main).to_contain_text(AN_BIEN)
    expect(_head_count_card(page)).to_have_text(HEAD_COUNTS[AN_BIEN], timeout=TIMEOUT)
    sidebar = page.locator("[data-testid='stSidebar']")
    tags = sidebar.locator("[data-testid='stMultiSelectTagsContainer'] [data-tag]")
    expect(tags).to_have_count(1)
    expect(tags.first).to_contain_text(AN_BIEN)


def test_an_account_of_one_ward_is_not_offered_the_comparison(page: Page, site: Site) -> None:
    sign_in_as(page, f"{site.url}/so-sanh-phuong", WARD_USER, site.passwords[WARD_USER])
    settle(page)
    nav = page.locator("[data-testid='stSidebarNav']")
    expect(nav.get_by_role("link", name="Tổng quan", exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name=COMPARE, exact=True)).to_have_count(0)
    # its link leads to the overview of its own ward
    expect(page.get_by_role("heading", level=1).first).to_have_text(OVERVIEW)
    expect(page.get_by_role("heading", name="So sánh phường, xã")).to_have_count(0)
    expect(page.locator(".st-key-compare_chart")).to_have_count(0)
    expect(_head_count_card(page)).to_have_text(HEAD_COUNTS[LE_CHAN], timeout=TIMEOUT)
