-- Each ward's tasks by status, the wards with the most overdue tasks first (then the longest
-- overdue): the comparison of many wards' plans, one row per ward.
select
    ward,
    count(*) as tasks,
    count(*) filter (where status = 'Hoàn thành') as done_tasks,
    count(*) filter (where done_late) as done_late_tasks,
    count(*) filter (where status = 'Đang thực hiện') as in_progress_tasks,
    count(*) filter (where status = 'Quá hạn') as overdue_tasks,
    count(*) filter (where status = 'Chưa thực hiện') as not_started_tasks,
    count(*) filter (where status = 'Tạm dừng') as paused_tasks,
    count(*) filter (where not_reported_this_period) as not_reported,
    max(days_overdue) as max_days_overdue,
    count(*) filter (where missing_clear <> '') as missing_clear_tasks,
    round(100.0 * count(*) filter (where status = 'Hoàn thành') / count(*), 1) as done_share
from ({{query:plan_task_status}}) as tasks
group by ward
order by overdue_tasks desc, max_days_overdue desc nulls last, done_share, ward
