-- Grades of the people in scope (latest roster) by year and unit; not graded kept as its own bucket.
select
    e.year,
    e.unit,
    coalesce(e.grade, 'Không xếp loại') as grade,
    count(*) as people
from staff_evaluations as e
where {{scope}}
group by all
order by e.year, e.unit, grade
