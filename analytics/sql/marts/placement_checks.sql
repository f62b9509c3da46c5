-- Every person of every snapshot checked against each active standard that applies to them.
-- result: đạt | chưa đạt | thiếu | chưa có dữ liệu ("no data" is kept apart from "below").
create or replace view int_placement_checks as
with applicable as (
    select
        p.*,
        s.standard_id,
        s.criterion,
        s.required,
        s.legal_source,
        case s.criterion
            when 'education_level' then p.education_level
            when 'political_theory' then p.political_theory
            when 'state_management' then p.state_management
            when 'major' then p.major
            when 'certificate' then p.certificates
        end as actual
    from mart_people as p
    join standards as s
        on s.active
        and (
            s.applies_to = 'all'
            or (s.applies_to = 'leader' and p.is_leader)
            or (s.applies_to = 'field' and s.target = p.field)
            or (s.applies_to = 'position' and name_key(p.position) = name_key(s.target))
        )
),
judged as (
    select
        a.*,
        case
            when a.criterion = 'certificate' then
                case
                    when a.actual is not null and contains(name_key(a.actual), name_key(a.required))
                        then 'đạt'
                    else 'thiếu'
                end
            when a.actual is null then 'chưa có dữ liệu'
            when a.criterion = 'major' then
                case
                    when len(list_filter(
                        string_split(a.required, ';'),
                        -- whole words: the keyword "Y" must not match "quản lý"
                        lambda k: contains(
                            ' ' || name_key(a.actual) || ' ', ' ' || name_key(trim(k)) || ' '
                        )
                    )) > 0 then 'đạt'
                    else 'chưa đạt'
                end
            when ra.rank >= rr.rank then 'đạt'
            else 'chưa đạt'
        end as result
    from applicable as a
    left join category_levels as ra on ra.category = a.criterion and ra.value = a.actual
    left join category_levels as rr on rr.category = a.criterion and rr.value = a.required
)
select
    j.ward,
    j.as_of,
    j.snapshot_rank,
    j.staff_id,
    j.full_name,
    j.unit,
    j.position,
    j.field,
    j.sensitive,
    j.is_leader,
    j.gender,
    j.age_band,
    j.name_sort,
    j.standard_id,
    j.criterion,
    c.label as criterion_label,
    c.sort_order as criterion_order,
    j.required,
    j.actual,
    j.result,
    case j.result when 'chưa đạt' then 3 when 'thiếu' then 2 when 'chưa có dữ liệu' then 1 else 0 end
        as severity,
    case
        when j.result = 'đạt' then null
        when j.result = 'chưa có dữ liệu' then
            'Chưa có dữ liệu ' || lower(c.label) || ' để đối chiếu yêu cầu "' || j.required || '".'
        when j.criterion = 'education_level' then
            'Trình độ chuyên môn ' || j.actual || ' thấp hơn yêu cầu ' || j.required || ' trở lên.'
        when j.criterion = 'major' then
            'Chuyên ngành "' || j.actual || '" không thuộc nhóm ngành phù hợp với lĩnh vực '
            || j.field || ' (' || replace(j.required, ';', ',') || ').'
        when j.criterion = 'certificate' then
            'Chưa có chứng chỉ ' || j.required || ' theo yêu cầu của chức vụ ' || j.position || '.'
        else
            c.label || ' ' || j.actual || ' chưa đạt mức ' || j.required
            || ' trở lên mà chức vụ ' || j.position || ' yêu cầu.'
    end as reason,
    j.legal_source
from judged as j
join criteria as c using (criterion);
