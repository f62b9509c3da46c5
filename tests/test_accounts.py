"""Accounts (analytics.accounts): argon2id hashes, one message for a wrong name or password, the
lock-out after five failures in a row, who may change which account, and every change audited."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import argon2
import pytest

from analytics import accounts, audit
from analytics.accounts import AccountError, authenticate, generate_password
from analytics.policy import PermissionDenied
from analytics.scope import OPERATOR, Account
from analytics.store import Store

VHXH = "Phòng Văn hóa – Xã hội"
WARD = "Phường Việt Hòa"
OTHER_WARD = "Phường Khác"
# A fixed UTC time to step from (stored times are UTC without a zone).
T0 = dt.datetime(2026, 10, 1, 2, 0, 0)


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> Store:
    """A fresh database whose hashes are argon2id at the lowest cost, so the many sign-ins of
    these tests stay fast; ``test_a_password_is_kept_only_as_a_salted_argon2id_hash`` checks the
    real parameters."""
    cheap = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(accounts, "_HASHER", cheap)
    return Store(":memory:")


@pytest.fixture
def password() -> str:
    return generate_password()


@pytest.fixture
def lan(store: Store, password: str) -> str:
    """An hr account 'lan'; returns its password."""
    accounts.add_user(store, "lan", password, "hr")
    return password


def wrong(password: str) -> str:
    return password + "x"


def stored_hash(store: Store, username: str) -> str:
    return str(
        store.execute("select password_hash from accounts where username = ?", [username])[0][0]
    )


def log(
    store: Store,
    action: str | None = None,
    columns: tuple[str, ...] = ("username", "role", "action", "outcome"),
) -> list[tuple[object, ...]]:
    """The audit log's ``columns``, oldest first, empty cells as None."""
    frame = audit.entries(store, actions=(action,) if action else ())
    frame = frame.astype(object).where(frame.notna(), None)
    return list(frame[list(columns)].itertuples(index=False, name=None))[::-1]


# ---------------------------------------------------------------- hashes
def test_a_password_is_kept_only_as_a_salted_argon2id_hash(password: str) -> None:
    store = Store(":memory:")  # the real hasher
    accounts.add_user(store, "lan", password, "hr")
    accounts.add_user(store, "minh", password, "leader")
    lan_hash, minh_hash = stored_hash(store, "lan"), stored_hash(store, "minh")
    # argon2id with the RFC 9106 low-memory defaults: 64 MiB, 3 passes, 4 lanes.
    assert lan_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert minh_hash.startswith("$argon2id$")
    assert lan_hash != minh_hash  # same password, different salt
    assert password not in lan_hash
    assert all(
        password not in str(value)
        for row in store.execute("select * from accounts")
        for value in row
    )


def test_the_right_password_signs_in_and_says_hello(store: Store, lan: str) -> None:
    result = authenticate(store, "lan", lan, now=T0)
    assert result.account == Account("lan", "hr")
    assert result.message.startswith("Xin chào lan")


def test_a_wrong_name_and_a_wrong_password_get_the_same_message(store: Store, lan: str) -> None:
    unknown = authenticate(store, "khongco", lan, now=T0)
    bad = authenticate(store, "lan", wrong(lan), now=T0)
    assert unknown.account is None and bad.account is None
    assert unknown.message == bad.message == accounts.GENERIC_FAILURE


# ---------------------------------------------------------------- lock-out
def test_five_wrong_passwords_in_a_row_lock_the_account_for_fifteen_minutes(
    store: Store, lan: str
) -> None:
    for attempt in range(4):
        result = authenticate(store, "lan", wrong(lan), now=T0 + dt.timedelta(seconds=attempt))
        assert result.message == accounts.GENERIC_FAILURE
    fifth = authenticate(store, "lan", wrong(lan), now=T0 + dt.timedelta(seconds=4))
    # Locked at T0 + 4 s = 02:00:04 UTC until 02:15:04 UTC = 09:15 Vietnam time.
    assert "tạm khóa đến 09:15 ngày 01/10/2026" in fifth.message
    locked_at = T0 + dt.timedelta(seconds=4)

    still = authenticate(store, "lan", lan, now=locked_at + dt.timedelta(minutes=14, seconds=59))
    assert still.account is None
    assert "tạm khóa" in still.message

    after = authenticate(store, "lan", lan, now=locked_at + dt.timedelta(minutes=15, seconds=1))
    assert after.account == Account("lan", "hr")


def test_after_a_lock_runs_out_the_count_starts_again(store: Store, lan: str) -> None:
    for attempt in range(5):
        authenticate(store, "lan", wrong(lan), now=T0 + dt.timedelta(seconds=attempt))
    later = T0 + dt.timedelta(minutes=16)
    for attempt in range(4):  # failures 1-4 of a fresh count: no lock
        authenticate(store, "lan", wrong(lan), now=later + dt.timedelta(seconds=attempt))
    assert authenticate(store, "lan", lan, now=later + dt.timedelta(seconds=5)).account is not None


