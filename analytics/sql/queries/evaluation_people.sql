-- Each person's evaluation in a year, with the service measures where files carry them, and
-- whether the grade was derived from period scores (view evaluations); in name order.
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
    -- one cell of the grade mix ($grade: $not_graded for people without a grade; $unit) and
    -- the people with a service measure ($with_measures); null / false: everyone
    and ($grade::varchar is null or coalesce(e.grade, $not_graded::varchar) = $grade::varchar)
    and ($unit::varchar is null or coalesce(e.unit, 'Chưa cập nhật') = $unit::varchar)
    and (
        not $with_measures::boolean or e.on_time_rate is not null or e.satisfaction is not null
    )
order by e.name_sort, e.year, e.unit
