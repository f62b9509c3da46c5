-- Problems in the latest roster in scope: one row per person and problem, with the file and
-- the row it came from. problem_group: Thiếu thông tin | Không hợp lý | Trùng lặp. The six
-- qualification gaps are filled in by queries.data_quality (one list per dimension).
with s as (
    select
        *,
        count(*) over (
            partition by ward, name_key, coalesce(birth_date::varchar, birth_year::varchar, '')
        ) as same_person
    from staff
    where {{scope}}
),
problems as (
    select staff_id, 'Thiếu thông tin' as problem_group, 'Thiếu ngày/năm sinh' as problem
    from s where birth_year is null
    union all
    select staff_id, 'Thiếu thông tin', 'Thiếu giới tính' from s where gender is null
    union all
    select staff_id, 'Thiếu thông tin', 'Thiếu lĩnh vực' from s where field is null
    union all
    select staff_id, 'Thiếu thông tin', 'Thiếu đơn vị' from s where unit is null
    union all
    -- one select per qualification dimension, each "Thiếu …" as a parameter
    -- (queries.data_quality: QUALIFICATION_MISSING, the dimensions Trình độ counts)
    {{missing_qualifications}}
    union all
    select staff_id, 'Không hợp lý', 'Tuổi dưới 18 hoặc trên 70' from s where age < 18 or age > 70
    union all
    select staff_id, 'Không hợp lý', 'Lãnh đạo nhưng chưa có LLCT' from s
    where is_leader and (political_theory is null or political_theory = 'Chưa qua đào tạo')
    union all
    select staff_id, 'Không hợp lý', 'Có chuyên ngành nhưng thiếu trình độ' from s
    where major is not null and education_level is null
    union all
    select staff_id, 'Trùng lặp', 'Trùng họ tên và ngày sinh với người khác' from s
    where same_person > 1
)
select
    p.problem_group,
    p.problem,
    s.staff_id,
    s.full_name,
    s.unit,
    s.ward,
    i.file_name,
    s.source_row
from problems as p
join s using (staff_id)
left join imports as i on i.import_id = s.import_id
order by p.problem, s.unit, s.source_row
