-- The plan's tasks with their latest status, overdue judged against $today, in the order of
-- each ward's plan (plan_task_status.sql).
select * exclude (sort_order)
from ({{query:plan_task_status}}) as tasks
order by ward, sort_order
