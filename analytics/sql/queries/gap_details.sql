-- One row per gap (criterion not met, certificate missing, or no data), with its reason and
-- legal source; optionally only the people of one field / unit whose most severe result is $result.
-- In the order of placement_matrix.sql: worst result, sensitive field, more gaps, name; a person's
-- rows together, by criterion.
with gaps as (
    select
        staff_id,
        full_name,
        unit,
        position,
        field,
        sensitive,
        criterion,
        criterion_label,
        criterion_order,
        required,
        actual,
        result,
        severity,
        reason,
        legal_source,
        ward,
        name_sort,
        arg_max(result, severity) over (partition by ward, staff_id) as worst_result,
        max(severity) over (partition by ward, staff_id) as worst_severity,
        sum(severity) over (partition by ward, staff_id) as weight
    from placement_gaps
    where {{scope}}
)
select * exclude (weight, name_sort)
from gaps
where ($by::varchar is null
       or coalesce(case when $by = 'unit' then unit else field end, 'Chưa cập nhật') = $group::varchar)
  and ($result::varchar is null or worst_result = $result::varchar)
order by worst_severity desc, sensitive desc, weight desc, name_sort, ward, staff_id,
    criterion_order
