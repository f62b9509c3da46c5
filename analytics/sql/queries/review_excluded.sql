-- The people the review list would name but the roster sets aside while it lasts (pregnancy,
-- maternity leave, a child under 36 months, under review: review_exclusions, NĐ 154/2025): one
-- row per person with their reasons and what sets them aside, in Vietnamese name order. Shown
-- apart as "tạm chưa xem xét", so nobody drops out of sight.
select
    staff_id,
    any_value(full_name) as full_name,
    any_value(unit) as unit,
    any_value(position) as position,
    any_value(field) as field,
    any_value(ward) as ward,
    string_agg(reason, '; ' order by reason_code, year nulls first) as reasons,
    any_value(exclusion) as exclusion,
    any_value(exclusion_source) as exclusion_source
from review_list
where {{scope}} and excluded
group by staff_id
order by any_value(name_sort), staff_id
