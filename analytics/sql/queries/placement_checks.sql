-- Every check of the latest roster in scope: one row per person and criterion (view
-- placement_checks), in the order of the criteria.
select
    staff_id,
    full_name,
    unit,
    position,
    field,
    sensitive,
    is_leader,
    criterion,
    criterion_label,
    criterion_order,
    required,
    actual,
    result,
    severity,
    reason,
    legal_source,
    ward
from placement_checks
where snapshot_rank = 1 and {{scope}}
order by criterion_order
