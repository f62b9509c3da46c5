-- Tasks per status (an overdue task counted once, as 'Quá hạn'), with the wards they are in
-- and, of the done ones, those completed after their due date; the rollup row (status null)
-- holds the totals.
select
    status,
    count(*) as tasks,
    count(distinct ward) as wards,
    count(*) filter (where not_reported_this_period) as not_reported,
    max(days_overdue) as max_days_overdue,
    count(*) filter (where missing_clear <> '') as missing_clear,
    count(*) filter (where done_late) as done_late
from ({{query:plan_task_status}}) as tasks
group by rollup (status)
