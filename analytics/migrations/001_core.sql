-- Core tables: the import log with original bytes, roster snapshots, evaluations, plan, progress.
create sequence import_id_seq start 1;

create table imports (
    import_id bigint primary key default nextval('import_id_seq'),
    kind varchar not null,            -- roster | evaluation | plan | progress
    file_name varchar not null,
    sha256 varchar not null,
    size_bytes bigint not null,
    file_format varchar not null,     -- xlsx | xls | csv
    sheet varchar,
    wards varchar[],
    as_of date,                       -- roster: the snapshot date
    year integer,                     -- evaluation: the year evaluated
    rows_imported integer not null,
    warnings json,
    imported_at timestamp not null default current_timestamp,
    imported_by varchar,
    original blob not null,
    unique (kind, sha256)
);

create table roster_rows (
    import_id bigint not null,
    ward varchar not null,
    as_of date not null,
    source_row integer not null,
    staff_id varchar not null,
    full_name varchar not null,
    name_key varchar not null,
    birth_date date,
    birth_year integer,
    gender varchar,
    unit varchar,
    position varchar,
    is_leader boolean,
    field varchar,
    education_level varchar,
    major varchar,
    political_theory varchar,
    state_management varchar,
    it_skill varchar,
    foreign_language varchar,
    language_name varchar,
    rank_code varchar,
    party_member boolean,
    ethnicity varchar,
    religion varchar,
    certificates varchar,
    staff_type varchar,
    note varchar
);

create table evaluation_rows (
    import_id bigint not null,
    ward varchar not null,
    year integer not null,
    source_row integer not null,
    staff_id varchar,                 -- null when unmatched or ambiguous
    match_method varchar not null,    -- id | name_birth_date | name_birth_year | name_only | unmatched | ambiguous
    full_name varchar,
    name_key varchar,
    birth_date date,
    birth_year integer,
    unit varchar,
    grade varchar,                    -- HTXSNV | HTTNV | HTNV | KHTNV | null (not graded)
    score double,
    on_time_rate double,
    satisfaction double,
    disciplined boolean,
    note varchar
);

create table plan_task_rows (
    import_id bigint not null,
    ward varchar not null,
    source_row integer not null,
    sort_order integer not null,
    task_code varchar not null,
    title varchar not null,
    lead_unit varchar,
    coordinating_units varchar,
    deadline_text varchar,
    due_date date,
    recurring boolean not null,
    deliverable varchar,
    accountable varchar,
    authority varchar,
    assignee varchar
);

create sequence report_id_seq start 1;

create table progress_reports (
    report_id bigint primary key default nextval('report_id_seq'),
    import_id bigint,                 -- null when entered in the app
    ward varchar not null,
    task_code varchar not null,
    report_date date not null,
    status varchar not null,
    percent double,
    deliverable varchar,
    note varchar,
    reported_by varchar,
    source_row integer,
    created_at timestamp not null default current_timestamp
);

create index roster_rows_ward_idx on roster_rows (ward, as_of);
create index evaluation_rows_staff_idx on evaluation_rows (staff_id, year);

-- The one definition of a person's name key, shared by every import and query.
create macro name_key(s) as
    trim(regexp_replace(lower(strip_accents(replace(replace(s, 'đ', 'd'), 'Đ', 'D'))), '[^a-z0-9]+', ' ', 'g'));
