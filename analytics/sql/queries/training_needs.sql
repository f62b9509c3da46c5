-- Training needs in scope: one row per person and course a gap calls for (a placement gap
-- "chưa đạt" / "thiếu" of the latest roster, or a review reason no criterion gives), with the
-- course of course_rules and the status at $on from the person's training records:
-- đã hoàn thành (a record ended by $on, a certificate, or written done) > đang học > đã lên kế
-- hoạch > chưa đăng ký (no record of that course).
with gaps as (
    select
        ward, staff_id, full_name, unit, position, field, sensitive, gender, age_band, name_sort,
        'placement' as gap_source, criterion as gap_code, required, reason, legal_source
    from placement_gaps
    where result in ('chưa đạt', 'thiếu')
    union all
    select
        ward, staff_id, full_name, unit, position, field, sensitive, gender, age_band, name_sort,
        'review' as gap_source, reason_code as gap_code, null as required, reason, legal_source
    from review_list
    where reason_code not in (select reason_code from review_triggers where criterion is not null)
),
ruled as (
    select
        g.*,
        r.rule_key,
        r.course_key,
        r.course_group,
        r.sort_order,
        replace(
            replace(r.course, '{required}', coalesce(replace(g.required, ';', ','), '')),
            '{field}', coalesce(g.field, '')
        ) as course,
        r.legal_source as course_legal_source
    from gaps as g
    join course_rules as r
        on r.gap_source = g.gap_source
        and r.gap_code = g.gap_code
        and (
            r.required_match is null
            or len(list_filter(
                string_split(r.required_match, ';'),
                lambda k: contains(name_key(coalesce(g.required, '')), trim(k))
            )) > 0
        )
    where {{scope}}
    qualify row_number() over (
        partition by g.ward, g.staff_id, g.gap_source, g.gap_code, g.required
        order by r.sort_order
    ) = 1
),
needs as (
    -- one row per person and course (two KHTNV years call for one course)
    select *
    from ruled
    qualify row_number() over (
        partition by ward, staff_id, rule_key, course order by reason desc
    ) = 1
),
records as (
    select
        ward,
        staff_id,
        course_key,
        course as record_course,
        date_from,
        date_to,
        certificate,
        case
            when status = 'done' or certificate is not null or date_to <= $on::date then 3
            when status = 'ongoing'
                or (status is null and date_from <= $on::date) then 2
            else 1
        end as progress
    from training_records
    where staff_id is not null and course_key is not null
),
best as (
    select *
    from records
    qualify row_number() over (
        partition by ward, staff_id, course_key order by progress desc, date_to desc nulls last
    ) = 1
)
select
    n.ward,
    n.staff_id,
    n.full_name,
    n.unit,
    n.position,
    n.field,
    n.sensitive,
    n.course_group,
    n.rule_key,
    n.course_key,
    n.course,
    n.reason,
    case
        when n.course_legal_source = n.legal_source then n.legal_source
        else concat_ws('; ', n.legal_source, n.course_legal_source)
    end as legal_source,
    case b.progress
        when 3 then 'đã hoàn thành'
        when 2 then 'đang học'
        when 1 then 'đã lên kế hoạch'
        else 'chưa đăng ký'
    end as status,
    b.record_course,
    b.date_from,
    b.date_to,
    b.certificate
from needs as n
left join best as b using (ward, staff_id, course_key)
order by n.sort_order, n.course, n.unit, n.name_sort, n.ward, n.staff_id
