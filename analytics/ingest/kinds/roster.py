"""The roster import kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa

from analytics import categories as cat
from analytics.demo_files import write_official_roster
from analytics.ingest import normalize as norm
from analytics.ingest import steps
from analytics.ingest.dates import ParsedDate, StartDate, as_of_from_text, parse_start_date
from analytics.ingest.headers import BIRTH, NAME, POSITION, SEQ, STAFF_ID, UNIT, WARD, FieldSpec
from analytics.ingest.issues import Issue
from analytics.ingest.kinds.base import (
    TEMPLATE_DATE,
    Guide,
    ImportKind,
    ImportOptions,
    Parsed,
    join_values,
)
from analytics.ingest.readers import Workbook, column_letter
from analytics.ingest.sheet import Table
from analytics.ingest.steps import sql_text
from analytics.names import sort_key
from analytics.store import Store

FIELDS: tuple[FieldSpec, ...] = (
    SEQ,
    STAFF_ID,
    NAME,
    BIRTH,
    FieldSpec("gender", "Giới tính", ("gioi tinh", "nam nu", "gioi")),
    WARD,
    UNIT,
    POSITION,
    FieldSpec(
        "field",
        "Lĩnh vực",
        (
            "linh vuc",
            "linh vuc phu trach",
            "linh vuc cong tac",
            "vi tri viec lam",
            "nhiem vu phu trach",
            "cong viec phu trach",
        ),
        ("linh vuc", "vi tri viec lam"),
    ),
    FieldSpec(
        "education",
        "Trình độ chuyên môn",
        (
            "trinh do chuyen mon",
            "trinh do cm",
            "chuyen mon",
            "trinh do dao tao",
            "tdcm",
            "trinh do chuyen mon nghiep vu",
            "van bang",
        ),
        ("chuyen mon",),
    ),
    FieldSpec(
        "major",
        "Chuyên ngành",
        ("chuyen nganh", "nganh dao tao", "nganh", "chuyen nganh dao tao"),
        ("chuyen nganh", "nganh dao tao"),
    ),
    FieldSpec(
        "political_theory",
        "Lý luận chính trị",
        (
            "ly luan chinh tri",
            "llct",
            "trinh do llct",
            "trinh do ly luan chinh tri",
            "chinh tri",
            "ly luan",
        ),
        ("ly luan", "llct"),
    ),
    FieldSpec(
        "state_management",
        "Quản lý nhà nước",
        (
            "quan ly nha nuoc",
            "qlnn",
            "trinh do qlnn",
            "trinh do quan ly nha nuoc",
            "boi duong qlnn",
        ),
        ("quan ly nha nuoc", "qlnn"),
    ),
    FieldSpec(
        "it_skill", "Tin học", ("tin hoc", "trinh do tin hoc", "ung dung cntt"), ("tin hoc",)
    ),
    FieldSpec("foreign_language", "Ngoại ngữ", ("ngoai ngu", "trinh do ngoai ngu"), ("ngoai ngu",)),
    FieldSpec(
        "rank",
        "Ngạch",
        ("ngach", "ma ngach", "ngach cong chuc", "ngach bac", "ngach luong"),
        ("ngach",),
    ),
    FieldSpec(
        "party_member",
        "Đảng viên",
        ("dang vien", "ngay vao dang", "dang", "la dang vien"),
        ("dang vien", "vao dang"),
    ),
    FieldSpec("ethnicity", "Dân tộc", ("dan toc",)),
    FieldSpec("religion", "Tôn giáo", ("ton giao",)),
    FieldSpec(
        "certificates",
        "Chứng chỉ khác",
        ("chung chi khac", "chung chi", "chung chi chuyen mon"),
        ("chung chi",),
    ),
    FieldSpec(
        "staff_type",
        "Cán bộ/Công chức",
        ("can bo cong chuc", "loai", "phan loai", "cb cc", "doi tuong"),
    ),
    FieldSpec("note", "Ghi chú", ("ghi chu",)),
    # A national or city roster names each ward's province or city (the sidebar groups by it).
    FieldSpec(
        "province",
        "Tỉnh/thành phố",
        ("tinh thanh pho", "tinh", "thanh pho", "tinh tp", "tinh thanh"),
    ),
    # Rotation of sensitive posts (issue 11): the day the person took their current post.
    FieldSpec(
        "post_since",
        "Giữ vị trí từ",
        (
            "giu vi tri tu",
            "giu vi tri tu ngay",
            "ngay giu vi tri",
            "thoi diem giu vi tri",
            "thoi gian giu vi tri tu",
            "ngay bat dau giu vi tri",
            "ngay nhan vi tri",
            "ngay bo nhiem",
            "ngay bo nhiem chuc vu",
            "bo nhiem tu ngay",
            "ngay bo tri vi tri",
            "dam nhiem vi tri tu",
            "ngay giu chuc vu",
            "giu chuc vu tu",
            "thoi gian bo nhiem",
        ),
        ("giu vi tri", "ngay bo nhiem", "bo nhiem tu"),
    ),
    # What keeps a person out of a streamlining review or a rotation while it lasts (NĐ 154/2025).
    FieldSpec(
        "status",
        "Tình trạng",
        ("tinh trang", "trang thai", "tinh trang hien nay", "tinh trang cong tac"),
        ("tinh trang",),
    ),
    FieldSpec(
        "child_birth",
        "Ngày sinh con nhỏ nhất",
        (
            "ngay sinh con nho nhat",
            "ngay sinh con nho",
            "ngay sinh cua con nho nhat",
            "con nho nhat sinh ngay",
            "sinh con ngay",
        ),
        ("ngay sinh con",),
    ),
)


def parse(book: Workbook, options: ImportOptions, store: Store) -> Parsed:
    sheet, header, legacy = steps.choose_table(book, KIND, options)
    table = Table.locate(book.file_name, sheet, header, "full_name")
    table.warnings.extend(legacy)
    if not table.rows:
        raise steps.no_records(table, KIND)
    title = steps.title_cells(sheet, header)
    # "tính đến ngày …" anywhere in the title block wins over a signing date above it.
    as_of = (
        options.as_of
        or steps.first(as_of_from_text(t, loose=False) for t in title)
        or steps.first(as_of_from_text(t) for t in title)
    )
    if as_of is None:
        as_of = dt.date.today()
        table.warnings.append(
            Issue(
                file=book.file_name,
                sheet=sheet.name,
                message=f"Không thấy 'tính đến ngày …' ở khối tiêu đề; coi số liệu tính đến hôm nay {as_of:%d/%m/%Y}.",
                code="ROSTER_NO_DATE",
            )
        )
    wards = steps.wards_of(table, steps.ward_from_title(title), options, store)
    n = len(table.rows)
    provinces = _provinces(table, wards)

    names = table.mapped(table.texts("full_name"), norm.person_name)
    births, genders = steps.births(table)
    check_ages(table, births, genders, as_of)
    if table.has("gender"):
        gender_col = table.mapped(table.texts("gender"), norm.gender)
    elif table.has("gender_male") or table.has("gender_female"):
        gender_col = _marked_gender(table)
    else:
        gender_col = [None] * n
    genders = [g or c for g, c in zip(genders, gender_col, strict=True)]

    units_text = table.texts("unit") if table.has("unit") else [s or "" for s in table.sections]
    units = table.mapped(units_text, norm.unit)
    positions = table.mapped(table.texts("position"), norm.position)
    leaders = table.mapped(positions, norm.is_leader)
    fields_text = table.texts("field")
    fields = table.mapped(fields_text, norm.field)

    education_text = table.texts("education")
    education = table.mapped(education_text, norm.education)
    levels = [e[0] for e in education]
    table.unrecognised(
        "education",
        education_text,
        levels,
        "Tiến sĩ, Thạc sĩ, Đại học (ĐH, Cử nhân, Kỹ sư…), Cao đẳng, Trung cấp, Sơ cấp",
    )
    majors = [e[1] for e in education]
    if table.has("major"):
        separate = table.mapped(table.texts("major"), norm.major_text)
        majors = [s or m for s, m in zip(separate, majors, strict=True)]

    political = steps.category(
        table,
        "political_theory",
        norm.political_theory,
        "Cử nhân, Cao cấp (CC), Trung cấp (TC), Sơ cấp (SC)",
    )
    state = steps.category(
        table, "state_management", norm.state_management, "CVCC, CVC, CV, Cán sự"
    )
    it_skill = steps.category(
        table, "it_skill", norm.it_skill, "Chứng chỉ A/B/C, Cơ bản, Nâng cao, TC/CĐ/ĐH CNTT"
    )
    language_text = table.texts("foreign_language")
    language = table.mapped(language_text, norm.foreign_language)
    table.unrecognised(
        "foreign_language", language_text, [x[0] for x in language], "A/B/C, bậc 1–6 hoặc A1–C2"
    )
    rank = steps.category(table, "rank", norm.rank_code, "mã ngạch 01.001–01.005 hoặc tên ngạch")
    party: list[bool | None] = (
        table.mapped(table.texts("party_member"), norm.yes_no)
        if table.has("party_member")
        else [None] * n
    )

    def plain(name: str) -> list[str | None]:
        return [v or None for v in table.texts(name)]

    staff_ids = plain("staff_id")
    post_since = _start_dates(table, "post_since", as_of, "ngày giữ vị trí")
    child_birth = _start_dates(table, "child_birth", as_of, "ngày sinh của con")
    steps.finish(table)
    rows = pa.table(
        {
            "ward": pa.array(wards, pa.string()),
            "as_of": pa.array([as_of] * n, pa.date32()),
            "source_row": pa.array([i + 1 for i in table.rows], pa.int32()),
            "staff_id": pa.array(staff_ids, pa.string()),
            "full_name": pa.array(names, pa.string()),
            "birth_date": pa.array([b.date for b in births], pa.date32()),
            "birth_year": pa.array([b.year for b in births], pa.int32()),
            "gender": pa.array(genders, pa.string()),
            "unit": pa.array(units, pa.string()),
            "position": pa.array(positions, pa.string()),
            "is_leader": pa.array(leaders, pa.bool_()),
            "field": pa.array(fields, pa.string()),
            "education_level": pa.array(levels, pa.string()),
            "major": pa.array(majors, pa.string()),
            "political_theory": pa.array(political, pa.string()),
            "state_management": pa.array(state, pa.string()),
            "it_skill": pa.array(it_skill, pa.string()),
            "foreign_language": pa.array([x[0] for x in language], pa.string()),
            "language_name": pa.array([x[1] for x in language], pa.string()),
            "rank_code": pa.array(rank, pa.string()),
            "party_member": pa.array(party, pa.bool_()),
            "ethnicity": pa.array(plain("ethnicity"), pa.string()),
            "religion": pa.array(plain("religion"), pa.string()),
            "certificates": pa.array(plain("certificates"), pa.string()),
            "staff_type": pa.array(plain("staff_type"), pa.string()),
            "note": pa.array(plain("note"), pa.string()),
            "province": pa.array(provinces, pa.string()),
            "post_since": pa.array([d.date for d in post_since], pa.date32()),
            "post_since_estimated": pa.array(
                [d.estimated if d.date else None for d in post_since], pa.bool_()
            ),
            "status": pa.array(plain("status"), pa.string()),
            "child_birth": pa.array([d.date for d in child_birth], pa.date32()),
        }
    )
    return Parsed(rows, book.file_name, sheet.name, sorted(set(wards)), table.warnings, as_of=as_of)


# Ages a civil servant can have at the roster's date (Luật Cán bộ, công chức: from 18; the
# retirement age is at most 62 and a few posts extend it): outside, a typo is more likely.
MIN_AGE = 18
MAX_AGE = 70


def check_ages(
    table: Table, births: list[ParsedDate], genders: list[str | None], as_of: dt.date
) -> None:
    """Warn (the person is kept) where a birth date gives no plausible age at ``as_of``.

    Decided once per distinct birth value; rows are visited only when one is implausible.
    """
    verdicts = {birth: _age_problem(birth, as_of) for birth in set(births)}
    if not any(verdicts.values()):
        return
    for index, birth in enumerate(births):
        problem = verdicts[birth]
        if problem:
            code, message = problem
            table.at(index, steps.birth_column(table, genders, index), message, code=code)


def _age_problem(birth: ParsedDate, as_of: dt.date) -> tuple[str, str] | None:
    if birth.date is not None:
        before = (as_of.month, as_of.day) < (birth.date.month, birth.date.day)
        age = as_of.year - birth.date.year - before
        shown = f"{birth.date:%d/%m/%Y}"
    elif birth.year is not None:
        age, shown = as_of.year - birth.year, str(birth.year)
    else:
        return None
    kept = "người này vẫn được nhập, hãy kiểm tra ngày sinh."
    if age < 0:
        return "ROSTER_BIRTH_FUTURE", f"ngày sinh {shown} sau ngày số liệu {as_of:%d/%m/%Y}; {kept}"
    if age < MIN_AGE:
        return (
            "ROSTER_AGE_UNDER_18",
            f"ngày sinh {shown} cho tuổi {age} tại ngày {as_of:%d/%m/%Y}, dưới {MIN_AGE}; {kept}",
        )
    if age > MAX_AGE:
        return (
            "ROSTER_AGE_OVER_70",
            f"ngày sinh {shown} cho tuổi {age} tại ngày {as_of:%d/%m/%Y}, trên {MAX_AGE}; {kept}",
        )
    return None


def _provinces(table: Table, wards: list[str]) -> list[str | None]:
    """The province or city of each record's ward: the "Tỉnh/thành phố" column, normalised; a
    ward's blank cells take the province its other rows name. A ward whose rows name two is an
    error (ROSTER_WARD_TWO_PROVINCES) at the first cell that differs from the ward's first."""
    if not table.has("province"):
        return [None] * len(table.rows)
    names = table.mapped(table.texts("province"), norm.province_name)
    first: dict[str, int] = {}  # ward -> index of its first record naming a province
    reported: set[str] = set()  # one error per ward
    column = table.header.columns["province"]
    for index, (ward, province) in enumerate(zip(wards, names, strict=True)):
        if province is None:
            continue
        seen = first.setdefault(ward, index)
        if names[seen] != province and ward not in reported:
            reported.add(ward)
            table.at(
                index,
                "province",
                (
                    f"{ward} ghi tỉnh/thành phố '{province}' ở đây nhưng '{names[seen]}' ở ô "
                    f"{column_letter(column)}{table.row_number(seen)}. Một phường/xã chỉ thuộc "
                    "một tỉnh/thành phố: sửa các ô của phường này cho cùng một tên."
                ),
                error=True,
                code="ROSTER_WARD_TWO_PROVINCES",
            )
    return [
        province or (names[first[ward]] if ward in first else None)
        for ward, province in zip(wards, names, strict=True)
    ]


