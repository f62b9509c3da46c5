"""So sánh phường: drawn for an account that sees several wards, hidden for one ward's."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from analytics.filters import WARDS
from analytics.store import Store
from tests.pages.conftest import DASHBOARD, SignIn
from tests.rows import add_roster

COMPARE = "pages/11_so_sanh_phuong.py"
OVERVIEW = "pages/1_tong_quan.py"
OTHER = "Phường Thử Nghiệm"


@pytest.fixture
def two_wards(app_db: Path) -> Path:
    """The demo ward and a second one of two people."""
    with Store(app_db) as store:
        add_roster(
            store,
            [
                {"staff_id": "T1", "full_name": "Đỗ Văn Tám"},
                {"staff_id": "T2", "full_name": "Mai Thị Chín", "gender": "Nữ"},
            ],
            ward=OTHER,
        )
    return app_db


def offered(at: AppTest, page: str) -> bool:
    try:
        at.switch_page(page)
    except ValueError:
        return False
    return True


def test_the_comparison_is_drawn_for_an_account_of_every_ward(
    two_wards: Path, sign_in: SignIn
) -> None:
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader")
    assert offered(at, COMPARE)
    at.run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert sorted(table["ward"]) == [OTHER, "Phường Việt Hòa"]
    assert table.set_index("ward").loc[OTHER, "head_count"] == 2
    assert at.get("download_button")
    assert any(OTHER in str(link.proto) for link in at.get("page_link"))
    # the screen's own meeting files (Excel, PDF, images), as every screen
    assert any("Xuất màn hình này" in e.label for e in at.expander)
    assert [t.value.columns[0] for t in at.dataframe] == ["ward", "ward", "ward"]


def test_the_comparison_is_hidden_for_a_single_ward_database(sign_in: SignIn) -> None:
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader")
    assert not offered(at, COMPARE)


def test_an_account_tied_to_one_ward_is_not_offered_it(two_wards: Path, sign_in: SignIn) -> None:
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader", ward=OTHER)
    assert not offered(at, COMPARE)


def test_a_wards_link_opens_the_overview_of_that_ward_in_the_same_session(
    two_wards: Path, sign_in: SignIn
) -> None:
    """The link carries ``?phuong=…``: the overview that opens counts that ward only, although
    the session read its URL's filters at sign-in already (a link is followed as the browser
    does: the screen's run with the link's query string)."""
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader")
    at.switch_page(COMPARE).run()
    link = next(link for link in at.get("page_link") if link.proto.label == OTHER)
    query = parse_qs(link.proto.query_string)
    assert query == {WARDS.param: [OTHER]}
    at.query_params.clear()
    at.query_params.update({k: v[0] for k, v in query.items()})
    at.switch_page(OVERVIEW).run()
    assert not at.exception, at.exception
    assert next(m.value for m in at.metric if m.label == "Tổng số CBCC") == "2"
    assert at.query_params.get(WARDS.param) == OTHER  # kept in the URL, not overwritten
    assert at.session_state[WARDS.key] == [OTHER]  # the sidebar shows the ward chosen
