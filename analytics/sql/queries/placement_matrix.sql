-- People × criteria of the latest roster in scope: one row per person, one column per criterion
-- (its result, null where the criterion does not apply). The most severe first (a person's worst
-- result, then sensitive fields first among equals (plan task 3), then more gaps), ties in
-- Vietnamese name order. ``$with_passed`` = false keeps only people with at least one gap.
-- The criteria placeholder becomes one filtered max(result) per criterion key of
-- analytics.categories.CRITERIA.
with checks as (
    select *
    from placement_checks
    where snapshot_rank = 1 and {{scope}}
),
matrix as (
    select
        staff_id,
        any_value(full_name) as full_name,
        any_value(unit) as unit,
        any_value(field) as field,
        bool_or(sensitive) as sensitive,
        any_value(name_sort) as name_sort,
        max(severity) as worst,
        sum(severity) as weight,
        {{criteria}}
    from checks
    group by staff_id
)
select * exclude (worst, weight, name_sort)
from matrix
where $with_passed or worst > 0
order by worst desc, sensitive desc, weight desc, name_sort, staff_id
