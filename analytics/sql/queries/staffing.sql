-- Staffing against the norm and the quota (issue 11): one row per ward in scope (unit null) and
-- one per unit, with the head count of the ward's latest roster (view staff), the quota in force
-- (staffing_quotas: the latest valid_from per ward and unit) and, for a ward, the norm of its
-- profile (ward_profiles x staffing_norm_rules). A missing quota, profile or resident count stays
-- null ("chưa có số liệu"), never 0. Ward rows only when no unit is chosen: a ward's norm is
-- about its whole staff. The people filters (field, gender, age) are passed empty by the caller.
with counted as (
    select
        ward,
        coalesce(unit, 'Chưa cập nhật') as unit,
        count(*) as head_count,
        max(as_of) as as_of
    from staff
    where {{scope}}
    group by all
),
quotas as (
    select
        ward,
        unit,
        quota,
        decided_by,
        valid_from
    from staffing_quotas
    where valid_from <= coalesce($on::date, current_date)
    qualify row_number() over (partition by ward, unit order by valid_from desc) = 1
),
wards_in_view as (
    select distinct ward
    from counted
),
unit_rows as (
    select
        ward,
        unit,
        c.head_count,
        c.as_of
    from counted as c
    union
    -- a unit with a quota but nobody in the roster: 0 people against its quota
    select
        q.ward,
        q.unit,
        0 as head_count,
        null::date as as_of
    from quotas as q
    join wards_in_view using (ward)
    where q.unit is not null
        and not exists (select 1 from counted as c where c.ward = q.ward and c.unit = q.unit)
        and (len($units::varchar[]) = 0 or list_contains($units::varchar[], q.unit))
),
ward_rows as (
    select
        ward,
        null::varchar as unit,
        sum(head_count)::bigint as head_count,
        max(as_of) as as_of
    from counted
    where len($units::varchar[]) = 0
    group by ward
),
norms as (
    select
        p.ward,
        p.kind,
        p.residents,
        p.mountain,
        case
            when p.residents is not null then least(
                r.base + greatest(
                    0,
                    (p.residents - r.base_residents)
                    // (case when p.mountain then r.per_residents_mountain else r.per_residents end)
                ),
                coalesce(r.cap, 2147483647)
            )
        end as norm
    from ward_profiles as p
    left join staffing_norm_rules as r using (kind)
)
select
    w.ward,
    w.unit,
    case when w.unit is null then 'ward' else 'unit' end as level,
    w.head_count,
    w.as_of,
    q.quota,
    q.decided_by as quota_decided_by,
    q.valid_from as quota_valid_from,
    q.quota - w.head_count as quota_gap,
    case when w.unit is null then n.kind end as kind,
    case when w.unit is null then n.residents end as residents,
    case when w.unit is null then n.mountain end as mountain,
    case when w.unit is null then n.norm end as norm,
    case when w.unit is null then n.norm - w.head_count end as norm_gap
from (select * from ward_rows union all select * from unit_rows) as w
left join quotas as q
    on q.ward = w.ward and q.unit is not distinct from w.unit
left join norms as n
    on n.ward = w.ward
order by w.ward, w.unit nulls first
