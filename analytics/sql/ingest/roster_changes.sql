-- Who joins, leaves and changes when import ? becomes its wards' current list, against each
-- ward's current list before it (the latest other snapshot: as_of, then import_id, as `staff`).
-- Parameters: the new import_id (four times). One row per person concerned.
with touched as (
    select distinct ward, as_of from roster_rows where import_id = $1
),
ranked as (
    select
        s.ward,
        s.as_of,
        s.import_id,
        row_number() over (partition by s.ward order by s.as_of desc, s.import_id desc) as rn
    from roster_snapshots as s
    join touched as t using (ward)
    where s.import_id <> $1
),
previous as (
    select r.ward, r.as_of, r.import_id from ranked as r where r.rn = 1
),
new_rows as (
    select n.*
    from roster_rows as n
    join touched as t using (ward)
    -- a file older than the current list does not replace it: nothing joins or leaves
    left join previous as p using (ward)
    where n.import_id = $1 and (p.as_of is null or n.as_of >= p.as_of)
),
old_rows as (
    select o.*
    from roster_rows as o
    join previous as p using (ward, import_id)
    where exists (select 1 from new_rows as n where n.ward = o.ward)
),
changed as (
    select
        n.ward,
        n.staff_id,
        n.full_name,
        n.unit,
        list_filter([
            case when n.full_name is distinct from o.full_name then 'full_name' end,
            case when n.birth_date is distinct from o.birth_date
                or n.birth_year is distinct from o.birth_year then 'birth' end,
            case when n.gender is distinct from o.gender then 'gender' end,
            case when n.unit is distinct from o.unit then 'unit' end,
            case when n.position is distinct from o.position then 'position' end,
            case when n.field is distinct from o.field then 'field' end,
            case when n.education_level is distinct from o.education_level
                or n.major is distinct from o.major then 'education' end,
            case when n.political_theory is distinct from o.political_theory then 'political_theory' end,
            case when n.state_management is distinct from o.state_management then 'state_management' end,
            case when n.it_skill is distinct from o.it_skill then 'it_skill' end,
            case when n.foreign_language is distinct from o.foreign_language then 'foreign_language' end,
            case when n.rank_code is distinct from o.rank_code then 'rank' end
        ], lambda x: x is not null) as fields
    from new_rows as n
    join old_rows as o using (ward, staff_id)
)
-- a ward's first list: everyone joins; they are counted (one row per ward), not listed
select 'first', n.ward, cast(count(*) as varchar), null, null, []::varchar[]
from new_rows as n
where not exists (select 1 from previous as p where p.ward = n.ward)
group by n.ward
union all
select 'joined' as change, n.ward, n.staff_id, n.full_name, n.unit, []::varchar[] as fields
from new_rows as n
where exists (select 1 from previous as p where p.ward = n.ward)
  and not exists (select 1 from old_rows as o where o.ward = n.ward and o.staff_id = n.staff_id)
union all
select 'left', o.ward, o.staff_id, o.full_name, o.unit, []::varchar[]
from old_rows as o
where not exists (select 1 from new_rows as n where n.ward = o.ward and n.staff_id = o.staff_id)
union all
select 'changed', ward, staff_id, full_name, unit, fields
from changed
where len(fields) > 0
union all
-- one row per ward: its current list before this import (size, date, import)
select 'previous', p.ward, cast(p.import_id as varchar), strftime(p.as_of, '%d/%m/%Y'), null,
    [cast((select count(*) from old_rows as o where o.ward = p.ward) as varchar)]
from previous as p
union all
select 'older', t.ward, null, strftime(p.as_of, '%d/%m/%Y'), null, []::varchar[]
from touched as t
join previous as p using (ward)
where t.as_of < p.as_of
order by 1, 2, 4
