-- The person of each row of the registered table "incoming" (source_row, ward, staff_id,
-- full_name, birth_date, birth_year) among the rosters of its ward: by id, else name + birth
-- date, else name + birth year, else a name unique in the ward. match_method says which, or
-- ambiguous / unmatched. Shared by the evaluation and training imports (the person_match
-- placeholder of analytics.ingest.steps.sql_text).
with people as (
    select distinct ward, staff_id, name_key, birth_date, birth_year from roster_rows
),
src as (
    select distinct source_row, ward, staff_id, name_key(full_name) as nk, birth_date, birth_year
    from incoming
),
by_id as (
    select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
    from src as s join people as p on p.ward = s.ward and p.staff_id = s.staff_id
    group by s.source_row
),
by_date as (
    select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
    from src as s join people as p
        on p.ward = s.ward and p.name_key = s.nk and p.birth_date = s.birth_date
    group by s.source_row
),
by_year as (
    select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
    from src as s join people as p
        on p.ward = s.ward and p.name_key = s.nk
        and p.birth_year = s.birth_year
        -- a year matches when either side knows only the year, never two dates
        and (s.birth_date is null or p.birth_date is null)
    group by s.source_row
),
by_name as (
    select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
    from src as s join people as p on p.ward = s.ward and p.name_key = s.nk
    where s.birth_year is null
    group by s.source_row
)
select
    s.source_row,
    case
        when i.n = 1 then i.staff_id
        when d.n = 1 then d.staff_id
        when y.n = 1 then y.staff_id
        when nm.n = 1 then nm.staff_id
    end as staff_id,
    case
        when i.n = 1 then 'id'
        when d.n = 1 then 'name_birth_date'
        when y.n = 1 then 'name_birth_year'
        when nm.n = 1 then 'name_only'
        when greatest(d.n, y.n, nm.n) > 1 then 'ambiguous'
        else 'unmatched'
    end as match_method
from src as s
left join by_id as i using (source_row)
left join by_date as d using (source_row)
left join by_year as y using (source_row)
left join by_name as nm using (source_row)
