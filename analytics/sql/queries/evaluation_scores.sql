-- Each evaluated person's NĐ 335/2025 score band (thresholds in settings) and score bin.
with t as (
    select
        max(value) filter (where key = 'score_htxsnv') as xs,
        max(value) filter (where key = 'score_httnv') as tot,
        max(value) filter (where key = 'score_htnv') as ht
    from settings
)
select
    e.staff_id,
    e.full_name,
    e.unit,
    e.position,
    e.field,
    e.year,
    e.grade,
    e.score,
    case
        when e.score is null then 'Chưa cập nhật'
        when e.score >= t.xs then 'HTXSNV'
        when e.score >= t.tot then 'HTTNV'
        when e.score >= t.ht then 'HTNV'
        else 'KHTNV'
    end as band,
    -- A score of 100 falls in the last bin, not in a bin of its own.
    least(floor(e.score / $width::double) * $width::double, 100 - $width::double) as bin_start
from staff_evaluations as e
cross join t
where {{scope}} and ($year::integer is null or e.year = $year::integer)
order by e.year, e.score desc
