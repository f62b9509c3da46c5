-- Each person's period results (months, quarters) in a year; one person when $staff_id is set.
select
    e.staff_id,
    e.full_name,
    e.unit,
    e.position,
    e.year,
    e.period_kind,
    e.period_number,
    e.score,
    e.score_band,
    e.grade
from staff_evaluation_periods as e
where {{scope}}
    and e.year = $year::integer
    and ($staff_id::varchar is null or e.staff_id = $staff_id::varchar)
order by e.period_kind, e.period_number
