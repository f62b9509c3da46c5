-- HTXSNV may not exceed a share (settings: quota_htxsnv_ratio) of the HTTNV count in a unit.
with counts as (
    select
        e.year,
        e.unit,
        count(*) filter (where e.grade = 'HTXSNV') as htxsnv,
        count(*) filter (where e.grade = 'HTTNV') as httnv
    from staff_evaluations as e
    where {{scope}} and ($year::integer is null or e.year = $year::integer)
    group by e.year, e.unit
),
ratio as (
    select value from settings where key = 'quota_htxsnv_ratio'
)
select
    c.year,
    c.unit,
    c.htxsnv,
    c.httnv,
    floor(c.httnv * r.value + 1e-9)::integer as allowed,
    c.htxsnv > floor(c.httnv * r.value + 1e-9) as exceeded
from counts as c
cross join ratio as r
order by c.year, c.unit
