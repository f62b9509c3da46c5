-- Each person of the latest roster in scope whose field is sensitive and has a rotation period
-- (rotation_periods, migration 012; Luật PCTN 2018, Điều 25; NĐ 59/2019/NĐ-CP, Điều 37): how long
-- they have held their post at the roster's date and when the period ends. ``rotation_status``
-- (analytics.categories.ROTATION_STATUSES): 0 the period has run out ("đến hạn chuyển đổi": on
-- the day it ends and after), 1 it ends within the field's notice months, 2 later, 3 no date the
-- post was taken. The exclusions of mart_people (a child under 36 months, maternity leave, under
-- review…) are shown beside, never used to hide anyone.
select
    s.ward,
    s.staff_id,
    s.full_name,
    s.name_sort,
    s.unit,
    s.position,
    s.field,
    s.as_of,
    s.post_since,
    coalesce(s.post_since_estimated, false) as post_since_estimated,
    date_sub('month', s.post_since, s.as_of) as held_months,
    r.period_years,
    r.notice_months,
    s.post_since + to_years(r.period_years) as rotation_due_date,
    case
        when s.post_since is null then 3
        when s.post_since + to_years(r.period_years) <= s.as_of then 0
        when s.post_since + to_years(r.period_years) <= s.as_of + to_months(r.notice_months) then 1
        else 2
    end as rotation_status,
    s.exclusion,
    s.exclusion_source,
    r.legal_source
from staff as s
join rotation_periods as r using (field)
where s.sensitive and {{scope}}
order by rotation_status, rotation_due_date, s.name_sort, s.staff_id
