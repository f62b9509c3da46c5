-- NĐ 335/2025 period scores (monthly or quarterly) of the people in scope, averaged per unit
-- (their current placement, as every evaluation figure) and period; people = scores averaged.
select
    e.year,
    e.period_kind,
    e.period_number,
    e.unit,
    avg(e.score) as score,
    count(*) as people
from staff_evaluation_periods as e
where {{scope}} and e.score is not null and ($year::integer is null or e.year = $year::integer)
group by all
order by e.year, e.period_kind, e.period_number, e.unit
