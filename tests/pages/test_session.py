"""Sessions: idle expiry, a disabled account's open session, and errors that tell no secrets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import accounts, audit, queries
from analytics.store import Store
from tests.pages.conftest import DASHBOARD, SignIn


def _signed_in_as(at: AppTest) -> str:
    return at.session_state["_account"].username


def _shows_the_form(at: AppTest) -> bool:
    return any(t.key == "signin_username" for t in at.text_input)


def test_a_session_idle_past_the_setting_ends_and_is_audited(sign_in: SignIn, app_db: Path) -> None:
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader")
    username, started, _ = at.session_state["_signed_in"]
    # 31 minutes without a step (the setting is 30)
    at.session_state["_signed_in"] = (username, started, audit.utc_now() - dt.timedelta(minutes=31))
    at.run()
    assert _shows_the_form(at)
    assert any("hết hạn sau 30 phút" in i.value for i in at.info)
    assert not at.metric
    with Store(app_db) as store:
        last = audit.entries(store, usernames=(username,), limit=1)
    assert last["action"].iloc[0] == "session_expired"


def test_a_session_idle_less_than_the_setting_goes_on(sign_in: SignIn) -> None:
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader")
    username, started, _ = at.session_state["_signed_in"]
    at.session_state["_signed_in"] = (username, started, audit.utc_now() - dt.timedelta(minutes=29))
    at.run()
    assert not _shows_the_form(at)
    assert _signed_in_as(at) == username


def test_the_idle_time_is_a_setting(sign_in: SignIn, app_db: Path) -> None:
    with Store(app_db) as store:
        store.execute("update settings set value = 5 where key = 'session_idle_minutes'")
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader")
    username, started, _ = at.session_state["_signed_in"]
    at.session_state["_signed_in"] = (username, started, audit.utc_now() - dt.timedelta(minutes=6))
    at.run()
    assert _shows_the_form(at)


def test_an_account_disabled_while_signed_in_is_out_at_its_next_step(
    sign_in: SignIn, app_db: Path
) -> None:
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "viewer")
    assert at.metric
    with Store(app_db) as store:
        accounts.set_active(store, "xem", False)
    at.run()
    assert _shows_the_form(at)
    assert not at.metric


@pytest.mark.incident_expected
def test_an_error_shows_an_incident_code_and_no_details(
    sign_in: SignIn, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "SELECT * FROM staff /work/main/analytics/queries.py"

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError(secret)

    monkeypatch.setattr(queries, "overview", broken)
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "leader")
    assert not at.exception
    message = at.error[0].value
    assert "Mã sự cố: **SC-" in message
    texts = [e.value for e in at.error] + [m.value for m in at.markdown]
    assert not any(secret in t or "Traceback" in t or "RuntimeError" in t for t in texts)
    code = message.split("**")[1]
    assert any(code in r.getMessage() and r.exc_info for r in caplog.records)
