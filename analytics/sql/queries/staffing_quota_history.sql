-- Every quota decision (biên chế được giao) of the wards in scope, newest first per ward and unit
-- (the whole ward, unit null, first): history is kept, never overwritten. in_force: the latest
-- decision valid on $on (default today), the one the staffing query counts.
select
    ward,
    unit,
    quota,
    decided_by,
    valid_from,
    legal_source,
    coalesce(
        valid_from = max(valid_from) filter (where valid_from <= coalesce($on::date, current_date))
            over (partition by ward, unit),
        false
    ) as in_force
from staffing_quotas
where len($wards::varchar[]) = 0 or list_contains($wards::varchar[], ward)
order by ward, unit nulls first, valid_from desc
