"""Command line for scripts and checks: ``python -m analytics init|demo|import|sql``.

Exit codes: 0 done (imported or unchanged), 1 rejected, 2 usage error. ``import`` prints the
errors and warnings in Vietnamese, then, as its last line, one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

from analytics.store import Store, default_db_path


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
        p.add_argument("--db", type=Path, default=None, help="tệp DuckDB (mặc định: ANALYTICS_DB hoặc data/analytics.duckdb)")

    db_arg(sub.add_parser("init", help="tạo cơ sở dữ liệu trống (hoặc nâng cấp lược đồ)"))
    demo = sub.add_parser("demo", help="tạo phường mẫu qua các bộ nhập thật")
    db_arg(demo)
    demo.add_argument("--files", type=Path, default=None, help="thư mục ghi các tệp mẫu (mặc định data/demo)")

    imp = sub.add_parser("import", help="nhập một tệp")
    imp.add_argument("kind", choices=["roster", "evaluation", "plan", "progress"])
    imp.add_argument("file", type=Path)
    db_arg(imp)
    imp.add_argument("--sheet")
    imp.add_argument("--year", type=int)
    imp.add_argument("--ward")
    imp.add_argument("--as-of", type=_date, dest="as_of", help="ngày số liệu của danh sách (dd/mm/yyyy)")
    imp.add_argument("--by", dest="imported_by", help="người nhập")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")

    sql = sub.add_parser("sql", help="truy vấn chỉ đọc")
    sql.add_argument("query")
    db_arg(sql)
    sql.add_argument("--format", choices=["csv", "json"], default="csv")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db = args.db or default_db_path()
    if args.command == "init":
        with Store(db) as store:
            print(f"Cơ sở dữ liệu {db}: lược đồ phiên bản {store.schema_version()}.")
        return 0
    if args.command == "demo":
        from analytics.demo import build_demo

        results = build_demo(db, args.files)
        for result in results:
            print(result.message())
        return 0 if all(r.ok for r in results) else 1
    if args.command == "import":
        return _import(args, db)
    if args.command == "sql":
        return _sql(args, db)
    return 2


def _import(args: argparse.Namespace, db: Path) -> int:
    from analytics.ingest.importer import ImportOptions, import_file

    options = ImportOptions(
        sheet=args.sheet,
        year=args.year,
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
    import duckdb

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
            print(f"Lỗi truy vấn: {exc}", file=sys.stderr)
            return 1
    if args.format == "json":
        print(json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, default=str))
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    return 0
