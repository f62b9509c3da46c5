-- The public contract read by pages, exports and users' own queries (documented in README.md).
-- Recreated on every read-write open, so a change here needs no migration.

create or replace view roster_snapshots as
select distinct ward, as_of, import_id
from roster_rows;

-- Each ward's latest snapshot: the latest date, and the latest import for that date.
create or replace view latest_snapshots as
select ward, as_of, import_id
from (
    select
        ward,
        as_of,
        import_id,
        row_number() over (partition by ward order by as_of desc, import_id desc) as rn
    from roster_snapshots
)
where rn = 1;

create or replace view staff as
select
    r.staff_id,
    r.full_name,
    r.birth_date,
    r.birth_year,
    r.gender,
    r.unit,
    r.position,
    r.is_leader,
    r.field,
    r.education_level,
    r.major,
    r.political_theory,
    r.state_management,
    r.it_skill,
    r.foreign_language,
    r.language_name,
    r.rank_code,
    r.party_member,
    r.ethnicity,
    r.religion,
    r.certificates,
    r.staff_type,
    r.ward,
    r.as_of,
    r.source_row,
    r.import_id
from roster_rows as r
join latest_snapshots as l using (ward, as_of, import_id);

-- One grade per person and year: the latest import wins.
create or replace view evaluations as
select
    staff_id,
    year,
    grade,
    score,
    on_time_rate,
    satisfaction,
    disciplined,
    ward,
    unit,
    note,
    import_id
from (
    select
        e.*,
        row_number() over (partition by staff_id, year order by import_id desc, source_row) as rn
    from evaluation_rows as e
    where staff_id is not null
)
where rn = 1;

create or replace view latest_progress as
select *
from (
    select
        p.*,
        row_number() over (
            partition by ward, task_code order by report_date desc, report_id desc
        ) as rn
    from progress_reports as p
)
where rn = 1;

-- Tasks of each ward's latest plan file, with the status of the latest progress report.
create or replace view plan_tasks as
with latest_plan as (
    select ward, max(import_id) as import_id
    from plan_task_rows
    group by ward
)
select
    t.task_code,
    t.title,
    t.lead_unit,
    t.coordinating_units,
    t.deadline_text,
    t.due_date,
    t.recurring,
    coalesce(p.status, 'Chưa thực hiện') as status,
    p.percent,
    p.report_date as last_report_date,
    t.deliverable,
    p.deliverable as reported_deliverable,
    p.note as last_note,
    t.accountable,
    t.authority,
    t.assignee,
    t.ward,
    t.sort_order
from plan_task_rows as t
join latest_plan as lp using (ward, import_id)
left join latest_progress as p using (ward, task_code);
