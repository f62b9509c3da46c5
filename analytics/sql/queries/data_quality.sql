-- Problems in the latest roster in scope: one row per person and problem.
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
    select staff_id, 'Thiếu ngày/năm sinh' as problem from s where birth_year is null
    union all
    select staff_id, 'Thiếu giới tính' from s where gender is null
    union all
    select staff_id, 'Thiếu trình độ chuyên môn' from s where education_level is null
    union all
    select staff_id, 'Thiếu lĩnh vực' from s where field is null
    union all
    select staff_id, 'Thiếu lý luận chính trị' from s where political_theory is null
    union all
    select staff_id, 'Thiếu đơn vị' from s where unit is null
    union all
    select staff_id, 'Tuổi dưới 18 hoặc trên 70' from s where age < 18 or age > 70
    union all
    select staff_id, 'Lãnh đạo nhưng chưa có LLCT' from s
    where is_leader and (political_theory is null or political_theory = 'Chưa qua đào tạo')
    union all
    select staff_id, 'Có chuyên ngành nhưng thiếu trình độ' from s
    where major is not null and education_level is null
    union all
    select staff_id, 'Trùng họ tên và ngày sinh với người khác' from s where same_person > 1
)
select p.problem, s.staff_id, s.full_name, s.unit, s.ward, s.source_row
from problems as p
join s using (staff_id)
order by p.problem, s.unit
