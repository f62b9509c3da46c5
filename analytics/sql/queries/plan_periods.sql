-- The reporting periods of every recurring task in scope (plan_task_status.sql): one row per
-- period of its cadence (report_every: month, quarter, year), from the period holding the earlier
-- of $plan_start and its first report to the period holding $today, with the reports dated in
-- it (up to $today: read as of that day) and its state: 'reported' (at least one report), 'missed' (ended before $today without
-- one), 'open' (the current period, not reported yet).
with tasks as (
    select
        ward,
        task_code,
        sort_order,
        report_every,
        case report_every
            when 'month' then interval 1 month
            when 'year' then interval 1 year
            else interval 3 month
        end as step,
        least($plan_start::date, coalesce(first_report_date, $plan_start::date)) as first_day
    from ({{query:plan_task_status}}) as t
    where recurring
),

periods as (
    select
        ward,
        task_code,
        sort_order,
        report_every,
        step,
        unnest(
            generate_series(
                date_trunc(report_every, first_day),
                date_trunc(report_every, $today::date),
                step
            )
        )::date as period_start
    from tasks
),

counted as (
    select
        p.ward,
        p.task_code,
        p.sort_order,
        p.report_every,
        p.period_start,
        (p.period_start + p.step - interval 1 day)::date as period_end,
        count(r.report_id) as reports
    from periods as p
    left join progress_reports as r
        on r.ward = p.ward
        and r.task_code = p.task_code
        and r.report_date >= p.period_start
        and r.report_date < p.period_start + p.step
        and r.report_date <= $today::date
    group by all
)

select
    ward,
    task_code,
    report_every,
    period_start,
    period_end,
    reports,
    case
        when reports > 0 then 'reported'
        when period_end < $today::date then 'missed'
        else 'open'
    end as state,
    sort_order
from counted
order by ward, sort_order, period_start
