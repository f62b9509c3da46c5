"""No stack trace, SQL or file path reaches a user: a Vietnamese message with a short incident
code; the details go to the server's log under that code. Refusals of the policy are told as
they are, and written to the audit log."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import streamlit as st

from analytics import audit
from analytics.policy import PermissionDenied
from ui.text import plain

log = logging.getLogger("analytics.incident")


def incident_code() -> str:
    """Short enough to read over the phone: 'SC-7F3A2B'."""
    return f"SC-{secrets.token_hex(3).upper()}"


def report(exc: BaseException) -> str:
    """Log ``exc`` with a fresh incident code and return the code."""
    code = incident_code()
    log.error("Sự cố %s", code, exc_info=exc)
    return code


def guarded(run: Callable[[], None]) -> None:
    """Run the app (st.stop and st.rerun pass through: they are not ``Exception``)."""
    try:
        run()
    except PermissionDenied as exc:
        from ui import auth, data

        account = auth.current_account()
        if account is not None:
            audit.record(
                data.store(), account.username, account.role, "denied", outcome="refused",
                detail=str(exc), address=auth.client_address(),
            )  # fmt: skip
        st.error(f"Không đủ quyền: {plain(exc)}", icon=":material/lock:")
    except Exception as exc:
        code = report(exc)
        st.error(
            "Đã xảy ra lỗi khi hiển thị màn hình này. Dữ liệu không bị thay đổi. "
            f"Mã sự cố: **{code}** — hãy báo mã này cho cán bộ quản trị hệ thống.",
            icon=":material/error:",
        )
