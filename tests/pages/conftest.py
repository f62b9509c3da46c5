"""Screens run on a private copy of the demo database, signed in through the real form."""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import accounts
from analytics.policy import can
from analytics.store import Store
from tests.conftest import DEMO_USERS
from ui.filters import FILTERS_LOADED_KEY
from ui.screens import first_screen

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
SignIn = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def no_incident(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A screen that broke shows "Mã sự cố" instead of raising (ui/errors.py), so
    ``at.exception`` stays empty: fail the test on any incident logged, unless it expects one."""
    yield
    if request.node.get_closest_marker("incident_expected"):
        return
    incidents = [r for r in caplog.records if r.name == "analytics.incident"]
    assert not incidents, [
        f"{r.getMessage()}: {r.exc_info[1]!r}" if r.exc_info else r.getMessage() for r in incidents
    ]


@pytest.fixture
def app_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo ward that this test's dashboard reads and writes (ANALYTICS_DB)."""
    db = tmp_path / "app.duckdb"
    shutil.copy(demo_db, db)
    monkeypatch.setenv("ANALYTICS_DB", str(db))
    return db


def submit_sign_in(at: AppTest, username: str, password: str) -> AppTest:
    """Fill the sign-in form as a person would and press "Đăng nhập"."""
    at.run()
    at.text_input(key="signin_username").input(username)
    at.text_input(key="signin_password").input(password)
    at.button(key="signin_submit").click().run()
    if "_account" not in at.session_state:
        return at  # refused: the form again
    # The sign-in moves to the first screen (st.switch_page). The browser's next runs come from
    # that screen with the URL's filters; AppTest's would start at "/" again (new widget ids, the
    # values just set lost): go on from that screen, its first run reading the URL, as the
    # browser's does.
    # A script made from a string (one panel, not the dashboard) has no screens to move to.
    first = first_screen(lambda a: can(at.session_state["_account"].role, a)).path
    if not (Path(at._script_path).parent / first).is_file():
        return at
    at.session_state[FILTERS_LOADED_KEY] = False
    return at.switch_page(first).run()


def add_account(
    db: Path, role: str, *, unit: str | None = None, ward: str | None = None
) -> tuple[str, str]:
    """A fresh account in ``db`` with a random password: (username, password)."""
    username = f"{role}-{secrets.token_hex(3)}"
    password = accounts.generate_password()
    with Store(db) as store:
        accounts.add_user(store, username, password, role, unit=unit, ward=ward)
    return username, password


@pytest.fixture
def sign_in(app_db: Path, demo_passwords: dict[str, str]) -> SignIn:
    """``sign_in(at, "viewer")`` signs ``at`` in as the demo account of that role;
    with ``unit=`` or ``ward=`` as a new account of that role tied to them."""

    def run(
        at: AppTest, role: str = "leader", *, unit: str | None = None, ward: str | None = None
    ) -> AppTest:
        if unit is None and ward is None:
            username = DEMO_USERS[role]
            password = demo_passwords[username]
        else:
            username, password = add_account(app_db, role, unit=unit, ward=ward)
        submit_sign_in(at, username, password)
        assert not at.exception, at.exception
        assert at.session_state["_account"].role == role
        return at

    return run


@pytest.fixture
def app_at(sign_in: SignIn) -> Callable[..., AppTest]:
    """``app_at("pages/2_trinh_do.py", "viewer")``: the dashboard signed in, on that screen."""

    def make(page: str, role: str = "leader", **tied: str) -> AppTest:
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        sign_in(at, role, **tied)
        at.switch_page(page)
        return at

    return make


WORKFORCE_PAGE = "pages/12_ke_hoach_nhan_su.py"


@pytest.fixture
def workforce_page(sign_in: SignIn, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], AppTest]:
    """Kế hoạch nhân sự signed in as a role, on 04/12/2026 (the demo ward's figures by hand)."""
    monkeypatch.setattr("ui.data.today", lambda: dt.date(2026, 12, 4))

    def make(role: str) -> AppTest:
        at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), role)
        at.switch_page(WORKFORCE_PAGE).run()
        assert not at.exception
        return at

    return make
