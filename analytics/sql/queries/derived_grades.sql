-- People whose annual result of a year is derived from their period scores (no annual grade).
select
    e.year,
    e.derived_from,
    count(*) as people
from staff_evaluations as e
where {{scope}} and e.derived and ($year::integer is null or e.year = $year::integer)
group by all
order by e.year, e.derived_from
