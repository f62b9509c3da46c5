-- The plan's tasks with their latest status, overdue judged against $today.
with tasks as (
select
    t.ward,
    t.task_code,
    t.title,
    t.lead_unit,
    t.coordinating_units,
    t.deadline_text,
    t.due_date,
    t.recurring,
    t.status as reported_status,
    case
        when t.status <> 'Hoàn thành' and t.due_date is not null and t.due_date < $today::date
            then 'Quá hạn'
        else t.status
    end as status,
    t.status <> 'Hoàn thành' and t.due_date is not null and t.due_date < $today::date as overdue,
    case
        when t.due_date is not null and t.status <> 'Hoàn thành' and t.due_date < $today::date
            then date_diff('day', t.due_date, $today::date)
    end as days_overdue,
    t.recurring and (
        t.last_report_date is null
        or t.last_report_date < date_trunc('quarter', $today::date)
    ) as not_reported_this_period,
    t.percent,
    t.last_report_date,
    t.deliverable,
    t.reported_deliverable,
    t.last_note,
    t.accountable,
    t.authority,
    t.assignee,
    t.lead_unit is not null as clear_who,
    t.title is not null as clear_what,
    t.due_date is not null or t.recurring as clear_when,
    t.accountable is not null as clear_accountability,
    t.deliverable is not null as clear_deliverable,
    t.authority is not null as clear_authority,
    t.sort_order
from plan_tasks as t
where len($wards::varchar[]) = 0 or list_contains($wards::varchar[], t.ward)
)

select
    * exclude (sort_order),
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
order by ward, sort_order
