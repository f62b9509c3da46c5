"""The overview screen renders the demo ward's headline figures."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import DASHBOARD, SignIn


@pytest.fixture
def app(sign_in: SignIn) -> AppTest:
    """Signed in as the ward leader; the overview is the first screen after sign-in."""
    return sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader")


def test_overview_shows_head_count_and_change_since_previous_snapshot(app: AppTest) -> None:
    app.run()
    assert not app.exception
    metrics = {m.label: m for m in app.metric}
    assert metrics["Tổng số CBCC"].value == "40"
    assert metrics["Tổng số CBCC"].delta == "1"
    # the ward is named under the title (issue 10: the overview never named it)
    assert "#### Phường Việt Hòa · Thành phố Hải Phòng" in [m.value for m in app.markdown]


def test_overview_follows_the_unit_filter(app: AppTest) -> None:
    app.run()
    app.multiselect(key="f_unit").set_value(["Lãnh đạo UBND phường"]).run()
    assert not app.exception
    metrics = {m.label: m for m in app.metric}
    assert metrics["Tổng số CBCC"].value == "3"
