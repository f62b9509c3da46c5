-- Grades of the people in scope (latest roster) by year and unit; not graded kept as its own bucket.
-- With $by_ward also by ward (the ward comparison); ward is null otherwise.
select
    e.year,
    case when $by_ward then e.ward end as ward,
    e.unit,
    coalesce(e.grade, 'Không xếp loại') as grade,
    count(*) as people
from staff_evaluations as e
where {{scope}}
group by all
order by e.year, e.unit, grade
