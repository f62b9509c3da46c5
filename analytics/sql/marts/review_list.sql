-- "Cần xem xét" (DOMAIN.md §5): a list for a human decision, never a verdict.
create or replace view int_review_list as
with mart_staff as (
    select * from mart_people where snapshot_rank = 1
),
window_years as (
    select
        ward,
        max(e.year) as last_year,
        max(e.year) - (select cast(value as integer) from settings where key = 'review_khtnv_years') + 1
            as first_year
    from mart_evaluations as e
    group by ward
),
-- what triggers a review, its reason sentence and legal source: the rows of review_triggers
graded as (
    select
        s.staff_id,
        t.reason_code,
        replace(t.reason_template, '{year}', cast(e.year as varchar)) as reason,
        e.year,
        t.legal_source,
        t.case_text
    from mart_staff as s
    join mart_evaluations as e using (staff_id)
    join window_years as w on w.ward = s.ward
    join review_triggers as t on t.grade = e.grade
    where e.year between w.first_year and w.last_year
),
standards_gaps as (
    select
        c.staff_id,
        t.reason_code,
        replace(t.reason_template, '{reason}', c.reason) as reason,
        cast(null as integer) as year,
        t.legal_source,
        t.case_text
    from mart_placement_checks as c
    join review_triggers as t on t.criterion = c.criterion
    where c.snapshot_rank = 1 and c.result = 'chưa đạt'
)
select
    s.staff_id,
    s.full_name,
    s.unit,
    s.position,
    s.field,
    s.sensitive,
    s.gender,
    s.age_band,
    s.ward,
    s.name_sort,
    r.reason_code,
    r.reason,
    r.year,
    r.legal_source,
    -- migration 012: the NĐ 154/2025 case in its words, and what sets the person aside while it
    -- lasts (still listed, shown apart: "tạm chưa xem xét"; mart_people.exclusion_code)
    r.case_text,
    s.exclusion_code is not null as excluded,
    s.exclusion,
    s.exclusion_source
from (select * from graded union all select * from standards_gaps) as r
join mart_staff as s using (staff_id);

