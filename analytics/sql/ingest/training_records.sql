-- Training records of one import (the parameter: import_id) from the registered table "incoming": the person
-- matched as evaluation rows are (by id, else name + birth date, else name + birth year, else a
-- name unique in the ward), the course to the first rule of course_rules whose keyword it holds.
insert into training_records (
    import_id, ward, source_row, staff_id, match_method, full_name, name_key, birth_date,
    birth_year, unit, course, course_key, date_from, date_to, certificate, issuer, status, note
)
with people as (
    select distinct ward, staff_id, name_key, birth_date, birth_year from roster_rows
),
src as (
    select *, name_key(full_name) as nk, ' ' || name_key(course) || ' ' as course_words
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
        and (s.birth_date is null or p.birth_date is null)
    group by s.source_row
),
by_name as (
    select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
    from src as s join people as p on p.ward = s.ward and p.name_key = s.nk
    where s.birth_year is null
    group by s.source_row
),
by_course as (
    select s.source_row, arg_min(r.course_key, r.sort_order) as course_key
    from src as s
    join course_rules as r
        on r.keywords is not null
        and len(list_filter(
            string_split(r.keywords, ';'),
            -- whole words: "tin hoc" inside the course's words
            lambda k: contains(s.course_words, ' ' || trim(k) || ' ')
        )) > 0
    group by s.source_row
)
select
    ? as import_id, s.ward, s.source_row,
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
    end as match_method,
    s.full_name, s.nk, s.birth_date, s.birth_year, s.unit, s.course, c.course_key,
    s.date_from, s.date_to, s.certificate, s.issuer, s.status, s.note
from src as s
left join by_id as i using (source_row)
left join by_date as d using (source_row)
left join by_year as y using (source_row)
left join by_name as nm using (source_row)
left join by_course as c using (source_row)
