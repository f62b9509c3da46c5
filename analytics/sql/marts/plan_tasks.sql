
-- Tasks of each ward's latest plan file, with the status, percent, date, deliverable and note of
-- the task's latest progress report (a task without one is 'Chưa thực hiện'). What depends on
-- today (overdue, days over, this quarter's report, the reporting periods) is judged at read time
-- (plan_task_status.sql).
create or replace view int_plan_tasks as
with latest_plan as (
    select ward, max(import_id) as import_id
    from plan_task_rows
    group by ward
),

ordered_reports as (
    select
        *,
        row_number() over (
            partition by ward, task_code order by report_date, report_id
        ) as report_rank
    from progress_reports
),

-- When a task was completed: the first 'Hoàn thành' report after its last report of any other
-- status (a task reopened and completed again is completed by the later run); null while the
-- latest report is not 'Hoàn thành'. A report dated after the due date makes the task late.
report_dates as (
    select
        ward,
        task_code,
        min(report_date) as first_report_date,
        coalesce(max(report_rank) filter (where status <> 'Hoàn thành'), 0) as last_open_rank
    from ordered_reports
    group by ward, task_code
),

completion as (
    select
        r.ward,
        r.task_code,
        min(r.report_date) as completed_date
    from ordered_reports as r
    join report_dates as d using (ward, task_code)
    where r.status = 'Hoàn thành' and r.report_rank > d.last_open_rank
    group by r.ward, r.task_code
),

latest_report as (
    select *
    from ordered_reports
    qualify row_number() over (
        partition by ward, task_code order by report_date desc, report_id desc
    ) = 1
),

-- How often a recurring task is reported: the plan says so in its deadline or deliverable
-- ("hằng tháng", "hằng quý", "hằng năm"; the smallest named wins, as "đánh giá hằng tháng, quý,
-- năm" is due every month); otherwise every quarter, as Phòng Văn hóa – Xã hội follows the plan
-- up (DOMAIN.md §1, section III of the plan). Accents stripped: "hằng" and "hàng" both match.
cadence as (
    select
        *,
        strip_accents(lower(concat_ws(' ', deadline_text, deliverable))) as cadence_text
    from plan_task_rows
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
    t.sort_order,
    case when p.status = 'Hoàn thành' then c.completed_date end as completed_date,
    d.first_report_date,
    case
        when not t.recurring then null
        when regexp_matches(t.cadence_text, '\b(hang|moi) thang\b') then 'month'
        when regexp_matches(t.cadence_text, '\b(hang|moi) quy\b') then 'quarter'
        when regexp_matches(t.cadence_text, '\b(hang|moi) nam\b') then 'year'
        else 'quarter'
    end as report_every
from cadence as t
join latest_plan as lp using (ward, import_id)
left join latest_report as p using (ward, task_code)
left join report_dates as d using (ward, task_code)
left join completion as c using (ward, task_code);
