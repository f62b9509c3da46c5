"""Accounts from the command line: ``python -m analytics user add|disable|enable|reset-password|
list`` (exit 0 done, 1 refused, 2 usage; the last line one JSON object with "status") and the
demo accounts ``python -m analytics demo`` prints once."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from analytics import accounts, audit
from analytics.accounts import generate_password
from analytics.cli import main
from analytics.store import Store
from tests.rows import add_roster
from tests.test_cli import last_json

# cli("user", "add", …, stdin=…) -> (exit code, stdout, stderr)
Cli = Callable[..., tuple[int, str, str]]
ROOT = Path(__file__).resolve().parent.parent
VHXH = "Phòng Văn hóa – Xã hội"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "du_lieu" / "cbcc.duckdb"


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *argv: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: Path) -> Cli:
    """``cli("user", "add", …, stdin=…)`` with ``--db`` added: (exit code, stdout, stderr)."""

    def call(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        return run(capsys, monkeypatch, *argv, "--db", str(db), stdin=stdin)

    return call


def signs_in(db: Path, name: str, password: str) -> bool:
    with Store(db) as store:
        return accounts.authenticate(store, name, password).account is not None


# ---------------------------------------------------------------- add
def test_user_add_reads_the_password_from_stdin_and_prints_the_account(cli: Cli, db: Path) -> None:
    password = generate_password()
    code, out, _ = cli(
        "user", "add", "Lan", "--role", "unit_head", "--unit", VHXH,
        "--ward", "PHƯỜNG VIỆT HOÀ", "--password-stdin", stdin=password + "\n",
    )  # fmt: skip
    assert code == 0
    payload = last_json(out)
    assert {k: payload[k] for k in ("status", "user", "role", "unit", "ward")} == {
        "status": "created",
        "user": "lan",
        "role": "unit_head",
        "unit": VHXH,
        "ward": "Phường Việt Hòa",
    }
    assert password not in out
    assert signs_in(db, "lan", password)


def test_user_add_takes_the_password_without_its_newline_only(cli: Cli, db: Path) -> None:
    password = "  " + generate_password() + " "  # spaces are part of the password
    code, _, _ = cli(
        "user", "add", "lan", "--role", "hr", "--password-stdin", stdin=password + "\n"
    )
    assert code == 0
    assert signs_in(db, "lan", password)
    assert not signs_in(db, "lan", password.strip())


def test_user_add_warns_when_the_unit_is_not_in_the_roster(cli: Cli, db: Path) -> None:
    with Store(db) as store:
        add_roster(store, [{"staff_id": "a", "full_name": "Nguyễn Văn An", "unit": VHXH}])
    code, out, _ = cli(
        "user", "add", "lan", "--role", "unit_head", "--unit", "Phòng Không Có",
        "--password-stdin", stdin=generate_password(),
    )  # fmt: skip
    assert code == 0  # made all the same: the roster may come later
    assert (
        "LƯU Ý: đơn vị 'Phòng Không Có' chưa có trong danh sách đã nhập"
        in last_json(out)["message"]
    )
    code, out, _ = cli(
        "user", "add", "minh", "--role", "unit_head", "--unit", VHXH,
        "--password-stdin", stdin=generate_password(),
    )  # fmt: skip
    assert code == 0
    assert "LƯU Ý" not in last_json(out)["message"]


def test_a_weak_password_is_rejected_with_exit_1(cli: Cli, db: Path) -> None:
    code, out, err = cli(
        "user",
        "add",
        "lan",
        "--role",
        "hr",
        "--password-stdin",
        stdin=generate_password()[:9] + "\n",
    )
    assert code == 1
    assert last_json(out)["status"] == "rejected"
    assert "ít nhất 10 ký tự" in err
    with Store(db) as store:
        assert store.execute("select count(*) from accounts") == [(0,)]


def test_a_unit_head_without_a_unit_is_rejected_with_exit_1(cli: Cli) -> None:
    code, out, _ = cli(
        "user", "add", "tp", "--role", "unit_head", "--password-stdin", stdin=generate_password()
    )
    assert (code, last_json(out)["status"]) == (1, "rejected")


def test_a_duplicate_name_is_rejected_with_exit_1(cli: Cli) -> None:
    cli("user", "add", "lan", "--role", "hr", "--password-stdin", stdin=generate_password())
    code, out, _ = cli(
        "user", "add", "LAN", "--role", "viewer", "--password-stdin", stdin=generate_password()
    )
    assert (code, last_json(out)["status"]) == (1, "rejected")
    assert "đã có" in last_json(out)["message"]


def test_user_add_without_password_stdin_is_a_usage_error(cli: Cli, db: Path) -> None:
    code, _, err = cli("user", "add", "lan", "--role", "hr", stdin=generate_password())
    assert code == 2
    assert "--password-stdin" in err
    assert not db.exists()


def test_user_add_with_an_unknown_role_is_a_usage_error(cli: Cli) -> None:
    code, _, _ = cli(
        "user", "add", "lan", "--role", "admin", "--password-stdin", stdin=generate_password()
    )
    assert code == 2


# ---------------------------------------------------------------- disable, enable, reset, list
@pytest.fixture
def lan(cli: Cli) -> str:
    """A leader 'lan' made through the command line; returns the password."""
    password = generate_password()
    code, _, _ = cli("user", "add", "lan", "--role", "leader", "--password-stdin", stdin=password)
    assert code == 0
    return password


def test_disable_and_enable(cli: Cli, db: Path, lan: str) -> None:
    code, out, _ = cli("user", "disable", "Lan")
    assert (code, last_json(out)["status"], last_json(out)["user"]) == (0, "disabled", "lan")
    assert not signs_in(db, "lan", lan)
    code, out, _ = cli("user", "enable", "lan")
    assert (code, last_json(out)["status"]) == (0, "enabled")
    assert signs_in(db, "lan", lan)


def test_reset_password_reads_the_new_one_from_stdin(cli: Cli, db: Path, lan: str) -> None:
    new = generate_password()
    code, out, _ = cli("user", "reset-password", "lan", "--password-stdin", stdin=new + "\n")
    assert (code, last_json(out)["status"]) == (0, "password_reset")
    assert new not in out
    assert signs_in(db, "lan", new)
    assert not signs_in(db, "lan", lan)


def test_reset_password_with_a_weak_one_is_rejected_and_keeps_the_old(
    cli: Cli,
    db: Path,
    lan: str,
) -> None:
    code, out, _ = cli(
        "user", "reset-password", "lan", "--password-stdin", stdin=generate_password()[:9]
    )
    assert (code, last_json(out)["status"]) == (1, "rejected")
    assert signs_in(db, "lan", lan)


def test_reset_password_without_password_stdin_is_a_usage_error(cli: Cli, lan: str) -> None:
    code, _, _ = cli("user", "reset-password", "lan", stdin=generate_password())
    assert code == 2


def test_changing_an_unknown_account_is_rejected_with_exit_1(cli: Cli, lan: str) -> None:
    code, out, _ = cli("user", "disable", "khongco")
    assert (code, last_json(out)["status"]) == (1, "rejected")


def test_changing_an_account_in_a_missing_database_exits_2(cli: Cli, db: Path) -> None:
    code, out, _ = cli("user", "disable", "lan")
    assert (code, last_json(out)["status"]) == (2, "rejected")
    assert not db.exists()


def test_list_shows_every_account_without_hash_or_password(cli: Cli, db: Path, lan: str) -> None:
    second = generate_password()
    cli(
        "user",
        "add",
        "minh",
        "--role",
        "unit_head",
        "--unit",
        VHXH,
        "--password-stdin",
        stdin=second,
    )
    cli("user", "disable", "minh")
    code, out, _ = cli("user", "list")
    assert code == 0
    payload = last_json(out)
    assert payload["status"] == "listed"
    users = payload["users"]
    assert [(u["username"], u["role"], u["active"], u["unit"]) for u in users] == [
        ("lan", "leader", True, None),
        ("minh", "unit_head", False, VHXH),
    ]
    assert not any("hash" in key for user in users for key in user)
    assert lan not in out and second not in out
    assert "$argon2" not in out


def test_every_command_line_change_is_audited_as_the_operator(cli: Cli, db: Path, lan: str) -> None:
    cli("user", "disable", "lan")
    cli("user", "enable", "lan")
    cli("user", "reset-password", "lan", "--password-stdin", stdin=generate_password())
    with Store(db) as store:
        frame = audit.entries(store)
        assert list(frame["action"])[::-1] == [
            "account_add",
            "account_disable",
            "account_enable",
            "account_password",
        ]
        assert set(frame["username"]) == {"dòng lệnh"}
        assert audit.verify(store)


# ---------------------------------------------------------------- demo, as a real process
def python_m_analytics(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )


def printed_accounts(out: str) -> dict[str, str]:
    """username -> password from the indented lines under the demo's accounts heading (each
    starts with the name and the password; a role label may follow)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Tài khoản mẫu"))
    words = [line.split() for line in lines[start + 1 :] if line.startswith("  ")]
    return {w[0]: w[1] for w in words}


