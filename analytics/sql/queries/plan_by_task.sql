-- Each task of the plan (by its code) across the wards in scope: how many wards are at each
-- status, and of the wards where it is done, how many completed it after its due date
-- (late_wards). The title is the one most wards use; tasks in the order of the plan.
with tasks as (
    select * from ({{query:plan_task_status}}) as t
),
codes as (
    select task_code, mode(title) as title, min(sort_order) as sort_order
    from tasks
    group by task_code
)
select
    c.task_code,
    c.title,
    c.sort_order,
    t.status,
    count(*) as wards,
    count(*) filter (where t.done_late) as late_wards
from tasks as t
join codes as c using (task_code)
group by c.task_code, c.title, c.sort_order, t.status
order by c.sort_order, c.task_code, t.status
