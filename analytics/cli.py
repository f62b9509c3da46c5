"""Command line for scripts and checks: ``python -m analytics init|demo|import|sql|export``.

Exit codes: 0 done (imported or unchanged), 1 rejected, 2 usage error, 3 the database file is
held by another process (any command; last line ``{"status": "busy", "message": …}``).
``import`` prints the errors and warnings in Vietnamese, then, as its last line, one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from analytics import filters
from analytics.ingest import kinds
from analytics.labels import EXPORT_VIEWS
from analytics.store import DatabaseBusy, Store, default_db_path


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"Lỗi cú pháp: {message}", file=sys.stderr)
        raise SystemExit(2)


def _date(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        try:
            return dt.date.fromisoformat(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"ngày '{text}' không hợp lệ (dd/mm/yyyy)") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analytics", description="Dữ liệu đội ngũ cán bộ, công chức")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def db_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            type=Path,
            default=None,
            help="tệp DuckDB (mặc định: ANALYTICS_DB hoặc data/analytics.duckdb)",
        )

    db_arg(sub.add_parser("init", help="tạo cơ sở dữ liệu trống (hoặc nâng cấp lược đồ)"))
    demo = sub.add_parser("demo", help="tạo phường mẫu qua các bộ nhập thật")
    db_arg(demo)
    demo.add_argument(
        "--files", type=Path, default=None, help="thư mục ghi các tệp mẫu (mặc định data/demo)"
    )
    demo.add_argument(
        "--one-ward",
        action="store_true",
        help="chỉ phường mẫu Việt Hòa (không thêm phường thứ hai Tân Hưng; tài khoản không gắn phường)",
    )

    imp = sub.add_parser("import", help="nhập một tệp")
    imp.add_argument("kind", choices=kinds.KINDS)
    imp.add_argument("file", type=Path)
    db_arg(imp)
    imp.add_argument("--sheet")
    imp.add_argument("--year", type=int)
    imp.add_argument(
        "--period", help="kỳ đánh giá: 'tháng 12 năm 2025', 'quý IV năm 2025' hoặc 'năm 2025'"
    )
    imp.add_argument("--ward")
    imp.add_argument(
        "--as-of", type=_date, dest="as_of", help="ngày số liệu của danh sách (dd/mm/yyyy)"
    )
    imp.add_argument("--by", dest="imported_by", help="người nhập")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")

    undo = sub.add_parser("undo", help="hoàn tác một lần nhập (dữ liệu trở lại như trước đó)")
    undo.add_argument("import_id", type=int)
    db_arg(undo)

    user = sub.add_parser(
        "user", help="tài khoản đăng nhập: add | disable | enable | reset-password | list"
    )
    user_sub = user.add_subparsers(dest="user_command", required=True, parser_class=_Parser)
    add = user_sub.add_parser("add", help="tạo tài khoản (mật khẩu đọc từ đầu vào chuẩn)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["leader", "hr", "unit_head", "viewer"])
    add.add_argument("--unit", help="đơn vị (bắt buộc với unit_head)")
    add.add_argument("--ward", help="phường/xã của tài khoản (bỏ trống: mọi phường/xã)")
    add.add_argument("--password-stdin", action="store_true", dest="password_stdin", required=True)
    db_arg(add)
    for name, text in (
        ("disable", "khóa tài khoản"),
        ("enable", "mở lại tài khoản đã khóa"),
    ):
        p = user_sub.add_parser(name, help=text)
        p.add_argument("name")
        db_arg(p)
    reset = user_sub.add_parser("reset-password", help="đặt mật khẩu mới (đọc từ đầu vào chuẩn)")
    reset.add_argument("name")
    reset.add_argument(
        "--password-stdin", action="store_true", dest="password_stdin", required=True
    )
    db_arg(reset)
    db_arg(user_sub.add_parser("list", help="liệt kê tài khoản (không có mật khẩu)"))

    sql = sub.add_parser("sql", help="truy vấn chỉ đọc")
    sql.add_argument("query")
    db_arg(sql)
    sql.add_argument("--format", choices=["csv", "json"], default="csv")

    exp = sub.add_parser("export", help="xuất tệp cho cuộc họp: Excel, PDF, ảnh biểu đồ")
    exp.add_argument(
        "kind",
        choices=["xlsx", "pdf", "zip", "png", "training"],
        help="xlsx | pdf | zip (ảnh + CSV) | png (một biểu đồ) | training (kế hoạch đào tạo, "
        "bồi dưỡng .xlsx)",
    )
    db_arg(exp)
    exp.add_argument(
        "--out", required=True, help="tệp ghi ra (hoặc thư mục, có '/' ở cuối: tên tệp tự đặt)"
    )
    exp.add_argument(
        "--view",
        default="toan-bo",
        help="màn hình: " + ", ".join(EXPORT_VIEWS),
    )
    exp.add_argument("--chart", help="tên biểu đồ (với png)")
    filters.add_arguments(exp)  # --province --ward --unit … --year: analytics.filters.FILTERS
    exp.add_argument("--role", choices=["leader", "hr", "unit_head", "viewer"], default="leader")
    exp.add_argument("--role-unit", help="đơn vị của trưởng đơn vị (với --role unit_head)")
    exp.add_argument("--by", dest="made_by", help="người lập")
    exp.add_argument("--today", type=_date, help="ngày xét tình trạng kế hoạch (mặc định hôm nay)")
    exp.add_argument("--no-images", action="store_true", help="không vẽ ảnh biểu đồ")
    exp.add_argument("--no-archive", action="store_true", help="không lưu vào kho bản xuất")

    bench = sub.add_parser(
        "bench", help="đo tốc độ trên dữ liệu giả lập: nhập tệp, truy vấn, màn hình, xuất tệp"
    )
    bench.add_argument(
        "--scale",
        choices=["ward", "city", "national"],
        default="ward",
        help="quy mô: ward (1 phường, 40 người), city (114 phường/xã, 8.000 người), "
        "national (3.321 phường/xã, 212.000 người)",
    )
    bench.add_argument("--out", type=Path, help="ghi kết quả JSON vào tệp này")
    bench.add_argument(
        "--repeat", type=int, default=10, help="số lần gọi mỗi truy vấn (trung vị, p95)"
    )
    bench.add_argument(
        "--db",
        type=Path,
        default=None,
        help="tệp DuckDB tạo mới cho phép đo (mặc định benchmarks/.cache/bench_<quy mô>.duckdb)",
    )
    bench.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["import", "queries", "screens", "exports"],
        help="bỏ qua một phần đo (lặp lại được): import, queries, screens, exports",
    )
    bench.add_argument(
        "--export-timeout",
        type=float,
        default=600.0,
        dest="export_timeout",
        help="dừng một lần xuất tệp chạy quá số giây này (mặc định 600)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db = args.db or default_db_path()
    try:
        return _command(args, db)
    except DatabaseBusy as busy:  # every command opens the file through Store
        print(busy.message, file=sys.stderr)
        print(json.dumps({"status": "busy", "message": busy.message}, ensure_ascii=False))
        return 3


def _command(args: argparse.Namespace, db: Path) -> int:
    if args.command == "init":
        with Store(db) as store:
            print(f"Cơ sở dữ liệu {db}: lược đồ phiên bản {store.schema_version()}.")
        return 0
    if args.command == "demo":
        from analytics.accounts import DEMO_ACCOUNTS, DEMO_CITY_ACCOUNT, create_demo_accounts
        from analytics.demo import DEMO_WARD_NAME, build_demo
        from analytics.policy import role_label

        results = build_demo(db, args.files, second_ward=not args.one_ward)
        for result in results:
            print(result.message())
        with Store(db) as store:
            made = create_demo_accounts(store, ward=None if args.one_ward else DEMO_WARD_NAME)
        if made:
            print(
                "Tài khoản mẫu (mỗi vai trò một tài khoản). Mật khẩu chỉ in MỘT LẦN ở đây và "
                "không được lưu ở đâu dưới dạng chữ; quên thì đặt lại bằng "
                "'python -m analytics user reset-password TÊN --password-stdin':"
            )
            roles = {name: (role, unit) for name, role, unit in DEMO_ACCOUNTS}
            city = DEMO_CITY_ACCOUNT[0]
            for username, password in made.items():
                if username == city:
                    label = role_label(DEMO_CITY_ACCOUNT[1]) + " — mọi phường (Sở Nội vụ)"
                else:
                    role, unit = roles[username]
                    label = role_label(role) + (f" — {unit}" if unit else "")
                    if not args.one_ward:
                        label += f" — {DEMO_WARD_NAME}"
                print(f"  {username:<12} {password:<20} {label}")
        return 0 if all(r.ok for r in results) else 1
    if args.command == "import":
        return _import(args, db)
    if args.command == "user":
        return _user(args, db)
    if args.command == "undo":
        return _undo(args, db)
    if args.command == "sql":
        return _sql(args, db)
    if args.command == "export":
        return _export(args, db)
    if args.command == "bench":
        from analytics.bench.measure import run

        # args.db, not db: the benchmark makes its own database, never the default one
        return run(
            args.scale,
            db=args.db,
            out=args.out,
            repeat=args.repeat,
            skip=args.skip,
            export_timeout=args.export_timeout,
        )
    return 2


def _import(args: argparse.Namespace, db: Path) -> int:
    from analytics.ingest.importer import ImportOptions, import_file

    options = ImportOptions(
        sheet=args.sheet,
        year=args.year,
        period=args.period,
        ward=args.ward,
        as_of=args.as_of,
        dry_run=args.dry_run,
        imported_by=args.imported_by,
    )
    with Store(db) as store:
        result = import_file(store, args.kind, args.file, options)
    for issue in result.errors:
        print(f"LỖI: {issue.text()}", file=sys.stderr)
    for issue in result.warnings:
        print(f"CẢNH BÁO: {issue.text()}", file=sys.stderr)
    print(result.message())
    print(json.dumps(result.as_json(), ensure_ascii=False, default=str))
    return 1 if result.status == "rejected" else 0


def _sql(args: argparse.Namespace, db: Path) -> int:
    """A read-only query; its rows as CSV (neutralised for spreadsheets) or a JSON array. A query
    that fails prints why on stderr and, as its last line on stdout, one JSON object: status
    ``refused`` (it tried to write, reach a file or change a setting) or ``error``."""
    import duckdb

    from analytics import csv_safe

    try:
        store = Store(db, read_only=True)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    with store:
        try:
            with store.cursor() as cur:
                relation = cur.execute(args.query)
                columns = [d[0] for d in relation.description or []]
                rows = relation.fetchall()
        except duckdb.Error as exc:
            reason = str(exc)
            if _is_refusal(exc):
                status, message = "refused", f"{SQL_READ_ONLY} Lý do: {reason}"
                print(f"Lỗi truy vấn: {SQL_READ_ONLY}\nLý do: {reason}", file=sys.stderr)
            else:
                status, message = "error", f"Lỗi truy vấn: {reason}"
                print(message, file=sys.stderr)
            print(json.dumps({"status": status, "message": message}, ensure_ascii=False))
            return 1
    if args.format == "json":
        print(
            json.dumps(
                [dict(zip(columns, row, strict=True)) for row in rows],
                ensure_ascii=False,
                default=str,
            )
        )
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        csv_safe.write_rows(writer, [columns, *rows])
    return 0


SQL_READ_ONLY = (
    "Lệnh sql chỉ được đọc dữ liệu trong cơ sở dữ liệu: không ghi tệp, không đọc tệp ngoài, "
    "không đổi cấu hình, không sửa dữ liệu."
)


def _is_refusal(exc: Exception) -> bool:
    """DuckDB said no because the connection is read-only and locked (analytics.store), not
    because the query is wrong."""
    import duckdb

    if isinstance(exc, duckdb.PermissionException):  # a file, the network, an extension
        return True
    text = str(exc)
    return isinstance(exc, duckdb.InvalidInputException) and (
        "configuration has been locked" in text or "read-only mode" in text
    )


def _export(args: argparse.Namespace, db: Path) -> int:
    """Write the same files the dashboard's export buttons make, for a scheduled meeting pack."""
    import duckdb

    from analytics import queries
    from analytics.export import VIEWS, make_export
    from analytics.export.images import ChartImagesUnavailable
    from analytics.export.pdf import FontNotFound
    from analytics.scope import Scope

    if args.view not in VIEWS:
        print(
            f"Màn hình '{args.view}' không hợp lệ. Chọn một trong: {', '.join(VIEWS)}",
            file=sys.stderr,
        )
        return 2
    if args.kind == "png" and not args.chart:
        from analytics.export import CHARTS

        print(f"Cần --chart với png. Có: {', '.join(c.name for c in CHARTS)}", file=sys.stderr)
        return 2
    if not Path(db).exists():
        print(f"Không tìm thấy cơ sở dữ liệu: {db}", file=sys.stderr)
        return 2
    chosen = filters.from_arguments(args)
    try:
        store = Store(
            db
        )  # read-write even with --no-archive: the export is written to the audit log
    except duckdb.IOException as exc:
        print(
            f"Không mở được cơ sở dữ liệu {db} (có thể ứng dụng khác đang mở để ghi): {exc}",
            file=sys.stderr,
        )
        return 1
    with store:
        options = queries.filter_options(store)
        provinces = filters.ward_provinces(store)
        for spec, unknown, allowed in filters.unknown_values(chosen, options, provinces.values()):
            print(
                f"{spec.flag} không có trong dữ liệu: {', '.join(unknown)}. Có: {', '.join(allowed)}",
                file=sys.stderr,
            )
            return 2
        province = chosen["province"]
        scope = Scope(
            **chosen,  # type: ignore[arg-type]
            province_wards=tuple(w for w in options["wards"] if provinces.get(w) == province),
            role=args.role,
            role_unit=args.role_unit,
        )
        if args.kind == "training":
            return _export_training(args, store, scope)
        try:
            made = make_export(
                store,
                scope,
                args.kind,
                view=args.view,
                today=args.today or dt.date.today(),
                made_by=args.made_by,
                chart_images=not args.no_images,
                chart=args.chart,
                record=not args.no_archive,
            )
        except (FontNotFound, ChartImagesUnavailable, ValueError) as exc:
            print(f"LỖI: {exc}", file=sys.stderr)
            return 1
    folder = args.out.endswith(("/", "\\")) or Path(args.out).is_dir()
    out = Path(args.out) / made.file_name if folder else Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(made.data)
    for note in made.notes:
        print(f"LƯU Ý: {note}", file=sys.stderr)
    kept = f"; lưu vào kho bản xuất số {made.export_id}" if made.export_id else ""
    print(f"Đã ghi {out} ({len(made.data) / 1024:.0f} KB){kept}.")
    print(
        json.dumps(
            {
                "file": str(out),
                "bytes": len(made.data),
                "export_id": made.export_id,
                "notes": made.notes,
            },
            ensure_ascii=False,
        )
    )
    return 0


