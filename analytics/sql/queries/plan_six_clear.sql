-- For each criterion of "6 rõ" (the clear_* flags of plan_task_status.sql): how many tasks (and
-- in how many wards) the plan leaves it out of.
with flags as (
    unpivot (
        select ward, columns('^clear_')
        from ({{query:plan_task_status}}) as tasks
    )
    on columns('^clear_')
    into name criterion value clear
)

select
    criterion,
    count(*) filter (where not clear) as tasks,
    count(distinct ward) filter (where not clear) as wards
from flags
group by criterion
