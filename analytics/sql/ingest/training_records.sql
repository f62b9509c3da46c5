-- Training records of one import (the parameter: import_id) from the registered table
-- "incoming": the person matched as evaluation rows are (person_match.sql), the course to the
-- first rule of course_rules whose keyword it holds.
insert into training_records (
    import_id, ward, source_row, staff_id, match_method, full_name, name_key, birth_date,
    birth_year, unit, course, course_key, date_from, date_to, certificate, issuer, status, note
)
with matched as (
    {{person_match}}
),
src as (
    select *, name_key(full_name) as nk, ' ' || name_key(course) || ' ' as course_words
    from incoming
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
    m.staff_id,
    m.match_method,
    s.full_name, s.nk, s.birth_date, s.birth_year, s.unit, s.course, c.course_key,
    s.date_from, s.date_to, s.certificate, s.issuer, s.status, s.note
from src as s
left join matched as m using (source_row)
left join by_course as c using (source_row)
