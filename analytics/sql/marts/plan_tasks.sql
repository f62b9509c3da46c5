
-- Tasks of each ward's latest plan file, with the status, percent, date, deliverable and note of
-- the task's latest progress report (a task without one is 'Chưa thực hiện'). What depends on
-- today (overdue, days over, this quarter's report) is judged at read time (plan_status.sql).
create or replace view int_plan_tasks as
with latest_plan as (
    select ward, max(import_id) as import_id
    from plan_task_rows
    group by ward
),
latest_report as (
    select *
    from progress_reports
    qualify row_number() over (
        partition by ward, task_code order by report_date desc, report_id desc
    ) = 1
)
select
    t.task_code,
    t.title,
    t.lead_unit,
    t.coordinating_units,
    t.deadline_text,
    t.due_date,
    t.recurring,
    coalesce(p.status, 'Chưa thực hiện') as status,
    p.percent,
    p.report_date as last_report_date,
    t.deliverable,
    p.deliverable as reported_deliverable,
    p.note as last_note,
    t.accountable,
    t.authority,
    t.assignee,
    t.ward,
    t.sort_order
from plan_task_rows as t
join latest_plan as lp using (ward, import_id)
left join latest_report as p using (ward, task_code);