def _export_training(args: argparse.Namespace, store: Store, scope: Any) -> int:
    """The training plan (analytics.export.training_plan) at --today, written to --out."""
    from analytics import audit
    from analytics.export.training_plan import training_plan_bytes
    from analytics.policy import Action
    from analytics.scope import OPERATOR, ScopeError

    on = args.today or dt.date.today()
    try:
        scope.require(Action.EXPORT)
        data = training_plan_bytes(store, scope, on=on, made_by=args.made_by)
    except ScopeError as exc:
        print(f"LỖI: {exc}", file=sys.stderr)
        return 1
    name = f"ke_hoach_dao_tao_boi_duong_{on:%Y-%m-%d}.xlsx"
    folder = args.out.endswith(("/", "\\")) or Path(args.out).is_dir()
    out = Path(args.out) / name if folder else Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    audit.record(
        store, OPERATOR.username, OPERATOR.role, "export", detail=f"{name} ({scope.describe()})"
    )
    print(f"Đã ghi {out} ({len(data) / 1024:.0f} KB).")
    print(json.dumps({"file": str(out), "bytes": len(data)}, ensure_ascii=False))
    return 0


def _user(args: argparse.Namespace, db: Path) -> int:
    """Accounts from the command line; the last line is one JSON object (status, message…)."""
    from analytics import accounts

    def done(status: str, message: str, code: int, **extra: object) -> int:
        print(message, file=sys.stderr if code else sys.stdout)
        print(json.dumps({"status": status, "message": message, **extra}, ensure_ascii=False,
                         default=str))  # fmt: skip
        return code

    def password() -> str:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line

    command = args.user_command
    if command != "add" and not Path(db).exists():
        return done("rejected", f"Không tìm thấy cơ sở dữ liệu: {db}", 2)
    with Store(db) as store:
        try:
            if command == "add":
                account = accounts.add_user(
                    store, args.name, password(), args.role, unit=args.unit, ward=args.ward
                )
                unknown = accounts.unknown_scope(store, account)
                return done(
                    "created",
                    f"Đã tạo tài khoản {account.label}."
                    + (f" LƯU Ý: {unknown}" if unknown else ""),
                    0,
                    user=account.username,
                    role=account.role,
                    unit=account.unit,
                    ward=account.ward,
                )
            if command in ("disable", "enable"):
                accounts.set_active(store, args.name, command == "enable")
                name = accounts.normalise_username(args.name)
                verb = "mở lại" if command == "enable" else "khóa"
                status = "enabled" if command == "enable" else "disabled"
                return done(status, f"Đã {verb} tài khoản {name}.", 0, user=name)
            if command == "reset-password":
                accounts.reset_password(store, args.name, password())
                name = accounts.normalise_username(args.name)
                return done("password_reset", f"Đã đặt mật khẩu mới cho {name}.", 0, user=name)
            users = accounts.list_users(store)
        except accounts.AccountError as exc:
            return done("rejected", f"LỖI: {exc}", 1)
    rows = users.astype(object).where(users.notna(), None).to_dict("records")
    for row in rows:
        state = "đang dùng" if row["active"] else "đã khóa"
        where = ", ".join(str(x) for x in (row["unit"], row["ward"]) if x) or "mọi phường/xã"
        print(f"{row['username']:<20} {row['role']:<10} {state:<10} {where}")
    return done("listed", f"{len(rows)} tài khoản.", 0, users=rows)


def _undo(args: argparse.Namespace, db: Path) -> int:
    """Undo one import; the last line is JSON (status undone | rejected)."""
    from analytics.ingest.importer import UndoRefused, undo_import

    if not Path(db).exists():
        print(f"Không tìm thấy cơ sở dữ liệu: {db}", file=sys.stderr)
        return 2
    with Store(db) as store:
        try:
            done = undo_import(store, args.import_id)
        except UndoRefused as exc:
            print(f"LỖI: {exc}", file=sys.stderr)
            print(json.dumps({"status": "rejected", "import_id": args.import_id,
                              "message": str(exc)}, ensure_ascii=False))  # fmt: skip
            return 1
    print(done.message())
    print(
        json.dumps(
            {
                "status": "undone",
                "import_id": done.import_id,
                "kind": done.kind,
                "file": done.file_name,
                "rows_removed": done.rows_removed,
                "message": done.message(),
            },
            ensure_ascii=False,
        )
    )
    return 0
