-- The imported files the figures of the reader's scope come from (an export's cover, issue 10):
-- the latest roster of each ward in scope ('current') and the one before it ('previous', the
-- comparison), the evaluation files of the people in view, each ward's latest plan file and its
-- progress files; progress entered in the app is one line of its own (import_id null).
with used as (
    select import_id, min(snapshot_rank) as rank
    from people
    where snapshot_rank <= 2 and {{scope}}
    group by import_id
    union all
    select distinct import_id, 1 as rank
    from evaluations
    where import_id is not null and staff_id in (select staff_id from staff where {{scope}})
    union all
    select max(import_id) as import_id, 1 as rank
    from plan_task_rows
    where len($wards::varchar[]) = 0 or list_contains($wards::varchar[], ward)
    group by ward
    union all
    select distinct import_id, 1 as rank
    from progress_reports
    where import_id is not null
      and (len($wards::varchar[]) = 0 or list_contains($wards::varchar[], ward))
),
files as (
    select import_id, min(rank) as rank from used group by import_id
)
select
    i.import_id,
    i.kind,
    i.file_name,
    i.wards,
    i.as_of,
    i.year,
    i.rows_imported,
    i.imported_at,
    f.rank = 2 as previous
from files as f
join imports as i using (import_id)
where i.undone_at is null
union all
select
    null as import_id,
    'progress' as kind,
    null as file_name,
    list(distinct ward order by ward) as wards,
    null as as_of,
    null as year,
    count(*)::integer as rows_imported,
    max(created_at) as imported_at,
    false as previous
from progress_reports
where import_id is null
  and (len($wards::varchar[]) = 0 or list_contains($wards::varchar[], ward))
having count(*) > 0
order by
    previous,
    case kind when 'roster' then 1 when 'evaluation' then 2 when 'plan' then 3 else 4 end,
    imported_at desc,
    import_id desc