def _start_dates(table: Table, name: str, as_of: dt.date, what: str) -> list[StartDate]:
    """A column of "from" dates (dd/mm/yyyy, mm/yyyy or a year: its first day, estimated).
    An unreadable date or one after the roster's date is left empty with a warning naming the
    cell; the person is kept. Decided once per distinct value."""
    values = table.raw(name) if table.has(name) else [None] * len(table.rows)
    cache = {v: parse_start_date(v) for v in set(values)}
    dates = list(map(cache.__getitem__, values))
    if not any(d.problem or (d.date and d.date > as_of) for d in cache.values()):
        return dates
    kept = "người vẫn được nhập, ô này để trống."
    for index, day in enumerate(dates):
        if day.problem:
            table.at(
                index, name, f"{what}: {day.problem}; {kept}", code="ROSTER_START_DATE_INVALID"
            )
            dates[index] = StartDate()
        elif day.date and day.date > as_of:
            table.at(
                index,
                name,
                f"{what} {day.date:%d/%m/%Y} sau ngày số liệu {as_of:%d/%m/%Y}; {kept}",
                code="ROSTER_START_DATE_FUTURE",
            )
            dates[index] = StartDate()
    return dates


def _marked_gender(table: Table) -> list[str | None]:
    """Gender from "Giới tính" split into Nam | Nữ columns holding a mark (x)."""
    male = [bool(v) for v in table.texts("gender_male")]
    female = [bool(v) for v in table.texts("gender_female")]
    genders: list[str | None] = []
    for index, (m, f) in enumerate(zip(male, female, strict=True)):
        if m and f:
            table.at(
                index,
                "gender_female",
                "đánh dấu ở cả cột Nam và cột Nữ; chưa rõ giới tính.",
                code="GENDER_BOTH_COLUMNS",
            )
        genders.append("Nam" if m and not f else "Nữ" if f and not m else None)
    return genders


