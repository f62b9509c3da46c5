
-- One result per person and year. Where the year has an annual result, that one (derived =
-- false); where it has only period scores, their average, graded by the score bands (derived =
-- true, periods = how many were averaged, derived_from = month | quarter). Monthly scores are
-- averaged when the year has any, else quarterly ones (a month and its quarter are never counted
-- twice). Discipline in any period gives the year the grade of grade_rules 'disciplined' (KHTNV,
-- NĐ 335/2025; DOMAIN.md §5).
create or replace view int_evaluations as
with annual as (
    select * from evaluation_results where period_kind = 'year'
),
finest as (
    select
        staff_id,
        year,
        case when bool_or(period_kind = 'month') then 'month' else 'quarter' end as period_kind
    from evaluation_results
    where period_kind <> 'year' and score is not null
    group by staff_id, year
),
derived as (
    select
        r.staff_id,
        r.year,
        any_value(r.period_kind) as derived_from,
        avg(r.score) as score,
        avg(r.on_time_rate) as on_time_rate,
        avg(r.satisfaction) as satisfaction,
        bool_or(r.disciplined) as disciplined,
        -- ward, unit and import of the latest period
        arg_max(r.ward, r.period_number) as ward,
        arg_max(r.unit, r.period_number) as unit,
        arg_max(r.import_id, r.period_number) as import_id,
        count(*)::integer as periods
    from evaluation_results as r
    join finest as f using (staff_id, year, period_kind)
    where r.score is not null
    group by r.staff_id, r.year
)
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
    import_id,
    false as derived,
    cast(null as integer) as periods,
    cast(null as varchar) as derived_from
from annual
union all
select
    d.staff_id,
    d.year,
    case
        when d.disciplined then (select grade from grade_rules where rule = 'disciplined')
        else score_band(d.score)
    end as grade,
    d.score,
    d.on_time_rate,
    d.satisfaction,
    d.disciplined,
    d.ward,
    d.unit,
    cast(null as varchar) as note,
    d.import_id,
    true as derived,
    d.periods,
    d.derived_from
from derived as d
anti join annual as a using (staff_id, year);