def test_five_new_failures_after_a_lock_ran_out_lock_again(store: Store, lan: str) -> None:
    for attempt in range(5):
        authenticate(store, "lan", wrong(lan), now=T0 + dt.timedelta(seconds=attempt))
    later = T0 + dt.timedelta(minutes=16)
    for attempt in range(5):  # 5 failures of the fresh count lock again
        authenticate(store, "lan", wrong(lan), now=later + dt.timedelta(seconds=attempt))
    assert authenticate(store, "lan", lan, now=later + dt.timedelta(seconds=6)).account is None


def test_a_success_in_between_resets_the_count(store: Store, lan: str) -> None:
    times = (T0 + dt.timedelta(seconds=s) for s in range(100))
    for _ in range(4):
        authenticate(store, "lan", wrong(lan), now=next(times))
    assert authenticate(store, "lan", lan, now=next(times)).account is not None
    for _ in range(4):  # 4 + 4 wrong, but never 5 in a row
        authenticate(store, "lan", wrong(lan), now=next(times))
    assert authenticate(store, "lan", lan, now=next(times)).account is not None


def test_the_lock_out_counts_and_minutes_come_from_the_settings(store: Store, lan: str) -> None:
    store.execute("update settings set value = 2 where key = 'signin_max_failures'")
    store.execute("update settings set value = 1 where key = 'signin_lockout_minutes'")
    authenticate(store, "lan", wrong(lan), now=T0)
    authenticate(store, "lan", wrong(lan), now=T0 + dt.timedelta(seconds=1))
    # Locked at 02:00:01 for 1 minute: until 02:01:01.
    assert authenticate(store, "lan", lan, now=T0 + dt.timedelta(seconds=60)).account is None
    assert authenticate(store, "lan", lan, now=T0 + dt.timedelta(seconds=62)).account is not None


# ---------------------------------------------------------------- disable, reset
def test_a_disabled_account_cannot_sign_in_and_get_finds_nothing(store: Store, lan: str) -> None:
    accounts.set_active(store, "lan", False)
    result = authenticate(store, "lan", lan, now=T0)
    assert result.account is None
    assert "đã bị khóa" in result.message
    assert accounts.get(store, "lan") is None


def test_an_enabled_account_signs_in_again(store: Store, lan: str) -> None:
    accounts.set_active(store, "lan", False)
    accounts.set_active(store, "lan", True)
    assert authenticate(store, "lan", lan, now=T0).account == Account("lan", "hr")
    assert accounts.get(store, "LAN") == Account("lan", "hr")


def test_a_reset_password_replaces_the_old_one_and_unlocks(store: Store, lan: str) -> None:
    for attempt in range(5):
        authenticate(store, "lan", wrong(lan), now=T0 + dt.timedelta(seconds=attempt))
    new = generate_password()
    accounts.reset_password(store, "lan", new)
    soon = T0 + dt.timedelta(minutes=1)  # well inside the 15 minutes of the lock
    assert authenticate(store, "lan", lan, now=soon).account is None
    assert authenticate(store, "lan", new, now=soon + dt.timedelta(seconds=1)).account is not None


def test_a_short_password_is_refused(store: Store) -> None:
    short = generate_password()[:9]  # MIN_PASSWORD is 10
    with pytest.raises(AccountError, match="ít nhất 10 ký tự"):
        accounts.add_user(store, "lan", short, "hr")
    assert store.execute("select count(*) from accounts") == [(0,)]


def test_changing_an_unknown_account_is_refused(store: Store, password: str) -> None:
    with pytest.raises(AccountError, match="Không có tài khoản 'ma'"):
        accounts.set_active(store, "ma", False)
    with pytest.raises(AccountError, match="Không có tài khoản 'ma'"):
        accounts.reset_password(store, "ma", password)


# ---------------------------------------------------------------- names, units, wards
def test_a_unit_head_needs_a_unit(store: Store, password: str) -> None:
    with pytest.raises(AccountError, match="--unit"):
        accounts.add_user(store, "truongphong", password, "unit_head")
    with pytest.raises(AccountError, match="--unit"):
        accounts.add_user(store, "truongphong", password, "unit_head", unit="  ")
    made = accounts.add_user(store, "truongphong", password, "unit_head", unit=VHXH)
    assert made == Account("truongphong", "unit_head", VHXH, None)


def test_an_unknown_role_is_refused(store: Store, password: str) -> None:
    with pytest.raises(AccountError, match="Vai trò 'admin' không hợp lệ"):
        accounts.add_user(store, "lan", password, "admin")


