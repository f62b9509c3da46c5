"""Accounts: who may sign in, with which role, unit and ward. Passwords only as argon2id hashes.

Every change is written to the audit log. ``authenticate`` counts failed sign-ins in a row and
locks the account for a while after too many (settings ``signin_max_failures`` and
``signin_lockout_minutes``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache

import argon2
import pandas as pd

from analytics import audit
from analytics.policy import ROLES, Action
from analytics.scope import OPERATOR, Account
from analytics.store import Store

__all__ = ["OPERATOR", "Account", "AccountError", "SignIn", "authenticate"]

MIN_PASSWORD = 10
MAX_PASSWORD = 256
MAX_USERNAME = 64
_HASHER = argon2.PasswordHasher()  # argon2id, salted, memory-hard (RFC 9106 defaults)


@cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so a wrong name costs as long as a wrong
    password (no guessing which names exist from the time an answer takes)."""
    return _HASHER.hash(secrets.token_hex(16))


GENERIC_FAILURE = "Tên đăng nhập hoặc mật khẩu không đúng."


class AccountError(ValueError):
    """A refused account change; the message is Vietnamese, for the user."""


@dataclass(frozen=True)
class SignIn:
    """The answer to a sign-in: the account, or a Vietnamese message saying why not."""

    account: Account | None
    message: str


def normalise_username(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().lower()


def _check_username(name: str) -> str:
    username = normalise_username(name)
    if not username or len(username) > MAX_USERNAME:
        raise AccountError(f"Tên đăng nhập cần từ 1 đến {MAX_USERNAME} ký tự.")
    if any(ch.isspace() or not ch.isprintable() for ch in username):
        raise AccountError("Tên đăng nhập không được có khoảng trắng hay ký tự điều khiển.")
    return username


def _ward(text: str | None) -> str | None:
    """The ward as the data spells it: 'PHƯỜNG VIỆT HOÀ' -> 'Phường Việt Hòa'."""
    from analytics.ingest.normalize import clean_text, traditional_tone_text, ward_name

    if not text or not clean_text(text):
        return None
    return ward_name(text) or traditional_tone_text(clean_text(text))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"Mật khẩu dài quá {MAX_PASSWORD} ký tự.")


def generate_password() -> str:
    """A random password to hand over once (about 96 bits)."""
    return secrets.token_urlsafe(12)


def _actor(by: Account, store: Store, what: str) -> tuple[str, str]:
    """Who makes an account change: an hr account (the command line acts as ``OPERATOR``).
    A refusal is written to the audit log before it is raised."""
    audit.require(store, by, Action.MANAGE_ACCOUNTS, logged_as="denied", detail=what)
    return by.username, by.role


def add_user(
    store: Store,
    name: str,
    password: str,
    role: str,
    *,
    unit: str | None = None,
    ward: str | None = None,
    by: Account = OPERATOR,
    address: str | None = None,
) -> Account:
    """Create an account. A unit head needs their unit."""
    actor, actor_role = _actor(by, store, f"Tạo tài khoản {name}")
    username = _check_username(name)
    if role not in ROLES:
        raise AccountError(f"Vai trò '{role}' không hợp lệ; cần một trong: {', '.join(ROLES)}.")
    unit = unicodedata.normalize("NFC", unit or "").strip() or None
    ward = _ward(ward)
    if role == "unit_head" and not unit:
        raise AccountError("Tài khoản trưởng đơn vị cần --unit (đơn vị của mình).")
    if by.ward is not None and ward != by.ward:
        raise AccountError(f"Chỉ được tạo tài khoản của {by.ward}.")
    _check_password(password)
    if store.execute("select 1 from accounts where username = ?", [username]):
        raise AccountError(f"Tài khoản '{username}' đã có.")
    now = audit.utc_now()
    with store.transaction() as cur:
        cur.execute(
            """
            insert into accounts (username, role, unit, ward, password_hash, created_at,
                                  created_by, password_changed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [username, role, unit, ward, _HASHER.hash(password), now, actor, now],
        )
    account = Account(username, role, unit, ward)
    audit.record(store, actor, actor_role, "account_add", detail=account.label, address=address)
    return account


def unknown_scope(store: Store, account: Account) -> str | None:
    """A warning when the account's unit or ward is not in the latest roster (a typo shows
    the account nothing); None when both are there or no roster is imported yet."""
    if not store.execute("select 1 from staff limit 1"):
        return None
    problems = []
    if account.ward and not store.execute("select 1 from staff where ward = ?", [account.ward]):
        problems.append(f"phường/xã '{account.ward}' chưa có trong danh sách đã nhập")
    if account.unit and not store.execute("select 1 from staff where unit = ?", [account.unit]):
        problems.append(f"đơn vị '{account.unit}' chưa có trong danh sách đã nhập")
    return "; ".join(problems) + "." if problems else None


def _existing(store: Store, name: str, by: Account) -> str:
    """The account's name; a ward officer may change only accounts of their own ward."""
    username = normalise_username(name)
    rows = store.execute("select ward from accounts where username = ?", [username])
    if not rows:
        raise AccountError(f"Không có tài khoản '{username}'.")
    if by.ward is not None and rows[0][0] != by.ward:
        raise AccountError(f"Chỉ được thay đổi tài khoản của {by.ward}.")
    if username == by.username:
        raise AccountError("Không tự khóa hay đặt lại mật khẩu của chính mình ở đây.")
    return username


