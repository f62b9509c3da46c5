-- NĐ 335/2025 score bands (thresholds in settings) of the people in scope.
with t as (
    select
        max(value) filter (where key = 'score_htxsnv') as xs,
        max(value) filter (where key = 'score_httnv') as tot,
        max(value) filter (where key = 'score_htnv') as ht
    from settings
)
select
    e.year,
    case
        when e.score is null then 'Chưa cập nhật'
        when e.score >= t.xs then 'HTXSNV'
        when e.score >= t.tot then 'HTTNV'
        when e.score >= t.ht then 'HTNV'
        else 'KHTNV'
    end as band,
    count(*) as people,
    count(*) filter (where e.grade is not null and e.grade <> (
        case
            when e.score >= t.xs then 'HTXSNV'
            when e.score >= t.tot then 'HTTNV'
            when e.score >= t.ht then 'HTNV'
            else 'KHTNV'
        end
    ) and e.score is not null) as grade_differs
from staff_evaluations as e
cross join t
where {{scope}}
group by all
order by e.year, band
