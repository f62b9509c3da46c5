-- Each person's evaluation in a year, with the service measures where files carry them, and
-- whether the grade was derived from period scores (view evaluations).
select
    e.staff_id,
    e.full_name,
    e.unit,
    e.position,
    e.field,
    e.year,
    e.grade,
    e.score,
    e.on_time_rate,
    e.satisfaction,
    e.disciplined,
    e.evaluation_note as note,
    e.derived,
    e.periods,
    e.derived_from
from staff_evaluations as e
where {{scope}} and ($year::integer is null or e.year = $year::integer)
order by e.name_sort, e.year, e.unit