def set_active(
    store: Store,
    name: str,
    active: bool,
    *,
    by: Account = OPERATOR,
    address: str | None = None,
) -> None:
    """Disable (or enable again) an account; a disabled one cannot sign in, and a session it
    has open ends at its next step."""
    actor, actor_role = _actor(by, store, f"Khóa/mở lại tài khoản {name}")
    username = _existing(store, name, by)
    with store.transaction() as cur:
        cur.execute(
            "update accounts set active = ?, failed_attempts = 0, locked_until = null "
            "where username = ?",
            [active, username],
        )
    action = "account_enable" if active else "account_disable"
    audit.record(store, actor, actor_role, action, detail=username, address=address)


def reset_password(
    store: Store,
    name: str,
    password: str,
    *,
    by: Account = OPERATOR,
    address: str | None = None,
) -> None:
    actor, actor_role = _actor(by, store, f"Đặt lại mật khẩu {name}")
    username = _existing(store, name, by)
    _check_password(password)
    with store.transaction() as cur:
        cur.execute(
            "update accounts set password_hash = ?, password_changed_at = ?, "
            "failed_attempts = 0, locked_until = null where username = ?",
            [_HASHER.hash(password), audit.utc_now(), username],
        )
    audit.record(store, actor, actor_role, "account_password", detail=username, address=address)


def list_users(store: Store, by: Account = OPERATOR) -> pd.DataFrame:
    """Every account (of the ward of a ward officer) without its hash."""
    _actor(by, store, "Xem danh sách tài khoản")
    return store.df(
        """
        select username, role, unit, ward, active, failed_attempts, locked_until, created_at,
               created_by, password_changed_at, last_sign_in_at
        from accounts
        where $ward::varchar is null or ward = $ward::varchar
        order by username
        """,
        {"ward": by.ward},
    )


def get(store: Store, name: str) -> Account | None:
    """The active account of that name, as it is now (role, unit and ward may have changed)."""
    rows = store.execute(
        "select username, role, unit, ward from accounts where username = ? and active",
        [normalise_username(name)],
    )
    if not rows:
        return None
    username, role, unit, ward = rows[0]
    return Account(username, role, unit, ward)


def _hhmm(value: dt.datetime) -> str:
    return audit.vietnam_time(value).strftime("%H:%M ngày %d/%m/%Y")


