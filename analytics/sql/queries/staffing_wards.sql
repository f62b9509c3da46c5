-- The wards a staffing edit may name (issue 11): every ward in scope with a roster, a profile or
-- a quota (a profile can be entered before the first roster), with its profile (null columns:
-- none yet) and the units of its latest roster (the units a quota may be given to).
with rostered as (
    select
        ward,
        list(distinct unit) filter (where unit is not null) as units
    from staff
    where {{scope}}
    group by ward
),
entered as (
    select ward
    from ward_profiles
    union
    select ward
    from staffing_quotas
),
wards_in_view as (
    select ward
    from rostered
    union
    select ward
    from entered
    where len($wards::varchar[]) = 0 or list_contains($wards::varchar[], ward)
)
select
    w.ward,
    p.kind,
    p.residents,
    p.mountain,
    p.legal_source,
    coalesce(r.units, []::varchar[]) as units
from wards_in_view as w
left join ward_profiles as p using (ward)
left join rostered as r using (ward)
order by w.ward
