-- Every task of the plan in scope (the plan_tasks view: each ward's latest plan file with the
-- latest progress report) judged against $today: status ('Quá hạn' when past due and not done),
-- days over, lateness kept once done (done_late, days_late), this quarter's report of a recurring
-- task, the "6 rõ" flags (clear_*) and what is missing. Composed by plan_status (the list),
-- plan_counts, plan_wards, plan_by_task, plan_six_clear, plan_periods.
with judged as (
    select
        t.*,
        t.status <> 'Hoàn thành'
        and t.due_date is not null
        and t.due_date < $today::date as overdue,
        -- Completed on its due date is on time; a day after is one day late.
        t.status = 'Hoàn thành'
        and t.due_date is not null
        and t.completed_date > t.due_date as done_late
    from plan_tasks as t
    where len($wards::varchar[]) = 0 or list_contains($wards::varchar[], t.ward)
),

tasks as (
    select
        j.* replace (case when j.overdue then 'Quá hạn' else j.status end as status),
        j.status as reported_status,
        case when j.overdue then date_diff('day', j.due_date, $today::date) end as days_overdue,
        -- Days past the due date: so far while overdue, at completion once done late.
        case
            when j.overdue then date_diff('day', j.due_date, $today::date)
            when j.done_late then date_diff('day', j.due_date, j.completed_date)
        end as days_late,
        j.recurring and (
            j.last_report_date is null
            or j.last_report_date < date_trunc('quarter', $today::date)
        ) as not_reported_this_period,
        j.lead_unit is not null as clear_who,
        j.title is not null as clear_what,
        j.due_date is not null or j.recurring as clear_when,
        j.accountable is not null as clear_accountability,
        j.deliverable is not null as clear_deliverable,
        j.authority is not null as clear_authority
    from judged as j
)

select
    *,
    -- $clear_labels: the six labels in the order of the six flags (queries.SIX_CLEAR)
    array_to_string(
        list_filter(
            $clear_labels::varchar[],
            lambda label, i: not [
                clear_who,
                clear_what,
                clear_when,
                clear_accountability,
                clear_deliverable,
                clear_authority
            ][i]
        ),
        ', '
    ) as missing_clear
from tasks
