-- The public contract read by pages, exports and users' own queries (documented in README.md).
-- Recreated on every read-write open, so a change here needs no migration.
-- Layers: staging.sql (sources) -> marts/*.sql (facts computed once per data change, kept as
-- mart_* tables by analytics.marts) -> these views.

-- Every roster row of every snapshot with what the pages derive from it: age at the snapshot
-- date, the official age band, whether the field is sensitive, the major group (mart_people).
create or replace view people as
select * from mart_people;

create or replace view staff as
select
    staff_id,
    full_name,
    birth_date,
    birth_year,
    gender,
    unit,
    position,
    is_leader,
    field,
    education_level,
    major,
    political_theory,
    state_management,
    it_skill,
    foreign_language,
    language_name,
    rank_code,
    party_member,
    ethnicity,
    religion,
    certificates,
    staff_type,
    note,
    ward,
    as_of,
    age,
    age_band,
    sensitive,
    major_group,
    name_key,
    name_sort,
    source_row,
    import_id,
    province,
    post_since,
    post_since_estimated,
    status,
    child_birth,
    exclusion_code,
    exclusion,
    exclusion_source
from people
where snapshot_rank = 1;


-- One result per person and year (mart_evaluations; the rules in marts/evaluations.sql).
create or replace view evaluations as
select * from mart_evaluations;

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

-- Tasks of each ward's latest plan file, with the status of the latest progress report
-- (mart_plan_tasks; the rules in marts/plan_tasks.sql).
create or replace view plan_tasks as
select * from mart_plan_tasks;

-- Every person of every snapshot checked against each active standard that applies to them
-- (mart_placement_checks; the rules in marts/placement_checks.sql).
create or replace view placement_checks as
select * from mart_placement_checks;

create or replace view placement_gaps as
select * exclude (snapshot_rank, as_of)
from placement_checks
where snapshot_rank = 1 and result <> 'đạt';

-- "Cần xem xét" (DOMAIN.md §5): a list for a human decision, never a verdict (mart_review_list).
create or replace view review_list as
select * from mart_review_list;

-- The reader's scope: the one filter every query applies (lists empty = no restriction).
create or replace macro in_scope(
    ward, unit, field, gender, age_band, sensitive,
    wards, units, fields, genders, age_bands, sensitive_only
) as (
    (len(wards) = 0 or list_contains(wards, ward))
    and (len(units) = 0 or list_contains(units, coalesce(unit, 'Chưa cập nhật')))
    and (len(fields) = 0 or list_contains(fields, coalesce(field, 'Chưa cập nhật')))
    and (len(genders) = 0 or list_contains(genders, coalesce(gender, 'Chưa cập nhật')))
    and (len(age_bands) = 0 or list_contains(age_bands, age_band))
    and (not sensitive_only or sensitive)
);

-- Evaluations of the people in each ward's latest roster, with their current placement.
-- score_band: the NĐ 335/2025 band of the score (macro score_band, thresholds in settings).
create or replace view staff_evaluations as
select
    e.year,
    e.grade,
    e.score,
    score_band(e.score) as score_band,
    e.on_time_rate,
    e.satisfaction,
    e.disciplined,
    e.note as evaluation_note,
    e.derived,
    e.periods,
    e.derived_from,
    s.*
from evaluations as e
join staff as s using (staff_id);

-- Period results (months, quarters) of the people in each ward's latest roster, with their
-- current placement, as staff_evaluations holds the annual ones.
create or replace view staff_evaluation_periods as
select
    p.year,
    p.period_kind,
    p.period_number,
    p.grade,
    p.score,
    score_band(p.score) as score_band,
    s.*
from evaluation_periods as p
join staff as s using (staff_id);
