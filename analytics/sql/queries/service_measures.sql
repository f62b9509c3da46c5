-- Average on-time share and satisfaction per year and unit, with how many people each average
-- is over; only the units whose files carry a measure.
select
    year,
    unit,
    avg(on_time_rate) as on_time_rate,
    avg(satisfaction) as satisfaction,
    count(on_time_rate) as people_with_on_time,
    count(satisfaction) as people_with_satisfaction
from staff_evaluations
where {{scope}} and ($year::integer is null or year = $year::integer)
group by all
having count(on_time_rate) + count(satisfaction) > 0
order by year, unit
