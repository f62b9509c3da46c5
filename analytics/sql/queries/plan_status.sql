-- The plan's tasks with their latest status, overdue judged against $today, in the order of
-- each ward's plan (plan_task_status.sql); a recurring task with its reporting periods in order
-- (periods: a list of period_start, period_end, reports, state, as plan_periods.sql gives them).
with periods as (
    select
        ward,
        task_code,
        list(
            {
                'period_start': period_start,
                'period_end': period_end,
                'reports': reports,
                'state': state
            }
            order by period_start
        ) as periods
    from ({{query:plan_periods}}) as p
    group by ward, task_code
)

select
    t.* exclude (sort_order),
    p.periods
from ({{query:plan_task_status}}) as t
left join periods as p
    on p.ward = t.ward
    and p.task_code = t.task_code
order by t.ward, t.sort_order