def authenticate(
    store: Store,
    name: str,
    password: str,
    *,
    address: str | None = None,
    now: dt.datetime | None = None,
) -> SignIn:
    """Check a sign-in; every attempt, good or bad, goes to the audit log."""
    now = audit.as_utc(now) if now else audit.utc_now()
    username = normalise_username(name)[:MAX_USERNAME]
    max_failures = int(store.setting("signin_max_failures"))
    lockout = dt.timedelta(minutes=store.setting("signin_lockout_minutes"))
    rows = store.execute(
        "select role, unit, ward, password_hash, active, failed_attempts, locked_until "
        "from accounts where username = ?",
        [username],
    )

    def fail(message: str, detail: str, role: str | None = None) -> SignIn:
        audit.record(
            store, username or None, role, "signin", outcome="failed", detail=detail,
            address=address, at=now,
        )  # fmt: skip
        return SignIn(None, message)

    if not rows or len(password) > MAX_PASSWORD:
        with contextlib.suppress(argon2.exceptions.VerificationError):
            _HASHER.verify(_dummy_hash(), password[:MAX_PASSWORD])
        return fail(GENERIC_FAILURE, "Sai tên đăng nhập hoặc mật khẩu")
    role, unit, ward, password_hash, active, failures, locked_until = rows[0]
    if locked_until is not None and locked_until > now:
        return fail(
            f"Tài khoản tạm khóa do đăng nhập sai {max_failures} lần liên tiếp; thử lại sau "
            f"{_hhmm(locked_until)} (giờ Việt Nam) hoặc nhờ cán bộ tổ chức mở khóa.",
            "Tài khoản đang tạm khóa",
            role,
        )
    if locked_until is not None:  # the lock has run out: a fresh count
        failures = 0
    try:
        _HASHER.verify(password_hash, password)
    except argon2.exceptions.VerificationError:
        failures += 1
        lock = now + lockout if failures >= max_failures else None
        with store.transaction() as cur:
            cur.execute(
                "update accounts set failed_attempts = ?, locked_until = ? where username = ?",
                [0 if lock else failures, lock, username],
            )
        if lock:
            return fail(
                f"Đăng nhập sai {max_failures} lần liên tiếp: tài khoản tạm khóa đến "
                f"{_hhmm(lock)} (giờ Việt Nam).",
                f"Sai mật khẩu lần {failures}; tạm khóa {int(lockout.total_seconds() // 60)} phút",
                role,
            )
        return fail(GENERIC_FAILURE, f"Sai mật khẩu lần {failures}", role)
    if not active:
        return fail("Tài khoản đã bị khóa; liên hệ cán bộ tổ chức.", "Tài khoản đã bị khóa", role)
    new_hash = _HASHER.hash(password) if _HASHER.check_needs_rehash(password_hash) else None
    with store.transaction() as cur:
        cur.execute(
            "update accounts set failed_attempts = 0, locked_until = null, last_sign_in_at = ?, "
            "password_hash = coalesce(?, password_hash) where username = ?",
            [now, new_hash, username],
        )
    audit.record(store, username, role, "signin", address=address, at=now)
    account = Account(username, role, unit, ward)
    return SignIn(account, f"Xin chào {account.label}.")


DEMO_ACCOUNTS: tuple[tuple[str, str, str | None], ...] = (
    ("lanhdao", "leader", None),
    ("tochuc", "hr", None),
    ("truongphong", "unit_head", "Phòng Văn hóa – Xã hội"),
    ("xem", "viewer", None),
)


#: The city's account of a demo with more than one ward (the Sở Nội vụ: every ward, "So sánh phường").
DEMO_CITY_ACCOUNT: tuple[str, str, str | None] = ("sonoivu", "leader", None)


def create_demo_accounts(store: Store, ward: str | None = None) -> dict[str, str]:
    """One account per role for the demo ward, with fresh random passwords (returned once,
    never stored in clear). With ``ward`` (a demo of several wards) the role accounts are tied
    to that ward and ``DEMO_CITY_ACCOUNT`` sees every ward. Accounts that exist already are
    left as they are."""
    made = {}
    accounts = [(name, role, unit, ward) for name, role, unit in DEMO_ACCOUNTS]
    if ward is not None:
        accounts.append((*DEMO_CITY_ACCOUNT, None))
    for username, role, unit, tied in accounts:
        if store.execute("select 1 from accounts where username = ?", [username]):
            continue
        password = generate_password()
        add_user(store, username, password, role, unit=unit, ward=tied)
        made[username] = password
    return made
