-- NĐ 335/2025 score bands (thresholds in settings) of the people in scope.
select
    e.year,
    coalesce(e.score_band, 'Chưa cập nhật') as band,
    count(*) as people,
    count(*) filter (
        where e.grade is not null and e.score_band is not null and e.grade <> e.score_band
    ) as grade_differs
from staff_evaluations as e
where {{scope}}
group by all
order by e.year, band
