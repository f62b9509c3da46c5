-- The review list ("Cần xem xét") with one row per person: every reason in one cell ("; "),
-- in the order of $reasons (queries.REVIEW_REASONS) then year; each legal source once, in the
-- order its first reason comes. Most reasons first, then Vietnamese name order. The people are
-- counted by review_people.sql.
with rows as (
    select *, list_position($reasons::varchar[], reason_code) as reason_order
    from review_list
    where {{scope}} and not excluded  -- set aside for now: review_excluded.sql
),
people as (
    select
        staff_id,
        any_value(full_name) as full_name,
        any_value(unit) as unit,
        any_value(position) as position,
        any_value(field) as field,
        bool_or(sensitive) as sensitive,
        any_value(ward) as ward,
        any_value(name_sort) as name_sort,
        count(*) as reason_count,
        string_agg(reason, '; ' order by reason_order, year nulls first) as reasons
    from rows
    group by staff_id
),
-- one page ($limit rows from $offset; null: all) before the legal sources are gathered
page as (
    select *
    from people
    order by reason_count desc, name_sort, staff_id
    limit $limit offset $offset
),
sources as (
    select staff_id, legal_source, min(reason_order) as first_order
    from rows
    where staff_id in (select staff_id from page)
    group by staff_id, legal_source
)
select
    p.* exclude (name_sort),
    (
        select string_agg(s.legal_source, '; ' order by s.first_order, s.legal_source)
        from sources as s
        where s.staff_id = p.staff_id
    ) as legal_source
from page as p
order by p.reason_count desc, p.name_sort, p.staff_id
