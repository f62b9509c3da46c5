-- Progress reports of the wards in scope (of one task when $task is set), newest first. By ward
-- only, not the scope macro: a report carries a ward and a task, no unit or person.
select
    ward,
    task_code,
    report_date,
    status,
    percent,
    deliverable,
    note,
    reported_by,
    created_at,
    import_id is null as entered_in_app
from progress_reports
where (len($wards::varchar[]) = 0 or list_contains($wards::varchar[], ward))
  and ($task::varchar is null or task_code = $task::varchar)
order by report_date desc, report_id desc
