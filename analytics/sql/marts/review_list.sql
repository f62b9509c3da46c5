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
khtnv as (
    select
        s.staff_id,
        'khtnv' as reason_code,
        'Xếp loại Không hoàn thành nhiệm vụ năm ' || e.year || '.' as reason,
        e.year,
        'NĐ 154/2025/NĐ-CP' as legal_source
    from mart_staff as s
    join mart_evaluations as e using (staff_id)
    join window_years as w on w.ward = s.ward
    where e.grade = 'KHTNV' and e.year between w.first_year and w.last_year
),
standards_gaps as (
    select
        staff_id,
        case criterion when 'education_level' then 'education' else 'major' end as reason_code,
        case criterion
            when 'education_level' then 'Trình độ đào tạo thấp hơn tiêu chuẩn của vị trí: '
            else 'Chuyên ngành đào tạo không phù hợp với vị trí: '
        end || reason as reason,
        cast(null as integer) as year,
        'NĐ 154/2025/NĐ-CP (kế thừa NĐ 29/2023; chưa kiểm chứng)' as legal_source
    from mart_placement_checks
    where snapshot_rank = 1 and result = 'chưa đạt' and criterion in ('education_level', 'major')
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
    r.legal_source
from (select * from khtnv union all select * from standards_gaps) as r
join mart_staff as s using (staff_id);