def test_a_duplicate_name_is_refused_whatever_its_case_and_spaces(store: Store, lan: str) -> None:
    for name in ("lan", " Lan ", "LAN"):
        with pytest.raises(AccountError, match="Tài khoản 'lan' đã có"):
            accounts.add_user(store, name, generate_password(), "viewer")
    assert store.execute("select username, role from accounts") == [("lan", "hr")]


def test_names_are_case_insensitive_and_nfc(store: Store, password: str) -> None:
    nfd = unicodedata.normalize("NFD", " Lân ")
    made = accounts.add_user(store, nfd, password, "viewer")
    assert made.username == "lân" == unicodedata.normalize("NFC", "lân")
    assert authenticate(store, "LÂN", password, now=T0).account == Account("lân", "viewer")
    assert accounts.get(store, nfd) == Account("lân", "viewer")


@pytest.mark.parametrize("name", ["", "   ", "lan anh", "lan\tanh", "a" * 65])
def test_a_name_with_spaces_or_too_long_is_refused(store: Store, password: str, name: str) -> None:
    with pytest.raises(AccountError, match="Tên đăng nhập"):
        accounts.add_user(store, name, password, "viewer")


def test_the_ward_is_spelt_as_the_data_spells_it(store: Store, password: str) -> None:
    made = accounts.add_user(store, "lan", password, "hr", ward="PHƯỜNG VIỆT HOÀ")
    assert made.ward == WARD
    assert store.execute("select ward from accounts") == [(WARD,)]
    assert accounts.add_user(store, "minh", password, "hr", ward="  ").ward is None


# ---------------------------------------------------------------- who may change accounts
WARD_HR = Account("tochuc_vh", "hr", ward=WARD)


def test_a_ward_hr_creates_accounts_of_their_own_ward_only(store: Store, password: str) -> None:
    for ward in (OTHER_WARD, None):
        with pytest.raises(AccountError, match=f"Chỉ được tạo tài khoản của {WARD}"):
            accounts.add_user(store, "minh", password, "viewer", ward=ward, by=WARD_HR)
    made = accounts.add_user(store, "minh", password, "viewer", ward="phường việt hoà", by=WARD_HR)
    assert made.ward == WARD
    assert store.execute("select username, created_by from accounts") == [("minh", "tochuc_vh")]


def test_a_ward_hr_changes_accounts_of_their_own_ward_only(store: Store, password: str) -> None:
    accounts.add_user(store, "city", password, "leader")
    accounts.add_user(store, "other", password, "leader", ward=OTHER_WARD)
    accounts.add_user(store, "own", password, "leader", ward=WARD)
    for name in ("city", "other"):
        with pytest.raises(AccountError, match=f"Chỉ được thay đổi tài khoản của {WARD}"):
            accounts.set_active(store, name, False, by=WARD_HR)
        with pytest.raises(AccountError, match=f"Chỉ được thay đổi tài khoản của {WARD}"):
            accounts.reset_password(store, name, generate_password(), by=WARD_HR)
    accounts.set_active(store, "own", False, by=WARD_HR)
    assert accounts.get(store, "own") is None
    assert accounts.get(store, "city") is not None and accounts.get(store, "other") is not None


def test_a_ward_hr_lists_the_accounts_of_their_ward_only(store: Store, password: str) -> None:
    accounts.add_user(store, "city", password, "leader")
    accounts.add_user(store, "other", password, "leader", ward=OTHER_WARD)
    accounts.add_user(store, "own", password, "leader", ward=WARD)
    assert list(accounts.list_users(store, by=WARD_HR)["username"]) == ["own"]
    assert list(accounts.list_users(store)["username"]) == ["city", "other", "own"]


def test_no_one_disables_or_resets_their_own_account_here(store: Store, password: str) -> None:
    accounts.add_user(store, "tochuc", password, "hr")
    me = Account("tochuc", "hr")
    with pytest.raises(AccountError, match="chính mình"):
        accounts.set_active(store, "tochuc", False, by=me)
    with pytest.raises(AccountError, match="chính mình"):
        accounts.reset_password(store, "tochuc", generate_password(), by=me)


@pytest.mark.parametrize("role", ["leader", "unit_head", "viewer"])
def test_only_hr_may_manage_accounts(store: Store, lan: str, role: str) -> None:
    by = Account("someone", role, unit=VHXH if role == "unit_head" else None)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        accounts.add_user(store, "minh", generate_password(), "viewer", by=by)
    with pytest.raises(PermissionDenied):
        accounts.set_active(store, "lan", False, by=by)
    with pytest.raises(PermissionDenied):
        accounts.reset_password(store, "lan", generate_password(), by=by)
    with pytest.raises(PermissionDenied):
        accounts.list_users(store, by=by)
    assert store.execute("select username, active from accounts") == [("lan", True)]


