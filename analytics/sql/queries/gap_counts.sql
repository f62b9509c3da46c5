-- People with a gap, each counted once per field (or unit) at their most severe result,
-- so the stacked bars add up to people, not to gaps.
with by_person as (
    select
        coalesce(case when $by = 'unit' then unit else field end, 'Chưa cập nhật') as "group",
        staff_id,
        arg_max(result, severity) as result,
        bool_or(sensitive) as sensitive
    from placement_gaps
    where {{scope}}
    group by all
)
select
    "group",
    result,
    count(*) as people,
    bool_or(sensitive) as sensitive
from by_person
group by all
