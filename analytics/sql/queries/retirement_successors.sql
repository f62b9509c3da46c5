-- For each person of a sensitive field who retires within $months months of the roster's date,
-- the people of the same ward and field who already meet every standard checked for that field
-- (no row in placement_gaps, "chưa có dữ liệu" included) and do not retire within the same
-- months: candidates to take the post over, not decisions. A leaver with none gets one row with
-- a null candidate.
with forecast as (
    {{query:retirement_forecast}}
),

leavers as (
    select *
    from forecast
    where sensitive
        and retirement_date is not null
        and retirement_date <= as_of + to_months($months::integer)
),

met as (
    select f.*
    from forecast as f
    where f.field is not null
        and not exists (
            select 1
            from placement_gaps as g
            where g.ward = f.ward and g.staff_id = f.staff_id
        )
        and (f.retirement_date is null or f.retirement_date > f.as_of + to_months($months::integer))
)

select
    l.ward,
    l.staff_id,
    l.full_name,
    l.unit,
    l.position,
    l.field,
    l.retirement_date,
    l.estimated,
    m.staff_id as candidate_id,
    m.full_name as candidate_name,
    m.unit as candidate_unit,
    m.position as candidate_position,
    l.name_sort,
    m.name_sort as candidate_sort
from leavers as l
left join met as m on m.ward = l.ward and m.field = l.field and m.staff_id <> l.staff_id
order by l.retirement_date, l.name_sort, m.name_sort