def test_the_account_list_has_no_hash(store: Store, lan: str) -> None:
    frame = accounts.list_users(store)
    assert not any("hash" in column for column in frame.columns)
    assert lan not in frame.to_csv()


# ---------------------------------------------------------------- demo accounts
def test_demo_accounts_one_per_role_with_random_passwords(store: Store) -> None:
    made = accounts.create_demo_accounts(store)
    roles = dict(store.execute("select username, role from accounts"))
    assert roles == {
        "lanhdao": "leader",
        "tochuc": "hr",
        "truongphong": "unit_head",
        "xem": "viewer",
    }
    assert set(made) == set(roles)
    assert len(set(made.values())) == 4
    for username, secret in made.items():
        assert len(secret) >= accounts.MIN_PASSWORD
        assert authenticate(store, username, secret, now=T0).account is not None
    assert accounts.get(store, "truongphong") == Account("truongphong", "unit_head", VHXH)


def test_demo_accounts_differ_from_one_database_to_the_next(store: Store) -> None:
    first = accounts.create_demo_accounts(store)
    second = accounts.create_demo_accounts(Store(":memory:"))
    assert set(first.values()).isdisjoint(second.values())


def test_demo_accounts_are_made_once(store: Store) -> None:
    made = accounts.create_demo_accounts(store)
    before = store.execute("select username, password_hash from accounts order by 1")
    assert accounts.create_demo_accounts(store) == {}
    assert store.execute("select username, password_hash from accounts order by 1") == before
    assert authenticate(store, "xem", made["xem"], now=T0).account is not None


def test_the_shared_demo_database_signs_in_with_this_runs_passwords(
    demo_db: Path, demo_passwords: dict[str, str], tmp_path: Path
) -> None:
    copy = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, copy)  # signing in writes to the audit log
    with Store(copy) as store:
        signed_in = {
            name: authenticate(store, name, secret, now=T0).account
            for name, secret in demo_passwords.items()
        }
    assert {name: a.role if a else None for name, a in signed_in.items()} == {
        "lanhdao": "leader",
        "tochuc": "hr",
        "truongphong": "unit_head",
        "xem": "viewer",
    }


# ---------------------------------------------------------------- audited
def test_every_account_change_is_audited_with_its_code(store: Store, password: str) -> None:
    accounts.add_user(store, "minh", password, "viewer")
    accounts.set_active(store, "minh", False)
    accounts.set_active(store, "minh", True)
    accounts.reset_password(store, "minh", generate_password())
    accounts.add_user(store, "hoa", password, "viewer", ward=WARD, by=WARD_HR)
    assert log(store) == [
        (OPERATOR.username, "hr", "account_add", "ok"),
        (OPERATOR.username, "hr", "account_disable", "ok"),
        (OPERATOR.username, "hr", "account_enable", "ok"),
        (OPERATOR.username, "hr", "account_password", "ok"),
        ("tochuc_vh", "hr", "account_add", "ok"),
    ]
    assert [d for (d,) in log(store, columns=("detail",))][:4] == [
        "minh — Người xem (chỉ số liệu tổng hợp)",
        "minh",
        "minh",
        "minh",
    ]
    assert audit.verify(store)


def test_every_sign_in_is_audited_good_or_bad(store: Store, lan: str) -> None:
    authenticate(store, "lan", lan, now=T0, address="10.0.0.7")
    authenticate(store, "lan", wrong(lan), now=T0 + dt.timedelta(seconds=1))
    authenticate(store, "khongco", lan, now=T0 + dt.timedelta(seconds=2))
    assert log(store, "signin") == [
        ("lan", "hr", "signin", "ok"),
        ("lan", "hr", "signin", "failed"),
        ("khongco", None, "signin", "failed"),
    ]
    assert log(store, "signin", ("detail", "address")) == [
        (None, "10.0.0.7"),
        ("Sai mật khẩu lần 1", None),
        ("Sai tên đăng nhập hoặc mật khẩu", None),
    ]


def test_a_lock_and_a_refusal_while_locked_are_audited(store: Store, lan: str) -> None:
    for attempt in range(5):
        authenticate(store, "lan", wrong(lan), now=T0 + dt.timedelta(seconds=attempt))
    authenticate(store, "lan", lan, now=T0 + dt.timedelta(minutes=1))
    assert log(store, "signin", ("outcome", "detail"))[3:] == [
        ("failed", "Sai mật khẩu lần 4"),
        ("failed", "Sai mật khẩu lần 5; tạm khóa 15 phút"),
        ("failed", "Tài khoản đang tạm khóa"),
    ]