def load(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    cur.register("incoming", parsed.rows)
    # Without an id column, a person's id is derived from ward, name and birth, so it stays the
    # same across snapshots; true duplicates get a suffix in file order and a warning.
    cur.execute(
        """
        create or replace temp table keyed as
        with name_keys as (
            -- name_key once per distinct name or ward, not once per row
            select s, name_key(s) as k from (select full_name as s from incoming union select ward from incoming)
        ),
        src as (
            -- only the columns the id needs; the insert below takes the rest from incoming
            select
                i.source_row, i.ward, i.full_name, i.staff_id, i.birth_date, i.birth_year,
                n.k as full_name_key, w.k as ward_key
            from incoming as i
            left join name_keys as n on n.s = i.full_name
            left join name_keys as w on w.s = i.ward
        )
        select
            source_row,
            full_name,
            full_name_key as name_key,
            base_id,
            row_number() over (partition by ward, base_id order by source_row) as dup
        from (
            select
                i.*,
                coalesce(
                    i.staff_id,
                    -- The same person in an earlier snapshot keeps their id, even when one
                    -- snapshot knows only the birth year.
                    (
                        select min(p.staff_id)
                        from roster_rows as p
                        where p.ward = i.ward
                            and p.name_key = i.full_name_key
                            and (
                                p.birth_date = i.birth_date
                                or (
                                    p.birth_year = i.birth_year
                                    and (p.birth_date is null or i.birth_date is null)
                                )
                            )
                        having count(distinct p.staff_id) = 1
                    ),
                    upper(substr(i.ward_key, 1, 1)) || '-' ||
                    substr(md5(i.ward_key || '|' || i.full_name_key || '|' ||
                        coalesce(cast(i.birth_date as varchar), cast(i.birth_year as varchar), '')), 1, 10)
                ) as base_id
            from src as i
        )
        """
    )
    cur.execute(
        """
        insert into roster_rows
        select
            ? as import_id, i.ward, i.as_of, i.source_row,
            case when k.dup = 1 then k.base_id else k.base_id || '-' || k.dup end as staff_id,
            i.full_name, k.name_key, i.birth_date, i.birth_year, i.gender, i.unit, i.position,
            i.is_leader, i.field, i.education_level, i.major, i.political_theory, i.state_management,
            i.it_skill, i.foreign_language, i.language_name, i.rank_code, i.party_member,
            i.ethnicity, i.religion, i.certificates, i.staff_type, i.note, i.province,
            i.post_since, i.post_since_estimated, i.status, i.child_birth
        from incoming as i
        join keyed as k on k.source_row = i.source_row  -- source_row is unique: one sheet row each
        """,
        [import_id],
    )
    duplicates = cur.execute(
        "select full_name, source_row from keyed where dup > 1 order by source_row"
    ).fetchall()
    cur.execute("drop table keyed")
    cur.unregister("incoming")
    issues = [
        Issue(
            file=parsed.file_name,
            sheet=parsed.sheet,
            row=int(row),
            message=f"'{name}' trùng họ tên và ngày sinh (hoặc mã CBCC) với một dòng phía trên; kiểm tra có phải một người.",
            code="ROSTER_DUPLICATE_PERSON",
        )
        for name, row in duplicates
    ]
    changes, notes = roster_changes(cur, import_id, parsed)
    parsed.extra["changes"] = changes
    return issues + notes


# What a changed person's fields are called in the summary.
_CHANGED_LABELS = {
    "full_name": "họ tên",
    "birth": "ngày sinh",
    "gender": "giới tính",
    "unit": "đơn vị",
    "position": "chức vụ",
    "field": "lĩnh vực",
    "education": "trình độ chuyên môn",
    "political_theory": "lý luận chính trị",
    "state_management": "quản lý nhà nước",
    "it_skill": "tin học",
    "foreign_language": "ngoại ngữ",
    "rank": "ngạch",
}
# Names listed in a warning; the JSON and the screen carry every name.
_NAMES_IN_WARNING = 10


def roster_changes(cur: Any, import_id: int, parsed: Parsed) -> tuple[dict[str, Any], list[Issue]]:
    """Against each ward's current list: who joins, leaves, changes (with the fields changed).
    The people of a ward's first list are counted in ``joined`` but not listed: the whole file
    is new (a national first import would otherwise list 212,000 names).

    Runs inside the import's transaction, after the rows are in, so dry runs report it too.
    """
    rows = cur.execute(sql_text("roster_changes"), [import_id]).fetchall()
    people: dict[str, list[dict[str, Any]]] = {"joined": [], "left": [], "changed": []}
    previous: dict[str, dict[str, Any]] = {}
    older: dict[str, str] = {}
    first = 0  # people of wards whose first list this is: all join, none is listed
    for change, ward, staff_id, name, unit, fields in rows:
        if change == "first":
            first += int(staff_id)
        elif change == "previous":
            previous[ward] = {"import_id": int(staff_id), "as_of": name, "people": int(fields[0])}
        elif change == "older":
            older[ward] = name
        else:
            entry: dict[str, Any] = {
                "ward": ward, "staff_id": staff_id, "full_name": name, "unit": unit,
            }  # fmt: skip
            if change == "changed":
                entry["fields"] = [_CHANGED_LABELS.get(f, f) for f in fields]
            people[change].append(entry)
    for entries in people.values():
        entries.sort(key=lambda p: (p["ward"], sort_key(p["full_name"] or "")))
    current = sum(p["people"] for w, p in previous.items() if w not in older)
    changes: dict[str, Any] = {
        "joined": first + len(people["joined"]),
        "left": len(people["left"]),
        "changed": len(people["changed"]),
        "current": current,
        "first_list": sorted(set(parsed.wards) - set(previous)),
        "older_than_current": sorted(older),
        "previous": previous,
        "joined_people": people["joined"],
        "left_people": people["left"],
        "changed_people": people["changed"],
    }
    notes: list[Issue] = []
    for ward, as_of in older.items():
        notes.append(
            Issue(
                file=parsed.file_name,
                sheet=parsed.sheet,
                message=(
                    f"Tệp có số liệu tính đến ngày {parsed.as_of:%d/%m/%Y}, cũ hơn danh sách hiện "
                    f"hành của {ward} (tính đến ngày {as_of}): được lưu như một kỳ trước, danh "
                    "sách hiện hành không đổi."
                ),
                code="ROSTER_OLDER_THAN_CURRENT",
            )
        )
    for ward in sorted({p["ward"] for p in people["left"]}):
        leaving = [p for p in people["left"] if p["ward"] == ward]
        before = previous[ward]
        names = ", ".join(p["full_name"] for p in leaving[:_NAMES_IN_WARNING])
        more = (
            f" và {len(leaving) - _NAMES_IN_WARNING} người khác"
            if len(leaving) > _NAMES_IN_WARNING
            else ""
        )
        notes.append(
            Issue(
                file=parsed.file_name,
                sheet=parsed.sheet,
                message=(
                    f"{len(leaving)} người sẽ không còn trong danh sách hiện hành của {ward} "
                    f"(trong {before['people']} người của danh sách tính đến ngày "
                    f"{before['as_of']}, lần nhập số {before['import_id']}): {names}{more}. "
                    "Nếu tệp chỉ là một phần danh sách, đừng nhập; lần nhập nào cũng hoàn tác được."
                ),
                code="ROSTER_PEOPLE_LEAVE",
            )
        )
    return changes, notes


def _write_template(path: Path, ward: str) -> None:
    write_official_roster(
        path,
        [],
        ward=ward,
        as_of=TEMPLATE_DATE,
        sections=False,
        with_id=True,
        sheet_name="Danh sach",
    )


KIND = ImportKind(
    name="roster",
    label="danh sách cán bộ, công chức",
    fields=FIELDS,
    key_field="full_name",
    parse=parse,
    load=load,
    row_table="roster_rows",
    record="người",
    header_alternatives=(),
    template_file="mau_danh_sach_cbcc.xlsx",
    template_sheet="Danh sách",
    description=(
        "Mỗi người một dòng: mã CBCC, họ tên, đơn vị, ngày sinh (cột Nam hoặc Nữ), chức vụ, "
        "lĩnh vực, trình độ chuyên môn, lý luận chính trị, quản lý nhà nước, tin học, ngoại ngữ, "
        "ngạch, đảng viên, dân tộc, tôn giáo."
    ),
    title_notes=(
        "Ghi tên phường/xã ở ô A2 (ví dụ PHƯỜNG VIỆT HÒA) và ngày số liệu ở dòng 5 '(Số liệu "
        "tính đến ngày 30/9/2026)'; hoặc chọn phường và ngày khi nhập.",
    ),
    guides={
        "gender": Guide("Nam hoặc Nữ (khi ngày sinh ghi trong một cột 'Ngày sinh').", "Nữ"),
        "field": Guide(
            "Lĩnh vực phụ trách hoặc vị trí việc làm; dùng để đối chiếu ngành đào tạo và xác định "
            f"lĩnh vực nhạy cảm. Các lĩnh vực: {join_values(cat.FIELDS)}.",
            "Địa chính – Đất đai",
        ),
        "education": Guide(
            "Trình độ kèm chuyên ngành trong cùng ô. Trình độ: Tiến sĩ (TS); Thạc sĩ (ThS, Cao học); "
            "Đại học (ĐH, Cử nhân, CN, Kỹ sư, KS, Bác sĩ, Dược sĩ, Kiến trúc sư, Luật sư); Cao đẳng "
            "(CĐ); Trung cấp (TC); Sơ cấp (SC); Chưa qua đào tạo.",
            "Cử nhân Luật; Kỹ sư Xây dựng; ThS Quản lý đất đai; TC Kế toán",
        ),
        "major": Guide("Chuyên ngành đào tạo, nếu ghi riêng khỏi cột trình độ.", "Quản lý đất đai"),
        "political_theory": Guide(
            "Cử nhân; Cao cấp (CC); Trung cấp (TC); Sơ cấp (SC); Chưa qua đào tạo. Ở cột này 'TC' là "
            "Trung cấp lý luận chính trị.",
            "TC",
        ),
        "state_management": Guide(
            "Chuyên viên cao cấp (CVCC); Chuyên viên chính (CVC); Chuyên viên (CV); Cán sự; Chưa qua "
            "bồi dưỡng.",
            "CV",
        ),
        "it_skill": Guide(
            "Chứng chỉ A, B, C; Cơ bản, Nâng cao (TT 03/2014/TT-BTTTT); Trung cấp, Cao đẳng, Đại học "
            "CNTT.",
            "Cơ bản",
        ),
        "foreign_language": Guide(
            "Tên ngoại ngữ và trình độ: A, B, C; bậc 1–6; A1–C2; Đại học.",
            "Tiếng Anh B1; Anh bậc 3; Tiếng Anh C",
        ),
        "rank": Guide(
            "Mã ngạch hoặc tên ngạch: "
            + join_values(f"{code} {name}" for code, name in cat.RANKS.items())
            + ".",
            "01.003",
        ),
        "party_member": Guide(
            "Ghi 'x' (hoặc ngày vào Đảng) nếu là đảng viên; để trống nếu không.", "x"
        ),
        "ethnicity": Guide("Dân tộc.", "Kinh"),
        "religion": Guide("Tôn giáo, hoặc 'Không'.", "Không"),
        "certificates": Guide(
            "Chứng chỉ khác theo yêu cầu của vị trí (ví dụ kế toán trưởng); nhiều chứng chỉ cách nhau "
            "bằng dấu chấm phẩy.",
            "Kế toán trưởng",
        ),
        "staff_type": Guide("Cán bộ hoặc Công chức.", "Công chức"),
        "province": Guide(
            "Tỉnh/thành phố của phường/xã, khi một tệp gộp nhiều phường (ví dụ của cả tỉnh hay cả "
            "nước); 'TP.' được hiểu là 'Thành phố'. Các dòng của một phường ghi cùng một tên.",
            "Thành phố Hải Phòng",
        ),
        "post_since": Guide(
            "Ngày bắt đầu giữ vị trí (chức vụ, vị trí việc làm) hiện tại: ngày/tháng/năm, hoặc "
            "tháng/năm, hoặc năm (khi đó tính từ ngày đầu tháng hoặc 01/01, ghi là ước tính). "
            "Dùng để biết ai ở lĩnh vực nhạy cảm đến hạn định kỳ chuyển đổi vị trí công tác.",
            "15/03/2022",
        ),
        "status": Guide(
            "Tình trạng hiện nay, nếu có: đang nghỉ thai sản, mang thai, nuôi con dưới 36 tháng, "
            "đang bị xem xét kỷ luật… (tạm chưa xem xét tinh giản biên chế, chuyển đổi vị trí).",
            "Đang nghỉ thai sản",
        ),
        "child_birth": Guide(
            "Ngày sinh của con nhỏ nhất, nếu người này đang nuôi con nhỏ: con dưới 36 tháng tuổi "
            "được tính đến từng ngày.",
            "20/11/2024",
        ),
    },
    write_template=_write_template,
    date_fields=frozenset({"birth_male", "birth_female", "birth", "post_since", "child_birth"}),
)