@pytest.mark.slow
def test_demo_prints_the_accounts_once(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    first = python_m_analytics("demo", "--db", str(db), "--files", str(tmp_path / "files"))
    assert first.returncode == 0, first.stderr
    made = printed_accounts(first.stdout)
    # one per role for Việt Hòa, and the city's account seeing both wards
    assert set(made) == {"lanhdao", "tochuc", "truongphong", "xem", "sonoivu"}
    assert len(set(made.values())) == 5

    second = python_m_analytics("demo", "--db", str(db), "--files", str(tmp_path / "files"))
    assert second.returncode == 0, second.stderr
    assert "Tài khoản mẫu" not in second.stdout
    assert not any(password in second.stdout + second.stderr for password in made.values())

    with Store(db) as store:
        roles = {
            name: accounts.authenticate(store, name, password).account
            for name, password in made.items()
        }
    assert {name: a.role if a else None for name, a in roles.items()} == {
        "lanhdao": "leader",
        "tochuc": "hr",
        "truongphong": "unit_head",
        "xem": "viewer",
        "sonoivu": "leader",
    }
    wards = {name: a.ward for name, a in roles.items() if a}
    assert wards == {**dict.fromkeys(("lanhdao", "tochuc", "truongphong", "xem"),
                                     "Phường Việt Hòa"), "sonoivu": None}  # fmt: skip
    with Store(db) as store:
        # Việt Hòa's 40 people of 30/09/2026 and Tân Hưng's 31 of 30/06/2026 (its 33 posts, less
        # the one who retired on 01/01/2026 and the one hired on 17/08/2026: analytics.demo_city)
        assert store.execute("select ward, count(*), any_value(as_of) from staff group by ward "
                             "order by ward") == [
            ("Phường Tân Hưng", 31, dt.date(2026, 6, 30)),
            ("Phường Việt Hòa", 40, dt.date(2026, 9, 30)),
        ]  # fmt: skip


@pytest.mark.slow
def test_demo_of_one_ward_keeps_the_accounts_untied(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    run = python_m_analytics(
        "demo", "--one-ward", "--db", str(db), "--files", str(tmp_path / "files")
    )
    assert run.returncode == 0, run.stderr
    assert set(printed_accounts(run.stdout)) == {"lanhdao", "tochuc", "truongphong", "xem"}
    with Store(db) as store:
        assert store.execute("select distinct ward from staff") == [("Phường Việt Hòa",)]
        assert store.execute("select count(*) from accounts where ward is not null") == [(0,)]
