-- The rules of a standard, as macros: placement checks judge each person against the standards
-- of their own post, and retirement successors (queries/retirement_successors.sql) judge the
-- people of a ward against the post of a leaver with the very same rules.

-- Whether a standard (applies_to, target) applies to a post (field, position, is_leader).
create or replace macro standard_applies(applies_to, target, field, position, is_leader) as (
    applies_to = 'all'
    or (applies_to = 'leader' and coalesce(is_leader, false))
    or (applies_to = 'field' and target = field)
    or (applies_to = 'position' and name_key(position) = name_key(target))
);

-- What a person holds for a criterion.
create or replace macro criterion_value(
    criterion, education_level, political_theory, state_management, major, certificates
) as (
    case criterion
        when 'education_level' then education_level
        when 'political_theory' then political_theory
        when 'state_management' then state_management
        when 'major' then major
        when 'certificate' then certificates
    end
);

-- A standard judged: đạt | chưa đạt | thiếu | chưa có dữ liệu ("no data" kept apart from
-- "below"); the ranks are category_levels' of the value held and of the one required.
create or replace macro standard_result(criterion, required, actual, actual_rank, required_rank) as (
    case
        when criterion = 'certificate' then
            case
                when actual is not null and contains(name_key(actual), name_key(required))
                    then 'đạt'
                else 'thiếu'
            end
        when actual is null then 'chưa có dữ liệu'
        when criterion = 'major' then
            case
                when len(list_filter(
                    string_split(required, ';'),
                    -- whole words: the keyword "Y" must not match "quản lý"
                    lambda k: contains(
                        ' ' || name_key(actual) || ' ', ' ' || name_key(trim(k)) || ' '
                    )
                )) > 0 then 'đạt'
                else 'chưa đạt'
            end
        when actual_rank >= required_rank then 'đạt'
        else 'chưa đạt'
    end
);

-- Every person of every snapshot checked against each active standard that applies to them.
create or replace view int_placement_checks as
with applicable as (
    select
        p.*,
        s.standard_id,
        s.criterion,
        s.required,
        s.legal_source,
        criterion_value(
            s.criterion, p.education_level, p.political_theory, p.state_management, p.major,
            p.certificates
        ) as actual
    from mart_people as p
    join standards as s
        on s.active and standard_applies(s.applies_to, s.target, p.field, p.position, p.is_leader)
),
judged as (
    select
        a.*,
        standard_result(a.criterion, a.required, a.actual, ra.rank, rr.rank) as result
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
